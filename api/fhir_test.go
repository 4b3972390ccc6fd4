package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	fhirmodels "github.com/samply/golang-fhir-models/fhir-models/fhir"

	"torchlab/lab"
)

// strict decodes one resource into its R4 model, refusing any field the
// model does not have (a misspelt element) and any code outside its value
// set (the models check their enumerations).
func strict(t *testing.T, raw json.RawMessage, dst any) {
	t.Helper()
	var m map[string]any
	json.Unmarshal(raw, &m)
	delete(m, "resourceType")
	b, _ := json.Marshal(m)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		t.Fatalf("not a valid R4 resource: %v\n%s", err, raw)
	}
}

func TestFHIRBundle(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
		acc := e.released(nurse, tech, tech2, 1, clientBody(1, with("category", "pregnant"), with("lmp_date", "2026-02-01")),
			map[string]string{"TOXO_IGM": "20", "CMV_IGM": "0.9"})

		res := e.do("GET", "/api/v1/fhir/DiagnosticReport/"+acc, tech, nil)
		expectStatus(t, res, http.StatusOK)
		var bundle struct {
			ResourceType string `json:"resourceType"`
			Type         string `json:"type"`
			Entry        []struct {
				FullURL  string          `json:"fullUrl"`
				Resource json.RawMessage `json:"resource"`
			} `json:"entry"`
		}
		decode(t, res, &bundle)
		if bundle.ResourceType != "Bundle" || bundle.Type != "collection" || len(bundle.Entry) != 1+1+8+1+1 {
			t.Fatalf("bundle of %d entries: %s", len(bundle.Entry), res.Body)
		}
		kinds := map[string]int{}
		urls := map[string]bool{}
		var observations []fhirmodels.Observation
		var report fhirmodels.DiagnosticReport
		for _, en := range bundle.Entry {
			urls[en.FullURL] = true
			var head struct{ ResourceType string }
			json.Unmarshal(en.Resource, &head)
			kinds[head.ResourceType]++
			switch head.ResourceType {
			case "Patient":
				var p fhirmodels.Patient
				strict(t, en.Resource, &p)
				if p.Gender == nil || *p.Gender != fhirmodels.AdministrativeGenderFemale || p.BirthDate == nil {
					t.Fatalf("patient = %+v", p)
				}
				if bytes.Contains(en.Resource, []byte(womanID(1))) {
					t.Fatal("the export carries her resident ID number")
				}
			case "Specimen":
				var s fhirmodels.Specimen
				strict(t, en.Resource, &s)
				if s.AccessionIdentifier == nil || *s.AccessionIdentifier.Value != acc {
					t.Fatalf("specimen = %+v", s)
				}
			case "Observation":
				var o fhirmodels.Observation
				strict(t, en.Resource, &o)
				observations = append(observations, o)
			case "DiagnosticReport":
				strict(t, en.Resource, &report)
			case "Task":
				var task fhirmodels.Task
				strict(t, en.Resource, &task)
				if task.Status != fhirmodels.TaskStatusRequested || task.Priority == nil || *task.Priority != fhirmodels.RequestPriorityStat {
					t.Fatalf("task = %+v", task)
				}
			}
		}
		if kinds["Patient"] != 1 || kinds["Specimen"] != 1 || kinds["Observation"] != 8 || kinds["DiagnosticReport"] != 1 || kinds["Task"] != 1 {
			t.Fatalf("resources = %v", kinds)
		}
		byLOINC := map[string]fhirmodels.Observation{}
		for _, o := range observations {
			if len(o.Code.Coding) != 1 || *o.Code.Coding[0].System != "http://loinc.org" {
				t.Fatalf("observation code = %+v", o.Code)
			}
			byLOINC[*o.Code.Coding[0].Code] = o
		}
		toxoIgM := byLOINC["40678-5"]
		if toxoIgM.ValueQuantity == nil || *toxoIgM.ValueQuantity.Code != "[arb'U]/mL" || *toxoIgM.ValueQuantity.System != "http://unitsofmeasure.org" ||
			*toxoIgM.Interpretation[0].Coding[0].Code != "POS" || toxoIgM.Method == nil || toxoIgM.Status != fhirmodels.ObservationStatusFinal {
			t.Fatalf("Toxo IgM observation = %+v", toxoIgM)
		}
		if cmv := byLOINC["7853-5"]; *cmv.Interpretation[0].Coding[0].Code != "IND" {
			t.Fatal("an equivocal CMV IgM is not IND")
		}
		if byLOINC["8039-0"].Interpretation[0].Coding[0].Code == nil || *byLOINC["8039-0"].Interpretation[0].Coding[0].Code != "NEG" {
			t.Fatal("a negative Toxo IgG is not NEG")
		}
		if report.Status != fhirmodels.DiagnosticReportStatusFinal || len(report.Result) != 8 || report.Conclusion == nil || len(report.ConclusionCode) == 0 {
			t.Fatalf("diagnostic report = %+v", report)
		}
		for _, ref := range report.Result {
			if !urls[*ref.Reference] {
				t.Fatalf("the report points at %s, which is not in the bundle", *ref.Reference)
			}
		}
		expectProblem(t, e.do("GET", "/api/v1/fhir/DiagnosticReport/"+acc, nurseB, nil), http.StatusNotFound, "not_found")
		if e.auditCount("fhir.export") != 1 {
			t.Fatal("the export was not audited")
		}
	})
}
