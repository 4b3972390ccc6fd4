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
	var prunedMessages time.Time // the daily pruning of analysers' messages
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
		if n, err := s.EscalatePregnancyTasks(ctx); err != nil {
			log.Error("pregnancy job failed", "err", err)
		} else if n > 0 {
			log.Warn("pregnancy follow-up tasks overdue, admins notified", "escalated", n)
		}
		if n, err := s.QueueReminders(ctx); err != nil {
			log.Error("reminder job failed", "err", err)
		} else if n > 0 {
			log.Info("reminders to women queued", "messages", n)
		}
		if n, err := s.PruneImports(ctx); err != nil {
			log.Error("import pruning failed", "err", err)
		} else if n > 0 {
			log.Info("imports older than a week pruned with their refused lines", "deleted", n)
		}
		if n, err := s.PruneThrottles(ctx); err != nil {
			log.Error("sign-in counter pruning failed", "err", err)
		} else if n > 0 {
			log.Info("stale sign-in counters pruned", "deleted", n)
		}
		if time.Since(prunedMessages) >= 24*time.Hour {
			if n, err := s.PruneInterfaceMessages(ctx); err != nil {
				log.Error("analyser message pruning failed", "err", err)
			} else {
				prunedMessages = time.Now()
				if n > 0 {
					log.Info("analyser messages older than 30 days pruned", "deleted", n)
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
