package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"torchlab/lab"
)

// reportSummaryXLSX is the summary as a workbook: the headline figures,
// the per-station and per-month tables, and positivity per analyte. No
// personal data.
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

func summaryWorkbook(sum *lab.Summary, months []lab.SummaryRow) (*excelize.File, error) {
	f := excelize.NewFile()
	rows := map[string][][]any{
		"Summary": {
			{"from", string(sum.From)}, {"to", string(sum.To)},
			{"screened", sum.Screened}, {"collected", sum.Collected}, {"received", sum.Received},
			{"rejected", sum.Rejected}, {"released", sum.Released},
			{"cases opened", sum.Followup.Opened}, {"cases closed", sum.Followup.Closed},
			{"completion rate", sum.Followup.CompletionRate}, {"lost rate", sum.Followup.LostRate},
			{"overdue now", sum.Followup.OverdueNow},
		},
		"By station":           tableRows(sum.ByStation, "station"),
		"By month":             tableRows(sum.ByMonth, "month"),
		"By station and month": stationMonthRows(months),
		"Analytes":             {{"analyte", "tested", "negative", "equivocal", "positive", "negative rate", "equivocal rate", "positive rate"}},
	}
	for _, a := range sum.Analytes {
		rows["Analytes"] = append(rows["Analytes"], []any{a.Analyte, a.Tested, a.Negative, a.Equivocal, a.Positive, a.NegativeRate, a.EquivocalRate, a.PositiveRate})
	}
	for i, name := range []string{"Summary", "By station", "By month", "By station and month", "Analytes"} {
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

func tableRows(rs []lab.SummaryRow, by string) [][]any {
	out := [][]any{{by, "screened", "collected", "rejected", "released", "abnormal", "cases opened", "cases reached", "cases closed", "cases lost"}}
	for _, r := range rs {
		out = append(out, []any{r.Key, r.Screened, r.Collected, r.Rejected, r.Released, r.Abnormal, r.CasesOpened, r.CasesReached, r.CasesClosed, r.LostToFollowUp})
	}
	return out
}

// stationMonthRows is the programme office's table: station, month, figures.
func stationMonthRows(rs []lab.SummaryRow) [][]any {
	out := [][]any{{"station", "month", "screened", "collected", "rejected", "released", "abnormal", "cases opened", "cases reached", "cases closed", "cases lost"}}
	for _, r := range rs {
		out = append(out, []any{r.StationCode, r.Month, r.Screened, r.Collected, r.Rejected, r.Released, r.Abnormal, r.CasesOpened, r.CasesReached, r.CasesClosed, r.LostToFollowUp})
	}
	return out
}
