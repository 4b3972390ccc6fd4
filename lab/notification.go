package lab

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"time"

	"torchlab/migrations"
)

// NotificationType names what a notification is about (API.md).
type NotificationType string

// The notification types.
const (
	NotifyAssigned       NotificationType = "followup.assigned"
	NotifyUnassigned     NotificationType = "followup.unassigned"
	NotifyOverdue        NotificationType = "followup.overdue"
	NotifySampleRejected NotificationType = "sample.rejected"
	NotifyRetestReleased NotificationType = "retest.released"
	// NotifyCaseUpdated tells the assignee that an amendment changed her
	// case (a higher priority, or results that turned normal).
	NotifyCaseUpdated NotificationType = "followup.updated"
	// NotifyPregnancyOverdue tells the admins that a pregnancy's follow-up
	// task lapsed.
	NotifyPregnancyOverdue NotificationType = "pregnancy.overdue"
	// NotifyDeferralWarning tells her counselors that a pregnancy began
	// before a rubella vaccination's deferral ended.
	NotifyDeferralWarning NotificationType = "pregnancy.deferral_warning"
)

// Notification is one message in a user's in-app inbox.
type Notification struct {
	ID         int64            `json:"id" gorm:"primaryKey"`
	UserID     int64            `json:"-"`
	Type       NotificationType `json:"type"`
	FollowupID *int64           `json:"followup_id,omitempty"`
	SampleID   *int64           `json:"-"`
	// ClientID and PregnancyID name the woman and the pregnancy of a
	// notification about her that is not about a case.
	ClientID    *int64     `json:"client_id,omitempty"`
	PregnancyID *int64     `json:"pregnancy_id,omitempty"`
	Message     string     `json:"message"`
	CreatedAt   time.Time  `json:"created_at"`
	ReadAt      *time.Time `json:"read_at,omitempty"`
}

func (n *Notification) key() int64 { return n.ID }

// outboxRow is one webhook delivery waiting, or done.
type outboxRow struct {
	ID            int64 `gorm:"primaryKey"`
	EventID       string
	Recipient     string
	Type          string
	Payload       string
	CreatedAt     time.Time
	Attempts      int
	NextAttemptAt time.Time
	DeliveredAt   *time.Time
	LastError     string
}

func (outboxRow) TableName() string { return "outbox" }

// notify puts a notification in each user's inbox and, for every webhook
// recipient, an event in the outbox, all in tx: the notice commits with the
// change that caused it (the transactional outbox). The webhook body holds
// ids and codes, never a name, ID number or phone. The extra members
// client_id and pregnancy_id, when given, also link the notification to
// her page.
func (s *Service) notify(tx *txDB, users []int64, typ NotificationType, caseID, sampleID *int64, message string, extra map[string]any) error {
	ns, outbox, err := s.notifications(tx.now, users, typ, caseID, sampleID, message, extra)
	if err != nil {
		return err
	}
	for i := range ns {
		if err := tx.Create(&ns[i]).Error; err != nil {
			return err
		}
	}
	for i := range outbox {
		if err := tx.Create(&outbox[i]).Error; err != nil {
			return err
		}
	}
	return nil
}

// queueNotify is notify for a writeBatch.
func (s *Service) queueNotify(tx *txDB, b *writeBatch, users []int64, typ NotificationType, caseID, sampleID *int64, message string, extra map[string]any) error {
	ns, outbox, err := s.notifications(tx.now, users, typ, caseID, sampleID, message, extra)
	if err != nil {
		return err
	}
	for _, n := range ns {
		b.exec(`INSERT INTO notifications (user_id, type, followup_id, sample_id, client_id, pregnancy_id, message, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, n.UserID, n.Type, n.FollowupID, n.SampleID, n.ClientID, n.PregnancyID, n.Message, n.CreatedAt)
	}
	for _, o := range outbox {
		b.exec(`INSERT INTO outbox (event_id, recipient, type, payload, created_at, attempts, next_attempt_at, last_error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.EventID, o.Recipient, o.Type, o.Payload, o.CreatedAt, o.Attempts, o.NextAttemptAt, o.LastError)
	}
	return nil
}

// notifications are notify's rows: one a user's inbox, and one a
// webhook recipient's outbox.
func (s *Service) notifications(now time.Time, users []int64, typ NotificationType, caseID, sampleID *int64, message string, extra map[string]any) ([]Notification, []outboxRow, error) {
	link := func(key string) *int64 {
		if id, ok := extra[key].(int64); ok {
			return &id
		}
		return nil
	}
	ns := make([]Notification, 0, len(users))
	for _, u := range users {
		ns = append(ns, Notification{UserID: u, Type: typ, FollowupID: caseID, SampleID: sampleID, Message: truncate(message, 500), CreatedAt: now,
			ClientID: link("client_id"), PregnancyID: link("pregnancy_id")})
	}
	if len(s.opts.WebhookRecipients) == 0 {
		return ns, nil, nil
	}
	id := make([]byte, 16)
	rand.Read(id)
	event := map[string]any{"id": hex.EncodeToString(id), "type": typ, "created_at": now.Format(time.RFC3339Nano), "user_ids": users}
	if caseID != nil {
		event["followup_id"] = *caseID
	}
	for k, v := range extra {
		event[k] = v
	}
	body, err := json.Marshal(event)
	if err != nil {
		return nil, nil, err
	}
	var outbox []outboxRow
	for _, r := range s.opts.WebhookRecipients {
		outbox = append(outbox, outboxRow{EventID: hex.EncodeToString(id), Recipient: r, Type: string(typ), Payload: string(body), CreatedAt: now, NextAttemptAt: now})
	}
	return ns, outbox, nil
}

// activeAdmins returns the ids of the active admins.
func activeAdmins(tx *txDB) ([]int64, error) {
	var ids []int64
	err := tx.Model(&User{}).Where("role = ? AND active = ?", RoleAdmin, true).Order("id").Pluck("id", &ids).Error
	return ids, err
}

// UnreadCountMax is where the unread count stops counting: a bell shows
// "99+" past it, and an admin, told of every overdue case, can
// have a hundred thousand unread notices that an exact count would read
// one by one on every page of her inbox.
const UnreadCountMax = 100

// NotificationList is a page of the inbox with the unread count, exact up
// to UnreadCountMax and UnreadCountMax beyond.
type NotificationList struct {
	List[Notification]
	Unread int64 `json:"unread"`
}

// ListNotifications returns the signed-in user's inbox, newest first.
func (s *Service) ListNotifications(ctx context.Context, unreadOnly bool, page Page) (*NotificationList, error) {
	a := ActorFrom(ctx)
	if err := a.require(Roles...); err != nil {
		return nil, err
	}
	var unread int64
	unreadRows := s.read(ctx).Model(&Notification{}).Select("1").Where("user_id = ? AND read_at IS NULL", a.UserID).Limit(UnreadCountMax)
	if err := s.read(ctx).Table("(?) AS unread", unreadRows).Count(&unread).Error; err != nil {
		return nil, err
	}
	q := s.read(ctx).Model(&Notification{}).Where("user_id = ?", a.UserID)
	switch {
	case unreadOnly && s.db.Dialect == migrations.MySQL:
		// Her unread newest first from ix_notifications_user (user_id,
		// read_at, id) in its order. Asked with IS NULL, MariaDB sorted
		// every unread notice of hers (80,000 of an admin's at a million
		// women, 145 ms for the bell's one line); with the null-safe
		// equality it reads the page from the index.
		q = q.Table("notifications FORCE INDEX (ix_notifications_user)").Where("read_at <=> NULL")
	case unreadOnly:
		q = q.Where("read_at IS NULL")
	}
	list, err := pageByIDDesc[Notification](q, page, false)
	if err != nil {
		return nil, err
	}
	return &NotificationList{List: list, Unread: unread}, nil
}

// MarkRead marks one of the user's notifications read (CodeNotFound for
// another's). Reading twice is harmless.
func (s *Service) MarkRead(ctx context.Context, id int64) error {
	a := ActorFrom(ctx)
	if err := a.require(Roles...); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txDB) error {
		var n Notification
		if err := tx.Where("id = ? AND user_id = ?", id, a.UserID).First(&n).Error; err != nil {
			if isNotFound(err) {
				return notFound("notification")
			}
			return err
		}
		if n.ReadAt != nil {
			return nil
		}
		return tx.Model(&n).Update("read_at", tx.now).Error
	})
}
