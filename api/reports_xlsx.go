package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"torchlab/lab/stats"
)

// reportSummaryXLSX is the summary as a workbook: the headline figures,
// the per-station and per-month tables, positivity per analyte (per
// sample, and per woman by category), and every ratio with its numerator
// and denominator. No personal data.
func (s *Server) reportSummaryXLSX(c *gin.Context) {
	sum, months, ok := s.exportOf(c)
	if !ok {
		return
	}
	f, err := summaryWorkbook(sum, months)
	if err != nil {
		fail(c, err)
		return
	}
	defer f.Close()
	c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Header("Content-Disposition", `attachment; filename="summary-`+string(sum.From)+`-`+string(sum.To)+`.xlsx"`)
	c.Status(http.StatusOK)
	if err := f.Write(c.Writer); err != nil {
		logger(c).Error("writing the workbook", "err", err)
	}
}

func summaryWorkbook(sum *stats.Summary, months []stats.SummaryRow) (*excelize.File, error) {
	f := excelize.NewFile()
	rows := map[string][][]any{
		"Summary": {
			{"from", string(sum.From)}, {"to", string(sum.To)},
			{"screened", sum.Screened}, {"collected", sum.Collected}, {"received", sum.Received},
			{"rejected", sum.Rejected}, {"released", sum.Released},
			{"cases opened", sum.Followup.Opened}, {"cases closed", sum.Followup.Closed},
			{"completion rate", sum.Followup.CompletionRate}, {"lost rate", sum.Followup.LostRate},
			{"overdue now", sum.Followup.OverdueNow},
			{"tested", sum.Tested},
			{"retests collected", sum.Retests.Collected}, {"retests released", sum.Retests.Released},
			{"redraws collected", sum.Redraws.Collected}, {"redraws released", sum.Redraws.Released},
			{"birth defects per 10,000 births", sum.BirthDefects.Per10000},
			{},
			{"indicator", "numerator", "denominator", "rate"},
		},
		"By station":           tableRows(sum.ByStation, "station"),
		"By month":             tableRows(sum.ByMonth, "month"),
		"By station and month": stationMonthRows(months),
		"Analytes":             {{"analyte", "tested", "negative", "equivocal", "positive", "negative rate", "equivocal rate", "positive rate"}},
		"Positivity":           {{"women", "analyte", "tested", "negative", "equivocal", "positive", "positive rate"}},
		"Indicators":           {{"station", "month", "indicator", "breakdown", "numerator", "denominator", "rate"}},
	}
	for _, a := range sum.Analytes {
		rows["Analytes"] = append(rows["Analytes"], []any{a.Analyte, a.Tested, a.Negative, a.Equivocal, a.Positive, a.NegativeRate, a.EquivocalRate, a.PositiveRate})
	}
	positivity := func(who string, ps []stats.Positivity) {
		for _, p := range ps {
			rows["Positivity"] = append(rows["Positivity"], []any{who, p.Analyte, p.Tested, p.Negative, p.Equivocal, p.Positive, p.PositiveRate.Rate})
		}
	}
	positivity("all", sum.Positivity)
	for _, c := range sum.ByCategory {
		positivity(string(c.Category), c.Positivity)
	}
	positivity("retests", sum.Retests.Positivity)
	for _, in := range indicators(sum, months) {
		if in.Station == "" && in.Month == "" && in.Breakdown == "" {
			rows["Summary"] = append(rows["Summary"], []any{in.Name, in.Numerator, in.Denominator, in.Rate})
		}
		rows["Indicators"] = append(rows["Indicators"], []any{in.Station, in.Month, in.Name, in.Breakdown, in.Numerator, in.Denominator, in.Rate})
	}
	for i, name := range []string{"Summary", "By station", "By month", "By station and month", "Analytes", "Positivity", "Indicators"} {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		for r, row := range rows[name] {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				return nil, err
			}
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

// rowFigures are the columns of a table's line after its key: counts,
// then the women's ratios with their counts.
var rowFigures = []any{"screened", "collected", "rejected", "released", "abnormal", "cases opened", "cases reached", "cases closed",
	"cases lost", "tested", "follow-up completed", "women with a case", "follow-up completion rate",
	"released within 5 working days", "within 5 working days rate"}

func figures(r stats.SummaryRow) []any {
	return []any{r.Screened, r.Collected, r.Rejected, r.Released, r.Abnormal, r.CasesOpened, r.CasesReached, r.CasesClosed,
		r.LostToFollowUp, r.Tested, r.FollowupCompletion.Numerator, r.FollowupCompletion.Denominator, r.FollowupCompletion.Rate,
		r.Within5WorkingDays.Numerator, r.Within5WorkingDays.Rate}
}

func tableRows(rs []stats.SummaryRow, by string) [][]any {
	out := [][]any{append([]any{by}, rowFigures...)}
	for _, r := range rs {
		out = append(out, append([]any{r.Key}, figures(r)...))
	}
	return out
}

// stationMonthRows is the programme office's table: station, month, figures.
func stationMonthRows(rs []stats.SummaryRow) [][]any {
	out := [][]any{append([]any{"station", "month"}, rowFigures...)}
	for _, r := range rs {
		out = append(out, append([]any{r.StationCode, r.Month}, figures(r)...))
	}
	return out
}
