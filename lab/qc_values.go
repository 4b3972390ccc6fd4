package lab

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// QCValue is one control value entered for a run, with its Westgard
// evaluation as made when it was entered.
type QCValue struct {
	ID            int64     `json:"id" gorm:"primaryKey"`
	RunID         int64     `json:"run_id"`
	MaterialID    int64     `json:"material_id"`
	AnalyteCode   string    `json:"analyte"`
	Value         *float64  `json:"value"`
	Qualitative   string    `json:"qualitative,omitempty"`
	Z             *float64  `json:"z"`
	RulesText     string    `json:"-" gorm:"column:rules_violated"`
	RulesViolated []string  `json:"rules_violated" gorm:"-"`
	Status        string    `json:"status"`
	EnteredBy     *int64    `json:"entered_by,omitempty"`
	EnteredAt     time.Time `json:"entered_at"`
}

func (QCValue) TableName() string { return "qc_values" }

// fill splits the stored rule list for the answer.
func (q *QCValue) fill() {
	q.RulesViolated = []string{}
	if q.RulesText != "" {
		q.RulesViolated = strings.Split(q.RulesText, ",")
	}
}

// QCEvaluation answers a control value: its evaluation, and the run's
// status after it.
type QCEvaluation struct {
	QCValue
	RunStatus string `json:"run_status"`
}

// QCInput is a control value as entered: a number for a quantitative
// control, an interpretation for a qualitative one.
type QCInput struct {
	MaterialID  int64
	Value       string
	Qualitative string
}

// RecordQC enters a control value for a run and judges it by the Westgard
// multirule over the material's history on its analyte and the run's other
// controls of that analyte (Westgard); the run's status becomes the worst
// evaluation of its controls. The value and any change of the run's
// status are audited. Lab technicians and admins. CodeNotFound (run or
// material), CodeInvalidState (the run is corrected or overridden),
// CodeValidation (the material's analyte is not the run's, the material
// is past its validity, a value missing or not a number).
func (s *Service) RecordQC(ctx context.Context, runID int64, in QCInput) (*QCEvaluation, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var out QCEvaluation
	err := s.inTx(ctx, func(tx *txDB) error {
		r, err := lockRun(tx, runID)
		if err != nil {
			return err
		}
		if r.Status == RunCorrected || r.Status == RunOverridden {
			return invalidState("run", r.Status, "enter control values for")
		}
		var m QCMaterial
		if err := tx.First(&m, in.MaterialID).Error; err != nil {
			if isNotFound(err) {
				return notFound("control material")
			}
			return err
		}
		var v Validation
		var n int64
		if err := tx.Model(&runAnalyte{}).Where("run_id = ? AND analyte_code = ?", r.ID, m.AnalyteCode).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			v.Add("material_id", "not_in_run", fmt.Sprintf("the run does not test %s", m.AnalyteCode))
		}
		if Today(tx.now, location(s.opts.DefaultTimezone)).After(m.ValidUntil) {
			v.Add("material_id", "expired", fmt.Sprintf("the control material was valid until %s", m.ValidUntil))
		}
		q := QCValue{RunID: r.ID, MaterialID: m.ID, AnalyteCode: m.AnalyteCode, EnteredBy: nilIfZero(a.UserID), EnteredAt: tx.now}
		if m.qualitative() {
			read := Interpretation(strings.ToLower(strings.TrimSpace(in.Qualitative)))
			if !read.Valid() {
				v.Add("qualitative", "invalid", "negative, equivocal or positive")
			}
			q.Qualitative = string(read)
		} else {
			x, qual, verr := parseValue(strings.TrimSpace(in.Value))
			switch {
			case verr != nil:
				v.Add("value", verr.code, verr.detail)
			case qual != "":
				v.Add("value", "not_numeric", "a control value is measured, not censored")
			default:
				q.Value = &x
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if m.qualitative() {
			q.RulesViolated, q.Status = WestgardQualitative(Interpretation(m.Expected), Interpretation(q.Qualitative))
		} else {
			z := (*q.Value - *m.TargetMean) / *m.TargetSD
			q.Z = &z
			in, err := westgardInput(tx, &m, r.ID, z)
			if err != nil {
				return err
			}
			q.RulesViolated, q.Status = Westgard(in)
		}
		q.RulesText = strings.Join(q.RulesViolated, ",")
		if err := tx.Create(&q).Error; err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "qc.value", "run", r.ID, map[string]any{"material_id": m.ID, "analyte": m.AnalyteCode,
			"level": m.Level, "value": q.Value, "qualitative": q.Qualitative, "z": q.Z,
			"rules_violated": q.RulesViolated, "status": q.Status}); err != nil {
			return err
		}
		status := worseQC(worseQC(QCAccepted, r.Status), q.Status)
		if r.Status == RunPending {
			status = q.Status
		}
		if status != r.Status {
			if err := tx.Model(&Run{}).Where("id = ?", r.ID).Update("status", status).Error; err != nil {
				return err
			}
			if err := s.audit(ctx, tx, "run.evaluate", "run", r.ID, map[string]any{"status": Change{r.Status, status}}); err != nil {
				return err
			}
		}
		out = QCEvaluation{QCValue: q, RunStatus: status}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// westgardInput reads what the rules judge a new value z of material m in
// run runID by: the material's earlier z-scores on its analyte (the last
// ten are all any rule reads), and the latest value of each other material
// of the analyte in this run.
func westgardInput(tx *txDB, m *QCMaterial, runID int64, z float64) (WestgardInput, error) {
	var earlier []QCValue
	if err := tx.Where("material_id = ? AND z IS NOT NULL", m.ID).Order("id DESC").Limit(9).Find(&earlier).Error; err != nil {
		return WestgardInput{}, err
	}
	in := WestgardInput{History: make([]float64, 0, len(earlier)+1)}
	for i := len(earlier) - 1; i >= 0; i-- {
		in.History = append(in.History, *earlier[i].Z)
	}
	in.History = append(in.History, z)
	var peers []QCValue
	if err := tx.Where("run_id = ? AND analyte_code = ? AND material_id <> ? AND z IS NOT NULL", runID, m.AnalyteCode, m.ID).
		Order("id").Find(&peers).Error; err != nil {
		return WestgardInput{}, err
	}
	latest := map[int64]float64{}
	for _, p := range peers {
		latest[p.MaterialID] = *p.Z
	}
	for _, p := range peers {
		if zz, ok := latest[p.MaterialID]; ok {
			in.InRun = append(in.InRun, zz)
			delete(latest, p.MaterialID)
		}
	}
	return in, nil
}

// LJPoint is one point of a Levey-Jennings chart.
type LJPoint struct {
	At            time.Time `json:"at"`
	RunID         int64     `json:"run_id"`
	Value         *float64  `json:"value"`
	Qualitative   string    `json:"qualitative,omitempty"`
	Z             *float64  `json:"z"`
	RulesViolated []string  `json:"rules_violated"`
	Status        string    `json:"status"`
}

// LJChart is a material's Levey-Jennings chart over a period.
type LJChart struct {
	Material QCMaterial `json:"material"`
	Points   []LJPoint  `json:"points"`
}

// QCChart returns the control values of a material entered from one day
// to another (inclusive, the lab's days; empty means unbounded), oldest
// first, with their z-scores and the rules each violated. Lab technicians
// and admins. CodeNotFound.
func (s *Service) QCChart(ctx context.Context, materialID int64, from, to Date) (*LJChart, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	c := LJChart{Points: []LJPoint{}}
	if err := db.First(&c.Material, materialID).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("control material")
		}
		return nil, err
	}
	loc := location(s.opts.DefaultTimezone)
	q := db.Where("material_id = ?", materialID)
	if from != "" {
		q = q.Where("entered_at >= ?", from.Time(loc).UTC())
	}
	if to != "" {
		q = q.Where("entered_at < ?", to.AddDays(1).Time(loc).UTC())
	}
	var vs []QCValue
	if err := q.Order("id").Find(&vs).Error; err != nil {
		return nil, err
	}
	for _, v := range vs {
		v.fill()
		c.Points = append(c.Points, LJPoint{At: v.EnteredAt, RunID: v.RunID, Value: v.Value, Qualitative: v.Qualitative,
			Z: v.Z, RulesViolated: v.RulesViolated, Status: v.Status})
	}
	return &c, nil
}
