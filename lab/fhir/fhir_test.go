package fhir

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/fhir/fhirtest"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

func ptr(f float64) *float64 { return &f }

// The scale rule, for every kind of result a kit can give.
func TestChooseCode(t *testing.T) {
	number := func(unit string) lab.ReportResult { return lab.ReportResult{Value: ptr(12), Unit: unit} }
	reading := lab.ReportResult{Qualitative: "positive", Unit: "IU/mL"}
	tests := []struct {
		name  string
		loinc string
		r     lab.ReportResult
		code  string
		value valueKind
	}{
		{"quantitative code, IU/mL", "8039-0", number("IU/mL"), "8039-0", asQuantity},
		{"quantitative code, AU/mL", "7853-5", number("AU/mL"), "7853-5", asQuantity},
		{"quantitative code, U/mL", "5335-5", number("U/mL"), "5335-5", asQuantity},
		{"units per volume in any case", "5334-8", number("iu/ml"), "5334-8", asQuantity},
		{"quantitative code, an index: local code", "7853-5", number("index"), "", asQuantity},
		{"quantitative code, a ratio: local code", "5335-5", number("ratio"), "", asQuantity},
		{"quantitative code, unknown unit: local code", "8039-0", number("S/CO"), "", asQuantity},
		{"quantitative code, a reading: local code", "8039-0", reading, "", asConcept},
		{"presence code, AU/mL: number in a component", "40678-5", number("AU/mL"), "40678-5", asConceptAndComponent},
		{"interpretation code, an index", "44009-9", number("index"), "44009-9", asConceptAndComponent},
		{"interpretation code, a reading", "44008-1", reading, "44008-1", asConcept},
		{"no code", "", number("AU/mL"), "", asQuantity},
		{"no code, a reading", "", reading, "", asConcept},
		{"a code §5 did not verify is not sent", "5124-3", number("AU/mL"), "", asQuantity},
	}
	for _, tc := range tests {
		got := chooseCode(tc.loinc, tc.r)
		if got.loinc != tc.code || got.value != tc.value {
			t.Errorf("%s: chose %q as %d, want %q as %d", tc.name, got.loinc, got.value, tc.code, tc.value)
		}
	}
}

// Every code the analytes carry is one whose scale torchlab knows: a code
// added to the data without its scale would silently not be sent.
func TestEveryAnalyteCodeIsKnown(t *testing.T) {
	db := labtest.Open(t, migrations.SQLite)
	var analytes []lab.Analyte
	if err := db.Gorm.Find(&analytes).Error; err != nil {
		t.Fatal(err)
	}
	if len(analytes) != 8 {
		t.Fatalf("%d analytes", len(analytes))
	}
	for _, a := range analytes {
		if _, ok := loincTerms[a.LOINC]; a.LOINC != "" && !ok {
			t.Errorf("%s carries LOINC %s, whose scale lab/fhir does not know", a.Code, a.LOINC)
		}
	}
}

func TestConclusionInTheReportsLanguage(t *testing.T) {
	findings := []lab.Finding{
		{Pathogen: "TOXO", IgG: "negative", IgM: "positive", Recommendation: "建议2周后复查。", RecommendationEn: "A redraw in 2 weeks is advised."},
		{Pathogen: "RUBV", IgG: "positive", EarlierIgG: "negative"},
	}
	tests := []struct {
		lang Lang
		want string
	}{
		{Zh, "弓形虫：IgG 阴性，IgM 阳性。建议2周后复查。\n风疹病毒：IgG 阴性→阳性，IgM 未检测"},
		{En, "Toxoplasma: IgG negative, IgM positive. A redraw in 2 weeks is advised.\nRubella virus: IgG negative→positive, IgM not tested"},
	}
	for _, tc := range tests {
		if got := tc.lang.conclusion(findings); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
	if Zh.conclusion(nil) != "" {
		t.Error("no findings make a conclusion")
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"": Zh, "zh": Zh, "en": En, "EN": "", "fr": ""} {
		if got, ok := ParseLang(in); got != want || ok != (want != "") {
			t.Errorf("ParseLang(%q) = %q, %v", in, got, ok)
		}
	}
}

func source(org string) *lab.FHIRSource {
	released := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	result := func(analyte, unit string, v float64, i lab.Interpretation) lab.ReportResult {
		return lab.ReportResult{Analyte: analyte, NameZh: analyte + "抗体", NameEn: analyte + " antibody", Value: ptr(v), Unit: unit,
			Interpretation: i, Kit: "kit", NegativeBelow: ptr(1), PositiveFrom: ptr(2)}
	}
	return &lab.FHIRSource{
		OrgURI:      org,
		Panel:       &lab.Panel{Code: "TORCH8", NameZh: "TORCH八项", NameEn: "TORCH, all eight analytes"},
		ClientID:    7,
		BirthDate:   "1996-05-01",
		CollectedAt: released.Add(-26 * time.Hour),
		LOINC:       map[string]string{"RUBV_IGM": "5335-5", "TOXO_IGM": "40678-5", "CMV_IGG": ""},
		Report: &lab.Report{Accession: "00000001Z", Version: 1, Panel: "TORCH8", Name: "王芳", ReleasedAt: released,
			Results: []lab.ReportResult{
				// A station's rubella IgM kit that counts IU/mL takes the
				// quantitative code; the seeded kits' index does not.
				result("RUBV_IGM", "IU/mL", 12, lab.Positive),
				result("TOXO_IGM", "index", 1.5, lab.Equivocal),
				{Analyte: "CMV_IGG", NameEn: "CMV IgG antibody", Qualitative: "negative", Interpretation: lab.Negative, Kit: "kit", Unit: "AU/mL"},
			},
			Findings: []lab.Finding{{Code: "RUBV_IGM_POS", Pathogen: "RUBV", IgG: "positive", IgM: "positive", Recommendation: "复查。", RecommendationEn: "Retest."}},
		},
		Cases: []lab.Followup{
			{ID: 3, Status: lab.CaseClosed, Outcome: "lost_to_follow_up", Priority: lab.Urgent, OpenedAt: released, DueAt: released.Add(24 * time.Hour)},
			{ID: 4, Status: lab.CaseInProgress, Priority: lab.Routine, OpenedAt: released, DueAt: released.Add(24 * time.Hour)},
		},
		ExternalResults: []lab.ExternalResult{{ID: 5, Kind: "obstetric_referral", Result: "seen", PerformedOn: "2026-03-05", RecordedAt: released}},
	}
}

// The identifier systems hang off the organisation's URI, and two
// organisations' ids never meet.
func TestOrganisationNamesTheRecords(t *testing.T) {
	tests := []struct{ org, client string }{
		{"https://fybj.example.gov.cn/", "https://fybj.example.gov.cn/client"},
		{"https://fybj.example.gov.cn/torchlab", "https://fybj.example.gov.cn/torchlab/client"},
		{"urn:example:fybj", "urn:example:fybj:client"},
	}
	ids := map[string]string{}
	for _, tc := range tests {
		x := newExport(source(tc.org), Zh)
		if got := x.system("client"); got != tc.client {
			t.Errorf("%s: client system %s, want %s", tc.org, got, tc.client)
		}
		if other, dup := ids[x.patient]; dup {
			t.Errorf("%s and %s give the woman the same id", tc.org, other)
		}
		ids[x.patient] = tc.org
	}
}

// Exports made from a source the seeded data cannot give (a kit counting
// IU/mL for a quantitative IgM code, an index on a presence code, a
// reading, a lost and an open case, a referral) are valid FHIR R4 too.
func TestExportsFromEveryKindOfSource(t *testing.T) {
	answers := fhirtest.Answers{}
	for _, lang := range []Lang{Zh, En} {
		for _, org := range []string{"https://fybj.example.gov.cn", "urn:example:fybj"} {
			src := source(org)
			name := string(lang) + "-" + strings.NewReplacer(":", "_", "/", "_", ".", "_").Replace(org)
			for form, doc := range map[string]object{"DiagnosticReport": DiagnosticReport(src, lang), "everything": Everything(src, lang)} {
				b, err := json.Marshal(doc)
				if err != nil {
					t.Fatal(err)
				}
				answers.Add(t, name+"-"+form, b)
			}
		}
	}
	b := Everything(source("urn:example:fybj"), Zh)
	entries := b["entry"].([]object)
	obs := map[string]object{}
	for _, en := range entries {
		res := en["resource"].(object)
		if res["resourceType"] == "Observation" && res["code"].(object)["text"] != nil {
			obs[res["code"].(object)["text"].(string)] = res
		}
		if res["resourceType"] == "Task" && res["identifier"].([]object)[0]["value"] == "3" && res["status"] != "failed" {
			t.Errorf("a case lost to follow-up is %v", res["status"])
		}
	}
	if c := obs["RUBV_IGM抗体"]["code"].(object)["coding"].([]object)[0]; c["code"] != "5335-5" {
		t.Errorf("rubella IgM in IU/mL is coded %v", c)
	}
	if _, ok := obs["TOXO_IGM抗体"]["valueQuantity"]; ok {
		t.Error("a presence code carries a number")
	}
	t.Run("official schema", func(t *testing.T) { answers.Validate(t) })
}
