package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

func (s *Server) listFollowups(c *gin.Context) {
	var v lab.Validation
	f := lab.FollowupFilter{Status: lab.FollowupStatus(c.Query("status")), Assignee: c.Query("assignee"),
		StationID: queryID(c, "station_id", &v), Page: pageOf(c, &v)}
	if raw := c.Query("overdue"); raw != "" {
		b, err := strconv.ParseBool(raw)
		if err != nil {
			v.Add("overdue", "not_boolean", "true or false")
		}
		f.Overdue = b
	}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListFollowups(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) getFollowup(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	d, err := s.svc.GetFollowup(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

type contactRequest struct {
	Channel       string             `json:"channel"`
	Result        string             `json:"result"`
	Note          string             `json:"note"`
	NextAttemptOn string             `json:"next_attempt_on"`
	NextAction    *nextActionRequest `json:"next_action"`
}

type nextActionRequest struct {
	Kind  string `json:"kind"`
	DueOn string `json:"due_on"`
}

func (r *nextActionRequest) input() *lab.NextActionInput {
	if r == nil {
		return nil
	}
	return &lab.NextActionInput{Kind: r.Kind, DueOn: r.DueOn}
}

func (s *Server) addContact(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req contactRequest
	if !bindJSON(c, &req) {
		return
	}
	ct, err := s.svc.AddContact(c.Request.Context(), id, lab.NewContact{Channel: req.Channel, Result: req.Result,
		Note: req.Note, NextAttemptOn: req.NextAttemptOn, NextAction: req.NextAction.input()})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ct)
}

type externalResultRequest struct {
	Kind        string             `json:"kind"`
	Pathogen    string             `json:"pathogen"`
	Result      string             `json:"result"`
	PerformedOn string             `json:"performed_on"`
	Note        string             `json:"note"`
	NextAction  *nextActionRequest `json:"next_action"`
}

func (s *Server) recordExternalResult(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req externalResultRequest
	if !bindJSON(c, &req) {
		return
	}
	r, err := s.svc.RecordExternalResult(c.Request.Context(), id, lab.NewExternalResult{Kind: req.Kind, Pathogen: req.Pathogen,
		Result: req.Result, PerformedOn: req.PerformedOn, Note: req.Note, NextAction: req.NextAction.input()})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}

type closeRequest struct {
	Outcome string `json:"outcome"`
	Note    string `json:"note"`
}

func (s *Server) closeFollowup(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req closeRequest
	if !bindJSON(c, &req) {
		return
	}
	f, err := s.svc.CloseFollowup(c.Request.Context(), id, req.Outcome, req.Note)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, f)
}

type reopenRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) reopenFollowup(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req reopenRequest
	if !bindJSON(c, &req) {
		return
	}
	f, err := s.svc.ReopenFollowup(c.Request.Context(), id, req.Reason)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, f)
}

type reassignRequest struct {
	AssigneeID int64 `json:"assignee_id"`
}

func (s *Server) reassignFollowup(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req reassignRequest
	if !bindJSON(c, &req) {
		return
	}
	f, err := s.svc.ReassignFollowup(c.Request.Context(), id, req.AssigneeID)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, f)
}

type retestRequest struct {
	SlotID int64 `json:"slot_id"`
}

func (s *Server) bookRetest(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req retestRequest
	if !bindJSON(c, &req) {
		return
	}
	ap, err := s.svc.BookRetest(c.Request.Context(), id, req.SlotID)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ap)
}

func (s *Server) safetyNet(c *gin.Context) {
	items, err := s.svc.SafetyNet(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	total := int64(len(items))
	c.JSON(http.StatusOK, lab.List[lab.SafetyNetItem]{Items: items, Total: &total})
}

func (s *Server) listNotifications(c *gin.Context) {
	var v lab.Validation
	page := pageOf(c, &v)
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListNotifications(c.Request.Context(), c.Query("unread") == "true", page)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) readNotification(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	if err := s.svc.MarkRead(c.Request.Context(), id); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
