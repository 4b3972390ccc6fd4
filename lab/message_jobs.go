package lab

import (
	"torchlab/migrations"

	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// When the job writes each event's message (docs/decisions.md,
// "Reminders to women").
const (
	// retestReminderDays: a retest due within three days, none booked.
	retestReminderDays = 3
	// earlyReminderDays: an early-pregnancy contact due within two weeks,
	// not yet made.
	earlyReminderDays = 14
	// reportReadyValidFor: a report-ready message not sent within a week
	// is no use; she will have been told otherwise.
	reportReadyValidFor = 7 * 24 * time.Hour
	// reminderBatch bounds what one run writes per station and event.
	reminderBatch = 1000
)

// retestInFlight is true when a case's retest is booked, or drawn and
// not yet released: its next action is then the lab's, not hers.
const retestInFlight = `EXISTS (SELECT 1 FROM appointments ra WHERE ra.followup_id = followups.id
	AND (ra.status IN ('booked', 'checked_in') OR (ra.status = 'collected' AND EXISTS (
		SELECT 1 FROM samples rs WHERE rs.appointment_id = ra.id AND rs.status NOT IN ('released', 'rejected')))))`

// reminderCandidate is an event a job found for a woman who opted in.
type reminderCandidate struct {
	ClientID  int64
	SubjectID int64
	Day       Date
	Start     string
	StartsAt  time.Time
}

// QueueReminders writes the message of every reminder event that has
// come due, for the women who opted in, where the admins' switch of the
// event is on: the day before an appointment (her station's day); a case
// whose next action is a retest due within three days with none booked or
// in the lab; an early-pregnancy contact due within two weeks and not yet
// made; an outcome follow-up open. It runs in every process: each event's
// message has a unique key, so whoever finds it first writes it and the
// others write nothing. It returns how many messages this run wrote.
func (s *Service) QueueReminders(ctx context.Context) (int, error) {
	ctx = SystemContext(ctx, "(reminder job)")
	db := s.read(ctx)
	st, err := loadSettings(db)
	if err != nil {
		return 0, err
	}
	ts, err := loadTemplates(db)
	if err != nil {
		return 0, err
	}
	var stations []Station
	if err := db.Select("id", "timezone").Find(&stations).Error; err != nil {
		return 0, err
	}
	written := 0
	for _, station := range stations {
		loc := station.Location()
		today := Today(s.now(), loc)
		finders := []struct {
			ev    MessageEvent
			find  func() ([]reminderCandidate, error)
			build func(reminderCandidate) (key string, on *Date, vals messageValues, expires time.Time)
		}{
			{EventAppointment, func() ([]reminderCandidate, error) {
				var cs []reminderCandidate
				err := db.Table("appointments").
					Select("appointments.client_id, appointments.id AS subject_id, appointments.day, slots.start_time AS start, slots.starts_at").
					Joins("JOIN slots ON slots.id = appointments.slot_id").
					Joins("JOIN clients ON clients.id = appointments.client_id").
					Where("appointments.station_id = ? AND appointments.status = ? AND appointments.day = ? AND clients.reminder_opt_in = ?",
						station.ID, Booked, today.AddDays(1), true).
					Order("appointments.id").Limit(reminderBatch).Scan(&cs).Error
				return cs, err
			}, func(c reminderCandidate) (string, *Date, messageValues, time.Time) {
				return fmt.Sprintf("%s:%d:%sT%s", EventAppointment, c.SubjectID, c.Day, c.Start), &c.Day,
					messageValues{phTime: c.Start}, c.StartsAt
			}},
			{EventRetestDue, func() ([]reminderCandidate, error) {
				var cs []reminderCandidate
				err := db.Table("followups").
					Select("followups.client_id, followups.id AS subject_id, followups.next_action_due_on AS day").
					Joins("JOIN clients ON clients.id = followups.client_id").
					Where("followups.station_id = ? AND followups.status <> ? AND followups.next_action_kind = ?", station.ID, CaseClosed, ActionRetest).
					Where("followups.next_action_due_on BETWEEN ? AND ? AND clients.reminder_opt_in = ?", today, today.AddDays(retestReminderDays), true).
					Where("NOT " + retestInFlight).
					Order("followups.id").Limit(reminderBatch).Scan(&cs).Error
				return cs, err
			}, func(c reminderCandidate) (string, *Date, messageValues, time.Time) {
				return fmt.Sprintf("%s:%d:%s", EventRetestDue, c.SubjectID, c.Day), &c.Day, messageValues{}, endOfDay(c.Day, loc)
			}},
			{EventPregnancyEarly, func() ([]reminderCandidate, error) {
				var cs []reminderCandidate
				err := db.Table("pregnancies").
					Select("pregnancies.client_id, pregnancies.id AS subject_id, pregnancies.early_due_on AS day").
					Joins("JOIN clients ON clients.id = pregnancies.client_id").
					Where("pregnancies.station_id = ? AND pregnancies.outcome = '' AND pregnancies.early_contacted_at IS NULL", station.ID).
					Where("pregnancies.early_due_on BETWEEN ? AND ? AND clients.reminder_opt_in = ?", today, today.AddDays(earlyReminderDays), true).
					Order("pregnancies.id").Limit(reminderBatch).Scan(&cs).Error
				return cs, err
			}, func(c reminderCandidate) (string, *Date, messageValues, time.Time) {
				return fmt.Sprintf("%s:%d", EventPregnancyEarly, c.SubjectID), &c.Day, messageValues{}, endOfDay(c.Day, loc)
			}},
			{EventPregnancyOutcome, func() ([]reminderCandidate, error) {
				var cs []reminderCandidate
				err := db.Table("pregnancies").
					Select("pregnancies.client_id, pregnancies.id AS subject_id, pregnancies.outcome_due_on AS day").
					Joins("JOIN clients ON clients.id = pregnancies.client_id").
					Where("pregnancies.station_id = ? AND pregnancies.outcome = ''", station.ID).
					Where("pregnancies.outcome_from <= ? AND pregnancies.outcome_due_on >= ? AND clients.reminder_opt_in = ?", today, today, true).
					Order("pregnancies.id").Limit(reminderBatch).Scan(&cs).Error
				return cs, err
			}, func(c reminderCandidate) (string, *Date, messageValues, time.Time) {
				return fmt.Sprintf("%s:%d", EventPregnancyOutcome, c.SubjectID), &c.Day, messageValues{}, endOfDay(c.Day, loc)
			}},
		}
		for _, f := range finders {
			if !st.reminderOn(f.ev) {
				continue
			}
			found, err := f.find()
			if err != nil {
				return written, err
			}
			n, err := s.writeReminders(db, ts, f.ev, found, f.build)
			written += n
			if err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

// writeReminders writes the message of each candidate whose event has
// none yet.
func (s *Service) writeReminders(db *gorm.DB, ts templateSet, ev MessageEvent, found []reminderCandidate,
	build func(reminderCandidate) (string, *Date, messageValues, time.Time)) (int, error) {
	if len(found) == 0 {
		return 0, nil
	}
	keys := make([]string, len(found))
	for i, c := range found {
		keys[i], _, _, _ = build(c)
	}
	have, err := existingKeys(db, keys)
	if err != nil {
		return 0, err
	}
	written := 0
	for _, c := range found {
		key, on, vals, expires := build(c)
		if have[key] {
			continue
		}
		r, err := loadRecipient(db, c.ClientID)
		if err != nil {
			return written, err
		}
		if !r.OptIn {
			continue // she opted out since the candidates were read
		}
		ok, err := insertMessage(db, s.newMessage(s.now(), r, ts, ev, key, c.SubjectID, on, vals, expires))
		if err != nil {
			return written, err
		}
		if ok {
			written++
		}
	}
	return written, nil
}

// reportReadyRelease is the release step that tells her that her report
// is ready: on a sample's first release only (an amendment is the lab's
// correction, and her counselor tells her of it), whatever the report
// says, in the release's transaction.
func (s *Service) reportReadyRelease(r *releaseRun) error {
	ev := r.ev
	if ev.Version != 1 || !ev.Settings.reminderOn(EventReportReady) || r.rd.Recipient == nil || !r.rd.Recipient.OptIn {
		return nil
	}
	key := fmt.Sprintf("%s:%d", EventReportReady, ev.Sample.ID)
	m := s.newMessage(r.tx.now, r.rd.Recipient, templatesOf(r.rd.Templates), EventReportReady, key, ev.Sample.ID, nil, messageValues{}, r.tx.now.Add(reportReadyValidFor))
	s.queueMessage(r.b, m)
	return nil
}

// queueMessage is insertMessage for a writeBatch: a message whose key
// has one already is not written again.
func (s *Service) queueMessage(b *writeBatch, m *Message) {
	conflict := " ON CONFLICT (idempotency_key) DO NOTHING"
	if s.db.Dialect == migrations.MySQL {
		conflict = " ON DUPLICATE KEY UPDATE id = id"
	}
	b.exec(`INSERT INTO messages (idempotency_key, client_id, station_id, event, subject_id, event_on, lang, body, params,
		phone_masked, status, status_detail, attempts, next_attempt_at, expires_at, provider_message_id, last_error, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`+conflict,
		m.Key, m.ClientID, m.StationID, m.Event, m.SubjectID, m.EventOn, m.Lang, m.Text, m.ParamsJSON,
		m.Phone, m.Status, m.StatusDetail, m.Attempts, m.NextAttemptAt, m.ExpiresAt, m.ProviderMessageID, m.LastError, m.CreatedAt, m.UpdatedAt)
}

// messageStands tells why a queued message must not be sent any more
// ("" when it must): she opted out, its switch is off, it expired, or its
// event no longer stands (the appointment moved or closed, the retest was
// booked, she was reached, the outcome recorded).
func messageStands(tx *txDB, m *Message, st Settings, now time.Time) (string, error) {
	var optIn []bool
	if err := tx.Model(&Client{}).Where("id = ?", m.ClientID).Pluck("reminder_opt_in", &optIn).Error; err != nil {
		return "", err
	}
	switch {
	case len(optIn) == 0 || !optIn[0]:
		return "she opted out of reminders", nil
	case !st.reminderOn(m.Event):
		return "its reminder is switched off", nil
	case !now.Before(m.ExpiresAt):
		return "expired before it could be sent", nil
	}
	var (
		n   int64
		why string
		q   *gorm.DB
	)
	switch m.Event {
	case EventAppointment:
		var params map[string]string
		_ = json.Unmarshal([]byte(m.ParamsJSON), &params)
		q = tx.Table("appointments").Joins("JOIN slots ON slots.id = appointments.slot_id").
			Where("appointments.id = ? AND appointments.status = ? AND appointments.day = ? AND slots.start_time = ?",
				m.SubjectID, Booked, m.EventOn, params[phTime])
		why = "the appointment was moved or is no longer booked"
	case EventRetestDue:
		q = tx.Table("followups").Where("followups.id = ? AND followups.status <> ? AND followups.next_action_kind = ? AND followups.next_action_due_on = ?",
			m.SubjectID, CaseClosed, ActionRetest, m.EventOn).Where("NOT " + retestInFlight)
		why = "the retest was booked, or is no longer due then"
	case EventPregnancyEarly:
		q = tx.Table("pregnancies").Where("id = ? AND outcome = '' AND early_contacted_at IS NULL", m.SubjectID)
		why = "the early-pregnancy contact was made"
	case EventPregnancyOutcome:
		q = tx.Table("pregnancies").Where("id = ? AND outcome = ''", m.SubjectID)
		why = "the outcome is recorded"
	default:
		return "", nil
	}
	if err := q.Count(&n).Error; err != nil {
		return "", err
	}
	if n == 0 {
		return why, nil
	}
	return "", nil
}
