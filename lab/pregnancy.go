package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Pregnancy is one pregnancy of a woman, from its LMP (or the EDD a
// clinic gave) to its outcome, with its two follow-up tasks (NFPCP item
// 19): the early-pregnancy contact and the outcome follow-up.
type Pregnancy struct {
	ID        int64 `json:"id" gorm:"primaryKey"`
	ClientID  int64 `json:"client_id"`
	StationID int64 `json:"station_id"`
	// OpenClientID is her id until the outcome is recorded: one open
	// pregnancy a woman (migration 00021).
	OpenClientID *int64 `json:"-"`
	// LMPDate is the last menstrual period given, or the one the EDD
	// implies (280 days before it).
	LMPDate    Date      `json:"lmp_date"`
	EDD        Date      `json:"edd" gorm:"column:edd"`
	Source     string    `json:"source"`
	RecordedAt time.Time `json:"recorded_at"`
	RecordedBy *int64    `json:"recorded_by"`
	// The early-pregnancy contact: due by EarlyDueOn (nil when she was
	// recorded after it), done at EarlyContactedAt.
	EarlyDueOn       *Date      `json:"early_due_on"`
	EarlyContactedAt *time.Time `json:"early_contacted_at"`
	EarlyEscalatedAt *time.Time `json:"-"`
	// The outcome follow-up: open from OutcomeFrom, due by OutcomeDueOn.
	OutcomeFrom        Date       `json:"outcome_from"`
	OutcomeDueOn       Date       `json:"outcome_due_on"`
	OutcomeEscalatedAt *time.Time `json:"-"`
	Outcome            string     `json:"outcome,omitempty"`
	OutcomeOn          *Date      `json:"outcome_on,omitempty"`
	GestationWeeks     *int       `json:"gestation_weeks,omitempty"`
	BirthWeightG       *int       `json:"birth_weight_g,omitempty" gorm:"column:birth_weight_g"`
	DefectsJSON        string     `json:"-" gorm:"column:defects"`
	OutcomeRecordedAt  *time.Time `json:"outcome_recorded_at,omitempty"`
	OutcomeRecordedBy  *int64     `json:"outcome_recorded_by,omitempty"`
	UpdatedAt          time.Time  `json:"updated_at" gorm:"autoUpdateTime:false"`

	// Defects are the birth defects of the outcome, from DefectsJSON.
	Defects []Defect `json:"defects" gorm:"-"`
	// Open is true until the outcome is recorded.
	Open bool `json:"open" gorm:"-"`
	// GestationalAge is today's, while the pregnancy is open.
	GestationalAge *GestationalAge `json:"gestational_age,omitempty" gorm:"-"`
	// Warnings are for the one recording it: lmp_within_rubella_deferral
	// when the LMP falls before the end of a rubella vaccination's
	// deferral.
	Warnings []string `json:"warnings,omitempty" gorm:"-"`
}

// Defect is one birth defect of an outcome, in words, with its ICD-10 Q
// code where known.
type Defect struct {
	Code string `json:"code,omitempty"`
	Text string `json:"text"`
}

// AfterFind fills what answers show from the columns GORM read.
func (p *Pregnancy) AfterFind(*gorm.DB) error {
	p.fill(nil)
	return nil
}

// fill sets the answer's fields; with a location, today's gestational age.
func (p *Pregnancy) fill(today *Date) {
	p.Open = p.Outcome == ""
	p.Defects = []Defect{}
	if p.DefectsJSON != "" {
		json.Unmarshal([]byte(p.DefectsJSON), &p.Defects)
	}
	if today != nil && p.Open {
		p.GestationalAge = GestationalAgeOn(p.LMPDate, *today)
	}
}

// Where a pregnancy's dates came from.
var pregnancySources = []string{"registration", "self_report", "clinic"}

// NewPregnancy is a pregnancy as recorded: from her LMP or from the EDD a
// clinic gave, one of the two.
type NewPregnancy struct {
	LMPDate string
	EDD     string
	Source  string
}

// pregnancyActor is who works with pregnancies: her station's nurses and
// counselors, and admins.
func pregnancyActor(ctx context.Context) (Actor, error) {
	a := ActorFrom(ctx)
	return a, a.require(RoleNurse, RoleCounselor, RoleAdmin)
}

// RecordPregnancy records a woman's pregnancy from her LMP or the EDD
// (EDD = LMP + 280 days), with its early-pregnancy and outcome follow-up
// tasks. One pregnancy of hers is open at a time (CodePregnancyOpen). An
// LMP before the end of a rubella vaccination's deferral is recorded with
// the warning lmp_within_rubella_deferral, and her station's counselors
// are told. Her open follow-up case, if any, notes it and, once she has
// been reached, waits for the outcome. Nurses, counselors (her station)
// and admins. CodeNotFound, CodeValidation.
func (s *Service) RecordPregnancy(ctx context.Context, clientID int64, in NewPregnancy) (*Pregnancy, error) {
	a, err := pregnancyActor(ctx)
	if err != nil {
		return nil, err
	}
	var p Pregnancy
	err = s.inTx(ctx, func(tx *txDB) error {
		c, err := s.loadClient(ctx, tx.DB, clientID)
		if err != nil {
			return err
		}
		loc, err := stationLocation(tx.DB, c.StationID)
		if err != nil {
			return err
		}
		lmp, err := checkPregnancyDates(in, Today(tx.now, loc))
		if err != nil {
			return err
		}
		p, err = s.openPregnancy(ctx, tx, c, lmp, in.Source, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// checkPregnancyDates validates a recorded pregnancy's dates on today's
// date at her station and returns its LMP: one of LMP or EDD, an LMP not
// in the future nor more than 44 weeks ago (she would have delivered), an
// EDD within the same span, and a known source.
func checkPregnancyDates(in NewPregnancy, today Date) (Date, error) {
	var v Validation
	var lmp Date
	switch {
	case in.LMPDate != "" && in.EDD != "":
		v.Add("edd", "not_allowed", "give the last menstrual period or the due date, not both")
	case in.LMPDate != "":
		d, err := ParseDate(in.LMPDate)
		if err != nil {
			v.Add("lmp_date", "invalid", "a YYYY-MM-DD date")
		}
		lmp = d
	case in.EDD != "":
		d, err := ParseDate(in.EDD)
		if err != nil {
			v.Add("edd", "invalid", "a YYYY-MM-DD date")
		}
		lmp = LMPFromEDD(d)
	default:
		v.Add("lmp_date", "required", "her last menstrual period, or the due date (edd)")
	}
	field := "lmp_date"
	if in.EDD != "" {
		field = "edd"
	}
	if lmp != "" && v.Err() == nil {
		switch days := GestationDays(lmp, today); {
		case days < 0:
			v.Add(field, "in_future", "the last menstrual period cannot be after today")
		case days > 44*7:
			v.Add(field, "too_old", "more than 44 weeks ago: record the outcome of that pregnancy instead")
		}
	}
	if !oneOf(in.Source, pregnancySources) {
		v.Add("source", "invalid", strings.Join(pregnancySources, ", "))
	}
	return lmp, v.Err()
}

// openPregnancy writes her new pregnancy in tx, with its audit row, its
// warning and its case's next action (RecordPregnancy).
func (s *Service) openPregnancy(ctx context.Context, tx *txDB, c *Client, lmp Date, source string, a Actor) (Pregnancy, error) {
	loc, err := stationLocation(tx.DB, c.StationID)
	if err != nil {
		return Pregnancy{}, err
	}
	st, err := loadSettings(tx.DB)
	if err != nil {
		return Pregnancy{}, err
	}
	now := tx.now
	today := Today(now, loc)
	tasks := PregnancyTasksOf(lmp, today, st)
	client := c.ID
	p := Pregnancy{ClientID: c.ID, StationID: c.StationID, OpenClientID: &client, LMPDate: lmp, EDD: EDDFromLMP(lmp),
		Source: source, RecordedAt: now, RecordedBy: nilIfZero(a.UserID), EarlyDueOn: tasks.EarlyDueOn,
		OutcomeFrom: tasks.OutcomeFrom, OutcomeDueOn: tasks.OutcomeDueOn, DefectsJSON: "[]", UpdatedAt: now}
	if err := tx.Create(&p).Error; err != nil {
		if isDuplicate(err) {
			return Pregnancy{}, Errorf(CodePregnancyOpen, "she has an open pregnancy: record its outcome first")
		}
		return Pregnancy{}, err
	}
	p.fill(&today)
	deferral, err := rubellaDeferralEnd(tx.DB, c.ID)
	if err != nil {
		return Pregnancy{}, err
	}
	details := map[string]any{"client_id": c.ID, "lmp_date": lmp, "edd": p.EDD, "source": source}
	if deferral != nil && lmp < *deferral {
		p.Warnings = []string{"lmp_within_rubella_deferral"}
		details["warning"] = "lmp_within_rubella_deferral"
		if err := s.warnDeferral(tx, c, &p, *deferral); err != nil {
			return Pregnancy{}, err
		}
	}
	if err := s.audit(ctx, tx, "pregnancy.record", "pregnancy", p.ID, details); err != nil {
		return Pregnancy{}, err
	}
	return p, s.pregnancyOnCase(ctx, tx, c.ID, &p, loc)
}

// warnDeferral tells her station's counselors (her case's counselor when
// she has an open case) that a pregnancy began before a rubella
// vaccination's deferral ended. Inadvertent vaccination in early pregnancy
// is no reason to end it (domain.md §2), but her obstetrician must know.
func (s *Service) warnDeferral(tx *txDB, c *Client, p *Pregnancy, deferralEnd Date) error {
	msg := fmt.Sprintf("a pregnancy with LMP %s began before her rubella vaccination's deferral ended on %s", p.LMPDate, deferralEnd)
	var open []Followup
	if err := tx.Where("open_client_id = ?", c.ID).Limit(1).Find(&open).Error; err != nil {
		return err
	}
	if len(open) == 1 {
		return s.notifyCounselor(tx, &open[0], NotifyDeferralWarning, nil, msg)
	}
	var counselors []int64
	if err := tx.Model(&User{}).Where("role = ? AND active = ? AND station_id = ?", RoleCounselor, true, c.StationID).
		Order("id").Pluck("id", &counselors).Error; err != nil {
		return err
	}
	if len(counselors) == 0 {
		var err error
		if counselors, err = activeAdmins(tx); err != nil {
			return err
		}
	}
	return s.notify(tx, counselors, NotifyDeferralWarning, nil, nil, msg, map[string]any{"client_id": c.ID, "pregnancy_id": p.ID})
}

// pregnancyOnCase notes a new pregnancy on her open case; once she has
// been reached and the case waits only for a contact, the case waits for
// the pregnancy's outcome instead (a woman with an open case gets the
// outcome as its next action).
func (s *Service) pregnancyOnCase(ctx context.Context, tx *txDB, clientID int64, p *Pregnancy, loc *time.Location) error {
	c, err := openCaseOf(tx, clientID)
	if err != nil || c == nil {
		return err
	}
	if err := s.caseEvent(ctx, tx, c.ID, "pregnancy_recorded", fmt.Sprintf("LMP %s, EDD %s", p.LMPDate, p.EDD)); err != nil {
		return err
	}
	if c.ReachedAt == nil || c.NextActionKind != ActionContact {
		return nil
	}
	return s.setNextActionOn(ctx, tx, c, loc, ActionOutcome, p.OutcomeDueOn, "her pregnancy's outcome")
}

// openPregnancyOf returns her open pregnancy, or nil.
func openPregnancyOf(db *gorm.DB, clientID int64) (*Pregnancy, error) {
	var ps []Pregnancy
	if err := db.Where("open_client_id = ?", clientID).Limit(1).Find(&ps).Error; err != nil || len(ps) == 0 {
		return nil, err
	}
	return &ps[0], nil
}

// PregnanciesOf lists her pregnancies, newest first, with today's
// gestational age on the open one. Same access as GetClient.
func (s *Service) PregnanciesOf(ctx context.Context, clientID int64) ([]Pregnancy, error) {
	if _, err := pregnancyActor(ctx); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	c, err := s.loadClient(ctx, db, clientID)
	if err != nil {
		return nil, err
	}
	loc, err := stationLocation(db, c.StationID)
	if err != nil {
		return nil, err
	}
	today := Today(s.now(), loc)
	ps := []Pregnancy{}
	if err := db.Where("client_id = ?", clientID).Order("id DESC").Find(&ps).Error; err != nil {
		return nil, err
	}
	for i := range ps {
		ps[i].fill(&today)
	}
	return ps, nil
}

// loadPregnancy reads a pregnancy the actor may see (CodeNotFound).
func (s *Service) loadPregnancy(ctx context.Context, db *gorm.DB, id int64, lock bool) (*Pregnancy, error) {
	var p Pregnancy
	if lock {
		db = db.Clauses(lockForUpdate)
	}
	if err := db.First(&p, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("pregnancy")
		}
		return nil, err
	}
	if !ActorFrom(ctx).canSeeStation(p.StationID) {
		return nil, notFound("pregnancy")
	}
	return &p, nil
}

// ClientPage is her page: her record, her open pregnancy with today's
// gestational age, and her vaccinations with the end of the latest
// rubella deferral.
type ClientPage struct {
	ClientView
	Pregnancy             *Pregnancy    `json:"pregnancy"`
	Vaccinations          []Vaccination `json:"vaccinations"`
	RubellaDeferralEndsOn *Date         `json:"rubella_deferral_ends_on"`
}

// GetClientPage returns her page. Same access as GetClient; the pregnancy
// and vaccinations only to the roles that work with them (nurses,
// counselors, admins), as GetClient already limits.
func (s *Service) GetClientPage(ctx context.Context, id int64) (*ClientPage, error) {
	db := s.read(ctx)
	c, err := s.loadClient(ctx, db, id)
	if err != nil {
		return nil, err
	}
	page := &ClientPage{ClientView: c.View(), Vaccinations: []Vaccination{}}
	loc, err := stationLocation(db, c.StationID)
	if err != nil {
		return nil, err
	}
	today := Today(s.now(), loc)
	if page.Pregnancy, err = openPregnancyOf(db, c.ID); err != nil {
		return nil, err
	}
	if page.Pregnancy != nil {
		page.Pregnancy.fill(&today)
	}
	if err := db.Where("client_id = ?", c.ID).Order("given_on DESC, id DESC").Find(&page.Vaccinations).Error; err != nil {
		return nil, err
	}
	if page.RubellaDeferralEndsOn, err = rubellaDeferralEnd(db, c.ID); err != nil {
		return nil, err
	}
	return page, nil
}
