package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
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

// listShipments: the lab's incoming boxes (?status=dispatched) and a
// station's history, newest first, each with its manifest.
func (s *Server) listShipments(c *gin.Context) {
	var v lab.Validation
	f := lab.ShipmentFilter{StationID: queryID(c, "station_id", &v), Status: lab.ShipmentStatus(c.Query("status")), Page: pageOf(c, &v)}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListShipments(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}
