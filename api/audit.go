package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

func (s *Server) listAudit(c *gin.Context) {
	var v lab.Validation
	f := lab.AuditFilter{
		Entity: c.Query("entity"), EntityID: c.Query("entity_id"),
		Actor: c.Query("actor"), Action: c.Query("action"), Page: pageOf(c, &v),
	}
	f.From = queryTime(c, "from", &v)
	f.To = queryTime(c, "to", &v)
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListAudit(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

// queryTime reads an RFC 3339 instant, or a date taken as its midnight UTC.
func queryTime(c *gin.Context, name string, v *lab.Validation) *time.Time {
	raw := c.Query(name)
	if raw == "" {
		return nil
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, raw); err == nil {
			return &t
		}
	}
	v.Add(name, "invalid", "an RFC 3339 instant or a YYYY-MM-DD date")
	return nil
}
