package lab

import (
	"context"
	"log/slog"
	"time"
)

// RunJobs runs the background jobs every interval until ctx ends. Each
// job is safe to run in several processes at once.
func (s *Service) RunJobs(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.MarkNoShows(ctx); err != nil {
			log.Error("no-show job failed", "err", err)
		} else if n > 0 {
			log.Info("no-show job", "marked", n)
		}
		if n, err := s.AssignWaiting(ctx); err != nil {
			log.Error("assignment job failed", "err", err)
		} else if n > 0 {
			log.Warn("unassigned follow-up cases given to counselors", "assigned", n)
		}
		if n, err := s.EscalateOverdue(ctx); err != nil {
			log.Error("overdue job failed", "err", err)
		} else if n > 0 {
			log.Warn("follow-up cases overdue, admins notified", "escalated", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
