package lab

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ExternalResult is a result from outside the programme's lab recorded on
// a case: an IgG avidity test, a PCR, or whether she saw the obstetrician
// she was referred to (API.md, "Episodes, outcomes and reminders").
type ExternalResult struct {
	ID         int64  `json:"id" gorm:"primaryKey"`
	FollowupID int64  `json:"-"`
	Kind       string `json:"kind"`
	// Pathogen is the one an avidity or PCR result is about ("" for an
	// obstetric referral).
	Pathogen    string    `json:"pathogen,omitempty"`
	Result      string    `json:"result"`
	PerformedOn Date      `json:"performed_on"`
	Note        string    `json:"note,omitempty"`
	Effect      string    `json:"effect,omitempty"`
	RecordedAt  time.Time `json:"recorded_at"`
	RecordedBy  *int64    `json:"recorded_by"`
}

// TableName names the external results' table.
func (ExternalResult) TableName() string { return "followup_external_results" }

// The external results' kinds, each with its results.
var externalResults = map[string][]string{
	"avidity":            {"high", "low", "equivocal"},
	"pcr":                {"detected", "not_detected"},
	"obstetric_referral": {"seen", "not_seen"},
}

// EffectPriorityLowered marks a high-avidity result that lowered an
// IgM-positive case to routine (LowerPriorityByAvidity).
const EffectPriorityLowered = "priority_lowered"

// avidityWindowDays is the gestation before which a high avidity dates an
// infection to before the pregnancy: high avidity excludes an infection in
// the previous four months (domain.md §2), so measured before 12 weeks it
// places the infection before conception.
const avidityWindowDays = 12 * 7

// NewExternalResult is one result to record; NextAction is optional.
type NewExternalResult struct {
	Kind        string
	Pathogen    string
	Result      string
	PerformedOn string
	Note        string
	NextAction  *NextActionInput
}

// igmPositivePatterns are the findings an avidity or PCR result speaks to.
var igmPositivePatterns = []string{"IGM_POS_IGG_POS", "IGM_POS_IGG_NEG", "IGM_EQUIVOCAL", "IGM_PERSISTENT", "SEROCONVERSION"}

func isIgMPositive(f Finding) bool {
	return slices.Contains(igmPositivePatterns, strings.TrimPrefix(f.Code, f.Pathogen+"_"))
}

// avidityDates reports whether an avidity result can date the finding's
// infection: an IgM with a positive IgG. A documented seroconversion is a
// recent infection whatever the avidity says, and an IgM without IgG has no
// IgG whose avidity could be measured.
func avidityDates(f Finding) bool {
	switch strings.TrimPrefix(f.Code, f.Pathogen+"_") {
	case "IGM_POS_IGG_POS", "IGM_PERSISTENT", "IGM_EQUIVOCAL":
		return f.IgG == string(Positive)
	}
	return false
}

// externalPathogen is the pathogen an avidity or PCR result is about: the
// one named, or, when none is, the case's only pathogen with an IgM-type
// finding. HSV takes no avidity (domain.md §0).
func externalPathogen(kind, named string, fs []Finding, v *Validation) string {
	named = strings.ToUpper(strings.TrimSpace(named))
	if kind == "obstetric_referral" {
		if named != "" {
			v.Add("pathogen", "not_allowed", "an obstetric referral is not about one pathogen")
		}
		return ""
	}
	if named == "" {
		var seen []string
		for _, f := range fs {
			if isIgMPositive(f) && f.Pathogen != "HSV" && !slices.Contains(seen, f.Pathogen) {
				seen = append(seen, f.Pathogen)
			}
		}
		if len(seen) != 1 {
			v.Add("pathogen", "required", "name the pathogen: TOXO, RUBV or CMV")
			return ""
		}
		return seen[0]
	}
	if !slices.Contains([]string{"TOXO", "RUBV", "CMV"}, named) {
		v.Add("pathogen", "invalid", "TOXO, RUBV or CMV (HSV serology takes no avidity)")
	}
	return named
}

// LowerPriorityByAvidity applies the avidity rule: a high IgG avidity
// measured before 12 weeks of gestation places a pregnant woman's
// infection before her pregnancy, so the findings of that pathogen that
// avidity can date (avidityDates) become routine. It returns the findings with their new
// priorities and whether any changed; findings of other pathogens keep
// theirs.
func LowerPriorityByAvidity(fs []Finding, pathogen string, gestationDays int) ([]Finding, bool) {
	if gestationDays < 0 || gestationDays >= avidityWindowDays {
		return fs, false
	}
	out := slices.Clone(fs)
	lowered := false
	for i, f := range out {
		if f.Pathogen == pathogen && avidityDates(f) && f.Priority.Higher(Routine) {
			out[i].Priority, lowered = Routine, true
		}
	}
	return out, lowered
}

// RecordExternalResult records an avidity, PCR or obstetric referral
// result on an open case, audited, and gives the case its next action
// (the one chosen, else a contact within the routine due time: she must be
// told). A high avidity before 12 weeks of gestation lowers an IgM-positive
// pregnant woman's case to routine, and the timeline says why
// (LowerPriorityByAvidity). Counselors and admins. CodeNotFound,
// CodeInvalidState (closed), CodeValidation.
func (s *Service) RecordExternalResult(ctx context.Context, id int64, in NewExternalResult) (*ExternalResult, error) {
	a, err := s.caseActor(ctx)
	if err != nil {
		return nil, err
	}
	var v Validation
	results, ok := externalResults[in.Kind]
	if !ok {
		v.Add("kind", "invalid", "avidity, pcr or obstetric_referral")
	} else if !slices.Contains(results, in.Result) {
		v.Add("result", "invalid", strings.Join(results, ", "))
	}
	performed, perr := ParseDate(in.PerformedOn)
	if perr != nil {
		v.Add("performed_on", "invalid", "a YYYY-MM-DD date")
	}
	in.Note = v.note("note", in.Note, 500)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out ExternalResult
	err = s.inTx(ctx, func(tx *txDB) error {
		c, loc, err := s.workableCase(ctx, tx, id, "record a result on")
		if err != nil {
			return err
		}
		now := tx.now
		today := Today(now, loc)
		if performed > today {
			v.Add("performed_on", "in_future", "not after today ("+string(today)+")")
		}
		findings := c.Findings()
		pathogen := externalPathogen(in.Kind, in.Pathogen, findings, &v)
		var kind NextActionKind
		var due Date
		if in.NextAction != nil {
			kind, due = parseNextAction(*in.NextAction, today, &v, "next_action.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		out = ExternalResult{FollowupID: c.ID, Kind: in.Kind, Pathogen: pathogen, Result: in.Result, PerformedOn: performed,
			Note: in.Note, RecordedAt: now, RecordedBy: nilIfZero(a.UserID)}
		why := ""
		if in.Kind == "avidity" && in.Result == "high" {
			if why, err = s.avidityLowers(tx, c, &out); err != nil {
				return err
			}
		}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		detail := strings.TrimSpace(in.Kind+" "+pathogen) + fmt.Sprintf(": %s on %s", in.Result, performed)
		if why != "" {
			detail += "; " + why
		}
		if err := s.caseEvent(ctx, tx, c.ID, "external_result", detail); err != nil {
			return err
		}
		details := map[string]any{"kind": in.Kind, "pathogen": pathogen, "result": in.Result, "performed_on": performed}
		if out.Effect != "" {
			details["effect"] = out.Effect
		}
		if err := s.audit(ctx, tx, "followup.external_result", "followup", c.ID, details); err != nil {
			return err
		}
		if kind != "" {
			return s.setNextActionOn(ctx, tx, c, loc, kind, due, "chosen with the "+in.Kind+" result")
		}
		st, err := loadSettings(tx.DB)
		if err != nil {
			return err
		}
		return s.setNextActionOn(ctx, tx, c, loc, ActionContact, today.AddDays(daysOfHours(st.DueHoursRoutine)),
			"tell her the "+in.Kind+" result")
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// avidityLowers applies LowerPriorityByAvidity to the case of a pregnant
// woman (pregnant at the draw that opened it, with her last menstrual
// period on that appointment), gestation counted on the day the avidity
// sample was taken. It stores the lowered findings and priority and says
// why, or returns "" when the rule does not apply.
func (s *Service) avidityLowers(tx *txDB, c *Followup, r *ExternalResult) (string, error) {
	var ap struct {
		Category Category
		LMPDate  *Date
	}
	err := tx.Table("appointments").Select("appointments.category, appointments.lmp_date").
		Joins("JOIN samples ON samples.appointment_id = appointments.id").
		Where("samples.id = ?", c.SampleID).Take(&ap).Error
	if err != nil || ap.Category != Pregnant || ap.LMPDate == nil {
		return "", err
	}
	days := GestationDays(*ap.LMPDate, r.PerformedOn)
	findings, lowered := LowerPriorityByAvidity(c.Findings(), r.Pathogen, days)
	if !lowered {
		return "", nil
	}
	from, prio := c.Priority, casePriority(findings)
	if err := s.setCaseFindings(tx, c, findings, prio); err != nil {
		return "", err
	}
	r.Effect = EffectPriorityLowered
	return fmt.Sprintf("high avidity at %d+%d weeks places the %s infection before this pregnancy: priority from %s to %s",
		days/7, days%7, r.Pathogen, from, prio), nil
}
