package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type shipmentRequest struct {
	Accessions []string `json:"accessions"`
}

func (s *Server) createShipment(c *gin.Context) {
	var req shipmentRequest
	if !bindJSON(c, &req) {
		return
	}
	d, err := s.svc.CreateShipment(c.Request.Context(), req.Accessions)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, d)
}

func (s *Server) dispatchShipment(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.svc.DispatchShipment(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

type scanRequest struct {
	Accession string `json:"accession"`
}

func (s *Server) scanShipment(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req scanRequest
	if !bindJSON(c, &req) {
		return
	}
	d, err := s.svc.ScanShipment(c.Request.Context(), id, req.Accession)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

func (s *Server) getShipment(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.svc.GetShipment(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}
