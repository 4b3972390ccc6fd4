// Package fhir writes a released sample in FHIR R4: the DiagnosticReport
// alone, or with everything it rests on as a collection Bundle: the woman
// (Patient), the tube (Specimen), one Observation per result, the
// follow-up cases (Task) and the external results recorded on them.
package fhir

import (
	"crypto/sha1"
	"fmt"
	"strings"
	"time"

	"torchlab/lab"
)

const (
	loincSystem    = "http://loinc.org"
	ucumSystem     = "http://unitsofmeasure.org"
	snomedSystem   = "http://snomed.info/sct"
	interpSystem   = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
	categorySystem = "http://terminology.hl7.org/CodeSystem/observation-category"
	v2Section      = "http://terminology.hl7.org/CodeSystem/v2-0074"
	// torchlab's own vocabularies, the same in every deployment.
	findingSystem = "urn:torchlab:finding"
	panelSystem   = "urn:torchlab:panel"
	analyteSystem = "urn:torchlab:analyte"
)

// interpretation maps a reading to THO v3-ObservationInterpretation, and
// equivocal also to SNOMED CT (domain.md §5): receivers that read
// "equivocal" rather than "indeterminate" find it.
var interpretation = map[lab.Interpretation][]object{
	lab.Negative:  {{"system": interpSystem, "code": "NEG", "display": "Negative"}},
	lab.Equivocal: {{"system": interpSystem, "code": "IND", "display": "Indeterminate"}, {"system": snomedSystem, "code": "42425007", "display": "Equivocal"}},
	lab.Positive:  {{"system": interpSystem, "code": "POS", "display": "Positive"}},
}

type object = map[string]any

// export is one sample's export: its source, language and the ids of the
// resources that the others point at.
type export struct {
	in   *lab.FHIRSource
	lang Lang
	// urns of the Patient, Specimen and DiagnosticReport.
	patient, specimen, report string
	amended                   map[string]bool
}

func newExport(in *lab.FHIRSource, lang Lang) *export {
	x := &export{in: in, lang: lang}
	x.patient = urn(x.id("Patient", in.ClientID))
	x.specimen = urn(x.id("Specimen", in.Report.Accession))
	x.report = urn(x.id("DiagnosticReport", in.Report.Accession))
	x.amended = amendedAnalytes(in.Report)
	return x
}

// id is a resource's id: a name-based UUID (SHA-1) of the deployment, the
// kind and the record, so that the same record has the same id in every
// export and two deployments' records never share one.
func (x *export) id(kind string, key any) string {
	h := sha1.Sum([]byte(fmt.Sprintf("%s\x00%s\x00%v", x.in.OrgURI, kind, key)))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func urn(id string) string { return "urn:uuid:" + id }

// system is the identifier system of one kind of the deployment's records:
// its URI and the kind, after "/" for a URL and ":" for a URN.
func (x *export) system(kind string) string {
	org := x.in.OrgURI
	if strings.HasPrefix(strings.ToLower(org), "urn:") {
		return org + ":" + kind
	}
	return strings.TrimRight(org, "/") + "/" + kind
}

func instant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// DiagnosticReport returns the sample's DiagnosticReport resource. Its
// references are the urn:uuid full URLs of Everything's entries.
func DiagnosticReport(in *lab.FHIRSource, lang Lang) object {
	return newExport(in, lang).diagnosticReport()
}

// Everything returns the DiagnosticReport with everything it rests on, as
// a collection Bundle. The woman is identified by torchlab's client id,
// never by her resident ID number: the export carries no more personal
// data than it needs.
func Everything(in *lab.FHIRSource, lang Lang) object {
	x := newExport(in, lang)
	r := in.Report
	entries := []object{}
	add := func(res object) {
		entries = append(entries, object{"fullUrl": urn(res["id"].(string)), "resource": res})
	}
	add(object{
		"resourceType": "Patient",
		"id":           x.id("Patient", in.ClientID),
		"identifier":   []object{{"system": x.system("client"), "value": fmt.Sprint(in.ClientID)}},
		"name":         []object{{"text": r.Name}},
		"gender":       "female",
		"birthDate":    string(in.BirthDate),
	})
	// Only released samples are exported: the tube was good.
	add(object{
		"resourceType":        "Specimen",
		"id":                  x.id("Specimen", r.Accession),
		"accessionIdentifier": object{"system": x.system("accession"), "value": r.Accession},
		"status":              "available",
		"type":                object{"coding": []object{{"system": snomedSystem, "code": "119364003", "display": "Serum specimen"}}},
		"subject":             object{"reference": x.patient},
		"collection":          object{"collectedDateTime": instant(in.CollectedAt)},
	})
	for _, res := range r.Results {
		add(x.observation(res))
	}
	add(x.diagnosticReport())
	for _, c := range in.Cases {
		add(x.task(c))
	}
	for _, e := range in.ExternalResults {
		add(x.externalObservation(e))
	}
	return object{"resourceType": "Bundle", "type": "collection", "timestamp": instant(r.ReleasedAt), "entry": entries}
}

// amendedAnalytes are the analytes whose released result an amendment
// replaced: their Observations are amended, the others stay final. An
// Observation changed by an earlier version stays amended in later ones
// (FHIR: it was modified after being final).
func amendedAnalytes(r *lab.Report) map[string]bool {
	out := map[string]bool{}
	for _, am := range r.Amendments {
		out[am.Analyte] = true
	}
	return out
}

func (x *export) observationID(analyte string) string {
	return x.id("Observation", x.in.Report.Accession+"/"+analyte)
}

func (x *export) observation(res lab.ReportResult) object {
	in := x.in
	status := "final"
	if x.amended[res.Analyte] {
		status = "amended"
	}
	choice := chooseCode(in.LOINC[res.Analyte], res)
	local := object{"system": analyteSystem, "code": res.Analyte, "display": res.NameEn}
	code := object{"coding": []object{local}, "text": x.lang.analyte(res)}
	if choice.loinc != "" {
		c := object{"system": loincSystem, "code": choice.loinc}
		if choice.term.name != "" {
			c["display"] = choice.term.name
		}
		code["coding"] = []object{c}
	}
	o := object{
		"resourceType":      "Observation",
		"id":                x.observationID(res.Analyte),
		"language":          x.lang.tag(),
		"status":            status,
		"category":          []object{{"coding": []object{{"system": categorySystem, "code": "laboratory", "display": "Laboratory"}}}},
		"code":              code,
		"subject":           object{"reference": x.patient},
		"effectiveDateTime": instant(in.CollectedAt),
		"issued":            instant(in.Report.ReleasedAt),
		"specimen":          object{"reference": x.specimen},
		"method":            object{"text": kitText(res)},
	}
	concept := x.interpretation(res.Interpretation)
	if concept != nil {
		o["interpretation"] = []object{concept}
	}
	switch choice.value {
	case asQuantity:
		o["valueQuantity"] = quantityOf(res)
		if rr := x.referenceRange(res); rr != nil {
			o["referenceRange"] = rr
		}
	case asConcept:
		o["valueCodeableConcept"] = x.reading(res.Interpretation)
	case asConceptAndComponent:
		o["valueCodeableConcept"] = x.reading(res.Interpretation)
		// The kit's number, on the analyte's local code: a presence or
		// interpretation code never carries a number.
		comp := object{"code": object{"coding": []object{local}, "text": x.lang.analyte(res)}, "valueQuantity": quantityOf(res)}
		if concept != nil {
			comp["interpretation"] = []object{concept}
		}
		if rr := x.referenceRange(res); rr != nil {
			comp["referenceRange"] = rr
		}
		o["component"] = []object{comp}
	}
	return o
}

// interpretation is the reading as an Observation.interpretation, nil for
// a reading torchlab does not know.
func (x *export) interpretation(i lab.Interpretation) object {
	codings, ok := interpretation[i]
	if !ok {
		return nil
	}
	return object{"coding": codings, "text": text[x.lang].interp[i]}
}

// reading is the reading as a coded value.
func (x *export) reading(i lab.Interpretation) object {
	if c := x.interpretation(i); c != nil {
		return c
	}
	return object{"text": string(i)}
}

// quantityOf is the number with its unit; a value beyond the analyser's
// range keeps its side as the Quantity's comparator (">650" is 650 with
// comparator ">"), which FHIR names as torchlab stores it.
func quantityOf(res lab.ReportResult) object {
	q := object{"value": *res.Value, "unit": res.Unit}
	if res.ValueQualifier != "" {
		q["comparator"] = res.ValueQualifier
	}
	if u, ok := units[strings.ToLower(res.Unit)]; ok {
		q["system"], q["code"] = ucumSystem, u.ucum
	}
	return q
}

// referenceRange is the kit's cut-offs in words: the grey zone lies
// between them.
func (x *export) referenceRange(res lab.ReportResult) []object {
	if res.NegativeBelow == nil || res.PositiveFrom == nil {
		return nil
	}
	return []object{{"text": fmt.Sprintf(text[x.lang].bounds, *res.NegativeBelow, *res.PositiveFrom)}}
}

// diagnosticReport is the report: category LAB, the panel's local code
// (domain.md §5 has LOINC panels per pathogen, none for a TORCH panel),
// collection as effective time, and the findings as conclusion in the
// report's language and as codes.
func (x *export) diagnosticReport() object {
	in, r := x.in, x.in.Report
	status := "final"
	if r.Version > 1 {
		status = "amended"
	}
	results := []object{}
	for _, res := range r.Results {
		results = append(results, object{"reference": urn(x.observationID(res.Analyte))})
	}
	panel := object{"system": panelSystem, "code": r.Panel}
	panelText := r.Panel
	if p := in.Panel; p != nil {
		panel["display"], panelText = p.NameEn, p.NameEn
		if x.lang == Zh && p.NameZh != "" {
			panelText = p.NameZh
		}
	}
	dr := object{
		"resourceType":      "DiagnosticReport",
		"id":                x.id("DiagnosticReport", r.Accession),
		"language":          x.lang.tag(),
		"identifier":        []object{{"system": x.system("accession"), "value": r.Accession}},
		"status":            status,
		"category":          []object{{"coding": []object{{"system": v2Section, "code": "LAB", "display": "Laboratory"}}}},
		"code":              object{"coding": []object{panel}, "text": panelText},
		"subject":           object{"reference": x.patient},
		"effectiveDateTime": instant(in.CollectedAt),
		"issued":            instant(r.ReleasedAt),
		"specimen":          []object{{"reference": x.specimen}},
	}
	if len(results) > 0 {
		dr["result"] = results
	}
	if c := x.lang.conclusion(r.Findings); c != "" {
		dr["conclusion"] = c
	}
	var codes []object
	for _, f := range r.Findings {
		codes = append(codes, object{"coding": []object{{"system": findingSystem, "code": f.Code}}})
	}
	if len(codes) > 0 {
		dr["conclusionCode"] = codes
	}
	return dr
}

func (x *export) task(c lab.Followup) object {
	business := string(c.Status)
	if c.Outcome != "" {
		business += " " + c.Outcome
	}
	task := object{
		"resourceType":   "Task",
		"id":             x.id("Task", c.ID),
		"identifier":     []object{{"system": x.system("followup"), "value": fmt.Sprint(c.ID)}},
		"status":         taskStatus(c),
		"intent":         "order",
		"priority":       taskPriority(c.Priority),
		"focus":          object{"reference": x.report},
		"for":            object{"reference": x.patient},
		"authoredOn":     instant(c.OpenedAt),
		"restriction":    object{"period": object{"end": instant(c.DueAt)}},
		"businessStatus": object{"text": business},
	}
	if c.AssigneeID != nil {
		task["owner"] = object{"display": fmt.Sprintf("torchlab user %d", *c.AssigneeID)}
	}
	return task
}

// externalNames name the external results in words: none of them has a
// LOINC code whose scale fits a high/low or seen/not-seen answer, and no
// code is invented, so the code is text.
var externalNames = map[string]string{
	"avidity":            "IgG avidity",
	"pcr":                "PCR",
	"obstetric_referral": "Obstetric referral",
}

var pathogenNames = map[string]string{"TOXO": "Toxoplasma gondii", "RUBV": "Rubella virus", "CMV": "Cytomegalovirus", "HSV": "Herpes simplex virus"}

// externalObservation is a result from outside the programme's lab
// (avidity, PCR, an obstetric referral) recorded on her case.
func (x *export) externalObservation(e lab.ExternalResult) object {
	name := externalNames[e.Kind]
	if p, ok := pathogenNames[e.Pathogen]; ok {
		name = p + " " + name
	}
	o := object{
		"resourceType":         "Observation",
		"id":                   x.id("ExternalResult", e.ID),
		"identifier":           []object{{"system": x.system("external-result"), "value": fmt.Sprint(e.ID)}},
		"status":               "final",
		"code":                 object{"text": name},
		"subject":              object{"reference": x.patient},
		"effectiveDateTime":    string(e.PerformedOn),
		"issued":               instant(e.RecordedAt),
		"valueCodeableConcept": object{"text": e.Result},
	}
	if e.Kind != "obstetric_referral" {
		o["category"] = []object{{"coding": []object{{"system": categorySystem, "code": "laboratory", "display": "Laboratory"}}}}
	}
	if e.Note != "" {
		o["note"] = []object{{"text": e.Note}}
	}
	return o
}

func kitText(r lab.ReportResult) string {
	if r.Lot != "" {
		return r.Kit + " (lot " + r.Lot + ")"
	}
	return r.Kit
}

// taskStatus: a case closed as lost to follow-up failed; any other closed
// case is completed.
func taskStatus(c lab.Followup) string {
	switch c.Status {
	case lab.CaseInProgress:
		return "in-progress"
	case lab.CaseClosed:
		if c.Outcome == "lost_to_follow_up" {
			return "failed"
		}
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
