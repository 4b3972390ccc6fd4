package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
	"torchlab/lab/fhir"
)

func (s *Server) fhirDiagnosticReport(c *gin.Context) { s.fhirExport(c, fhir.DiagnosticReport) }

// fhirEverything is the report with everything it rests on, as a Bundle.
// FHIR defines $everything on Patient and Encounter; a report's is the
// same idea, so it takes the same name.
func (s *Server) fhirEverything(c *gin.Context) { s.fhirExport(c, fhir.Everything) }

// fhirExport answers one FHIR form of a released sample, in ?lang= (zh,
// the default, or en).
func (s *Server) fhirExport(c *gin.Context, form func(*lab.FHIRSource, fhir.Lang) map[string]any) {
	lang, ok := fhir.ParseLang(c.Query("lang"))
	if !ok {
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "lang is zh or en",
			Fields: []lab.FieldError{{Field: "lang", Code: "invalid"}}})
		return
	}
	src, err := s.svc.FHIRData(c.Request.Context(), c.Param("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Type", "application/fhir+json; charset=utf-8")
	c.JSON(http.StatusOK, form(src, lang))
}
