package lab

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// ReagentLot is one lot of a kit's reagents as the lab received it. A
// result records the lot it was measured with; an expired lot may not
// produce results.
type ReagentLot struct {
	ID          int64     `json:"id" gorm:"primaryKey"`
	AnalyteCode string    `json:"analyte"`
	Kit         string    `json:"kit" gorm:"column:kit"`
	Lot         string    `json:"lot"`
	ExpiresOn   Date      `json:"expires_on"`
	ReceivedOn  Date      `json:"received_on"`
	CreatedBy   *int64    `json:"created_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	// InUse: the lab's lot in use for the analyte, which results without
	// an explicit lot (and outside a run) take. Read, not stored here.
	InUse bool `json:"in_use" gorm:"-"`
	// Expired: past its expiry in the lab's zone today. Read, not stored.
	Expired bool `json:"expired" gorm:"-"`
}

// expiredOn reports whether the lot may no longer be used on day: it is
// good through its expiry date, as kit labels mean it.
func (l ReagentLot) expiredOn(day Date) bool { return day.After(l.ExpiresOn) }

// lotInUse is the lot in use for an analyte.
type lotInUse struct {
	ID          int64 `gorm:"primaryKey"`
	AnalyteCode string
	LotID       int64
	Since       time.Time
	SetBy       *int64
}

func (lotInUse) TableName() string { return "lots_in_use" }

// NewLot is a lot as the technician registers it.
type NewLot struct {
	Analyte    string
	Kit        string
	Lot        string
	ExpiresOn  string
	ReceivedOn string
	// InUse makes it the analyte's lot in use at once.
	InUse bool
}

// CreateLot registers a reagent lot, and makes it the analyte's lot in use
// when asked. Lab technicians and admins. CodeNotFound (no such analyte),
// CodeValidation (kit or lot missing, bad dates), CodeConflict (the
// analyte already has that lot).
func (s *Service) CreateLot(ctx context.Context, in NewLot) (*ReagentLot, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	analyte := strings.ToUpper(strings.TrimSpace(in.Analyte))
	if analyte == "" {
		v.Add("analyte", "required", "the analyte's code, such as TOXO_IGG")
	}
	kit := v.text("kit", in.Kit, oneLine)
	if kit == "" || utf8.RuneCountInString(kit) > 64 {
		v.Add("kit", "required", "the kit's name, at most 64 characters")
	}
	code := v.text("lot", in.Lot, oneLine)
	if code == "" || len(code) > 32 {
		v.Add("lot", "required", "the lot code on the kit's box, at most 32 characters")
	}
	expires, err := ParseDate(in.ExpiresOn)
	if err != nil {
		v.Add("expires_on", "invalid", "a YYYY-MM-DD date")
	}
	today := Today(s.now(), location(s.opts.DefaultTimezone))
	received := today
	if strings.TrimSpace(in.ReceivedOn) != "" {
		if received, err = ParseDate(in.ReceivedOn); err != nil {
			v.Add("received_on", "invalid", "a YYYY-MM-DD date")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	l := ReagentLot{AnalyteCode: analyte, Kit: kit, Lot: code, ExpiresOn: expires, ReceivedOn: received,
		CreatedBy: nilIfZero(a.UserID)}
	err = s.inTx(ctx, func(tx *txDB) error {
		l.CreatedAt = tx.now
		var n int64
		if err := tx.Model(&Analyte{}).Where("code = ?", analyte).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return notFound("analyte")
		}
		// Lot codes are matched without case (lotKey), on both dialects.
		if err := tx.Model(&ReagentLot{}).Where("analyte_code = ? AND LOWER(lot) = ?", analyte, strings.ToLower(code)).Count(&n).Error; err != nil {
			return err
		}
		if err := tx.Create(&l).Error; n > 0 || err != nil {
			if n > 0 || isDuplicate(err) {
				return &Error{Code: CodeConflict, Message: "that lot is already registered for the analyte",
					Fields: []FieldError{{Field: "lot", Code: "taken"}}}
			}
			return err
		}
		if err := bumpReference(tx); err != nil {
			return err
		}
		if err := s.auditKey(ctx, tx, "lot.create", "reagent_lot", fmt.Sprint(l.ID), l); err != nil {
			return err
		}
		if in.InUse {
			return s.putLotInUse(ctx, tx, &l)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	l.InUse, l.Expired = in.InUse, l.expiredOn(today)
	return &l, nil
}

// UseLot makes a registered lot its analyte's lot in use. The change is
// audited from → to. Lab technicians and admins. CodeNotFound,
// CodeLotExpired (an expired lot cannot be put in use).
func (s *Service) UseLot(ctx context.Context, id int64) (*ReagentLot, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var l ReagentLot
	err := s.inTx(ctx, func(tx *txDB) error {
		if err := tx.First(&l, id).Error; err != nil {
			if isNotFound(err) {
				return notFound("lot")
			}
			return err
		}
		return s.putLotInUse(ctx, tx, &l)
	})
	if err != nil {
		return nil, err
	}
	l.InUse = true
	return &l, nil
}

// putLotInUse records l as its analyte's lot in use, with the audit row
// of the change (nothing when it already is).
func (s *Service) putLotInUse(ctx context.Context, tx *txDB, l *ReagentLot) error {
	if l.expiredOn(Today(tx.now, location(s.opts.DefaultTimezone))) {
		return &Error{Code: CodeLotExpired, Message: "the lot is past its expiry date",
			Fields: []FieldError{{Field: "lot", Code: string(CodeLotExpired)}}}
	}
	var cur lotInUse
	err := tx.Clauses(lockForUpdate).Where("analyte_code = ?", l.AnalyteCode).Take(&cur).Error
	if err == nil && cur.LotID == l.ID {
		return nil
	}
	if err == nil || isNotFound(err) {
		if err := bumpReference(tx); err != nil {
			return err
		}
	}
	switch {
	case err == nil:
		var old ReagentLot
		if err := tx.First(&old, cur.LotID).Error; err != nil {
			return err
		}
		if err := tx.Model(&lotInUse{}).Where("id = ?", cur.ID).
			Updates(map[string]any{"lot_id": l.ID, "since": tx.now, "set_by": nilIfZero(ActorFrom(ctx).UserID)}).Error; err != nil {
			return err
		}
		return s.auditKey(ctx, tx, "lot.in_use", "analyte", l.AnalyteCode, map[string]any{"lot": Change{old.Lot, l.Lot}})
	case isNotFound(err):
		row := lotInUse{AnalyteCode: l.AnalyteCode, LotID: l.ID, Since: tx.now, SetBy: nilIfZero(ActorFrom(ctx).UserID)}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.auditKey(ctx, tx, "lot.in_use", "analyte", l.AnalyteCode, map[string]any{"lot": Change{nil, l.Lot}})
	default:
		return err
	}
}

// ListLots returns every registered lot, newest expiry first within each
// analyte, marking the lots in use and the expired ones. Lab technicians
// and admins.
func (s *Service) ListLots(ctx context.Context) ([]ReagentLot, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	book, err := loadLotBook(s.read(ctx))
	if err != nil {
		return nil, err
	}
	today := Today(s.now(), location(s.opts.DefaultTimezone))
	out := make([]ReagentLot, 0, len(book.byID))
	for _, l := range book.all {
		l.InUse = book.inUse[l.AnalyteCode] == l.ID
		l.Expired = l.expiredOn(today)
		out = append(out, l)
	}
	return out, nil
}

// lotBook holds every lot and the lots in use, to check many results
// without a query each (the analyser import). Lots are few: one a kit box.
type lotBook struct {
	all   []ReagentLot
	byID  map[int64]ReagentLot
	byKey map[string]ReagentLot // analyte + "\x00" + lower-case lot code
	inUse map[string]int64      // analyte → lot id
}

func loadLotBook(db *gorm.DB) (*lotBook, error) {
	b := &lotBook{byID: map[int64]ReagentLot{}, byKey: map[string]ReagentLot{}, inUse: map[string]int64{}}
	if err := db.Order("analyte_code, expires_on DESC, id").Find(&b.all).Error; err != nil {
		return nil, err
	}
	for _, l := range b.all {
		b.byID[l.ID] = l
		b.byKey[lotKey(l.AnalyteCode, l.Lot)] = l
	}
	var rows []lotInUse
	if err := db.Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		b.inUse[r.AnalyteCode] = r.LotID
	}
	return b, nil
}

// runLotsSQL is, as a column of a read of samples, the lots of the runs
// the sample is in now: their ids separated by commas (GROUP_CONCAT's
// default separator on both dialects), NULL when it is in none. It lets
// result entry read them with the sample instead of in a query of their
// own (loadRunLots).
const runLotsSQL = `(SELECT GROUP_CONCAT(run_analytes.lot_id) FROM run_samples
	JOIN run_analytes ON run_analytes.run_id = run_samples.run_id
	WHERE run_samples.sample_id = samples.id AND run_samples.removed_at IS NULL)`

// runLotsOf is loadRunLots's answer for one sample from runLotsSQL's
// column: a lot is of one analyte, so its id names the analyte it runs.
func (b *lotBook) runLotsOf(sampleID int64, ids string) (map[int64]map[string]int64, error) {
	out := map[int64]map[string]int64{}
	for _, f := range strings.Split(ids, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("run lots of sample %d: %q is not a lot id", sampleID, f)
		}
		l, ok := b.byID[id]
		if !ok {
			// The book and the runs are of one snapshot; a lot it does
			// not hold was removed, which torchlab never does.
			return nil, fmt.Errorf("run lots of sample %d: no lot %d", sampleID, id)
		}
		if out[sampleID] == nil {
			out[sampleID] = map[string]int64{}
		}
		out[sampleID][l.AnalyteCode] = id
	}
	return out, nil
}

func lotKey(analyte, lot string) string { return analyte + "\x00" + strings.ToLower(lot) }

// lotCheck is the one check of a result's reagent lot, shared by entry,
// import and any analyser interface: it resolves the lot a result was
// measured with and refuses an unknown or expired one.
type lotCheck struct {
	book     *lotBook
	required bool
	now      time.Time
	// runLots are the lots of the runs the samples are in: sample id →
	// analyte → lot id.
	runLots map[int64]map[string]int64
}

// newLotCheck is the check of results of samples whose runs' lots are
// runLots, by the reference data ref.
func (s *Service) newLotCheck(now time.Time, ref *reference, runLots map[int64]map[string]int64) *lotCheck {
	return &lotCheck{book: ref.lots, required: ref.settings.LotRequired == 1, now: now, runLots: runLots}
}

// resolve sets r.Lot to the lot the result was measured with: the lot
// given, else the run's lot for the analyte when the sample is in a run,
// else the analyte's lot in use. With lot_required on, an unregistered or
// unresolvable lot is lot_unknown and one expired on the day of entry at
// the sample's station (loc) is lot_expired; the error names the field
// under prefix. With it off, a given lot is kept as typed and none is
// resolved only from registered lots.
func (c *lotCheck) resolve(r *Result, sampleID int64, loc *time.Location, prefix string) *FieldError {
	var lot ReagentLot
	found := false
	if r.Lot != "" {
		lot, found = c.book.byKey[lotKey(r.AnalyteCode, r.Lot)]
	} else {
		id, ok := c.runLots[sampleID][r.AnalyteCode]
		if !ok {
			id, ok = c.book.inUse[r.AnalyteCode]
		}
		if ok {
			lot, found = c.book.byID[id]
		}
	}
	if !c.required {
		if found && r.Lot == "" {
			r.Lot = lot.Lot
		}
		return nil
	}
	if !found {
		detail := fmt.Sprintf("no lot %q of %s is registered", r.Lot, r.AnalyteCode)
		if r.Lot == "" {
			detail = fmt.Sprintf("no lot given, and %s has no lot in use: register the lot and put it in use", r.AnalyteCode)
		}
		return &FieldError{Field: prefix + "lot", Code: string(CodeLotUnknown), Detail: detail}
	}
	if day := DateOf(c.now.In(loc)); lot.expiredOn(day) {
		return &FieldError{Field: prefix + "lot", Code: string(CodeLotExpired),
			Detail: fmt.Sprintf("the lot %s of %s expired on %s", lot.Lot, r.AnalyteCode, lot.ExpiresOn)}
	}
	r.Lot = lot.Lot
	return nil
}
