package api

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
	"torchlab/lab/reportpdf"
)

// numberText takes a value as a JSON number or a numeric string and keeps
// its text as given (12.50 stays 12.50); the use case judges it.
type numberText string

func (n *numberText) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if json.Unmarshal(b, &s) == nil {
		*n = numberText(s)
		return nil
	}
	var num json.Number
	if err := json.Unmarshal(b, &num); err != nil {
		return &json.UnmarshalTypeError{Value: string(b), Type: nil}
	}
	*n = numberText(num)
	return nil
}

type resultItem struct {
	Analyte     string     `json:"analyte"`
	Value       numberText `json:"value"`
	Qualitative string     `json:"qualitative"`
	Kit         string     `json:"kit"`
	Lot         string     `json:"lot"`
	Unit        string     `json:"unit"`
}

func (r resultItem) input() lab.ResultInput {
	return lab.ResultInput{Analyte: r.Analyte, Value: string(r.Value), Qualitative: r.Qualitative, Kit: r.Kit, Lot: r.Lot, Unit: r.Unit}
}

type resultsRequest struct {
	Results []resultItem `json:"results"`
}

func (s *Server) enterResults(c *gin.Context) {
	var req resultsRequest
	if !bindJSON(c, &req) {
		return
	}
	in := make([]lab.ResultInput, len(req.Results))
	for i, r := range req.Results {
		in[i] = r.input()
	}
	d, err := s.svc.EnterResults(c.Request.Context(), c.Param("accession"), in)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

type verifyRequest struct {
	AcknowledgeAbnormal bool `json:"acknowledge_abnormal"`
	AcknowledgeDelta    bool `json:"acknowledge_delta"`
}

func (s *Server) verifySample(c *gin.Context) {
	var req verifyRequest
	if c.Request.ContentLength != 0 && !bindJSON(c, &req) {
		return
	}
	d, err := s.svc.Verify(c.Request.Context(), c.Param("accession"),
		lab.VerifyOptions{AcknowledgeAbnormal: req.AcknowledgeAbnormal, AcknowledgeDelta: req.AcknowledgeDelta})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

func (s *Server) reviewRelease(c *gin.Context) {
	rv, err := s.svc.ReviewRelease(c.Request.Context(), c.Param("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, rv)
}

type amendRequest struct {
	resultItem
	Reason string `json:"reason"`
}

func (s *Server) amendResult(c *gin.Context) {
	var req amendRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.Analyte != "" && !strings.EqualFold(req.Analyte, c.Param("analyte")) {
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "the analyte is named in the path",
			Fields: []lab.FieldError{{Field: "analyte", Code: "not_allowed"}}})
		return
	}
	d, err := s.svc.Amend(c.Request.Context(), c.Param("accession"), c.Param("analyte"), req.input(), req.Reason)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

// maxImportBody bounds an analyser file (10,000 lines are about 400 KB;
// lab.MaxImportLines of them about 4 MB).
const maxImportBody = 32 << 20

// importAnswer is the import's report with the link to all its refused
// lines.
type importAnswer struct {
	*lab.ImportReport
	ErrorsCSV string `json:"errors_csv,omitempty"`
}

// importResults takes the CSV as the body (text/csv) or as the multipart
// field "file". The answer names the first refused lines; errors_csv
// links to them all.
func (s *Server) importResults(c *gin.Context) {
	body, ok := uploadedFile(c, maxImportBody, "the analyser file")
	if !ok {
		return
	}
	defer body.Close()
	rep, err := s.svc.ImportResults(c.Request.Context(), body)
	if err != nil {
		fail(c, err)
		return
	}
	out := importAnswer{ImportReport: rep}
	if rep.Rejected > 0 {
		out.ErrorsCSV = "/api/v1/results/imports/" + strconv.FormatInt(rep.ImportID, 10) + "/errors.csv"
	}
	c.JSON(http.StatusOK, out)
}

// importErrors downloads every refused line of an import as CSV.
func (s *Server) importErrors(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	// Headers first: the rows stream out as they are read.
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="import-`+strconv.FormatInt(id, 10)+`-errors.csv"`)
	w := &lazyWriter{c: c}
	if err := s.svc.ImportErrorsCSV(c.Request.Context(), id, w); err != nil && !w.started {
		c.Writer.Header().Del("Content-Disposition")
		fail(c, err)
	}
}

// lazyWriter writes the status on the first byte, so that an error found
// before any row (not found) is still answered as a problem.
type lazyWriter struct {
	c       *gin.Context
	started bool
}

func (w *lazyWriter) Write(p []byte) (int, error) {
	if !w.started {
		w.started = true
		w.c.Status(http.StatusOK)
	}
	return w.c.Writer.Write(p)
}

// reportVersion reads ?version=N, a released version of the report; absent
// (0) means the current one.
func reportVersion(c *gin.Context) (int, bool) {
	raw := c.Query("version")
	if raw == "" {
		return 0, true
	}
	n, err := strconv.Atoi(raw)
	code := "not_integer"
	if err == nil {
		if n >= 1 {
			return n, true
		}
		code = "out_of_range"
	}
	fail(c, &lab.Error{Code: lab.CodeValidation, Message: "version is a report version: a whole number from 1",
		Fields: []lab.FieldError{{Field: "version", Code: code, Detail: "a whole number from 1"}}})
	return 0, false
}

func (s *Server) sampleReport(c *gin.Context) {
	version, ok := reportVersion(c)
	if !ok {
		return
	}
	var rep *lab.Report
	var err error
	if version == 0 {
		rep, err = s.svc.SampleReport(c.Request.Context(), c.Param("accession"))
	} else {
		rep, err = s.svc.SampleReportVersion(c.Request.Context(), c.Param("accession"), version)
	}
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, rep)
}

func (s *Server) sampleReportPDF(c *gin.Context) {
	lang := reportpdf.Lang(c.DefaultQuery("lang", string(reportpdf.Zh)))
	if lang != reportpdf.Zh && lang != reportpdf.En {
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "lang is zh or en",
			Fields: []lab.FieldError{{Field: "lang", Code: "invalid"}}})
		return
	}
	version, ok := reportVersion(c)
	if !ok {
		return
	}
	rep, loc, err := s.svc.PrintReport(c.Request.Context(), c.Param("accession"), string(lang), version)
	if err != nil {
		fail(c, err)
		return
	}
	b, err := reportpdf.Render(rep, lang, loc)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", `inline; filename="report-`+rep.Accession+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", b)
}

func (s *Server) listAnalytes(c *gin.Context) {
	as, err := s.svc.Analytes(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": as})
}

type kitRequest struct {
	Kit           string   `json:"kit"`
	Unit          string   `json:"unit"`
	NegativeBelow *float64 `json:"negative_below"`
	PositiveFrom  *float64 `json:"positive_from"`
	EffectiveFrom string   `json:"effective_from"`
}

func (s *Server) addKit(c *gin.Context) {
	var req kitRequest
	if !bindJSON(c, &req) {
		return
	}
	k, err := s.svc.AddKit(c.Request.Context(), c.Param("code"), lab.NewKit(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, k)
}

type plausibleRangeRequest struct {
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
}

func (s *Server) setPlausibleRange(c *gin.Context) {
	var req plausibleRangeRequest
	if !bindJSON(c, &req) {
		return
	}
	a, err := s.svc.SetPlausibleRange(c.Request.Context(), c.Param("code"), req.Min, req.Max)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, a)
}

// uploadedFile is a file sent as the body (text/csv and the like) or as
// the multipart field "file", read at most limit bytes; what names it in
// the refusals, which uploadedFile has already answered when ok is false.
func uploadedFile(c *gin.Context, limit int64, what string) (body io.ReadCloser, ok bool) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	switch mt {
	case "text/csv", "text/plain", "text/tab-separated-values", "application/octet-stream":
		return c.Request.Body, true
	case "multipart/form-data":
		f, _, err := c.Request.FormFile("file")
		if err != nil {
			failCode(c, lab.CodeMalformed, "send "+what+" as the multipart field \"file\"")
			return nil, false
		}
		return f, true
	}
	failCode(c, lab.CodeUnsupportedMediaType, "send "+what+" as text/csv, or as the multipart field \"file\"")
	return nil, false
}
