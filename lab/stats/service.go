// Package stats is the programme's statistics: the summary of a date
// range (GET /reports/summary) and its per-station months. It reads lab's
// records and keeps its own tables (stats_days, stats_feeds): per-day
// figures made from the records and brought up to date from what changed
// since (docs/decisions.md, "Statistics at a million samples"). lab knows
// nothing of it; a change of the working calendar reaches it through
// lab's OnCalendarChange hook.
package stats

import (
	"context"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
)

// Options configure a Service.
type Options struct {
	// Freshness is how old the kept statistics may be before a summary
	// brings them up to date (zero: every summary does). Under a day's
	// writes, bringing them up to date costs seconds; with a window, one
	// summary in that window pays it and the others read what is kept.
	Freshness time.Duration
}

// Service computes the statistics over lab's records.
type Service struct {
	lab       *lab.Service
	freshness time.Duration
	// filling lets one fill of days not kept yet run at a time in this
	// process (fill.go, makeMissing); daysMade counts the days its fills
	// made, for the tests.
	filling  chan struct{}
	daysMade atomic.Int64
}

// New returns the statistics of svc's records, and registers with svc the
// hook that forgets the kept days when the working calendar changes
// (their turnaround was counted by the old one).
func New(svc *lab.Service, opts Options) *Service {
	svc.OnCalendarChange(forgetKept)
	return &Service{lab: svc, freshness: opts.Freshness, filling: make(chan struct{}, 1)}
}

// forgetKept empties the kept statistics: the next summary of each day
// makes it again from the records.
func forgetKept(tx *gorm.DB) error {
	if err := tx.Where("1 = 1").Delete(&statsDayRow{}).Error; err != nil {
		return err
	}
	return tx.Where("1 = 1").Delete(&statsFeedRow{}).Error
}

func (s *Service) now() time.Time { return s.lab.Now() }

func (s *Service) read(ctx context.Context) *gorm.DB { return s.lab.Read(ctx) }

func (s *Service) inTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.lab.InTx(ctx, fn)
}

func (s *Service) stationLocation(ctx context.Context, station *int64) (*time.Location, error) {
	return s.lab.StationLocation(ctx, station)
}
