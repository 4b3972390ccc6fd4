package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type lotRequest struct {
	Analyte    string `json:"analyte"`
	Kit        string `json:"kit"`
	Lot        string `json:"lot"`
	ExpiresOn  string `json:"expires_on"`
	ReceivedOn string `json:"received_on"`
	InUse      bool   `json:"in_use"`
}

func (s *Server) createLot(c *gin.Context) {
	var req lotRequest
	if !bindJSON(c, &req) {
		return
	}
	l, err := s.svc.CreateLot(c.Request.Context(), lab.NewLot(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, l)
}

func (s *Server) listLots(c *gin.Context) {
	ls, err := s.svc.ListLots(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": ls})
}

func (s *Server) useLot(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	l, err := s.svc.UseLot(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, l)
}
