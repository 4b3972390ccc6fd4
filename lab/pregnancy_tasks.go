package lab

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// A pregnancy's two follow-up tasks (NFPCP item 19): the early-pregnancy
// contact, due by the end of early pregnancy and done by a contact that
// reached her; and the outcome follow-up, open from EDD + 42 days and done
// by recording the outcome. Each lapses when its day passes undone, and
// escalates to the admins once, like a case.

// The tasks.
const (
	TaskEarlyContact = "early_contact"
	TaskOutcome      = "outcome"
)

// PregnancyTask is one task of the worklist.
type PregnancyTask struct {
	PregnancyID    int64           `json:"pregnancy_id"`
	Task           string          `json:"task"`
	OpensOn        Date            `json:"opens_on"`
	DueOn          Date            `json:"due_on"`
	Overdue        bool            `json:"overdue"`
	ClientID       int64           `json:"client_id"`
	ClientName     string          `json:"client_name"`
	NationalID     string          `json:"national_id"`
	StationID      int64           `json:"station_id"`
	LMPDate        Date            `json:"lmp_date"`
	EDD            Date            `json:"edd"`
	GestationalAge *GestationalAge `json:"gestational_age,omitempty"`
}

// PregnancyFilter selects the worklist: Due keeps the tasks open today
// (overdue ones included); without it, the tasks still to come as well.
type PregnancyFilter struct {
	StationID *int64
	Due       bool
	Page      Page
}

// ListPregnancyTasks is the station's pregnancy follow-up worklist, the
// most pressing first: each open pregnancy's early contact not yet done
// and its outcome follow-up, by due day. Nurses and counselors see their
// station's; admins every station's or the one they name. CodeNotFound
// (another station named), CodeValidation.
func (s *Service) ListPregnancyTasks(ctx context.Context, f PregnancyFilter) (List[PregnancyTask], error) {
	a, err := pregnancyActor(ctx)
	if err != nil {
		return List[PregnancyTask]{}, err
	}
	station, err := a.stationFilter(f.StationID)
	if err != nil {
		return List[PregnancyTask]{}, err
	}
	limit, _, err := f.Page.check()
	if err != nil {
		return List[PregnancyTask]{}, err
	}
	loc, err := s.stationLocation(ctx, station)
	if err != nil {
		return List[PregnancyTask]{}, err
	}
	db := s.read(ctx)
	today := Today(s.now(), loc)
	need := f.Page.Offset + limit
	base := func() *gorm.DB {
		q := db.Table("pregnancies").Select("pregnancies.*, clients.name AS client_name, clients.national_id_masked AS national_id").
			Joins("JOIN clients ON clients.id = pregnancies.client_id").Where("pregnancies.outcome = ''")
		if station != nil {
			q = q.Where("pregnancies.station_id = ?", *station)
		}
		return q
	}
	type row struct {
		Pregnancy
		ClientName string
		NationalID string
	}
	var early, outcome []row
	eq := base().Where("pregnancies.early_contacted_at IS NULL AND pregnancies.early_due_on IS NOT NULL")
	if err := eq.Session(&freshStatement).Order("pregnancies.early_due_on, pregnancies.id").Limit(need).Scan(&early).Error; err != nil {
		return List[PregnancyTask]{}, err
	}
	oq := base()
	if f.Due {
		oq = oq.Where("pregnancies.outcome_from <= ?", today)
	}
	if err := oq.Session(&freshStatement).Order("pregnancies.outcome_due_on, pregnancies.id").Limit(need).Scan(&outcome).Error; err != nil {
		return List[PregnancyTask]{}, err
	}
	// Across stations, each task's day is judged at its own station.
	zones, err := stationZones(db)
	if err != nil {
		return List[PregnancyTask]{}, err
	}
	task := func(r row, kind string, opens, due Date) PregnancyTask {
		here := Today(s.now(), zones.of(r.StationID, loc))
		return PregnancyTask{PregnancyID: r.ID, Task: kind, OpensOn: opens, DueOn: due, Overdue: due < here,
			ClientID: r.ClientID, ClientName: r.ClientName, NationalID: r.NationalID, StationID: r.StationID,
			LMPDate: r.LMPDate, EDD: r.EDD, GestationalAge: GestationalAgeOn(r.LMPDate, here)}
	}
	var all []PregnancyTask
	for _, r := range early {
		all = append(all, task(r, TaskEarlyContact, DateOf(r.RecordedAt.In(zones.of(r.StationID, loc))), *r.EarlyDueOn))
	}
	for _, r := range outcome {
		all = append(all, task(r, TaskOutcome, r.OutcomeFrom, r.OutcomeDueOn))
	}
	slices.SortStableFunc(all, func(x, y PregnancyTask) int {
		if c := strings.Compare(string(x.DueOn), string(y.DueOn)); c != 0 {
			return c
		}
		return int(x.PregnancyID - y.PregnancyID)
	})
	total := int64(len(all))
	if len(early) == need || len(outcome) == need {
		total = -1 // more than the page reads; counted below
	}
	items := []PregnancyTask{}
	if f.Page.Offset < len(all) {
		items = all[f.Page.Offset:min(len(all), need)]
	}
	if total < 0 {
		var ne, no int64
		if err := eq.Session(&freshStatement).Count(&ne).Error; err != nil {
			return List[PregnancyTask]{}, err
		}
		if err := oq.Session(&freshStatement).Count(&no).Error; err != nil {
			return List[PregnancyTask]{}, err
		}
		total = ne + no
	}
	return List[PregnancyTask]{Items: items, Total: &total}, nil
}

// zoneBook is the stations' time zones by id.
type zoneBook map[int64]*time.Location

// stationZones reads every station's time zone (a handful of rows).
func stationZones(db *gorm.DB) (zoneBook, error) {
	var sts []Station
	if err := db.Select("id", "timezone").Find(&sts).Error; err != nil {
		return nil, err
	}
	z := zoneBook{}
	for _, st := range sts {
		z[st.ID] = st.Location()
	}
	return z, nil
}

// of is a station's zone, or def for one not read.
func (z zoneBook) of(station int64, def *time.Location) *time.Location {
	if loc, ok := z[station]; ok {
		return loc
	}
	return def
}

// PregnancyContact is one attempt to reach her about a pregnancy task.
type PregnancyContact struct {
	ID          int64     `json:"id" gorm:"primaryKey"`
	PregnancyID int64     `json:"pregnancy_id"`
	Task        string    `json:"task"`
	Channel     string    `json:"channel"`
	Result      string    `json:"result"`
	Note        string    `json:"note,omitempty"`
	At          time.Time `json:"at"`
	ByID        *int64    `json:"by_id"`
}

// NewPregnancyContact is an attempt as logged.
type NewPregnancyContact struct {
	Task    string
	Channel string
	Result  string
	Note    string
}

// AddPregnancyContact logs an attempt to reach her about a task of her
// open pregnancy; the first that reaches her about the early-pregnancy
// contact does that task. Nurses, counselors (her station) and admins.
// CodeNotFound, CodeInvalidState (the pregnancy's outcome is recorded),
// CodeValidation.
func (s *Service) AddPregnancyContact(ctx context.Context, id int64, in NewPregnancyContact) (*PregnancyContact, error) {
	a, err := pregnancyActor(ctx)
	if err != nil {
		return nil, err
	}
	var v Validation
	if in.Task != TaskEarlyContact && in.Task != TaskOutcome {
		v.Add("task", "invalid", TaskEarlyContact+" or "+TaskOutcome)
	}
	if !oneOf(in.Channel, contactChannels) {
		v.Add("channel", "invalid", strings.Join(contactChannels, ", "))
	}
	if !oneOf(in.Result, contactResults) {
		v.Add("result", "invalid", strings.Join(contactResults, ", "))
	}
	in.Note = v.note("note", in.Note, 1000)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var ct PregnancyContact
	err = s.inTx(ctx, func(tx *txDB) error {
		p, err := s.loadPregnancy(ctx, tx.DB, id, true)
		if err != nil {
			return err
		}
		if p.Outcome != "" {
			return invalidState("pregnancy", "closed", "log a contact on")
		}
		if in.Task == TaskEarlyContact && p.EarlyDueOn == nil {
			return &Error{Code: CodeValidation, Message: "she was recorded after early pregnancy: there is no early-pregnancy contact to make",
				Fields: []FieldError{{Field: "task", Code: "not_applicable"}}}
		}
		now := tx.now
		ct = PregnancyContact{PregnancyID: p.ID, Task: in.Task, Channel: in.Channel, Result: in.Result, Note: in.Note,
			At: now, ByID: nilIfZero(a.UserID)}
		if err := tx.Create(&ct).Error; err != nil {
			return err
		}
		details := map[string]any{"task": in.Task, "channel": in.Channel, "result": in.Result}
		if in.Task == TaskEarlyContact && in.Result == "reached" && p.EarlyContactedAt == nil {
			if err := tx.Model(&Pregnancy{}).Where("id = ?", p.ID).Updates(map[string]any{
				"early_contacted_at": now, "updated_at": now}).Error; err != nil {
				return err
			}
			details["early_contact_done"] = true
		}
		return s.audit(ctx, tx, "pregnancy.contact", "pregnancy", p.ID, details)
	})
	if err != nil {
		return nil, err
	}
	return &ct, nil
}

// EscalatePregnancyTasks escalates each pregnancy task whose due day has
// ended at its station undone: the early contact not made by the end of
// early pregnancy, the outcome not recorded by its due day. Once per task,
// even with several processes (a conditional update claims it); the
// admins are notified.
func (s *Service) EscalatePregnancyTasks(ctx context.Context) (int, error) {
	ctx = SystemContext(ctx, "(pregnancy job)")
	var stations []Station
	if err := s.read(ctx).Select("id", "timezone").Find(&stations).Error; err != nil {
		return 0, err
	}
	escalated := 0
	for _, st := range stations {
		today := Today(s.now(), st.Location())
		for _, t := range []struct{ task, due, done, mark string }{
			{TaskEarlyContact, "early_due_on", "early_contacted_at IS NULL", "early_escalated_at"},
			{TaskOutcome, "outcome_due_on", "outcome = ''", "outcome_escalated_at"},
		} {
			var ids []int64
			if err := s.read(ctx).Model(&Pregnancy{}).
				Where("station_id = ? AND outcome = '' AND "+t.done+" AND "+t.mark+" IS NULL AND "+t.due+" < ?", st.ID, today).
				Order("id").Limit(1000).Pluck("id", &ids).Error; err != nil {
				return escalated, err
			}
			for _, id := range ids {
				err := s.inTx(ctx, func(tx *txDB) error {
					res := tx.Model(&Pregnancy{}).Where("id = ? AND outcome = '' AND "+t.done+" AND "+t.mark+" IS NULL AND "+t.due+" < ?", id, today).
						Update(t.mark, tx.now)
					if res.Error != nil || res.RowsAffected == 0 {
						return res.Error // another process claimed it, or it was done
					}
					var p Pregnancy
					if err := tx.First(&p, id).Error; err != nil {
						return err
					}
					admins, err := activeAdmins(tx)
					if err != nil {
						return err
					}
					due := p.OutcomeDueOn
					if t.task == TaskEarlyContact {
						due = *p.EarlyDueOn
					}
					if err := s.notify(tx, admins, NotifyPregnancyOverdue, nil, nil,
						fmt.Sprintf("a pregnancy's %s follow-up was due on %s and is not done", strings.ReplaceAll(t.task, "_", " "), due),
						map[string]any{"pregnancy_id": p.ID, "client_id": p.ClientID, "task": t.task, "station_id": p.StationID, "due_on": due}); err != nil {
						return err
					}
					escalated++
					return s.audit(ctx, tx, "pregnancy.escalate", "pregnancy", p.ID, map[string]any{"task": t.task, "due_on": due})
				})
				if err != nil {
					return escalated, err
				}
			}
		}
	}
	return escalated, nil
}

// PregnancyContacts lists the attempts to reach her about a pregnancy's
// tasks, oldest first. Nurses, counselors (her station) and admins.
// CodeNotFound.
func (s *Service) PregnancyContacts(ctx context.Context, id int64) ([]PregnancyContact, error) {
	if _, err := pregnancyActor(ctx); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	if _, err := s.loadPregnancy(ctx, db, id, false); err != nil {
		return nil, err
	}
	cs := []PregnancyContact{}
	err := db.Where("pregnancy_id = ?", id).Order("id").Find(&cs).Error
	return cs, err
}
