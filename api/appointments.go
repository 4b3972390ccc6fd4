package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type appointmentRequest struct {
	ClientID       int64  `json:"client_id"`
	SlotID         int64  `json:"slot_id"`
	RecollectionID *int64 `json:"recollection_id"`
	FollowupID     *int64 `json:"followup_id"`
}

func (s *Server) bookAppointment(c *gin.Context) {
	var req appointmentRequest
	if !bindJSON(c, &req) {
		return
	}
	var v lab.Validation
	if req.ClientID <= 0 {
		v.Add("client_id", "required", "the client to book")
	}
	if req.SlotID <= 0 {
		v.Add("slot_id", "required", "the slot to book her into")
	}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	ap, err := s.svc.BookAppointment(c.Request.Context(), lab.NewAppointment(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ap)
}

// appointmentMove runs one state move named by the route.
func (s *Server) appointmentMove(move func(ctx context.Context, id int64) (*lab.Appointment, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := pathID(c, "id")
		if !ok {
			return
		}
		ap, err := move(c.Request.Context(), id)
		if err != nil {
			fail(c, err)
			return
		}
		c.JSON(http.StatusOK, ap)
	}
}

type cancelRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) cancelAppointment(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req cancelRequest
	if c.Request.ContentLength != 0 && !bindJSON(c, &req) {
		return
	}
	ap, err := s.svc.Cancel(c.Request.Context(), id, req.Reason)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ap)
}

type rescheduleRequest struct {
	SlotID int64 `json:"slot_id"`
}

func (s *Server) rescheduleAppointment(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req rescheduleRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.SlotID <= 0 {
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "name the new slot",
			Fields: []lab.FieldError{{Field: "slot_id", Code: "required"}}})
		return
	}
	ap, err := s.svc.Reschedule(c.Request.Context(), id, req.SlotID)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ap)
}

func (s *Server) getAppointment(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	ap, err := s.svc.GetAppointment(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ap)
}

func (s *Server) listAppointments(c *gin.Context) {
	var v lab.Validation
	f := lab.AppointmentFilter{
		StationID: queryID(c, "station_id", &v), ClientID: queryID(c, "client_id", &v),
		Date: c.Query("date"), Status: lab.AppointmentStatus(c.Query("status")), Page: pageOf(c, &v),
	}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListAppointments(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}
