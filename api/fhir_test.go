package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	fhirmodels "github.com/samply/golang-fhir-models/fhir-models/fhir"

	"torchlab/lab"
	"torchlab/lab/fhir/fhirtest"
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

// The LOINC codes torchlab may send, with LOINC's scale (read from the
// property in the long name) and long name, as domain.md §5 verified them
// ("" where §5 has no verified long name: no display is sent).
var loincScale = map[string]struct{ scale, name string }{
	"8039-0":  {"Qn", "Toxoplasma gondii IgG Ab [Units/volume] in Serum"},
	"40678-5": {"Ord", "Toxoplasma gondii IgM Ab [Presence] in Serum or Plasma by Immunoassay"},
	"5334-8":  {"Qn", "Rubella virus IgG Ab [Units/volume] in Serum by Immunoassay"},
	"5335-5":  {"Qn", "Rubella virus IgM Ab [Units/volume] in Serum by Immunoassay"},
	"7853-5":  {"Qn", "Cytomegalovirus IgM Ab [Units/volume] in Serum or Plasma"},
	"44009-9": {"Nom", ""},
	"44008-1": {"Nom", ""},
}

// perVolume are the UCUM units a [Units/volume] code takes.
var perVolume = map[string]bool{"[IU]/mL": true, "m[IU]/mL": true, "[arb'U]/mL": true}

// Each analyte's code with the seeded kits, and where its value goes:
// "quantity" (valueQuantity), "concept" (valueCodeableConcept) or
// "concept+component" (the interpretation as value, the number in a
// component). Toxo IgM's only verified code is [Presence] although the
// kit counts AU/mL; rubella and CMV IgM kits count an index, which no
// [Units/volume] code takes; CMV IgG has no verified code.
var analyteCoding = map[string]struct{ loinc, value string }{
	"TOXO_IGG": {"8039-0", "quantity"},
	"TOXO_IGM": {"40678-5", "concept+component"},
	"RUBV_IGG": {"5334-8", "quantity"},
	"RUBV_IGM": {"", "quantity"},
	"CMV_IGG":  {"", "quantity"},
	"CMV_IGM":  {"", "quantity"},
	"HSV_IGG":  {"44009-9", "concept+component"},
	"HSV_IGM":  {"44008-1", "concept+component"},
}

// checkScale is the scale rule: a quantitative LOINC code always has a
// valueQuantity in a unit per volume; a presence, ordinal or
// interpretation code never has a number as its value, only as a
// component under a code of its own.
func checkScale(t *testing.T, name string, o fhirmodels.Observation) {
	t.Helper()
	for _, c := range o.Code.Coding {
		if c.System == nil || *c.System != "http://loinc.org" {
			continue
		}
		want, ok := loincScale[*c.Code]
		if !ok {
			t.Fatalf("%s: LOINC %s is not one domain.md §5 verified", name, *c.Code)
		}
		if (want.name == "") != (c.Display == nil) || (c.Display != nil && *c.Display != want.name) {
			t.Fatalf("%s: LOINC %s display %v, want LOINC's long name %q", name, *c.Code, c.Display, want.name)
		}
		numbers := o.ValueInteger != nil || o.ValueRatio != nil || o.ValueRange != nil || o.ValueSampledData != nil || o.ValueString != nil
		switch want.scale {
		case "Qn":
			if o.ValueQuantity == nil || o.ValueQuantity.Code == nil || !perVolume[*o.ValueQuantity.Code] || o.ValueCodeableConcept != nil || numbers {
				t.Fatalf("%s: quantitative LOINC %s without a valueQuantity per volume: %+v", name, *c.Code, o)
			}
		default:
			if o.ValueQuantity != nil || numbers || o.ValueCodeableConcept == nil || len(o.ValueCodeableConcept.Coding) == 0 {
				t.Fatalf("%s: %s LOINC %s carries a number or no coded value: %+v", name, want.scale, *c.Code, o)
			}
			for _, comp := range o.Component {
				for _, cc := range comp.Code.Coding {
					if *cc.System == "http://loinc.org" {
						t.Fatalf("%s: the number of %s sits under a LOINC code", name, *c.Code)
					}
				}
			}
		}
	}
}

// fhirExport is one sample's $everything, decoded strictly into the R4
// models, with its DiagnosticReport as GET DiagnosticReport/{accession}
// answers it.
type fhirExport struct {
	raw      []byte
	patient  fhirmodels.Patient
	specimen fhirmodels.Specimen
	report   fhirmodels.DiagnosticReport
	// byAnalyte are the results' Observations.
	byAnalyte map[string]fhirmodels.Observation
	tasks     []fhirmodels.Task
	external  []fhirmodels.Observation
	kinds     map[string]int
}

type bundleJSON struct {
	ResourceType string `json:"resourceType"`
	Type         string `json:"type"`
	Entry        []struct {
		FullURL  string          `json:"fullUrl"`
		Resource json.RawMessage `json:"resource"`
	} `json:"entry"`
}

// export fetches a released sample's DiagnosticReport and its $everything
// (query: "" or "?lang=…"), keeps both answers for the official schema,
// decodes them and checks what every export must hold: the scale rule on
// every result, references that resolve, and the report alone equal to the
// report in the bundle.
func (e *env) export(t *testing.T, answers fhirtest.Answers, name, acc, token, query string) fhirExport {
	t.Helper()
	get := func(path string) []byte {
		res := e.do("GET", path, token, nil)
		expectStatus(t, res, http.StatusOK)
		if ct := res.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/fhir+json") {
			t.Fatalf("%s answered %s", path, ct)
		}
		return res.Body.Bytes()
	}
	alone := get("/api/v1/fhir/DiagnosticReport/" + acc + query)
	everything := get("/api/v1/fhir/DiagnosticReport/" + acc + "/$everything" + query)
	answers.Add(t, name+"-DiagnosticReport", alone)
	answers.Add(t, name+"-everything", everything)

	x := fhirExport{raw: everything, byAnalyte: map[string]fhirmodels.Observation{}, kinds: map[string]int{}}
	var b bundleJSON
	if err := json.Unmarshal(everything, &b); err != nil || b.ResourceType != "Bundle" || b.Type != "collection" {
		t.Fatalf("%s: not a collection bundle: %v\n%s", name, err, everything)
	}
	urls := map[string]bool{}
	observations := map[string]fhirmodels.Observation{}
	var reportRaw json.RawMessage
	for _, en := range b.Entry {
		if urls[en.FullURL] {
			t.Fatalf("%s: two entries at %s", name, en.FullURL)
		}
		urls[en.FullURL] = true
		var head struct {
			ResourceType string
			ID           string
		}
		json.Unmarshal(en.Resource, &head)
		if en.FullURL != "urn:uuid:"+head.ID {
			t.Fatalf("%s: entry %s holds a resource with id %q", name, en.FullURL, head.ID)
		}
		x.kinds[head.ResourceType]++
		switch head.ResourceType {
		case "Patient":
			strict(t, en.Resource, &x.patient)
		case "Specimen":
			strict(t, en.Resource, &x.specimen)
		case "Observation":
			var o fhirmodels.Observation
			strict(t, en.Resource, &o)
			if len(o.Identifier) > 0 {
				x.external = append(x.external, o)
			} else {
				observations[en.FullURL] = o
			}
		case "DiagnosticReport":
			strict(t, en.Resource, &x.report)
			reportRaw = en.Resource
		case "Task":
			var task fhirmodels.Task
			strict(t, en.Resource, &task)
			x.tasks = append(x.tasks, task)
		default:
			t.Fatalf("%s: unexpected %s", name, head.ResourceType)
		}
	}
	var inBundle, byItself any
	json.Unmarshal(reportRaw, &inBundle)
	json.Unmarshal(alone, &byItself)
	if !reflect.DeepEqual(inBundle, byItself) {
		t.Fatalf("%s: the DiagnosticReport alone differs from the bundle's:\n%s\n%s", name, alone, reportRaw)
	}
	// The report lists its results in report order: that names the
	// analyte of each Observation.
	var rep lab.Report
	decode(t, e.do("GET", "/api/v1/samples/"+acc+"/report", token, nil), &rep)
	if len(x.report.Result) != len(rep.Results) || len(observations) != len(rep.Results) {
		t.Fatalf("%s: %d results, %d Observations, %d in the report", name, len(rep.Results), len(observations), len(x.report.Result))
	}
	for i, ref := range x.report.Result {
		o, ok := observations[*ref.Reference]
		if !ok {
			t.Fatalf("%s: the report points at %s, which is not in the bundle", name, *ref.Reference)
		}
		analyte := rep.Results[i].Analyte
		x.byAnalyte[analyte] = o
		checkScale(t, name+" "+analyte, o)
		checkAnalyteCoding(t, name, analyte, o, rep.Results[i])
	}
	for _, ref := range []*string{x.specimen.Subject.Reference, x.report.Subject.Reference, x.report.Specimen[0].Reference} {
		if !urls[*ref] {
			t.Fatalf("%s: a reference to %s, which is not in the bundle", name, *ref)
		}
	}
	for _, task := range x.tasks {
		if !urls[*task.Focus.Reference] || !urls[*task.For.Reference] {
			t.Fatalf("%s: a task points outside the bundle: %+v", name, task)
		}
	}
	for n := 1; n <= 4; n++ {
		if bytes.Contains(everything, []byte(womanID(n))) {
			t.Fatalf("%s: the export carries a resident ID number", name)
		}
	}
	return x
}

// checkAnalyteCoding checks one result's Observation against the analyte's
// expected code and value; a result entered as a reading (no number) has
// no number anywhere and a quantitative code gives way to the local one.
func checkAnalyteCoding(t *testing.T, name, analyte string, o fhirmodels.Observation, r lab.ReportResult) {
	t.Helper()
	want, ok := analyteCoding[analyte]
	if !ok {
		t.Fatalf("%s: no expected coding for %s", name, analyte)
	}
	if r.Value == nil {
		if want.value == "quantity" {
			want.loinc = ""
		}
		want.value = "concept"
	}
	var loinc, local string
	for _, c := range o.Code.Coding {
		switch *c.System {
		case "http://loinc.org":
			loinc = *c.Code
		case "urn:torchlab:analyte":
			local = *c.Code
		}
	}
	if loinc != want.loinc || (want.loinc == "" && local != analyte) || len(o.Code.Coding) != 1 {
		t.Fatalf("%s %s: coded %+v, want LOINC %q or else the local code", name, analyte, o.Code.Coding, want.loinc)
	}
	var got string
	switch {
	case o.ValueQuantity != nil && len(o.Component) == 0:
		got = "quantity"
		if number(o.ValueQuantity) != *r.Value || *o.ValueQuantity.Unit != r.Unit {
			t.Fatalf("%s %s: valueQuantity %+v, the result is %v %s", name, analyte, o.ValueQuantity, *r.Value, r.Unit)
		}
	case o.ValueCodeableConcept != nil && len(o.Component) == 1:
		got = "concept+component"
		comp := o.Component[0]
		if comp.ValueQuantity == nil || number(comp.ValueQuantity) != *r.Value || *comp.Code.Coding[0].Code != analyte ||
			len(comp.Interpretation) != 1 || len(comp.ReferenceRange) != 1 || len(o.ReferenceRange) != 0 {
			t.Fatalf("%s %s: component %+v, the result is %v", name, analyte, comp, *r.Value)
		}
	case o.ValueCodeableConcept != nil && len(o.Component) == 0:
		got = "concept"
	}
	if got != want.value {
		t.Fatalf("%s %s: value as %q, want %q: %+v", name, analyte, got, want.value, o)
	}
	if got != "quantity" && !reflect.DeepEqual(o.ValueCodeableConcept.Coding, o.Interpretation[0].Coding) {
		t.Fatalf("%s %s: the coded value %+v is not the interpretation %+v", name, analyte, o.ValueCodeableConcept, o.Interpretation)
	}
}

func number(q *fhirmodels.Quantity) float64 {
	f, _ := q.Value.Float64()
	return f
}

func interpCodes(o fhirmodels.Observation) []string {
	var out []string
	for _, c := range o.Interpretation[0].Coding {
		out = append(out, *c.System+"|"+*c.Code)
	}
	return out
}

func statusesOf(x fhirExport) map[string]fhirmodels.ObservationStatus {
	out := map[string]fhirmodels.ObservationStatus{}
	for a, o := range x.byAnalyte {
		out[a] = o.Status
	}
	return out
}

// Every FHIR answer of a small programme, in both forms, each decoded
// strictly into the R4 models and then all of them validated against the
// official FHIR R4 JSON schema: a normal woman (Chinese and English, then
// amended twice), an abnormal one with an urgent case, equivocal results,
// an external result, her case closed, a case lost to follow-up, and an
// NFPCP sample with readings instead of numbers.
func TestFHIRExport(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		answers := fhirtest.Answers{}
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		seen := map[string]bool{}
		note := func(x fhirExport) {
			for a := range x.byAnalyte {
				seen[a] = true
			}
		}

		t.Run("normal", func(t *testing.T) {
			acc := e.released(nurse, tech, tech2, 1, clientBody(1), nil)
			x := e.export(t, answers, "normal", acc, tech, "")
			note(x)
			if x.kinds["Patient"] != 1 || x.kinds["Specimen"] != 1 || x.kinds["Observation"] != 8 || x.kinds["DiagnosticReport"] != 1 || x.kinds["Task"] != 0 {
				t.Fatalf("resources = %v", x.kinds)
			}
			r := x.report
			if r.Status != fhirmodels.DiagnosticReportStatusFinal || len(r.Category) != 1 || *r.Category[0].Coding[0].System != "http://terminology.hl7.org/CodeSystem/v2-0074" ||
				*r.Category[0].Coding[0].Code != "LAB" {
				t.Fatalf("report status and category: %+v", r)
			}
			if *r.Code.Coding[0].System != "urn:torchlab:panel" || *r.Code.Coding[0].Code != "TORCH8" || *r.Code.Text != "TORCH八项（IgG/IgM）" {
				t.Fatalf("report code = %+v", r.Code)
			}
			if r.EffectiveDateTime == nil || *r.EffectiveDateTime != *x.specimen.Collection.CollectedDateTime || *r.Language != "zh-CN" {
				t.Fatalf("report effective %v, specimen collected %v", r.EffectiveDateTime, x.specimen.Collection.CollectedDateTime)
			}
			if r.Conclusion == nil || !strings.Contains(*r.Conclusion, "弓形虫：IgG 阴性，IgM 阴性") || strings.Contains(*r.Conclusion, "Toxoplasma") {
				t.Fatalf("conclusion in Chinese = %v", r.Conclusion)
			}
			if len(r.Identifier) != 1 || *r.Identifier[0].Value != acc || !strings.HasSuffix(*r.Identifier[0].System, ":accession") ||
				*x.specimen.AccessionIdentifier.System != *r.Identifier[0].System {
				t.Fatalf("report identifier %+v, specimen %+v", r.Identifier, x.specimen.AccessionIdentifier)
			}
			p := x.patient
			if p.Gender == nil || *p.Gender != fhirmodels.AdministrativeGenderFemale || p.BirthDate == nil || len(p.Identifier) != 1 ||
				!strings.HasPrefix(*p.Identifier[0].System, "urn:torchlab:") || !strings.HasSuffix(*p.Identifier[0].System, ":client") {
				t.Fatalf("patient = %+v", p)
			}
			for a, s := range statusesOf(x) {
				if s != fhirmodels.ObservationStatusFinal {
					t.Fatalf("%s is %s before any amendment", a, s.Code())
				}
			}

			en := e.export(t, answers, "normal-en", acc, tech, "?lang=en")
			if c := en.report.Conclusion; c == nil || !strings.Contains(*c, "Toxoplasma: IgG negative, IgM negative") || *en.report.Language != "en" ||
				*en.report.Code.Text != "TORCH, all eight analytes" || *en.byAnalyte["TOXO_IGG"].Code.Text != "Toxoplasma IgG antibody" {
				t.Fatalf("English export: conclusion %v, code %v", c, en.report.Code.Text)
			}
			for _, q := range []string{"?lang=fr", "?lang=ZH"} {
				expectProblem(t, e.do("GET", "/api/v1/fhir/DiagnosticReport/"+acc+q, tech, nil), http.StatusUnprocessableEntity, "validation")
				expectProblem(t, e.do("GET", "/api/v1/fhir/DiagnosticReport/"+acc+"/$everything"+q, tech, nil), http.StatusUnprocessableEntity, "validation")
			}
			for _, p := range []string{"", "/$everything"} {
				expectProblem(t, e.do("GET", "/api/v1/fhir/DiagnosticReport/"+acc+p, nurseB, nil), http.StatusNotFound, "not_found")
			}

			// Two amendments, of two analytes, in two versions: each stays
			// amended once changed; the others stay final.
			amend := func(analyte, value, name string) fhirExport {
				t.Helper()
				expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/results/"+analyte+"/amend", tech, map[string]any{"value": value, "reason": "re-run"}), http.StatusOK)
				expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
				return e.export(t, answers, name, acc, tech, "")
			}
			v2 := amend("TOXO_IGG", "0.3", "amended-v2")
			v3 := amend("HSV_IGM", "0.4", "amended-v3")
			for v, x := range map[string]fhirExport{"v2": v2, "v3": v3} {
				if x.report.Status != fhirmodels.DiagnosticReportStatusAmended {
					t.Fatalf("%s: report is %s", v, x.report.Status.Code())
				}
				for a, s := range statusesOf(x) {
					changed := a == "TOXO_IGG" || (v == "v3" && a == "HSV_IGM")
					if (s == fhirmodels.ObservationStatusAmended) != changed || (!changed && s != fhirmodels.ObservationStatusFinal) {
						t.Fatalf("%s: %s is %s", v, a, s.Code())
					}
				}
			}
			if number(v3.byAnalyte["HSV_IGM"].Component[0].ValueQuantity) != 0.4 {
				t.Fatalf("the amended value is not exported: %+v", v3.byAnalyte["HSV_IGM"].Component)
			}
		})

		t.Run("abnormal, equivocal, a case and its external result", func(t *testing.T) {
			// 7 weeks pregnant: IgG and IgM positive toxoplasma is urgent.
			acc := e.released(nurse, tech, tech2, 2, clientBody(2, with("category", "pregnant"), with("lmp_date", "2026-01-10")),
				map[string]string{"TOXO_IGG": "45", "TOXO_IGM": "20", "CMV_IGM": "0.9", "HSV_IGG": "1.0"})
			x := e.export(t, answers, "abnormal", acc, tech, "")
			note(x)
			if len(x.tasks) != 1 || x.tasks[0].Status != fhirmodels.TaskStatusRequested || *x.tasks[0].Priority != fhirmodels.RequestPriorityStat ||
				!strings.HasSuffix(*x.tasks[0].Identifier[0].System, ":followup") {
				t.Fatalf("tasks = %+v", x.tasks)
			}
			toxoIgM := x.byAnalyte["TOXO_IGM"]
			if got := interpCodes(toxoIgM); !reflect.DeepEqual(got, []string{"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation|POS"}) ||
				*toxoIgM.Component[0].ValueQuantity.Code != "[arb'U]/mL" || *toxoIgM.Component[0].ValueQuantity.System != "http://unitsofmeasure.org" ||
				toxoIgM.Method == nil {
				t.Fatalf("Toxo IgM = %+v", toxoIgM)
			}
			equivocal := []string{"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation|IND", "http://snomed.info/sct|42425007"}
			for _, a := range []string{"CMV_IGM", "HSV_IGG"} {
				if got := interpCodes(x.byAnalyte[a]); !reflect.DeepEqual(got, equivocal) {
					t.Fatalf("equivocal %s is interpreted %v", a, got)
				}
			}
			if c := *x.report.Conclusion; !strings.Contains(c, "弓形虫：IgG 阳性，IgM 阳性") {
				t.Fatalf("conclusion = %s", c)
			}

			var q caseList
			decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
			url := path("/api/v1/followups/%d", q.Items[0].ID)
			expectStatus(t, e.do("POST", url+"/external-results", counselor,
				map[string]any{"kind": "avidity", "pathogen": "TOXO", "result": "high", "performed_on": "2026-03-02", "note": "hospital lab"}), http.StatusCreated)
			expectStatus(t, e.do("POST", url+"/contacts", counselor, map[string]any{"channel": "phone", "result": "reached"}), http.StatusCreated)
			expectStatus(t, e.do("POST", url+"/close", counselor, map[string]any{"outcome": "counseled"}), http.StatusOK)
			x = e.export(t, answers, "case-closed", acc, tech, "")
			if len(x.tasks) != 1 || x.tasks[0].Status != fhirmodels.TaskStatusCompleted || len(x.external) != 1 {
				t.Fatalf("closed case: tasks %+v, external %d", x.tasks, len(x.external))
			}
			ext := x.external[0]
			if *ext.Code.Text != "Toxoplasma gondii IgG avidity" || len(ext.Code.Coding) != 0 || *ext.ValueCodeableConcept.Text != "high" ||
				!strings.HasSuffix(*ext.Identifier[0].System, ":external-result") {
				t.Fatalf("external result = %+v", ext)
			}
		})

		t.Run("NFPCP panel with readings", func(t *testing.T) {
			sm := e.received(nurse, tech, 4, "NFPCP")
			expectStatus(t, e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": []map[string]any{
				{"analyte": "TOXO_IGG", "qualitative": "negative"}, {"analyte": "TOXO_IGM", "qualitative": "negative"},
				{"analyte": "RUBV_IGG", "value": "40"}, {"analyte": "CMV_IGG", "value": "20"}, {"analyte": "CMV_IGM", "value": "0.1"}}}), http.StatusOK)
			expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{}), http.StatusOK)
			x := e.export(t, answers, "nfpcp", sm.Accession, tech, "")
			if x.kinds["Observation"] != 5 || *x.report.Code.Coding[0].Code != "NFPCP" || *x.report.Code.Text != "国家免费孕前优生检查五项" {
				t.Fatalf("NFPCP export: %v, code %+v", x.kinds, x.report.Code)
			}
			if c := *x.report.Conclusion; !strings.Contains(c, "风疹病毒：IgG 阳性，IgM 未检测") {
				t.Fatalf("conclusion = %s", c)
			}
		})

		t.Run("lost to follow-up", func(t *testing.T) {
			acc := e.released(nurse, tech, tech2, 3, clientBody(3), map[string]string{"RUBV_IGG": "1"})
			var q caseList
			decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
			var id int64
			for _, c := range q.Items {
				if c.SampleAccession == acc {
					id = c.ID
				}
			}
			call := func(token string) {
				t.Helper()
				expectStatus(t, e.do("POST", path("/api/v1/followups/%d/contacts", id), token, map[string]any{"channel": "phone", "result": "no_answer"}), http.StatusCreated)
			}
			call(counselor)
			call(counselor)
			e.clock.Advance(24 * time.Hour)
			counselor = e.login("counselor.a", testPassword)
			tech = e.login("tech", testPassword)
			call(counselor)
			expectStatus(t, e.do("POST", path("/api/v1/followups/%d/close", id), counselor, map[string]any{"outcome": "lost_to_follow_up"}), http.StatusOK)
			x := e.export(t, answers, "lost", acc, tech, "")
			if len(x.tasks) != 1 || x.tasks[0].Status != fhirmodels.TaskStatusFailed || *x.tasks[0].BusinessStatus.Text != "closed lost_to_follow_up" {
				t.Fatalf("a case lost to follow-up: %+v", x.tasks)
			}
		})

		for a := range analyteCoding {
			if !seen[a] {
				t.Errorf("no export showed %s", a)
			}
		}
		if e.auditCount("fhir.export") != int64(len(answers)) {
			t.Fatalf("%d exports audited, %d answered", e.auditCount("fhir.export"), len(answers))
		}
		t.Run("official schema", func(t *testing.T) { answers.Validate(t) })
	})
}

// Two deployments that set no organisation URI name the same records
// differently: the woman's identifier system and every resource id.
func TestFHIRDeploymentsNeverCollide(t *testing.T) {
	var systems, ids []string
	for range 2 {
		e := newEnv(t, "sqlite")
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		acc := e.released(nurse, tech, tech2, 1, clientBody(1), nil)
		x := e.export(t, fhirtest.Answers{}, "deployment", acc, tech, "")
		systems = append(systems, *x.patient.Identifier[0].System)
		ids = append(ids, *x.patient.Id+" "+*x.report.Id)
	}
	if systems[0] == systems[1] || ids[0] == ids[1] {
		t.Fatalf("two deployments share %v / %v", systems, ids)
	}
}
