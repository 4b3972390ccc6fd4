// Package reportpdf prints the woman's result report as a PDF, in
// Simplified Chinese or English, with the embedded CJK font.
package reportpdf

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"torchlab/lab"
	"torchlab/lab/labels"
)

// Lang is the report's language.
type Lang string

// The languages: Simplified Chinese (the default) and English.
const (
	Zh Lang = "zh"
	En Lang = "en"
)

type words struct {
	title, programme, name, id, age, category, gestation, station, accession, collected, released, version,
	analyte, result, unit, judgement, bounds, kit, earlier, findings, noFindings, verifiedBy, amendments, note, notTested string
	// pairedWith names the earlier sample a retest was read against.
	pairedWith string
	interp     map[lab.Interpretation]string
	categories map[lab.Category]string
	years      string
	// units are the usual words for the kits' dimensionless units; any
	// other unit (IU/mL, AU/mL) is an international symbol, printed as is.
	units map[string]string
}

func (w words) unitWord(u string) string {
	if s, ok := w.units[strings.ToLower(strings.TrimSpace(u))]; ok {
		return s
	}
	return u
}

var text = map[Lang]words{
	Zh: {
		title: "TORCH 优生筛查结果报告", programme: "免费孕前优生健康检查项目",
		name: "姓名", id: "身份证号", age: "年龄", category: "类别", gestation: "孕周", station: "检查机构",
		accession: "样本编号", collected: "采样日期", released: "报告日期", version: "报告版本",
		analyte: "检测项目", result: "结果", unit: "单位", judgement: "判读", bounds: "判读界值", kit: "试剂（批号）",
		earlier: "既往结果", findings: "结果解读与建议", noFindings: "无",
		verifiedBy: "审核人", amendments: "更正记录", notTested: "未检测", pairedWith: "与样本 %s 的结果配对比较",
		note:       "本报告为筛查结果，不作为临床诊断依据。如有疑问，请咨询本站咨询员。",
		interp:     map[lab.Interpretation]string{lab.Negative: "阴性", lab.Equivocal: "灰区", lab.Positive: "阳性"},
		categories: map[lab.Category]string{lab.Newlywed: "新婚", lab.Planning: "计划怀孕", lab.Pregnant: "孕早期"},
		years:      "岁",
		units:      map[string]string{"index": "指数", "ratio": "比值"},
	},
	En: {
		title: "TORCH Screening Report", programme: "Free pre-conception screening programme",
		name: "Name", id: "ID number", age: "Age", category: "Category", gestation: "Gestation", station: "Station",
		accession: "Sample", collected: "Collected", released: "Released", version: "Version",
		analyte: "Test", result: "Result", unit: "Unit", judgement: "Reading", bounds: "Cut-offs", kit: "Kit (lot)",
		earlier: "Earlier", findings: "Findings and advice", noFindings: "None",
		verifiedBy: "Verified by", amendments: "Amendments", notTested: "not tested", pairedWith: "Read as a pair with sample %s",
		note:       "This is a screening result, not a diagnosis. Ask the station's counselor about anything unclear.",
		interp:     map[lab.Interpretation]string{lab.Negative: "negative", lab.Equivocal: "equivocal", lab.Positive: "positive"},
		categories: map[lab.Category]string{lab.Newlywed: "newly married", lab.Planning: "planning pregnancy", lab.Pregnant: "pregnant"},
		years:      " years",
	},
}

// Render prints the report on A4 pages. loc is the station's zone, for the
// release date.
func Render(r *lab.Report, lang Lang, loc *time.Location) ([]byte, error) {
	w, ok := text[lang]
	if !ok {
		return nil, fmt.Errorf("no report language %q", lang)
	}
	p := labels.Printable
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 18)
	pdf.SetCreator("torchlab", true)
	pdf.SetTitle(w.title+" "+r.Accession, true)
	pdf.AddUTF8FontFromBytes("kai", "", labels.Font)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont("kai", "", 8)
		pdf.CellFormat(0, 5, p(w.note), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()

	pdf.SetFont("kai", "", 11)
	pdf.CellFormat(0, 6, p(r.StationName+" · "+w.programme), "", 1, "C", false, 0, "")
	pdf.SetFont("kai", "", 18)
	pdf.CellFormat(0, 10, w.title, "", 1, "C", false, 0, "")
	pdf.Ln(2)

	pdf.SetFont("kai", "", 10)
	pair := func(label, value string, width float64) {
		pdf.CellFormat(width, 6.5, p(label+"："+value), "", 0, "L", false, 0, "")
	}
	if lang == En {
		pair = func(label, value string, width float64) {
			pdf.CellFormat(width, 6.5, p(label+": "+value), "", 0, "L", false, 0, "")
		}
	}
	pair(w.name, r.Name, 60)
	pair(w.id, r.NationalID, 70)
	pair(w.age, fmt.Sprintf("%d%s", r.Age, w.years), 50)
	pdf.Ln(6.5)
	cat := w.categories[r.Category]
	if r.GestationalAge != nil {
		if lang == Zh {
			cat += fmt.Sprintf("（%s %d周%d天）", w.gestation, r.GestationalAge.Weeks, r.GestationalAge.Days)
		} else {
			cat += fmt.Sprintf(" (%dw %dd)", r.GestationalAge.Weeks, r.GestationalAge.Days)
		}
	}
	pair(w.category, cat, 60)
	pair(w.accession, r.Accession, 70)
	pair(w.version, fmt.Sprint(r.Version), 50)
	pdf.Ln(6.5)
	pair(w.collected, string(r.CollectedOn), 60)
	pair(w.released, r.ReleasedAt.In(loc).Format("2006-01-02 15:04"), 70)
	// The station by its name, as the women know it; the code only when a
	// station has no name.
	station := r.StationName
	if station == "" {
		station = r.StationCode
	}
	pair(w.station, station, 50)
	pdf.Ln(9)

	// The results table.
	cols := []struct {
		title string
		width float64
	}{{w.analyte, 40}, {w.result, 16}, {w.unit, 15}, {w.judgement, 17}, {w.bounds, 26}, {w.kit, 66}}
	paired := false
	for _, res := range r.Results {
		paired = paired || len(res.Earlier) > 0
	}
	if paired {
		// Her earlier result on the same analyte, side by side.
		cols[5].width = 40
		cols = append(cols, struct {
			title string
			width float64
		}{w.earlier, 26})
	}
	pdf.SetFillColor(235, 238, 242)
	pdf.SetFont("kai", "", 9)
	for _, c := range cols {
		pdf.CellFormat(c.width, 7, c.title, "1", 0, "C", true, 0, "")
	}
	pdf.Ln(-1)
	for _, res := range r.Results {
		name := res.NameZh
		if lang == En {
			// "CMV IgM": the English names do not fit the column.
			name = strings.Replace(res.Analyte, "_IG", " Ig", 1)
		}
		value := res.ValueText
		if value == "" {
			value = w.interp[lab.Interpretation(res.Qualitative)]
		}
		bounds := "—"
		if res.NegativeBelow != nil && res.PositiveFrom != nil {
			bounds = fmt.Sprintf("<%s / ≥%s", num(*res.NegativeBelow), num(*res.PositiveFrom))
		}
		kit := res.Kit
		if res.Lot != "" {
			kit += " (" + res.Lot + ")"
		}
		earlier := ""
		if len(res.Earlier) > 0 {
			e := res.Earlier[0]
			v := e.ValueText
			if v == "" {
				v = w.interp[lab.Interpretation(e.Qualitative)]
			}
			earlier = fmt.Sprintf("%s %s", string(e.CollectedOn), v)
		}
		judgement := w.interp[res.Interpretation]
		cells := []string{name, value, w.unitWord(res.Unit), judgement, bounds, kit, earlier}[:len(cols)]
		for i, c := range cols {
			// The font has no bold: colour marks what is not negative.
			if i == 3 && res.Interpretation == lab.Positive {
				pdf.SetTextColor(180, 0, 0)
			} else if i == 3 && res.Interpretation == lab.Equivocal {
				pdf.SetTextColor(170, 100, 0)
			}
			pdf.CellFormat(c.width, 7, fitCell(pdf, p(cells[i]), c.width-1.5), "1", 0, "C", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
		}
		pdf.Ln(-1)
	}
	pdf.Ln(5)

	pdf.SetFont("kai", "", 12)
	pdf.CellFormat(0, 8, w.findings, "", 1, "L", false, 0, "")
	pdf.SetFont("kai", "", 10)
	if r.PairedWith != "" {
		pdf.MultiCell(0, 6, p(fmt.Sprintf(w.pairedWith, r.PairedWith)), "", "L", false)
	}
	if len(r.Findings) == 0 {
		pdf.MultiCell(0, 6, w.noFindings, "", "L", false)
	}
	for _, f := range r.Findings {
		var pathogen string
		for _, pg := range lab.Pathogens {
			if pg.Code == f.Pathogen {
				pathogen = pg.NameZh
				if lang == En {
					pathogen = pg.NameEn
				}
			}
		}
		reading := func(i string) string {
			if i == "" {
				return w.notTested
			}
			return w.interp[lab.Interpretation(i)]
		}
		igg, igm := reading(f.IgG), reading(f.IgM)
		if f.EarlierIgG != "" {
			// A paired finding is about the change: earlier → now.
			igg = reading(f.EarlierIgG) + "→" + igg
			if f.EarlierIgM != "" || f.IgM != "" {
				igm = reading(f.EarlierIgM) + "→" + igm
			}
		}
		head := fmt.Sprintf("%s：IgG %s，IgM %s", pathogen, igg, igm)
		advice := f.Recommendation
		if lang == En {
			head = fmt.Sprintf("%s: IgG %s, IgM %s", pathogen, igg, igm)
			advice = f.RecommendationEn
		}
		if f.Abnormal {
			pdf.SetTextColor(160, 0, 0)
		}
		pdf.MultiCell(0, 6, p("• "+head), "", "L", false)
		pdf.SetTextColor(0, 0, 0)
		if advice != "" {
			pdf.SetX(20)
			pdf.MultiCell(0, 6, p(advice), "", "L", false)
		}
	}
	if len(r.Amendments) > 0 {
		pdf.Ln(3)
		pdf.SetFont("kai", "", 12)
		pdf.CellFormat(0, 8, w.amendments, "", 1, "L", false, 0, "")
		pdf.SetFont("kai", "", 9)
		for _, am := range r.Amendments {
			pdf.MultiCell(0, 5.5, p(fmt.Sprintf("v%d %s: %s → %s (%s)", am.Version, am.Analyte, am.Old, am.New, am.Reason)), "", "L", false)
		}
	}
	pdf.Ln(6)
	pdf.SetFont("kai", "", 10)
	sep := "："
	if lang == En {
		sep = ": "
	}
	pdf.CellFormat(0, 6, p(w.verifiedBy+sep+r.VerifiedBy), "", 1, "R", false, 0, "")

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// num prints a cut-off without trailing zeros.
func num(x float64) string {
	s := fmt.Sprintf("%.3f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func fitCell(pdf *fpdf.Fpdf, s string, width float64) string {
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
