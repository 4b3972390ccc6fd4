package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

// slotRequest is one slot {date, start, end?, capacity} or a range
// {from, to, weekdays, times, capacity}.
type slotRequest struct {
	Date     string   `json:"date"`
	Start    string   `json:"start"`
	End      string   `json:"end"`
	Capacity int      `json:"capacity"`
	From     string   `json:"from"`
	To       string   `json:"to"`
	Weekdays []int    `json:"weekdays"`
	Times    []string `json:"times"`
}

func (r slotRequest) isRange() bool {
	return r.From != "" || r.To != "" || r.Weekdays != nil || r.Times != nil
}

func (s *Server) createSlots(c *gin.Context) {
	station, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req slotRequest
	if !bindJSON(c, &req) {
		return
	}
	ctx := c.Request.Context()
	if req.isRange() {
		if req.Date != "" || req.Start != "" {
			fail(c, &lab.Error{Code: lab.CodeValidation, Message: "give one slot (date, start) or a range (from, to, weekdays, times), not both",
				Fields: []lab.FieldError{{Field: "date", Code: "not_allowed"}}})
			return
		}
		batch, err := s.svc.CreateSlots(ctx, station, lab.SlotRange{From: req.From, To: req.To,
			Weekdays: req.Weekdays, Times: req.Times, End: req.End, Capacity: req.Capacity})
		if err != nil {
			fail(c, err)
			return
		}
		c.JSON(http.StatusCreated, batch)
		return
	}
	sl, err := s.svc.CreateSlot(ctx, station, lab.NewSlot{Date: req.Date, Start: req.Start, End: req.End, Capacity: req.Capacity})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, sl)
}

func (s *Server) listSlots(c *gin.Context) {
	station, ok := pathID(c, "id")
	if !ok {
		return
	}
	slots, err := s.svc.ListSlots(c.Request.Context(), station, c.Query("from"), c.Query("to"))
	if err != nil {
		fail(c, err)
		return
	}
	total := int64(len(slots))
	c.JSON(http.StatusOK, lab.List[lab.Slot]{Items: slots, Total: &total})
}

type slotPatch struct {
	Capacity *int  `json:"capacity"`
	Closed   *bool `json:"closed"`
}

func (s *Server) updateSlot(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req slotPatch
	if !bindJSON(c, &req) {
		return
	}
	sl, err := s.svc.UpdateSlot(c.Request.Context(), id, lab.SlotPatch{Capacity: req.Capacity, Closed: req.Closed})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sl)
}

func (s *Server) deleteSlot(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	if err := s.svc.DeleteSlot(c.Request.Context(), id); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
