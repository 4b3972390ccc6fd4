package reportpdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"torchlab/lab"
)

func sampleReport() *lab.Report {
	v, l, h, ratio, index := 12.0, 8.0, 10.0, 0.4, 0.3
	return &lab.Report{
		Accession: "100000003", Version: 2, Abnormal: true, Name: "王䶮𠀀", NationalID: "110***********0027", Age: 31,
		Category: lab.Pregnant, GestationalAge: &lab.GestationalAge{Weeks: 8, Days: 1}, StationCode: "HD01", StationName: "海淀区计生服务站",
		CollectedOn: "2026-03-02", ReleasedAt: time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC), VerifiedBy: "张伟",
		Results: []lab.ReportResult{{Analyte: "TOXO_IGM", NameZh: "弓形虫IgM抗体", NameEn: "Toxoplasma IgM antibody", Value: &v, ValueText: "12",
			Unit: "AU/mL", Interpretation: lab.Positive, Kit: "LIAISON Toxo IgM", Lot: "L1", NegativeBelow: &l, PositiveFrom: &h,
			Earlier: []lab.EarlierResult{{Accession: "100000001", CollectedOn: "2025-03-01", ValueText: "3", Interpretation: lab.Negative}}},
			{Analyte: "HSV_IGM", NameZh: "单纯疱疹病毒IgM抗体", NameEn: "Herpes simplex virus IgM antibody", Value: &ratio, ValueText: "0.4",
				Unit: "ratio", Interpretation: lab.Negative, Kit: "ELISA HSV-1/2 IgM"},
			{Analyte: "CMV_IGM", NameZh: "巨细胞病毒IgM抗体", NameEn: "Cytomegalovirus IgM antibody", Value: &index, ValueText: "0.3",
				Unit: "index", Interpretation: lab.Negative, Kit: "Architect CMV IgM"}},
		Findings: []lab.Finding{{Code: "TOXO_IGM_POS_IGG_NEG", Pathogen: "TOXO", IgG: "negative", IgM: "positive", Abnormal: true,
			Recommendation: "IgM阳性，可能为早期感染或假阳性，建议2周后复查。", RecommendationEn: "IgM positive: early infection or a false-positive IgM; a redraw in 2 weeks is advised."}},
		Amendments: []lab.ReportAmendment{{Analyte: "TOXO_IGM", Old: "1.2", New: "12", Reason: "typing error", Version: 2}},
	}
}

// The Chinese report's text extracts back in Chinese; a name with a
// character the font lacks prints it as 〓, visibly, and the report still
// prints.
func TestRenderChinese(t *testing.T) {
	doc, err := Render(sampleReport(), Zh, time.FixedZone("CST", 8*3600))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(doc), "%PDF-") || len(doc) > 300_000 {
		t.Fatalf("a %d-byte document: the font should be embedded as a subset", len(doc))
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext missing (.ci/run installs poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(f, doc, 0o600)
	out, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"王䶮〓", "孕早期", "8周1天", "弓形虫IgM抗体", "阳性", "建议2周后复查", "2025-03-01 3", "更正记录", "typing error",
		"审核人：张伟", "本报告为筛查结果", "2026-03-03 10:00", "检查机构：海淀区计生服务站", "比值", "指数"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	// Words, not codes: the station's code and the English units stay out.
	for _, not := range []string{"HD01", "ratio", "index"} {
		if strings.Contains(string(out), not) {
			t.Errorf("the Chinese report shows %q:\n%s", not, out)
		}
	}
}

func TestRenderRefusesUnknownLanguage(t *testing.T) {
	if _, err := Render(sampleReport(), "fr", time.UTC); err == nil {
		t.Fatal("rendered in French")
	}
}

// pdfText is the document's text as pdftotext extracts it, with all white
// space taken out so a wrapped line still reads whole.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext missing (.ci/run installs poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(f, doc, 0o600)
	out, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// A retest read against her earlier sample: each paired finding's line
// shows the change, then its advice, in both languages; an IgM tested on
// neither sample shows no change; the finding that follows a paired one
// shows this sample alone.
func TestRenderPairedFindings(t *testing.T) {
	r := sampleReport()
	earlier := map[string]lab.Interpretation{"TOXO_IGG": lab.Negative, "TOXO_IGM": lab.Positive, "RUBV_IGG": lab.Positive}
	now := map[string]lab.Interpretation{"TOXO_IGG": lab.Positive, "TOXO_IGM": lab.Positive, "RUBV_IGG": lab.Negative}
	r.Findings, _ = lab.InterpretPair(now, earlier, true, 90)
	r.PairedWith = "100000001"
	if len(r.Findings) != 3 || r.Findings[0].Code != "TOXO_SEROCONVERSION" || r.Findings[1].Code != "RUBV_IGG_LOSS" {
		t.Fatalf("findings = %+v", r.Findings)
	}
	for lang, want := range map[Lang][]string{
		Zh: {"与样本100000001的结果配对比较", "弓形虫：IgG阴性→阳性，IgM阳性→阳性", r.Findings[0].Recommendation,
			"风疹病毒：IgG阳性→阴性，IgM未检测", r.Findings[1].Recommendation,
			"风疹病毒：IgG阴性，IgM未检测", r.Findings[2].Recommendation},
		En: {"Readasapairwithsample100000001", "Toxoplasma:IgGnegative→positive,IgMpositive→positive", r.Findings[0].RecommendationEn,
			"Rubellavirus:IgGpositive→negative,IgMnottested", r.Findings[1].RecommendationEn,
			"Rubellavirus:IgGnegative,IgMnottested", r.Findings[2].RecommendationEn},
	} {
		doc, err := Render(r, lang, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		out := pdfText(t, doc)
		at := 0
		for _, w := range want {
			w = strings.Join(strings.Fields(w), "")
			i := strings.Index(out[at:], w)
			if i < 0 {
				t.Fatalf("%s: the report lacks %q after its offset %d:\n%s", lang, w, at, out)
			}
			at += i + len(w) // in this order: each head, then its advice
		}
	}
}
