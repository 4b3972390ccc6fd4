package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// NewOutcome is a pregnancy's outcome as recorded (API.md).
type NewOutcome struct {
	Outcome        string
	Date           string
	GestationWeeks *int
	BirthWeightG   *int
	Defects        []Defect
	// Reason is required to correct an outcome already recorded.
	Reason string
}

// checkOutcome validates an outcome against the pregnancy, on today's date
// at her station: a known kind, a day between her LMP and today,
// plausible gestation weeks and birth weight (a weight only for a birth),
// and each defect described, its code, if any, of ICD-10's form Qnn[.n].
func checkOutcome(in *NewOutcome, p *Pregnancy, today Date) (Date, error) {
	var v Validation
	if !oneOf(in.Outcome, pregnancyOutcomes) {
		v.Add("outcome", "invalid", strings.Join(pregnancyOutcomes, ", "))
	}
	day, err := ParseDate(in.Date)
	switch {
	case err != nil:
		v.Add("date", "invalid", "a YYYY-MM-DD date")
	case day > today:
		v.Add("date", "in_future", "not after today ("+string(today)+")")
	case day < p.LMPDate:
		v.Add("date", "before_lmp", "not before her last menstrual period ("+string(p.LMPDate)+")")
	}
	if w := in.GestationWeeks; w != nil && (*w < 1 || *w > 45) {
		v.Add("gestation_weeks", "out_of_range", "1 to 45 weeks")
	}
	if g := in.BirthWeightG; g != nil {
		switch {
		case in.Outcome != "live_birth" && in.Outcome != "stillbirth":
			v.Add("birth_weight_g", "not_allowed", "a birth weight belongs to a live birth or a stillbirth")
		case *g < 200 || *g > 7000:
			v.Add("birth_weight_g", "out_of_range", "200 to 7,000 grams")
		}
	}
	for i := range in.Defects {
		d := &in.Defects[i]
		field := fmt.Sprintf("defects[%d].", i)
		d.Text, d.Code = v.text(field+"text", d.Text, oneLine), strings.ToUpper(strings.TrimSpace(d.Code))
		switch n := utf8.RuneCountInString(d.Text); {
		case n == 0:
			v.Add(field+"text", "required", "describe the defect in words")
		case n > 500:
			v.Add(field+"text", "too_long", "at most 500 characters")
		}
		if d.Code != "" && !ValidDefectCode(d.Code) {
			v.Add(field+"code", "invalid", "an ICD-10 code of congenital malformations, Q00 to Q99.9, such as Q21.1")
		}
	}
	if len(in.Defects) > 20 {
		v.Add("defects", "too_many", "at most 20")
	}
	if in.Defects == nil {
		in.Defects = []Defect{}
	}
	return day, v.Err()
}

// RecordOutcome records a pregnancy's outcome: it closes the pregnancy
// (and so its follow-up tasks) and is audited. Her open follow-up case,
// if it waited for the outcome, then waits for a contact within the
// routine due time: she is told, and the case can close. An outcome
// already recorded is corrected with CorrectOutcome (CodeInvalidState
// here). Nurses, counselors (her station) and admins. CodeNotFound,
// CodeValidation.
func (s *Service) RecordOutcome(ctx context.Context, id int64, in NewOutcome) (*Pregnancy, error) {
	return s.writeOutcome(ctx, id, in, false)
}

// CorrectOutcome corrects a recorded outcome, with a reason (required);
// the audit row keeps what it was. CodeInvalidState when no outcome is
// recorded yet.
func (s *Service) CorrectOutcome(ctx context.Context, id int64, in NewOutcome) (*Pregnancy, error) {
	return s.writeOutcome(ctx, id, in, true)
}

func (s *Service) writeOutcome(ctx context.Context, id int64, in NewOutcome, correcting bool) (*Pregnancy, error) {
	a, err := pregnancyActor(ctx)
	if err != nil {
		return nil, err
	}
	reason, reasonOK := cleanText(in.Reason, severalLines)
	in.Reason = reason
	var out *Pregnancy
	err = s.inTx(ctx, func(tx *txDB) error {
		p, err := s.loadPregnancy(ctx, tx.DB, id, true)
		if err != nil {
			return err
		}
		switch {
		case correcting && p.Outcome == "":
			return invalidState("pregnancy", "open", "correct the outcome of")
		case !correcting && p.Outcome != "":
			e := invalidState("pregnancy", "closed", "record an outcome of")
			e.Message = "its outcome is recorded: correct it, with a reason"
			return e
		}
		loc, err := stationLocation(tx.DB, p.StationID)
		if err != nil {
			return err
		}
		today := Today(tx.now, loc)
		day, verr := checkOutcome(&in, p, today)
		if correcting && (!reasonOK || in.Reason == "" || utf8.RuneCountInString(in.Reason) > 500) {
			var v Validation
			if verr != nil {
				v.fields = verr.(*Error).Fields
			}
			if reasonOK {
				v.Add("reason", "required", "say why the outcome is corrected (at most 500 characters)")
			} else {
				v.text("reason", in.Reason, severalLines)
			}
			verr = v.Err()
		}
		if verr != nil {
			return verr
		}
		before := outcomeFields(p)
		defects, _ := json.Marshal(in.Defects)
		now := tx.now
		updates := map[string]any{"outcome": in.Outcome, "outcome_on": day, "gestation_weeks": in.GestationWeeks,
			"birth_weight_g": in.BirthWeightG, "defects": string(defects), "open_client_id": nil, "updated_at": now}
		if !correcting {
			updates["outcome_recorded_at"], updates["outcome_recorded_by"] = now, nilIfZero(a.UserID)
		}
		if err := tx.Model(&Pregnancy{}).Where("id = ?", p.ID).Updates(updates).Error; err != nil {
			return err
		}
		p.Outcome, p.OutcomeOn, p.GestationWeeks, p.BirthWeightG, p.DefectsJSON, p.OpenClientID = in.Outcome, &day,
			in.GestationWeeks, in.BirthWeightG, string(defects), nil
		if !correcting {
			p.OutcomeRecordedAt, p.OutcomeRecordedBy = &now, nilIfZero(a.UserID)
		}
		p.fill(&today)
		out = p
		if correcting {
			diff := map[string]Change{}
			after := outcomeFields(p)
			for k, was := range before {
				if fmt.Sprint(was) != fmt.Sprint(after[k]) {
					diff[k] = Change{was, after[k]}
				}
			}
			return s.audit(ctx, tx, "pregnancy.outcome_correct", "pregnancy", p.ID, map[string]any{"reason": in.Reason, "changes": diff})
		}
		if err := s.audit(ctx, tx, "pregnancy.outcome", "pregnancy", p.ID, outcomeFields(p)); err != nil {
			return err
		}
		return s.outcomeOnCase(ctx, tx, p, loc)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// outcomeFields are an outcome's values as the audit keeps them.
func outcomeFields(p *Pregnancy) map[string]any {
	codes := []string{}
	var ds []Defect
	json.Unmarshal([]byte(p.DefectsJSON), &ds)
	for _, d := range ds {
		codes = append(codes, d.Code+" "+d.Text)
	}
	slices.Sort(codes)
	m := map[string]any{"outcome": p.Outcome, "date": p.OutcomeOn, "defects": codes}
	if p.GestationWeeks != nil {
		m["gestation_weeks"] = *p.GestationWeeks
	}
	if p.BirthWeightG != nil {
		m["birth_weight_g"] = *p.BirthWeightG
	}
	return m
}

// outcomeOnCase tells her open case that the outcome is recorded; a case
// that waited for it now waits for a contact within the routine due time.
func (s *Service) outcomeOnCase(ctx context.Context, tx *txDB, p *Pregnancy, loc *time.Location) error {
	c, err := openCaseOf(tx, p.ClientID)
	if err != nil || c == nil {
		return err
	}
	if err := s.caseEvent(ctx, tx, c.ID, "pregnancy_outcome", fmt.Sprintf("%s on %s", p.Outcome, *p.OutcomeOn)); err != nil {
		return err
	}
	if c.NextActionKind != ActionOutcome {
		return nil
	}
	st, err := loadSettings(tx.DB)
	if err != nil {
		return err
	}
	day := Today(tx.now, loc).AddDays(daysOfHours(st.DueHoursRoutine))
	return s.setNextActionOn(ctx, tx, c, loc, ActionContact, day, "the pregnancy's outcome is recorded")
}
