package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type stationRequest struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
	Phone    string `json:"phone"`
}

type stationPatch struct {
	Name     *string `json:"name"`
	Timezone *string `json:"timezone"`
	Phone    *string `json:"phone"`
	Active   *bool   `json:"active"`
}

func (s *Server) createStation(c *gin.Context) {
	var req stationRequest
	if !bindJSON(c, &req) {
		return
	}
	st, err := s.svc.CreateStation(c.Request.Context(), lab.NewStation(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, st)
}

func (s *Server) updateStation(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req stationPatch
	if !bindJSON(c, &req) {
		return
	}
	st, err := s.svc.UpdateStation(c.Request.Context(), id, lab.StationPatch(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, st)
}

func (s *Server) getStation(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	st, err := s.svc.GetStation(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, st)
}

func (s *Server) listStations(c *gin.Context) {
	var v lab.Validation
	page := pageOf(c, &v)
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListStations(c.Request.Context(), page)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}
