package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type analyserRequest struct {
	Name     string            `json:"name"`
	Protocol string            `json:"protocol"`
	SenderID string            `json:"sender_id"`
	CodeMap  map[string]string `json:"code_map"`
}

type analyserPatch struct {
	Name     *string           `json:"name"`
	SenderID *string           `json:"sender_id"`
	CodeMap  map[string]string `json:"code_map"`
	Active   *bool             `json:"active"`
}

func (s *Server) createAnalyser(c *gin.Context) {
	var req analyserRequest
	if !bindJSON(c, &req) {
		return
	}
	an, err := s.svc.CreateAnalyser(c.Request.Context(), lab.NewAnalyser(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, an)
}

func (s *Server) updateAnalyser(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req analyserPatch
	if !bindJSON(c, &req) {
		return
	}
	an, err := s.svc.UpdateAnalyser(c.Request.Context(), id, lab.AnalyserPatch(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, an)
}

func (s *Server) getAnalyser(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	an, err := s.svc.GetAnalyser(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, an)
}

func (s *Server) listAnalysers(c *gin.Context) {
	list, err := s.svc.ListAnalysers(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": list})
}

func (s *Server) listInterfaceMessages(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var v lab.Validation
	page := pageOf(c, &v)
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.InterfaceMessages(c.Request.Context(), id, lab.InterfaceMessageFilter{Ack: c.Query("ack"), Page: page})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}
