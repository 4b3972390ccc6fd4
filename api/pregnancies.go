package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type pregnancyRequest struct {
	LMPDate string `json:"lmp_date"`
	EDD     string `json:"edd"`
	Source  string `json:"source"`
}

func (s *Server) recordPregnancy(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req pregnancyRequest
	if !bindJSON(c, &req) {
		return
	}
	p, err := s.svc.RecordPregnancy(c.Request.Context(), id, lab.NewPregnancy(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, p)
}

func (s *Server) listClientPregnancies(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	ps, err := s.svc.PregnanciesOf(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	total := int64(len(ps))
	c.JSON(http.StatusOK, lab.List[lab.Pregnancy]{Items: ps, Total: &total})
}

func (s *Server) listPregnancyTasks(c *gin.Context) {
	var v lab.Validation
	f := lab.PregnancyFilter{StationID: queryID(c, "station_id", &v), Page: pageOf(c, &v)}
	if raw := c.Query("due"); raw != "" {
		b, err := strconv.ParseBool(raw)
		if err != nil {
			v.Add("due", "not_boolean", "true or false")
		}
		f.Due = b
	}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListPregnancyTasks(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

type defectItem struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

type outcomeRequest struct {
	Outcome        string       `json:"outcome"`
	Date           string       `json:"date"`
	GestationWeeks *int         `json:"gestation_weeks"`
	BirthWeightG   *int         `json:"birth_weight_g"`
	Defects        []defectItem `json:"defects"`
	Reason         string       `json:"reason"`
}

func (r outcomeRequest) input() lab.NewOutcome {
	in := lab.NewOutcome{Outcome: r.Outcome, Date: r.Date, GestationWeeks: r.GestationWeeks, BirthWeightG: r.BirthWeightG, Reason: r.Reason}
	for _, d := range r.Defects {
		in.Defects = append(in.Defects, lab.Defect(d))
	}
	return in
}

func (s *Server) recordOutcome(c *gin.Context) {
	s.writeOutcome(c, s.svc.RecordOutcome, http.StatusCreated)
}

func (s *Server) correctOutcome(c *gin.Context) {
	s.writeOutcome(c, s.svc.CorrectOutcome, http.StatusOK)
}

func (s *Server) writeOutcome(c *gin.Context, write func(ctx context.Context, id int64, in lab.NewOutcome) (*lab.Pregnancy, error), status int) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req outcomeRequest
	if !bindJSON(c, &req) {
		return
	}
	p, err := write(c.Request.Context(), id, req.input())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(status, p)
}

type pregnancyContactRequest struct {
	Task    string `json:"task"`
	Channel string `json:"channel"`
	Result  string `json:"result"`
	Note    string `json:"note"`
}

func (s *Server) addPregnancyContact(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req pregnancyContactRequest
	if !bindJSON(c, &req) {
		return
	}
	ct, err := s.svc.AddPregnancyContact(c.Request.Context(), id, lab.NewPregnancyContact(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ct)
}

type vaccinationRequest struct {
	Vaccine           string `json:"vaccine"`
	GivenOn           string `json:"given_on"`
	PregnancyExcluded bool   `json:"pregnancy_excluded"`
	Note              string `json:"note"`
}

func (s *Server) recordVaccination(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req vaccinationRequest
	if !bindJSON(c, &req) {
		return
	}
	v, err := s.svc.RecordVaccination(c.Request.Context(), id, lab.NewVaccination(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, v)
}

func (s *Server) listVaccinations(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	vs, err := s.svc.VaccinationsOf(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	total := int64(len(vs))
	c.JSON(http.StatusOK, lab.List[lab.Vaccination]{Items: vs, Total: &total})
}

func (s *Server) listPregnancyContacts(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	cs, err := s.svc.PregnancyContacts(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	total := int64(len(cs))
	c.JSON(http.StatusOK, lab.List[lab.PregnancyContact]{Items: cs, Total: &total})
}
