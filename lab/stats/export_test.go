package stats

import (
	"context"
)

// SummaryDirect computes the statistics by reading every sample of the
// range, as torchlab did before stats_days: the tests' reference.
func (s *Service) SummaryDirect(ctx context.Context, f SummaryFilter) (*Summary, error) {
	return s.summaryDirect(ctx, f)
}

// DaysMade is how many days this service's fills have made.
func (s *Service) DaysMade() int64 { return s.daysMade.Load() }
