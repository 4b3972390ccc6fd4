package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type consentRequest struct {
	Given       bool   `json:"given"`
	TextVersion string `json:"text_version"`
}

func (c *consentRequest) input() *lab.ConsentInput {
	if c == nil {
		return nil
	}
	return &lab.ConsentInput{Given: c.Given, TextVersion: c.TextVersion}
}

type clientRequest struct {
	Name       string            `json:"name"`
	NationalID string            `json:"national_id"`
	Phone      string            `json:"phone"`
	Address    string            `json:"address"`
	Category   lab.Category      `json:"category"`
	LMPDate    string            `json:"lmp_date"`
	Consent    *consentRequest   `json:"consent"`
	Reminders  *remindersRequest `json:"reminders"`
	StationID  *int64            `json:"station_id"`
}

type clientPatch struct {
	Name       *string           `json:"name"`
	NationalID *string           `json:"national_id"`
	Phone      *string           `json:"phone"`
	Address    *string           `json:"address"`
	Category   *lab.Category     `json:"category"`
	LMPDate    *string           `json:"lmp_date"`
	Consent    *consentRequest   `json:"consent"`
	Reminders  *remindersRequest `json:"reminders"`
	StationID  *int64            `json:"station_id"`
}

func (s *Server) registerClient(c *gin.Context) {
	var req clientRequest
	if !bindJSON(c, &req) {
		return
	}
	cl, err := s.svc.RegisterClient(c.Request.Context(), lab.NewClient{
		Name: req.Name, NationalID: req.NationalID, Phone: req.Phone, Address: req.Address,
		Category: req.Category, LMPDate: req.LMPDate, Consent: req.Consent.input(), Reminders: req.Reminders.input(),
		StationID: req.StationID,
	})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, cl.View())
}

func (s *Server) updateClient(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req clientPatch
	if !bindJSON(c, &req) {
		return
	}
	cl, err := s.svc.UpdateClient(c.Request.Context(), id, lab.ClientPatch{
		Name: req.Name, NationalID: req.NationalID, Phone: req.Phone, Address: req.Address,
		Category: req.Category, LMPDate: req.LMPDate, Consent: req.Consent.input(), Reminders: req.Reminders.input(),
		StationID: req.StationID,
	})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, cl.View())
}

func (s *Server) getClient(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	page, err := s.svc.GetClientPage(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page)
}

func (s *Server) listClients(c *gin.Context) {
	var v lab.Validation
	f := lab.ClientFilter{Q: c.Query("q"), StationID: queryID(c, "station_id", &v), Page: pageOf(c, &v)}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListClients(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	views := make([]lab.ClientView, len(list.Items))
	for i := range list.Items {
		views[i] = list.Items[i].View()
	}
	c.JSON(http.StatusOK, lab.List[lab.ClientView]{Items: views, Total: list.Total, NextCursor: list.NextCursor})
}

// revealNationalID shows the full ID number; the use case audits it, and
// the answer is never cached.
func (s *Server) revealNationalID(c *gin.Context) {
	s.reveal(c, "national_id", s.svc.RevealNationalID)
}

func (s *Server) revealPhone(c *gin.Context) {
	s.reveal(c, "phone", s.svc.RevealPhone)
}

func (s *Server) reveal(c *gin.Context, field string, get func(ctx context.Context, id int64) (string, error)) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	value, err := get(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"client_id": id, field: value})
}

// queryID reads an optional numeric id from the query string.
func queryID(c *gin.Context, name string, v *lab.Validation) *int64 {
	raw := c.Query(name)
	if raw == "" {
		return nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		v.Add(name, "invalid", "a record id")
		return nil
	}
	return &id
}
