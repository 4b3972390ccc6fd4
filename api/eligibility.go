package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

func (s *Server) clientEligibility(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	view, err := s.svc.ClientEligibility(c.Request.Context(), id, c.Query("slot_date"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, view)
}

// recordConsentRequest is {given, text_version}; given is required, so an
// empty body never withdraws her consent by default.
type recordConsentRequest struct {
	Given       *bool  `json:"given"`
	TextVersion string `json:"text_version"`
}

func (s *Server) recordConsent(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req recordConsentRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.Given == nil {
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "say whether she gave her consent",
			Fields: []lab.FieldError{{Field: "given", Code: "required"}}})
		return
	}
	cl, err := s.svc.RecordConsent(c.Request.Context(), id, lab.ConsentInput{Given: *req.Given, TextVersion: req.TextVersion})
	if err != nil {
		// The field is text_version in this body, consent.text_version
		// in a registration or correction.
		if e, ok := err.(*lab.Error); ok {
			for i := range e.Fields {
				if e.Fields[i].Field == "consent.text_version" {
					e.Fields[i].Field = "text_version"
				}
			}
		}
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, cl.View())
}
