package lab

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// MessageSender hands a message to a gateway that texts it to her phone.
// The adapters (package sms) speak to an SMS gateway or to a webhook.
type MessageSender interface {
	// SendMessage sends m once. An error marked Permanent is a refusal a
	// retry cannot change (a bad number, a template the gateway lacks);
	// any other error is retried later.
	SendMessage(ctx context.Context, m OutgoingMessage) (SendResult, error)
}

// OutgoingMessage is a message claimed for sending.
type OutgoingMessage struct {
	ID    int64
	Key   string
	Event MessageEvent
	Lang  string
	// Phone is her full number, read when the message is claimed.
	Phone string
	Text  string
	// Params are the values of the event's placeholders, for a gateway
	// whose templates are registered with it.
	Params map[string]string
	// Attempts counts this one.
	Attempts int
	// Uncertain is set when an earlier attempt was claimed and never
	// recorded: its sender died between sending and recording, or took
	// longer than its lease. The gateway may have it already; an adapter
	// that can ask the gateway does so before sending again (and every
	// adapter sends the same Key, which the gateway may drop as a
	// duplicate). EarlierClaimAt is when that attempt was claimed.
	Uncertain      bool
	EarlierClaimAt time.Time

	claimedAt time.Time
}

// SendResult is what the gateway answered.
type SendResult struct {
	// ProviderID is the gateway's id of the message, which its receipts
	// may quote.
	ProviderID string
	// AlreadySent is set when the gateway had the message from an earlier
	// attempt and did not send it again.
	AlreadySent bool
}

// PermanentError is a gateway's refusal that retrying cannot change.
type PermanentError struct{ Reason string }

func (e *PermanentError) Error() string { return e.Reason }

// Permanent marks a refusal as one that retrying cannot change.
func Permanent(reason string) error { return &PermanentError{Reason: reason} }

// How a message is retried: a claim is held for messageLease, after which
// another process may take it; failed attempts wait 30 s, doubling to at
// most an hour; after maxMessageAttempts the message fails.
const (
	messageLease       = 2 * time.Minute
	maxMessageAttempts = 10
)

func messageBackoff(attempts int) time.Duration {
	delay := 30 * time.Second
	for i := 1; i < attempts && delay < time.Hour; i++ {
		delay *= 2
	}
	return min(delay, time.Hour)
}

// ClaimMessages reserves up to limit queued messages that are due, the
// earliest first, each by a conditional update (a message is never held
// by two processes at once). A message whose event no longer stands, or
// whose woman opted out, is cancelled instead (messageStands). Delivery
// is at least once: a process that dies after sending leaves the message
// queued with its claim, and the next claim marks it Uncertain so that
// the sender can ask the gateway before sending it again.
func (s *Service) ClaimMessages(ctx context.Context, limit int) ([]OutgoingMessage, error) {
	ctx = SystemContext(ctx, "(message worker)")
	now := s.now()
	var due []Message
	if err := s.read(ctx).Where("status = ? AND next_attempt_at <= ?", MessageQueued, now).
		Order("next_attempt_at, id").Limit(limit).Find(&due).Error; err != nil {
		return nil, err
	}
	st, err := loadSettings(s.read(ctx))
	if err != nil {
		return nil, err
	}
	var out []OutgoingMessage
	for i := range due {
		m := &due[i]
		var claimed *OutgoingMessage
		err := s.inTx(ctx, func(tx *txDB) error {
			claimed = nil
			res := tx.Model(&Message{}).Where("id = ? AND status = ? AND next_attempt_at = ?", m.ID, MessageQueued, m.NextAttemptAt).
				Updates(map[string]any{"next_attempt_at": now.Add(messageLease), "claimed_at": now,
					"attempts": gormExpr("attempts + 1"), "updated_at": now})
			if res.Error != nil || res.RowsAffected == 0 {
				return res.Error // another process claimed it, or it changed
			}
			uncertain := m.ClaimedAt != nil
			why, err := messageStands(tx, m, st, now)
			if err != nil {
				return err
			}
			if why != "" {
				if uncertain {
					why += "; an earlier attempt may have reached the gateway"
				}
				return tx.Model(&Message{}).Where("id = ?", m.ID).Updates(map[string]any{
					"status": MessageCancelled, "status_detail": why, "cancelled_at": now, "claimed_at": nil, "updated_at": now}).Error
			}
			var phones []string
			if err := tx.Model(&Client{}).Where("id = ?", m.ClientID).Pluck("phone", &phones).Error; err != nil {
				return err
			}
			if len(phones) == 0 || !isMobile(phones[0]) {
				return tx.Model(&Message{}).Where("id = ?", m.ID).Updates(map[string]any{
					"status": MessageFailed, "status_detail": "her phone number is not a mobile number", "failed_at": now,
					"claimed_at": nil, "updated_at": now}).Error
			}
			if err := tx.Model(&Message{}).Where("id = ?", m.ID).Update("phone_masked", MaskPhone(phones[0])).Error; err != nil {
				return err
			}
			var params map[string]string
			_ = json.Unmarshal([]byte(m.ParamsJSON), &params)
			claimed = &OutgoingMessage{ID: m.ID, Key: m.Key, Event: m.Event, Lang: m.Lang, Phone: phones[0], Text: m.Text,
				Params: params, Attempts: m.Attempts + 1, Uncertain: uncertain, claimedAt: now}
			if uncertain {
				claimed.EarlierClaimAt = *m.ClaimedAt
			}
			return nil
		})
		if err != nil {
			return out, err
		}
		if claimed != nil {
			out = append(out, *claimed)
		}
	}
	return out, nil
}

// MessageSent records that the gateway took a message this process
// claimed. A claim lost meanwhile (the lease ran out and another process
// took the message) records nothing: that process records it.
func (s *Service) MessageSent(ctx context.Context, m OutgoingMessage, r SendResult) error {
	now := s.now()
	detail := ""
	if r.AlreadySent {
		detail = "the gateway had it from an earlier attempt"
	}
	return s.read(ctx).Model(&Message{}).
		Where("id = ? AND claimed_at = ? AND status IN ?", m.ID, m.claimedAt, []MessageStatus{MessageQueued, MessageCancelled}).
		Updates(map[string]any{"status": MessageSent, "sent_at": now, "provider_message_id": truncate(r.ProviderID, 100),
			"status_detail": detail, "last_error": "", "claimed_at": nil, "updated_at": now}).Error
}

// MessageFailed records a failed attempt of a message this process
// claimed: a permanent refusal, or the last allowed attempt, fails the
// message; otherwise it is tried again after a back-off, in the hours
// messages are sent at her station.
func (s *Service) MessageFailed(ctx context.Context, m OutgoingMessage, cause error) error {
	now := s.now()
	reason := truncate(cause.Error(), 500)
	q := s.read(ctx).Model(&Message{}).Where("id = ? AND claimed_at = ? AND status = ?", m.ID, m.claimedAt, MessageQueued)
	var perm *PermanentError
	if errors.As(cause, &perm) || m.Attempts >= maxMessageAttempts {
		detail := "refused by the gateway: " + reason
		if perm == nil {
			detail = fmt.Sprintf("gave up after %d attempts: %s", m.Attempts, reason)
		}
		return q.Updates(map[string]any{"status": MessageFailed, "status_detail": truncate(detail, 255), "last_error": reason,
			"failed_at": now, "claimed_at": nil, "updated_at": now}).Error
	}
	var tz []string
	if err := s.read(ctx).Table("messages").Select("stations.timezone").Joins("JOIN stations ON stations.id = messages.station_id").
		Where("messages.id = ?", m.ID).Pluck("stations.timezone", &tz).Error; err != nil {
		return err
	}
	loc := time.UTC
	if len(tz) > 0 {
		loc = location(tz[0])
	}
	return q.Updates(map[string]any{"next_attempt_at": inSendHours(now.Add(messageBackoff(m.Attempts)), loc),
		"last_error": reason, "claimed_at": nil, "updated_at": now}).Error
}

// leaseMargin is how much of a claim's lease must be left to start
// sending: a slow gateway must not leave this process sending a message
// that another process has meanwhile claimed and sent.
const leaseMargin = 30 * time.Second

// DeliverMessages claims the due messages (up to limit) and hands each to
// the sender, recording what the gateway answered; it returns how many
// the gateway took. A worker in every process calls it every few seconds.
// A message whose claim is nearly over by its turn (the gateway was slow
// with those before it) is handed back unsent, due at once.
func (s *Service) DeliverMessages(ctx context.Context, sender MessageSender, limit int) (int, error) {
	items, err := s.ClaimMessages(ctx, limit)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range items {
		if s.now().After(m.claimedAt.Add(messageLease - leaseMargin)) {
			if err := s.unclaimMessage(ctx, m); err != nil {
				return sent, err
			}
			continue
		}
		r, sendErr := sender.SendMessage(ctx, m)
		if sendErr != nil {
			err = s.MessageFailed(ctx, m, sendErr)
		} else if err = s.MessageSent(ctx, m, r); err == nil {
			sent++
		}
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// unclaimMessage hands back a message this process claimed and did not
// try, as it was before the claim (its earlier claim, if it had one,
// stays: that attempt's outcome is still unknown).
func (s *Service) unclaimMessage(ctx context.Context, m OutgoingMessage) error {
	var earlier any
	if m.Uncertain {
		earlier = m.EarlierClaimAt
	}
	now := s.now()
	return s.read(ctx).Model(&Message{}).Where("id = ? AND claimed_at = ? AND status = ?", m.ID, m.claimedAt, MessageQueued).
		Updates(map[string]any{"claimed_at": earlier, "next_attempt_at": now, "attempts": gormExpr("attempts - 1"), "updated_at": now}).Error
}

// DeliveryReceipt is a gateway's report of what became of a message: delivered
// to her phone or not. Key is the message's idempotency key (the
// gateway's out-id); ProviderID the gateway's id, used when Key is empty.
type DeliveryReceipt struct {
	Key        string
	ProviderID string
	Delivered  bool
	Code       string
	Detail     string
}

// RecordReceipts moves each message a receipt names to delivered or
// failed, and returns how many it matched. A receipt may come before the
// sender recorded the message as sent (it died in between): the receipt
// is proof enough. A message already delivered or failed keeps its
// status.
func (s *Service) RecordReceipts(ctx context.Context, receipts []DeliveryReceipt) (int, error) {
	matched := 0
	for _, r := range receipts {
		q := s.read(ctx).Model(&Message{}).Where("status IN ?", []MessageStatus{MessageQueued, MessageSent, MessageCancelled})
		switch {
		case r.Key != "":
			q = q.Where("idempotency_key = ?", r.Key)
		case r.ProviderID != "":
			q = q.Where("provider_message_id = ?", r.ProviderID)
		default:
			continue
		}
		now := s.now()
		detail := r.Code
		if r.Detail != "" {
			detail += ": " + r.Detail
		}
		updates := map[string]any{"status_detail": truncate(detail, 255), "claimed_at": nil, "updated_at": now,
			"sent_at": gormExpr("COALESCE(sent_at, ?)", now)}
		if r.Delivered {
			updates["status"], updates["delivered_at"] = MessageDelivered, now
		} else {
			updates["status"], updates["failed_at"] = MessageFailed, now
		}
		if r.ProviderID != "" {
			updates["provider_message_id"] = truncate(r.ProviderID, 100)
		}
		res := q.Updates(updates)
		if res.Error != nil {
			return matched, res.Error
		}
		matched += int(res.RowsAffected)
	}
	return matched, nil
}
