package lab

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The statistics at programme scale (docs/decisions.md, "Statistics at a
// million samples"). The figures of each day's samples at each station are
// kept in stats_days, in the days of a time zone; a summary adds up the
// rows of its range instead of reading every sample. A day's rows are made
// from the records the first time a summary needs them, and made again when
// one of its samples or cases has changed: every change to a sample or a
// case sets its updated_at, so the samples and cases changed since the last
// look (stats_feeds) name the days to make again. The look goes back
// statsMargin further, for transactions that set updated_at before a look
// and committed after it.

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
	Day          Date
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
	Body         string
}

func (statsDayRow) TableName() string { return "stats_days" }

type statsFeedRow struct {
	ID     int64  `gorm:"primaryKey"`
	TZ     string `gorm:"column:tz"`
	SeenAt time.Time
}

func (statsFeedRow) TableName() string { return "stats_feeds" }

// statDay is the statistics of the samples collected on one day, at one
// station or at all. Turnarounds are histograms of tenths of an hour (the
// precision the summary rounds to), so medians and percentiles come out
// exactly as sorting every duration would give them.
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
	Repeats    []statRepeat       `json:"rp,omitempty"`
}

// statRepeat is a sample whose woman had an earlier sample: when (Unix
// microseconds), and when at the same station (0: never). A summary counts
// her once in a range, station or month that holds both.
type statRepeat struct {
	Station int64 `json:"s"`
	Prev    int64 `json:"p"`
	Here    int64 `json:"h,omitempty"`
}

func addCount(m *map[string]int, key string, n int) {
	if *m == nil {
		*m = map[string]int{}
	}
	(*m)[key] += n
}

// add counts one sample, with its released results and its cases.
func (d *statDay) add(sm *statSample, rs []Result, cases []statCase, settings Settings) {
	d.Collected++
	if sm.ReceivedAt != nil {
		d.Received++
		d.ToReceipt.add(sm.ReceivedAt.Sub(sm.CollectedAt))
	}
	if sm.Status == SampleRejected {
		d.Rejected++
		addCount(&d.RejectedBy, sm.RejectReason, 1)
	}
	if sm.Status == SampleReleased && sm.ReleasedAt != nil {
		d.Released++
		if sm.ReceivedAt != nil {
			d.ToRelease.add(sm.ReleasedAt.Sub(*sm.ReceivedAt))
		}
		if sm.Abnormal {
			d.Abnormal++
		}
		if d.Analytes == nil {
			d.Analytes = map[string]*[4]int{}
		}
		for _, r := range rs {
			st := d.Analytes[r.AnalyteCode]
			if st == nil {
				st = &[4]int{}
				d.Analytes[r.AnalyteCode] = st
			}
			st[0]++
			switch r.Interpretation {
			case Negative:
				st[1]++
			case Equivocal:
				st[2]++
			case Positive:
				st[3]++
			}
		}
		fs, _ := findingsOf(rs, sm.Category == Pregnant, settings)
		for _, f := range fs {
			addCount(&d.Findings, f.Code, 1)
		}
	}
	for _, c := range cases {
		d.Opened++
		if c.FirstReached.Valid && sm.ReleasedAt != nil {
			d.ToReached.add(c.FirstReached.Time.Sub(*sm.ReleasedAt))
			d.Reached++
		}
		if c.Status == CaseClosed {
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
	for k, a := range o.Analytes {
		if d.Analytes == nil {
			d.Analytes = map[string]*[4]int{}
		}
		st := d.Analytes[k]
		if st == nil {
			st = &[4]int{}
			d.Analytes[k] = st
		}
		for i := range st {
			st[i] += a[i]
		}
	}
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
	d.Repeats = append(d.Repeats, o.Repeats...)
}

func (d *statDay) row(tz string, day Date, station int64, at time.Time) (statsDayRow, error) {
	body, err := json.Marshal(d)
	if err != nil {
		return statsDayRow{}, err
	}
	return statsDayRow{TZ: tz, Day: day, StationID: station, ComputedAt: at, Collected: d.Collected, Rejected: d.Rejected,
		Released: d.Released, Abnormal: d.Abnormal, CasesOpened: d.Opened, CasesClosed: d.Closed, CasesReached: d.Reached,
		CasesLost: d.Lost, Body: string(body)}, nil
}

type statSample struct {
	ID           int64
	ClientID     int64
	StationID    int64
	Status       SampleStatus
	RejectReason string
	CollectedAt  time.Time
	ReceivedAt   *time.Time
	ReleasedAt   *time.Time
	Abnormal     bool
	Category     Category
}

type statCase struct {
	SampleID     int64
	Status       FollowupStatus
	Outcome      string
	FirstReached anyTime
}

type statKey struct {
	Day     Date
	Station int64
}

// computeStatDays reads the samples collected in [from, to) (at the given
// stations, or all) with their released results, cases and the women's
// earlier samples, and counts them by day in loc and station.
func computeStatDays(db *gorm.DB, loc *time.Location, from, to time.Time, stations []int64) (map[statKey]*statDay, error) {
	q := db.Table("samples").Select("samples.id, samples.client_id, samples.station_id, samples.status, samples.reject_reason, "+
		"samples.collected_at, samples.received_at, samples.released_at, samples.abnormal, appointments.category").
		Joins("JOIN appointments ON appointments.id = samples.appointment_id").
		Where("samples.collected_at >= ? AND samples.collected_at < ?", from, to)
	if stations != nil {
		q = q.Where("samples.station_id IN ?", stations)
	}
	var samples []statSample
	if err := q.Order("samples.id").Scan(&samples).Error; err != nil {
		return nil, err
	}
	out := map[statKey]*statDay{}
	if len(samples) == 0 {
		return out, nil
	}
	ids := make([]int64, len(samples))
	clientSet := map[int64]bool{}
	for i, sm := range samples {
		ids[i] = sm.ID
		clientSet[sm.ClientID] = true
	}
	results := map[int64][]Result{}
	for _, chunk := range chunks(ids, inListMax) {
		var rs []Result
		if err := db.Select("sample_id, analyte_code, interpretation").
			Where("state = ? AND sample_id IN ?", ResultReleased, chunk).Find(&rs).Error; err != nil {
			return nil, err
		}
		for _, r := range rs {
			results[r.SampleID] = append(results[r.SampleID], r)
		}
	}
	cases := map[int64][]statCase{}
	for _, chunk := range chunks(ids, inListMax) {
		var cs []statCase
		err := db.Table("followups").Select("followups.sample_id, followups.status, followups.outcome, "+
			"(SELECT MIN(c.at) FROM followup_contacts c WHERE c.followup_id = followups.id AND c.result = 'reached') AS first_reached").
			Where("followups.sample_id IN ?", chunk).Scan(&cs).Error
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			cases[c.SampleID] = append(cases[c.SampleID], c)
		}
	}
	// Each woman's samples up to the range's end, to know which of hers
	// came before each sample.
	type visit struct {
		ID          int64
		ClientID    int64
		StationID   int64
		CollectedAt time.Time
	}
	clients := make([]int64, 0, len(clientSet))
	for c := range clientSet {
		clients = append(clients, c)
	}
	sort.Slice(clients, func(i, j int) bool { return clients[i] < clients[j] })
	history := map[int64][]visit{}
	for _, chunk := range chunks(clients, inListMax) {
		var vs []visit
		if err := db.Table("samples").Select("id, client_id, station_id, collected_at").
			Where("client_id IN ? AND collected_at < ?", chunk, to).Scan(&vs).Error; err != nil {
			return nil, err
		}
		for _, v := range vs {
			history[v.ClientID] = append(history[v.ClientID], v)
		}
	}
	for _, vs := range history {
		sort.Slice(vs, func(i, j int) bool {
			if !vs[i].CollectedAt.Equal(vs[j].CollectedAt) {
				return vs[i].CollectedAt.Before(vs[j].CollectedAt)
			}
			return vs[i].ID < vs[j].ID
		})
	}
	settings, err := loadSettings(db)
	if err != nil {
		return nil, err
	}
	for i := range samples {
		sm := &samples[i]
		k := statKey{Day: DateOf(sm.CollectedAt.In(loc)), Station: sm.StationID}
		d := out[k]
		if d == nil {
			d = &statDay{}
			out[k] = d
		}
		d.add(sm, results[sm.ID], cases[sm.ID], settings)
		var rep statRepeat
		for _, v := range history[sm.ClientID] {
			if v.ID == sm.ID {
				break
			}
			rep.Prev = v.CollectedAt.UnixMicro()
			if v.StationID == sm.StationID {
				rep.Here = v.CollectedAt.UnixMicro()
			}
		}
		if rep.Prev != 0 {
			rep.Station = sm.StationID
			d.Repeats = append(d.Repeats, rep)
		}
	}
	return out, nil
}

// statDays brings the days of [from, to] in loc up to date and returns
// their rows for the station (station 0: every station).
func (s *Service) statDays(ctx context.Context, loc *time.Location, from, to Date, station int64) ([]statsDayRow, error) {
	tz := loc.String()
	db := s.db.Gorm.WithContext(ctx)
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
	case t0.Sub(feed[0].SeenAt) < s.opts.StatsFreshness:
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
	var bounds struct{ First, Last anyTime }
	if err := db.Table("samples").Select("MIN(collected_at) AS first, MAX(collected_at) AS last").Scan(&bounds).Error; err != nil {
		return nil, err
	}
	if !bounds.First.Valid {
		return nil, nil
	}
	lo, hi := from, to
	if first := DateOf(bounds.First.Time.In(loc)); lo < first {
		lo = first
	}
	last := DateOf(bounds.Last.Time.In(loc))
	if today := DateOf(t0.In(loc)); today > last {
		last = today
	}
	if hi > last {
		hi = last
	}
	var have []Date
	if err := db.Model(&statsDayRow{}).Where("tz = ? AND station_id = 0 AND day BETWEEN ? AND ?", tz, lo, hi).
		Pluck("day", &have).Error; err != nil {
		return nil, err
	}
	made := map[Date]bool{}
	for _, d := range have {
		made[d] = true
	}
	var run []Date
	for d := lo; !d.After(hi); d = d.AddDays(1) {
		if !made[d] {
			run = append(run, d)
		}
		if len(run) > 0 && (made[d] || len(run) == statsFillDays || d == hi) {
			if err := s.makeDays(ctx, loc, run); err != nil {
				return nil, err
			}
			run = run[:0]
		}
	}
	var rows []statsDayRow
	err := db.Where("tz = ? AND station_id = ? AND day BETWEEN ? AND ?", tz, station, from, to).Order("day").Find(&rows).Error
	return rows, err
}

// makeDays makes the rows of days not made yet (consecutive days).
func (s *Service) makeDays(ctx context.Context, loc *time.Location, days []Date) error {
	tz, now := loc.String(), s.now()
	db := s.db.Gorm.WithContext(ctx)
	got, err := computeStatDays(db, loc, days[0].Time(loc).UTC(), days[len(days)-1].AddDays(1).Time(loc).UTC(), nil)
	if err != nil {
		return err
	}
	totals := map[Date]*statDay{}
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
	// rows from the same records; the first one in stays.
	return s.inTx(ctx, func(tx *txDB) error {
		return tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, 200).Error
	})
}
