package lab

import (
	"context"
	"strings"
)

// Reminders is a woman's choice about messages to her phone: whether she
// wants them at all, and in which language (Chinese unless she chose
// English).
type Reminders struct {
	OptIn bool   `json:"opt_in"`
	Lang  string `json:"lang"`
}

// RemindersInput is her choice as entered; Lang "" keeps her language
// (Chinese for a new client).
type RemindersInput struct {
	OptIn bool
	Lang  string
}

// checkReminders validates her choice given her phone number: a text
// message reaches a mobile number only. Fields are named under
// "reminders.".
func checkReminders(v *Validation, in *RemindersInput, phone string) {
	if in == nil {
		return
	}
	in.Lang = strings.ToLower(strings.TrimSpace(in.Lang))
	if in.Lang != "" && !oneOf(in.Lang, MessageLangs) {
		v.Add("reminders.lang", "invalid", strings.Join(MessageLangs, " or "))
	}
	if in.OptIn && phone != "" && !isMobile(phone) {
		v.Add("reminders.opt_in", "no_mobile", "text messages need a mobile number; hers is a landline")
	}
}

// isMobile reports whether a normalized phone number is a mobile one.
func isMobile(phone string) bool { return len(phone) == 11 && phone[0] == '1' }

// applyReminders records her choice on c in tx and returns the change
// for the audit row (nil when nothing changed). Opting out takes effect
// at once: every message of hers still queued is cancelled in the same
// transaction, and no job or release writes one for her from then on (a
// message already handed to the gateway cannot be called back).
func (s *Service) applyReminders(tx *txDB, c *Client, in *RemindersInput) (*Change, error) {
	if in == nil {
		return nil, nil
	}
	lang := in.Lang
	if lang == "" {
		lang = c.ReminderLang
	}
	if lang == "" {
		lang = LangZh
	}
	before := Reminders{OptIn: c.ReminderOptIn, Lang: c.ReminderLang}
	after := Reminders{OptIn: in.OptIn, Lang: lang}
	if before == after {
		return nil, nil
	}
	c.ReminderOptIn, c.ReminderLang = after.OptIn, after.Lang
	if before.OptIn && !after.OptIn && c.ID != 0 {
		now := tx.now
		// claimed_at stays: a sender holding one of them records what the
		// gateway did with it.
		if err := tx.Model(&Message{}).Where("client_id = ? AND status = ?", c.ID, MessageQueued).Updates(map[string]any{
			"status": MessageCancelled, "status_detail": "she opted out of reminders", "cancelled_at": now, "updated_at": now,
		}).Error; err != nil {
			return nil, err
		}
	}
	return &Change{before, after}, nil
}

// SetReminders records a woman's choice about reminders, as she tells
// whoever she speaks to: nurses and counselors of her station, admins.
// Audited (client.reminders); opting out cancels her queued messages in
// the same transaction. CodeNotFound, CodeValidation.
func (s *Service) SetReminders(ctx context.Context, id int64, in RemindersInput) (*Client, error) {
	if err := ActorFrom(ctx).require(RoleNurse, RoleCounselor, RoleAdmin); err != nil {
		return nil, err
	}
	var c *Client
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		if c, err = s.loadClientLocked(ctx, tx, id); err != nil {
			return err
		}
		var v Validation
		checkReminders(&v, &in, c.Phone)
		if err := v.Err(); err != nil {
			return err
		}
		change, err := s.applyReminders(tx, c, &in)
		if err != nil || change == nil {
			return err
		}
		c.UpdatedAt = tx.now
		if err := tx.Model(&Client{}).Where("id = ?", c.ID).Updates(map[string]any{
			"reminder_opt_in": c.ReminderOptIn, "reminder_lang": c.ReminderLang, "updated_at": c.UpdatedAt,
		}).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "client.reminders", "client", c.ID, map[string]Change{"reminders": *change})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
