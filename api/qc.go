package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type materialRequest struct {
	Analyte    string   `json:"analyte"`
	Lot        string   `json:"lot"`
	Level      string   `json:"level"`
	TargetMean *float64 `json:"target_mean"`
	TargetSD   *float64 `json:"target_sd"`
	Expected   string   `json:"expected"`
	ValidUntil string   `json:"valid_until"`
}

func (s *Server) createQCMaterial(c *gin.Context) {
	var req materialRequest
	if !bindJSON(c, &req) {
		return
	}
	m, err := s.svc.CreateQCMaterial(c.Request.Context(), lab.NewQCMaterial(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, m)
}

func (s *Server) listQCMaterials(c *gin.Context) {
	ms, err := s.svc.ListQCMaterials(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": ms})
}

func (s *Server) qcChart(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var v lab.Validation
	from, to := optionalDate(c, "from", &v), optionalDate(c, "to", &v)
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	ch, err := s.svc.QCChart(c.Request.Context(), id, from, to)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ch)
}

// optionalDate reads an optional YYYY-MM-DD query parameter.
func optionalDate(c *gin.Context, name string, v *lab.Validation) lab.Date {
	raw := c.Query(name)
	if raw == "" {
		return ""
	}
	d, err := lab.ParseDate(raw)
	if err != nil {
		v.Add(name, "invalid", "a YYYY-MM-DD date")
	}
	return d
}

type runRequest struct {
	AnalyteCodes []string          `json:"analyte_codes"`
	Lots         map[string]string `json:"lots"`
}

func (s *Server) createRun(c *gin.Context) {
	var req runRequest
	if !bindJSON(c, &req) {
		return
	}
	r, err := s.svc.CreateRun(c.Request.Context(), req.AnalyteCodes, req.Lots)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}

func (s *Server) listRuns(c *gin.Context) {
	var v lab.Validation
	day := optionalDate(c, "date", &v)
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	rs, err := s.svc.ListRuns(c.Request.Context(), day)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": rs})
}

func (s *Server) getRun(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	r, err := s.svc.GetRun(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

type runSamplesRequest struct {
	Accessions []string `json:"accessions"`
}

func (s *Server) addRunSamples(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req runSamplesRequest
	if !bindJSON(c, &req) {
		return
	}
	r, err := s.svc.AddRunSamples(c.Request.Context(), id, req.Accessions)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

type qcValueRequest struct {
	MaterialID  int64      `json:"material_id"`
	Value       numberText `json:"value"`
	Qualitative string     `json:"qualitative"`
}

func (s *Server) recordQC(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req qcValueRequest
	if !bindJSON(c, &req) {
		return
	}
	ev, err := s.svc.RecordQC(c.Request.Context(), id, lab.QCInput{MaterialID: req.MaterialID, Value: string(req.Value), Qualitative: req.Qualitative})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ev)
}

type correctiveRequest struct {
	Action string            `json:"action"`
	Lots   map[string]string `json:"lots"`
}

func (s *Server) correctiveAction(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req correctiveRequest
	if !bindJSON(c, &req) {
		return
	}
	r, err := s.svc.RecordCorrectiveAction(c.Request.Context(), id, req.Action, req.Lots)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}

type overrideRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) overrideRun(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req overrideRequest
	if !bindJSON(c, &req) {
		return
	}
	r, err := s.svc.OverrideRun(c.Request.Context(), id, req.Reason)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

func (s *Server) qcRejectionRates(c *gin.Context) {
	rs, err := s.svc.QCRejectionRates(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": rs})
}
