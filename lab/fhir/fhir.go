// Package fhir writes a released sample as a FHIR R4 Bundle: the woman
// (Patient), the tube (Specimen), one Observation per result with its
// LOINC code, UCUM unit, interpretation and kit, the DiagnosticReport with
// its conclusion, and the follow-up cases as Tasks.
package fhir

import (
	"crypto/sha1"
	"fmt"
	"time"

	"torchlab/lab"
)

// urn returns a stable urn:uuid for a resource (name-based, SHA-1), so the
// same record has the same id in every export.
func urn(kind string, id any) string {
	h := sha1.Sum([]byte(fmt.Sprintf("torchlab:%s:%v", kind, id)))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// ucum maps torchlab's units to UCUM codes.
var ucum = map[string]string{"IU/mL": "[IU]/mL", "AU/mL": "[arb'U]/mL", "index": "{index}", "ratio": "{ratio}", "U/mL": "U/mL"}

// interpretation maps a reading to THO v3-ObservationInterpretation.
var interpretation = map[lab.Interpretation][2]string{
	lab.Negative:  {"NEG", "Negative"},
	lab.Equivocal: {"IND", "Indeterminate"},
	lab.Positive:  {"POS", "Positive"},
}

const (
	loincSystem  = "http://loinc.org"
	ucumSystem   = "http://unitsofmeasure.org"
	interpSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
	findSystem   = "urn:torchlab:finding"
)

type object = map[string]any

// Bundle returns the FHIR R4 collection Bundle as JSON-ready maps. The
// woman is identified by torchlab's client id, never by her resident ID
// number: the export carries no more personal data than it needs.
func Bundle(in *lab.FHIRSource) object {
	r := in.Report
	patient, specimen, report := urn("Patient", in.ClientID), urn("Specimen", r.Accession), urn("DiagnosticReport", r.Accession)
	entries := []object{}
	add := func(fullURL string, res object) {
		entries = append(entries, object{"fullUrl": fullURL, "resource": res})
	}
	add(patient, object{
		"resourceType": "Patient",
		"identifier":   []object{{"system": "urn:torchlab:client", "value": fmt.Sprint(in.ClientID)}},
		"name":         []object{{"text": r.Name}},
		"gender":       "female",
		"birthDate":    string(in.BirthDate),
	})
	// Only released samples are exported: the tube was good.
	specimenStatus := "available"
	add(specimen, object{
		"resourceType":        "Specimen",
		"accessionIdentifier": object{"system": "urn:torchlab:accession", "value": r.Accession},
		"status":              specimenStatus,
		"type":                object{"coding": []object{{"system": "http://snomed.info/sct", "code": "119364003", "display": "Serum specimen"}}},
		"subject":             object{"reference": patient},
		"collection":          object{"collectedDateTime": in.CollectedAt.UTC().Format(time.RFC3339)},
	})
	status := "final"
	if r.Version > 1 {
		status = "amended"
	}
	var results []object
	for _, res := range r.Results {
		obs := urn("Observation", r.Accession+"/"+res.Analyte)
		o := object{
			"resourceType":      "Observation",
			"status":            status,
			"category":          []object{{"coding": []object{{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}}}},
			"code":              object{"coding": []object{{"system": loincSystem, "code": in.LOINC[res.Analyte], "display": res.NameEn}}, "text": res.Analyte},
			"subject":           object{"reference": patient},
			"specimen":          object{"reference": specimen},
			"effectiveDateTime": in.CollectedAt.UTC().Format(time.RFC3339),
			"issued":            r.ReleasedAt.UTC().Format(time.RFC3339),
			"method":            object{"text": kitText(res)},
		}
		if i, ok := interpretation[res.Interpretation]; ok {
			o["interpretation"] = []object{{"coding": []object{{"system": interpSystem, "code": i[0], "display": i[1]}}}}
		}
		if res.Value != nil {
			q := object{"value": *res.Value, "unit": res.Unit, "system": ucumSystem}
			if c, ok := ucum[res.Unit]; ok {
				q["code"] = c
			}
			o["valueQuantity"] = q
		} else {
			o["valueString"] = res.Qualitative
		}
		if res.NegativeBelow != nil && res.PositiveFrom != nil {
			o["referenceRange"] = []object{{"text": fmt.Sprintf("negative < %g; positive ≥ %g", *res.NegativeBelow, *res.PositiveFrom)}}
		}
		add(obs, o)
		results = append(results, object{"reference": obs})
	}
	var conclusion string
	var codes []object
	for _, f := range r.Findings {
		if f.RecommendationEn != "" {
			conclusion += f.Pathogen + ": " + f.RecommendationEn + " "
		}
		codes = append(codes, object{"coding": []object{{"system": findSystem, "code": f.Code}}})
	}
	dr := object{
		"resourceType": "DiagnosticReport",
		"status":       status,
		"code":         object{"text": "TORCH screening panel " + r.Panel},
		"subject":      object{"reference": patient},
		"specimen":     []object{{"reference": specimen}},
		"issued":       r.ReleasedAt.UTC().Format(time.RFC3339),
		"result":       results,
		"conclusion":   conclusion,
	}
	if len(codes) > 0 {
		dr["conclusionCode"] = codes
	}
	add(report, dr)
	for _, c := range in.Cases {
		task := object{
			"resourceType":   "Task",
			"identifier":     []object{{"system": "urn:torchlab:followup", "value": fmt.Sprint(c.ID)}},
			"status":         taskStatus(c.Status),
			"intent":         "order",
			"priority":       taskPriority(c.Priority),
			"focus":          object{"reference": report},
			"for":            object{"reference": patient},
			"authoredOn":     c.OpenedAt.UTC().Format(time.RFC3339),
			"restriction":    object{"period": object{"end": c.DueAt.UTC().Format(time.RFC3339)}},
			"businessStatus": object{"text": string(c.Status) + " " + c.Outcome},
		}
		if c.AssigneeID != nil {
			task["owner"] = object{"display": fmt.Sprintf("torchlab user %d", *c.AssigneeID)}
		}
		add(urn("Task", c.ID), task)
	}
	return object{"resourceType": "Bundle", "type": "collection", "timestamp": r.ReleasedAt.UTC().Format(time.RFC3339), "entry": entries}
}

func kitText(r lab.ReportResult) string {
	if r.Lot != "" {
		return r.Kit + " (lot " + r.Lot + ")"
	}
	return r.Kit
}

func taskStatus(s lab.FollowupStatus) string {
	switch s {
	case lab.CaseInProgress:
		return "in-progress"
	case lab.CaseClosed:
		return "completed"
	}
	return "requested"
}

// taskPriority maps case priorities to FHIR request priorities.
func taskPriority(p lab.Priority) string {
	switch p {
	case lab.Urgent:
		return "stat"
	case lab.High:
		return "urgent"
	}
	return "routine"
}
