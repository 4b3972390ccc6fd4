package stats

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"torchlab/lab"
)

// The statistics at programme scale (docs/decisions.md, "Statistics at a
// million samples" and "Statistics per woman"). The figures of each day's
// samples at each station, and of the women whose screens were drawn that
// day, are kept in stats_days, in the days of a time zone; a summary adds
// up the rows of its range instead of reading every sample. A day's rows
// are made from the records the first time a summary needs them
// (fill.go), and made again when one of its samples or cases, or
// what its screens read (feed.go), has changed: every change to a
// sample or a case sets its updated_at, so the samples and cases changed
// since the last look (stats_feeds) name the days to make again. The look
// goes back statsMargin further, for transactions that set updated_at
// before a look and committed after it.

// statsMargin must exceed the longest transaction (a lock wait included)
// plus the clock difference between torchlab processes.
const statsMargin = 2 * time.Minute

// statsFillDays is how many days one fill reads at a time: few enough that
// a fill's transaction stays far below statsMargin at a million samples.
const statsFillDays = 7

// statsDayRow is one row of stats_days. Station 0 is the day at every
// station; it exists for every day made, even one without samples, and
// says that the day's rows are there.
type statsDayRow struct {
	ID           int64  `gorm:"primaryKey"`
	TZ           string `gorm:"column:tz"`
	Day          lab.Date
	StationID    int64
	ComputedAt   time.Time
	Collected    int
	Rejected     int
	Released     int
	Abnormal     int
	CasesOpened  int
	CasesClosed  int
	CasesReached int
	CasesLost    int
	// The women screened that day (repeats not yet taken off), and of
	// them: tested, released within 5 working days, with a case, with
	// every case completed (women.go).
	Screens        int
	Tested         int
	Within5Days    int `gorm:"column:within_5_days"`
	CaseWomen      int
	CompletedWomen int
	Body           string
}

func (statsDayRow) TableName() string { return "stats_days" }

type statsFeedRow struct {
	ID     int64  `gorm:"primaryKey"`
	TZ     string `gorm:"column:tz"`
	SeenAt time.Time
}

func (statsFeedRow) TableName() string { return "stats_feeds" }

// statDay is the statistics of the samples collected on one day, at one
// station or at all, and of the women whose screens they are (Women).
// Turnarounds are histograms of tenths of an hour (the precision the
// summary rounds to), so medians and percentiles come out exactly as
// sorting every duration would give them.
type statDay struct {
	Collected  int                `json:"c,omitempty"`
	Received   int                `json:"rc,omitempty"`
	Rejected   int                `json:"rj,omitempty"`
	RejectedBy map[string]int     `json:"rb,omitempty"`
	Released   int                `json:"rl,omitempty"`
	Abnormal   int                `json:"ab,omitempty"`
	Analytes   map[string]*[4]int `json:"an,omitempty"` // tested, negative, equivocal, positive
	Findings   map[string]int     `json:"fi,omitempty"`
	ToReceipt  histogram          `json:"t1,omitempty"`
	ToRelease  histogram          `json:"t2,omitempty"`
	ToReached  histogram          `json:"t3,omitempty"`
	Opened     int                `json:"co,omitempty"`
	Closed     int                `json:"cc,omitempty"`
	ClosedBy   map[string]int     `json:"cb,omitempty"`
	Reached    int                `json:"cr,omitempty"`
	Lost       int                `json:"cl,omitempty"`
	Retests    *sampleGroup       `json:"rt,omitempty"`
	Redraws    *sampleGroup       `json:"rd,omitempty"`
	Women      womenDay           `json:"w"`
	Repeats    []statRepeat       `json:"rp,omitempty"`
}

// sampleGroup counts the retests or the redraws collected: how many,
// released, and (retests) their released results per analyte.
type sampleGroup struct {
	Collected int                `json:"c,omitempty"`
	Released  int                `json:"r,omitempty"`
	Analytes  map[string]*[4]int `json:"a,omitempty"`
}

func mergeGroup(g **sampleGroup, o *sampleGroup) {
	if o == nil {
		return
	}
	if *g == nil {
		*g = &sampleGroup{}
	}
	(*g).Collected += o.Collected
	(*g).Released += o.Released
	mergeAnalytes(&(*g).Analytes, o.Analytes, 1)
}

// statRepeat is a group of screens whose women had an earlier screen:
// the day of her latest earlier screen anywhere (Prev) and at the same
// station ("" for none), with the screens' facts. A summary takes the
// facts off when the earlier screen is in its range, station or month:
// she is counted there by that one.
type statRepeat struct {
	Station int64    `json:"s"`
	Prev    lab.Date `json:"p"`
	Here    lab.Date `json:"h,omitempty"`
	Women   womenDay `json:"f"`
}

func addCount(m *map[string]int, key string, n int) {
	if *m == nil {
		*m = map[string]int{}
	}
	(*m)[key] += n
}

// add counts one sample, with its released results and its cases.
func (d *statDay) add(sm *statSample, rs []lab.Result, cases []statCase, settings lab.Settings) {
	d.Collected++
	if sm.ReceivedAt != nil {
		d.Received++
		d.ToReceipt.add(sm.ReceivedAt.Sub(sm.CollectedAt))
	}
	if sm.Status == lab.SampleRejected {
		d.Rejected++
		addCount(&d.RejectedBy, sm.RejectReason, 1)
	}
	released := sm.Status == lab.SampleReleased && sm.FirstReleasedAt != nil
	switch sm.Kind {
	case lab.KindRetest:
		if d.Retests == nil {
			d.Retests = &sampleGroup{}
		}
		d.Retests.Collected++
		if released {
			d.Retests.Released++
			addInterpretations(&d.Retests.Analytes, rs, 1)
		}
	case lab.KindRedraw:
		if d.Redraws == nil {
			d.Redraws = &sampleGroup{}
		}
		d.Redraws.Collected++
		d.Redraws.Released += flag(released)
	}
	if released {
		d.Released++
		if sm.ReceivedAt != nil {
			d.ToRelease.add(sm.FirstReleasedAt.Sub(*sm.ReceivedAt))
		}
		if sm.Abnormal {
			d.Abnormal++
		}
		addInterpretations(&d.Analytes, rs, 1)
		fs, _ := lab.FindingsOf(rs, sm.Category == lab.Pregnant, settings)
		for _, f := range fs {
			addCount(&d.Findings, f.Code, 1)
		}
	}
	for _, c := range cases {
		d.Opened++
		if c.FirstReached.Valid && sm.FirstReleasedAt != nil {
			d.ToReached.add(c.FirstReached.Time.Sub(*sm.FirstReleasedAt))
			d.Reached++
		}
		if c.Status == lab.CaseClosed {
			d.Closed++
			addCount(&d.ClosedBy, c.Outcome, 1)
			if c.Outcome == "lost_to_follow_up" {
				d.Lost++
			}
		}
	}
}

// merge adds another day's (or station's) figures to d.
func (d *statDay) merge(o *statDay) {
	d.Collected += o.Collected
	d.Received += o.Received
	d.Rejected += o.Rejected
	for k, n := range o.RejectedBy {
		addCount(&d.RejectedBy, k, n)
	}
	d.Released += o.Released
	d.Abnormal += o.Abnormal
	mergeAnalytes(&d.Analytes, o.Analytes, 1)
	for k, n := range o.Findings {
		addCount(&d.Findings, k, n)
	}
	d.ToReceipt.merge(o.ToReceipt)
	d.ToRelease.merge(o.ToRelease)
	d.ToReached.merge(o.ToReached)
	d.Opened += o.Opened
	d.Closed += o.Closed
	for k, n := range o.ClosedBy {
		addCount(&d.ClosedBy, k, n)
	}
	d.Reached += o.Reached
	d.Lost += o.Lost
	mergeGroup(&d.Retests, o.Retests)
	mergeGroup(&d.Redraws, o.Redraws)
	d.Women.merge(&o.Women, 1)
	d.Repeats = append(d.Repeats, o.Repeats...)
}

func (d *statDay) row(tz string, day lab.Date, station int64, at time.Time) (statsDayRow, error) {
	body, err := json.Marshal(d)
	if err != nil {
		return statsDayRow{}, err
	}
	return statsDayRow{TZ: tz, Day: day, StationID: station, ComputedAt: at, Collected: d.Collected, Rejected: d.Rejected,
		Released: d.Released, Abnormal: d.Abnormal, CasesOpened: d.Opened, CasesClosed: d.Closed, CasesReached: d.Reached,
		CasesLost: d.Lost, Screens: d.Women.screened(), Tested: d.Women.tested(), Within5Days: d.Women.Within5,
		CaseWomen: d.Women.Cases, CompletedWomen: d.Women.Completed, Body: string(body)}, nil
}

type statSample struct {
	ID              int64
	ClientID        int64
	StationID       int64
	Kind            lab.AppointmentKind
	Status          lab.SampleStatus
	RejectReason    string
	CollectedAt     time.Time
	ReceivedAt      *time.Time
	FirstReleasedAt *time.Time
	Abnormal        bool
	Category        lab.Category
}

// statSampleColumns are statSample's columns (its category from the
// appointment, joined by the reads that need it).
const statSampleColumns = "samples.id, samples.client_id, samples.station_id, samples.kind, samples.status, samples.reject_reason, " +
	"samples.collected_at, samples.received_at, samples.first_released_at, samples.abnormal"

type statCase struct {
	ID           int64
	SampleID     int64
	Status       lab.FollowupStatus
	Outcome      string
	OpenedAt     time.Time
	FirstDueAt   lab.AnyTime
	FirstReached lab.AnyTime
}

type statKey struct {
	Day     lab.Date
	Station int64
}

// statDays brings the days of [from, to] in loc up to date and returns
// their rows for the station (station 0: every station).
func (s *Service) statDays(ctx context.Context, loc *time.Location, from, to lab.Date, station int64) ([]statsDayRow, error) {
	tz := loc.String()
	db := s.read(ctx)
	t0 := s.now()
	var feed []statsFeedRow
	if err := db.Where("tz = ?", tz).Limit(1).Find(&feed).Error; err != nil {
		return nil, err
	}
	markSeen := func(at time.Time) error {
		return db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "tz"}}, DoUpdates: clause.AssignmentColumns([]string{"seen_at"})}).
			Create(&statsFeedRow{TZ: tz, SeenAt: at}).Error
	}
	switch {
	case len(feed) == 0:
		if err := markSeen(t0); err != nil {
			return nil, err
		}
	case t0.Sub(feed[0].SeenAt) < s.freshness:
		// Fresh enough: another summary brought the days up to date lately.
	default:
		// The feed moves on before the remake, so that summaries arriving
		// meanwhile read what is kept instead of all remaking the same
		// days; if the remake fails, the feed goes back.
		if err := markSeen(t0); err != nil {
			return nil, err
		}
		if err := s.remakeChangedDays(ctx, loc, feed[0].SeenAt.Add(-statsMargin)); err != nil {
			_ = markSeen(feed[0].SeenAt)
			return nil, err
		}
	}
	// Days before the first sample or after the last (and today) hold
	// nothing, and need no rows: a range of decades costs no more than its
	// years with samples.
	var bounds struct{ First, Last lab.AnyTime }
	if err := db.Table("samples").Select("MIN(collected_at) AS first, MAX(collected_at) AS last").Scan(&bounds).Error; err != nil {
		return nil, err
	}
	if !bounds.First.Valid {
		return nil, nil
	}
	lo, hi := from, to
	if first := lab.DateOf(bounds.First.Time.In(loc)); lo < first {
		lo = first
	}
	last := lab.DateOf(bounds.Last.Time.In(loc))
	if today := lab.DateOf(t0.In(loc)); today > last {
		last = today
	}
	if hi > last {
		hi = last
	}
	var have []lab.Date
	if err := db.Model(&statsDayRow{}).Where("tz = ? AND station_id = 0 AND day BETWEEN ? AND ?", tz, lo, hi).
		Pluck("day", &have).Error; err != nil {
		return nil, err
	}
	made := map[lab.Date]bool{}
	for _, d := range have {
		made[d] = true
	}
	var run []lab.Date
	for d := lo; !d.After(hi); d = d.AddDays(1) {
		if !made[d] {
			run = append(run, d)
		}
		if len(run) > 0 && (made[d] || len(run) == statsFillDays || d == hi) {
			if err := s.makeMissing(ctx, loc, run); err != nil {
				return nil, err
			}
			run = run[:0]
		}
	}
	var rows []statsDayRow
	err := db.Where("tz = ? AND station_id = ? AND day BETWEEN ? AND ?", tz, station, from, to).Order("day").Find(&rows).Error
	return rows, err
}

// makeMissing makes those of the consecutive days that are still not
// kept once this process's fill turn comes. Dashboards opened together
// after a seed, an upgrade or a change of the working calendar all ask for
// the same days; each making them itself (seconds of CPU a week at a
// million women) shared the cores thirty ways and answered in tens of
// seconds. One fill at a time, and a look at what the fills before it
// made, does each day's work once; a summary that stops waiting gives up
// its turn.
func (s *Service) makeMissing(ctx context.Context, loc *time.Location, days []lab.Date) error {
	select {
	case s.filling <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.filling }()
	var have []lab.Date
	if err := s.read(ctx).Model(&statsDayRow{}).Where("tz = ? AND station_id = 0 AND day BETWEEN ? AND ?", loc.String(), days[0], days[len(days)-1]).
		Pluck("day", &have).Error; err != nil {
		return err
	}
	made := map[lab.Date]bool{}
	for _, d := range have {
		made[d] = true
	}
	var run []lab.Date
	for i, d := range days {
		if !made[d] {
			run = append(run, d)
		}
		if len(run) > 0 && (made[d] || i == len(days)-1) {
			if err := s.makeDays(ctx, loc, run); err != nil {
				return err
			}
			run = run[:0]
		}
	}
	return nil
}

// makeDays makes the rows of days not made yet (consecutive days).
func (s *Service) makeDays(ctx context.Context, loc *time.Location, days []lab.Date) error {
	for attempt := 1; ; attempt++ {
		err := s.makeDaysOnce(ctx, loc, days)
		if !errors.Is(err, errCalendarMoved) || attempt == 3 {
			return err
		}
	}
}

// errCalendarMoved is a fill whose working calendar changed while it
// counted: its rows are not kept, and it counts again.
var errCalendarMoved = errors.New("the working calendar changed during a statistics fill")

func (s *Service) makeDaysOnce(ctx context.Context, loc *time.Location, days []lab.Date) error {
	tz, now := loc.String(), s.now()
	db := s.read(ctx)
	stamp, err := lab.CalendarStamp(db, false)
	if err != nil {
		return err
	}
	got, err := computeStatDays(db, loc, days[0].Time(loc).UTC(), days[len(days)-1].AddDays(1).Time(loc).UTC(), nil)
	if err != nil {
		return err
	}
	totals := map[lab.Date]*statDay{}
	for _, d := range days {
		totals[d] = &statDay{}
	}
	var rows []statsDayRow
	for k, d := range got {
		r, err := d.row(tz, k.Day, k.Station, now)
		if err != nil {
			return err
		}
		rows = append(rows, r)
		if t := totals[k.Day]; t != nil {
			t.merge(d)
		}
	}
	for _, d := range days {
		r, err := totals[d].row(tz, d, 0, now)
		if err != nil {
			return err
		}
		rows = append(rows, r)
	}
	// Another process making the same days at the same time made the same
	// rows from the same records; the first one in stays. A calendar
	// changed meanwhile forgot the kept days (forgetKept, through lab's
	// OnCalendarChange) and these rows were counted by the old one: the
	// calendar is read after the rows go in, under a lock, so that a
	// change committed while they waited for its lock is seen.
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, 200).Error; err != nil {
			return err
		}
		if now, err := lab.CalendarStamp(tx, true); err != nil || now != stamp {
			return cmp.Or(err, errCalendarMoved)
		}
		return nil
	})
	if err == nil {
		s.daysMade.Add(int64(len(days)))
	}
	return err
}
