package api

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

func (s *Server) getSettings(c *gin.Context) {
	st, err := s.svc.Settings(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, st)
}

// putSettings takes some or all settings by name; unknown names and bad
// values are refused by the use case, which changes nothing then.
func (s *Server) putSettings(c *gin.Context) {
	var changes map[string]json.RawMessage
	if !bindJSON(c, &changes) {
		return
	}
	st, err := s.svc.UpdateSettings(c.Request.Context(), changes)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, st)
}

func (s *Server) settingRules(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"items": lab.SettingRules()})
}

func (s *Server) getCalendar(c *gin.Context) {
	cal, err := s.svc.Calendar(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, cal)
}

// putCalendar replaces both lists of the working calendar.
func (s *Server) putCalendar(c *gin.Context) {
	var body struct {
		Holidays []string `json:"holidays"`
		Workdays []string `json:"workdays"`
	}
	if !bindJSON(c, &body) {
		return
	}
	cal, err := s.svc.UpdateCalendar(c.Request.Context(), lab.CalendarInput{Holidays: body.Holidays, Workdays: body.Workdays})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, cal)
}
