package api

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
	"torchlab/lab/stats"
)

func (s *Server) summaryOf(c *gin.Context) (*stats.Summary, bool) {
	var v lab.Validation
	f := stats.SummaryFilter{From: c.Query("from"), To: c.Query("to"), StationID: queryID(c, "station_id", &v)}
	if err := v.Err(); err != nil {
		fail(c, err)
		return nil, false
	}
	sum, err := s.stats.ProgrammeSummary(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return nil, false
	}
	return sum, true
}

// exportOf is what the files hold: the summary, and the station-by-month
// table a programme office files.
func (s *Server) exportOf(c *gin.Context) (*stats.Summary, []stats.SummaryRow, bool) {
	sum, ok := s.summaryOf(c)
	if !ok {
		return nil, nil, false
	}
	months, err := s.stats.StationMonths(c.Request.Context(), sum)
	if err != nil {
		fail(c, err)
		return nil, nil, false
	}
	return sum, months, true
}

func (s *Server) reportSummary(c *gin.Context) {
	if sum, ok := s.summaryOf(c); ok {
		c.JSON(http.StatusOK, sum)
	}
}

// reportSummaryCSV is the per-station and per-month table a programme
// office files, with no personal data at all, followed by every ratio
// with its numerator and denominator (rows of table "indicator", which
// fill the last five columns and leave the counts empty).
func (s *Server) reportSummaryCSV(c *gin.Context) {
	sum, months, ok := s.exportOf(c)
	if !ok {
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="summary-`+string(sum.From)+`-`+string(sum.To)+`.csv"`)
	w := csv.NewWriter(c.Writer)
	w.Write([]string{"table", "station", "month", "screened", "collected", "rejected", "released", "abnormal",
		"cases_opened", "cases_reached", "cases_closed", "cases_lost", "tested",
		"indicator", "breakdown", "numerator", "denominator", "rate"})
	line := func(table string, r stats.SummaryRow) {
		w.Write([]string{table, r.StationCode, r.Month, itoa(r.Screened), itoa(r.Collected), itoa(r.Rejected), itoa(r.Released),
			itoa(r.Abnormal), itoa(r.CasesOpened), itoa(r.CasesReached), itoa(r.CasesClosed), itoa(r.LostToFollowUp), itoa(r.Tested),
			"", "", "", "", ""})
	}
	for _, r := range sum.ByStation {
		line("station", r)
	}
	for _, r := range sum.ByMonth {
		line("month", r)
	}
	for _, r := range months {
		line("station_month", r)
	}
	for _, in := range indicators(sum, months) {
		cells := in.cells()
		w.Write(append(append([]string{"indicator", cells[0], cells[1]}, make([]string, 10)...), cells[2:]...))
	}
	w.Flush()
}

func itoa(n int) string { return strconv.Itoa(n) }
