package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
	"torchlab/lab/labels"
)

type collectRequest struct {
	Panel string `json:"panel"`
}

func (s *Server) collectSample(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req collectRequest
	if c.Request.ContentLength != 0 && !bindJSON(c, &req) {
		return
	}
	sm, err := s.svc.CollectSample(c.Request.Context(), id, req.Panel)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, sm)
}

func (s *Server) getSample(c *gin.Context) {
	d, err := s.svc.GetSample(c.Request.Context(), c.Param("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

func (s *Server) listSamples(c *gin.Context) {
	var v lab.Validation
	f := lab.SampleFilter{
		Status: lab.SampleStatus(c.Query("status")), StationID: queryID(c, "station_id", &v),
		ClientID: queryID(c, "client_id", &v), From: c.Query("from"), To: c.Query("to"), Page: pageOf(c, &v),
	}
	switch c.Query("amendment_pending") {
	case "", "false":
	case "true":
		f.AmendmentPending = true
	default:
		v.Add("amendment_pending", "invalid", "true or false")
	}
	switch c.Query("include") {
	case "":
	case "results":
		f.WithResults = true
	default:
		v.Add("include", "invalid", "results, or nothing")
	}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListSamples(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) receiveSample(c *gin.Context) {
	sm, receipt, err := s.svc.ReceiveSample(c.Request.Context(), c.Param("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"receipt": receipt, "sample": sm})
}

type rejectRequest struct {
	Reason lab.RejectReason `json:"reason"`
	Note   string           `json:"note"`
}

func (s *Server) rejectSample(c *gin.Context) {
	var req rejectRequest
	if !bindJSON(c, &req) {
		return
	}
	sm, err := s.svc.RejectSample(c.Request.Context(), c.Param("accession"), req.Reason, req.Note)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sm)
}

func (s *Server) listRecollections(c *gin.Context) {
	var v lab.Validation
	f := lab.RecollectionFilter{StationID: queryID(c, "station_id", &v), Open: c.Query("open") == "true", Page: pageOf(c, &v)}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListRecollections(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) listPanels(c *gin.Context) {
	panels, err := s.svc.Panels(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": panels})
}

// Labels: the PNG and the PDF sheet are previews and record nothing; the
// nurse confirms the print afterwards. The ZPL goes straight to a printer,
// so it is recorded by the use case before the bytes go out.

func (s *Server) labelPNG(c *gin.Context) {
	ls, err := s.svc.PreviewLabels(c.Request.Context(), []string{c.Param("accession")})
	if err != nil {
		fail(c, err)
		return
	}
	b, err := labels.PNG(ls[0])
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "image/png", b)
}

func (s *Server) labelZPL(c *gin.Context) {
	ls, err := s.svc.PrepareLabels(c.Request.Context(), []string{c.Param("accession")}, lab.LabelZPL, c.Query("reason"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", `attachment; filename="`+ls[0].Accession+`.zpl"`)
	c.Data(http.StatusOK, "application/zpl; charset=utf-8", []byte(labels.ZPL(ls)))
}

func (s *Server) labelsPDF(c *gin.Context) {
	layout := labels.Layout(c.DefaultQuery("layout", string(labels.Sheet)))
	if layout != labels.Sheet && layout != labels.Roll {
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "layout is sheet (A4, 44 labels) or roll (one 50 × 25 mm label a page)",
			Fields: []lab.FieldError{{Field: "layout", Code: "invalid"}}})
		return
	}
	ls, err := s.svc.PreviewLabels(c.Request.Context(), c.QueryArray("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	b, err := labels.PDF(ls, layout)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", `inline; filename="labels.pdf"`)
	c.Data(http.StatusOK, "application/pdf", b)
}

type labelPrintedRequest struct {
	Accessions []string `json:"accessions"`
	Format     string   `json:"format"`
	Reason     string   `json:"reason"`
}

// confirmLabelPrinted records that one tube's label came out of the printer.
func (s *Server) confirmLabelPrinted(c *gin.Context) {
	var req labelPrintedRequest
	if !bindJSON(c, &req) {
		return
	}
	if len(req.Accessions) > 0 {
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "the tube is named by the address",
			Fields: []lab.FieldError{{Field: "accessions", Code: "unknown"}}})
		return
	}
	s.confirmLabels(c, []string{c.Param("accession")}, req)
}

// confirmLabelsPrinted records that a sheet of labels came out of the printer.
func (s *Server) confirmLabelsPrinted(c *gin.Context) {
	var req labelPrintedRequest
	if !bindJSON(c, &req) {
		return
	}
	s.confirmLabels(c, req.Accessions, req)
}

func (s *Server) confirmLabels(c *gin.Context, accessions []string, req labelPrintedRequest) {
	format := lab.LabelFormat(req.Format)
	if format == "" {
		format = lab.LabelPDF
	}
	if err := s.svc.ConfirmLabelsPrinted(c.Request.Context(), accessions, format, req.Reason); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
