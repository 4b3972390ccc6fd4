package lab

import (
	"context"
	"time"
)

// OutboxItem is a webhook delivery to make.
type OutboxItem struct {
	ID        int64
	EventID   string
	Recipient string
	Type      string
	Payload   string
	Attempts  int
}

// outboxLease is how long a claimed delivery is reserved for the process
// that claimed it; if that process dies, another delivers it after this.
const outboxLease = 2 * time.Minute

// ClaimOutbox reserves up to limit deliveries that are due, oldest first.
// Each is claimed with a conditional update, so several processes never
// send the same delivery at the same time; delivery is at least once (a
// process that dies after sending leaves it to be sent again).
func (s *Service) ClaimOutbox(ctx context.Context, limit int) ([]OutboxItem, error) {
	now := s.now()
	var rows []outboxRow
	if err := s.read(ctx).Where("delivered_at IS NULL AND next_attempt_at <= ?", now).
		Order("id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, err
	}
	var out []OutboxItem
	for _, r := range rows {
		res := s.read(ctx).Model(&outboxRow{}).
			Where("id = ? AND delivered_at IS NULL AND next_attempt_at = ?", r.ID, r.NextAttemptAt).
			Update("next_attempt_at", now.Add(outboxLease))
		if res.Error != nil {
			return out, res.Error
		}
		if res.RowsAffected == 1 {
			out = append(out, OutboxItem{ID: r.ID, EventID: r.EventID, Recipient: r.Recipient, Type: r.Type, Payload: r.Payload, Attempts: r.Attempts})
		}
	}
	return out, nil
}

// OutboxDelivered records a delivery the recipient accepted.
func (s *Service) OutboxDelivered(ctx context.Context, id int64) error {
	now := s.now()
	return s.read(ctx).Model(&outboxRow{}).Where("id = ?", id).
		Updates(map[string]any{"delivered_at": now, "attempts": gormExpr("attempts + 1"), "last_error": ""}).Error
}

// OutboxFailed records a failed attempt and schedules the next one, 30 s
// after the first failure and doubling to at most an hour. Other
// deliveries, to this recipient or others, go on meanwhile.
func (s *Service) OutboxFailed(ctx context.Context, id int64, attempts int, reason string) error {
	delay := 30 * time.Second
	for i := 0; i < attempts && delay < time.Hour; i++ {
		delay *= 2
	}
	delay = min(delay, time.Hour)
	return s.read(ctx).Model(&outboxRow{}).Where("id = ?", id).Updates(map[string]any{
		"attempts": attempts + 1, "next_attempt_at": s.now().Add(delay), "last_error": truncate(reason, 500)}).Error
}
