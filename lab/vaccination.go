package lab

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Vaccination is a rubella vaccination recorded on a woman, with the
// deferral it began: she should avoid pregnancy until DeferralEndsOn
// (domain.md §2: 28 days to 3 months, the setting rubella_deferral_days
// when it was recorded).
type Vaccination struct {
	ID                int64     `json:"id" gorm:"primaryKey"`
	ClientID          int64     `json:"client_id"`
	Vaccine           string    `json:"vaccine"`
	GivenOn           Date      `json:"given_on"`
	PregnancyExcluded bool      `json:"pregnancy_excluded"`
	DeferralDays      int       `json:"deferral_days"`
	Note              string    `json:"note,omitempty"`
	RecordedAt        time.Time `json:"recorded_at"`
	RecordedBy        *int64    `json:"recorded_by"`
	// DeferralEndsOn is the first day the deferral no longer applies.
	DeferralEndsOn Date `json:"deferral_ends_on" gorm:"-"`
}

// AfterFind fills the deferral's end.
func (v *Vaccination) AfterFind(*gorm.DB) error {
	v.DeferralEndsOn = v.GivenOn.AddDays(v.DeferralDays)
	return nil
}

// NewVaccination is a vaccination as recorded.
type NewVaccination struct {
	Vaccine           string
	GivenOn           string
	PregnancyExcluded bool
	Note              string
}

// RecordVaccination records a rubella vaccination given to her, only with
// pregnancy excluded first (domain.md §0: the vaccination advice says so;
// a rubella vaccine is never given in pregnancy). Not pregnancy_excluded,
// or an open pregnancy of hers begun by then, is CodeValidation; so is a
// day in the future. The deferral's length is the setting
// rubella_deferral_days when it is recorded. Nurses, counselors (her
// station) and admins. CodeNotFound.
func (s *Service) RecordVaccination(ctx context.Context, clientID int64, in NewVaccination) (*Vaccination, error) {
	a, err := pregnancyActor(ctx)
	if err != nil {
		return nil, err
	}
	var v Validation
	if in.Vaccine != "rubella" {
		v.Add("vaccine", "invalid", "rubella")
	}
	given, gerr := ParseDate(in.GivenOn)
	if gerr != nil {
		v.Add("given_on", "invalid", "a YYYY-MM-DD date")
	}
	if !in.PregnancyExcluded {
		v.Add("pregnancy_excluded", "required_true", "pregnancy must be excluded before a rubella vaccination")
	}
	in.Note = v.note("note", in.Note, 500)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out Vaccination
	err = s.inTx(ctx, func(tx *txDB) error {
		c, err := s.loadClient(ctx, tx.DB, clientID)
		if err != nil {
			return err
		}
		loc, err := stationLocation(tx.DB, c.StationID)
		if err != nil {
			return err
		}
		if today := Today(tx.now, loc); given > today {
			v.Add("given_on", "in_future", "not after today ("+string(today)+")")
		}
		p, err := openPregnancyOf(tx.DB, c.ID)
		if err != nil {
			return err
		}
		if p != nil && p.LMPDate <= given {
			v.Add("pregnancy_excluded", "pregnancy_open", "her pregnancy with LMP "+string(p.LMPDate)+" is recorded: record its outcome, or correct it, first")
		}
		if err := v.Err(); err != nil {
			return err
		}
		st, err := loadSettings(tx.DB)
		if err != nil {
			return err
		}
		out = Vaccination{ClientID: c.ID, Vaccine: in.Vaccine, GivenOn: given, PregnancyExcluded: true,
			DeferralDays: st.RubellaDeferralDays, Note: in.Note, RecordedAt: tx.now, RecordedBy: nilIfZero(a.UserID)}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		out.DeferralEndsOn = given.AddDays(out.DeferralDays)
		return s.audit(ctx, tx, "client.vaccination", "client", c.ID, map[string]any{
			"vaccine": in.Vaccine, "given_on": given, "deferral_ends_on": out.DeferralEndsOn})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// VaccinationsOf lists her vaccinations, newest first. Same access as
// GetClient.
func (s *Service) VaccinationsOf(ctx context.Context, clientID int64) ([]Vaccination, error) {
	if _, err := pregnancyActor(ctx); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	if _, err := s.loadClient(ctx, db, clientID); err != nil {
		return nil, err
	}
	vs := []Vaccination{}
	err := db.Where("client_id = ?", clientID).Order("given_on DESC, id DESC").Find(&vs).Error
	return vs, err
}

// rubellaDeferralEnd is the latest end of her rubella vaccinations'
// deferrals, nil when she has none.
func rubellaDeferralEnd(db *gorm.DB, clientID int64) (*Date, error) {
	var vs []Vaccination
	if err := db.Where("client_id = ? AND vaccine = ?", clientID, "rubella").Find(&vs).Error; err != nil {
		return nil, err
	}
	var end *Date
	for _, v := range vs {
		if e := v.GivenOn.AddDays(v.DeferralDays); end == nil || e > *end {
			end = &e
		}
	}
	return end, nil
}
