package lab

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Messages to women: an outbox with one row per event.
// A message is written in the transaction of what causes it (a report's
// first release) or by a job that finds what is due (QueueReminders), with
// a unique idempotency key naming the event, so that an event is one
// message however many processes or runs find it. A worker in every
// process sends what is due (DeliverMessages); the gateway's receipts move
// a sent message to delivered or failed (RecordReceipts). Only a woman who
// opted in gets any message, and her opting out cancels what is queued.

// MessageStatus is where a message stands: queued → sent → delivered or
// failed; a queued message can be cancelled (she opted out, its event no
// longer stands, it expired) or fail without being sent (a refusal the
// gateway will not change, or too many attempts).
type MessageStatus string

// The statuses.
const (
	MessageQueued    MessageStatus = "queued"
	MessageSent      MessageStatus = "sent"
	MessageDelivered MessageStatus = "delivered"
	MessageFailed    MessageStatus = "failed"
	MessageCancelled MessageStatus = "cancelled"
)

var messageStatuses = []string{string(MessageQueued), string(MessageSent), string(MessageDelivered), string(MessageFailed), string(MessageCancelled)}

// Message is one message to a woman, as the log shows it. The phone is
// masked; the text is shown whole, since no message states a result.
type Message struct {
	ID        int64        `json:"id" gorm:"primaryKey"`
	Key       string       `json:"key" gorm:"column:idempotency_key"`
	ClientID  int64        `json:"client_id"`
	StationID int64        `json:"station_id"`
	Event     MessageEvent `json:"event"`
	// SubjectID is the appointment, sample, case or pregnancy the event
	// is about; EventOn the day it names (the appointment's, the day a
	// retest or a follow-up is due), nil for a report.
	SubjectID  int64  `json:"subject_id"`
	EventOn    *Date  `json:"event_on,omitempty"`
	Lang       string `json:"lang"`
	Text       string `json:"text" gorm:"column:body"`
	ParamsJSON string `json:"-" gorm:"column:params"`
	// Phone is the number it was (or is to be) sent to, masked.
	Phone        string        `json:"phone" gorm:"column:phone_masked"`
	Status       MessageStatus `json:"status"`
	StatusDetail string        `json:"status_detail,omitempty"`
	Attempts     int           `json:"attempts"`
	// NextAttemptAt is when a queued message is next tried: not before
	// the morning at her station, later after a failed attempt.
	NextAttemptAt time.Time `json:"next_attempt_at"`
	// ClaimedAt is set while a process holds the message to send it.
	ClaimedAt *time.Time `json:"-"`
	// ExpiresAt is when a message not yet sent is no use any more (an
	// appointment's reminder once it starts).
	ExpiresAt         time.Time  `json:"expires_at"`
	ProviderMessageID string     `json:"provider_message_id,omitempty"`
	LastError         string     `json:"last_error,omitempty"`
	CreatedAt         time.Time  `json:"created_at"`
	SentAt            *time.Time `json:"sent_at"`
	DeliveredAt       *time.Time `json:"delivered_at,omitempty"`
	FailedAt          *time.Time `json:"failed_at,omitempty"`
	CancelledAt       *time.Time `json:"cancelled_at,omitempty"`
	UpdatedAt         time.Time  `json:"updated_at" gorm:"autoUpdateTime:false"`
}

func (m *Message) key() int64 { return m.ID }

// Messages are sent between 09:00 and 20:00 at her station: one written
// outside those hours waits for the next morning.
const (
	sendFromHour  = 9
	sendUntilHour = 20
)

// inSendHours returns t, or the next 09:00 at the station when t is
// outside the hours messages are sent.
func inSendHours(t time.Time, loc *time.Location) time.Time {
	local := t.In(loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	switch {
	case local.Hour() < sendFromHour:
		return day.Add(sendFromHour * time.Hour).UTC()
	case local.Hour() >= sendUntilHour:
		return day.AddDate(0, 0, 1).Add(sendFromHour * time.Hour).UTC()
	}
	return t
}

// recipient is what writing a message needs of her and her station.
type recipient struct {
	ClientID     int64
	StationID    int64
	Name         string
	Phone        string
	OptIn        bool
	Lang         string
	StationName  string
	StationPhone string
	Timezone     string
}

func (r recipient) location() *time.Location { return location(r.Timezone) }

// recipientColumns read a recipient from clients joined to stations.
const recipientColumns = `clients.id AS client_id, clients.station_id, clients.name, clients.phone,
	clients.reminder_opt_in AS opt_in, clients.reminder_lang AS lang,
	stations.name AS station_name, stations.phone AS station_phone, stations.timezone`

func loadRecipient(db *gorm.DB, clientID int64) (*recipient, error) {
	var r recipient
	err := db.Table("clients").Select(recipientColumns).Joins("JOIN stations ON stations.id = clients.station_id").
		Where("clients.id = ?", clientID).Take(&r).Error
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// newMessage is an event's message to her, rendered in her language
// from the template in force, due now or at the next morning, and of no
// use after expires.
func (s *Service) newMessage(now time.Time, r *recipient, ts templateSet, ev MessageEvent, key string, subject int64, on *Date, vals messageValues, expires time.Time) *Message {
	lang := r.Lang
	if lang != LangEn {
		lang = LangZh
	}
	vals[phName] = r.Name
	vals[phSurname] = surnameOf(r.Name)
	vals[phStation] = r.StationName
	vals[phStationPhone] = r.StationPhone
	if on != nil {
		vals[phDate] = formatDay(*on, lang)
	}
	// The gateway's template receives exactly the placeholders the event
	// fills, and nothing else.
	params := map[string]string{}
	for _, p := range eventPlaceholders[ev] {
		params[p] = vals[p]
	}
	raw, _ := json.Marshal(params)
	return &Message{
		Key: key, ClientID: r.ClientID, StationID: r.StationID, Event: ev, SubjectID: subject, EventOn: on,
		Lang: lang, Text: renderTemplate(ts.body(ev, lang), vals), ParamsJSON: string(raw), Phone: MaskPhone(r.Phone),
		Status: MessageQueued, NextAttemptAt: inSendHours(now, r.location()), ExpiresAt: expires,
		CreatedAt: now, UpdatedAt: now,
	}
}

// insertMessage writes a message unless its event has one already (the
// unique key): whoever finds an event first writes its message, and the
// others write nothing. It reports whether this call wrote it.
func insertMessage(db *gorm.DB, m *Message) (bool, error) {
	res := db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "idempotency_key"}}, DoNothing: true}).Create(m)
	return res.Error == nil && res.RowsAffected == 1, res.Error
}

// existingKeys returns which of the keys have a message already.
func existingKeys(db *gorm.DB, keys []string) (map[string]bool, error) {
	have := map[string]bool{}
	for start := 0; start < len(keys); start += 500 {
		var got []string
		if err := db.Model(&Message{}).Where("idempotency_key IN ?", keys[start:min(len(keys), start+500)]).
			Pluck("idempotency_key", &got).Error; err != nil {
			return nil, err
		}
		for _, k := range got {
			have[k] = true
		}
	}
	return have, nil
}

// MessageFilter selects the message log: one woman's, a station's, or a
// status.
type MessageFilter struct {
	ClientID  *int64
	StationID *int64
	Status    string
	Page      Page
}

// ListMessages is the log of messages to women, newest first, each with
// its event, status and times and the phone masked. Nurses and counselors
// see their station's women's, admins every station's. CodeNotFound
// (another station's woman or station), CodeValidation.
func (s *Service) ListMessages(ctx context.Context, f MessageFilter) (List[Message], error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleCounselor, RoleAdmin); err != nil {
		return List[Message]{}, err
	}
	station, err := a.stationFilter(f.StationID)
	if err != nil {
		return List[Message]{}, err
	}
	if f.Status != "" && !oneOf(f.Status, messageStatuses) {
		var v Validation
		v.Add("status", "invalid", strings.Join(messageStatuses, ", "))
		return List[Message]{}, v.Err()
	}
	q := s.read(ctx).Model(&Message{})
	switch {
	case f.ClientID != nil:
		// Hers, from whichever station wrote them: she is the actor's to
		// see (a woman moved to another station takes her log along).
		if _, err := s.loadClient(ctx, s.read(ctx), *f.ClientID); err != nil {
			return List[Message]{}, err
		}
		q = q.Where("client_id = ?", *f.ClientID)
	case station != nil:
		q = q.Where("station_id = ?", *station)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	return pageByIDDesc[Message](q, f.Page, true)
}
