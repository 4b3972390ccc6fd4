package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab/fhir"
)

func (s *Server) fhirDiagnosticReport(c *gin.Context) {
	src, err := s.svc.FHIRData(c.Request.Context(), c.Param("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Type", "application/fhir+json; charset=utf-8")
	c.JSON(http.StatusOK, fhir.Bundle(src))
}
