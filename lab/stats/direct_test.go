package stats

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"sort"
	"testing"
	"time"

	"torchlab/lab"
)

type directSample struct {
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
	StationCode     string
}

// summaryDirect is ProgrammeSummary computed from the records: it reads
// every sample of the range (and, for the women's figures, every screen,
// directWomenOf). The tests hold the kept statistics to its answers.
// Admins and lab technicians see every station (or the one they name);
// nurses and counselors their own (another named is CodeNotFound).
// Months and dates are counted in the station's zone, or in the default
// zone (TORCHLAB_TIMEZONE) across stations.
func (s *Service) summaryDirect(ctx context.Context, f SummaryFilter) (*Summary, error) {
	a := lab.ActorFrom(ctx)
	if err := a.Require(lab.Roles...); err != nil {
		return nil, err
	}
	station, err := a.StationFilter(f.StationID)
	if err != nil {
		return nil, err
	}
	loc, err := s.stationLocation(ctx, station)
	if err != nil {
		return nil, err
	}
	var v lab.Validation
	from, ferr := lab.ParseDate(f.From)
	to, terr := lab.ParseDate(f.To)
	if ferr != nil {
		v.Add("from", "invalid", "a YYYY-MM-DD date")
	}
	if terr != nil {
		v.Add("to", "invalid", "a YYYY-MM-DD date")
	}
	if ferr == nil && terr == nil && from.After(to) {
		v.Add("to", "before_from", "the range ends before it starts")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	start, end := from.Time(loc).UTC(), to.AddDays(1).Time(loc).UTC()
	db := s.read(ctx)

	sum := newSummary(from, to, station)
	q := db.Table("samples").Select("samples.id, samples.client_id, samples.station_id, samples.kind, samples.status, samples.reject_reason, "+
		"samples.collected_at, samples.received_at, samples.first_released_at, samples.abnormal, appointments.category, stations.code AS station_code").
		Joins("JOIN appointments ON appointments.id = samples.appointment_id").
		Joins("JOIN stations ON stations.id = samples.station_id").
		Where("samples.collected_at >= ? AND samples.collected_at < ?", start, end)
	if station != nil {
		q = q.Where("samples.station_id = ?", *station)
	}
	var samples []directSample
	if err := q.Order("samples.id").Scan(&samples).Error; err != nil {
		return nil, err
	}
	ids := make([]int64, len(samples))
	for i, sm := range samples {
		ids[i] = sm.ID
	}

	// Released results, by sample.
	results := map[int64][]lab.Result{}
	for _, chunk := range lab.Chunks(ids, 1000) {
		var rs []lab.Result
		if err := db.Where("state = ? AND sample_id IN ?", lab.ResultReleased, chunk).Find(&rs).Error; err != nil {
			return nil, err
		}
		for _, r := range rs {
			results[r.SampleID] = append(results[r.SampleID], r)
		}
	}
	// Cases of these samples, and the first reached contact of each.
	type directCase struct {
		SampleID     int64
		Status       lab.FollowupStatus
		Outcome      string
		FirstReached lab.AnyTime
	}
	cases := map[int64][]directCase{}
	for _, chunk := range lab.Chunks(ids, 1000) {
		var cs []directCase
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
	settings, err := lab.LoadSettings(db)
	if err != nil {
		return nil, err
	}

	analytes, retests := map[string]*AnalyteStats{}, map[string]*[4]int{}
	var toReceipt, toRelease, toReached []float64
	byStation, byMonth := map[string]*SummaryRow{}, map[string]*SummaryRow{}
	for _, sm := range samples {
		month := sm.CollectedAt.In(loc).Format("2006-01")
		rows := []*SummaryRow{row(byStation, sm.StationCode, sm.StationCode, ""), row(byMonth, month, "", month)}
		released := sm.Status == lab.SampleReleased && sm.FirstReleasedAt != nil
		switch sm.Kind {
		case lab.KindRetest:
			sum.Retests.Collected++
			if released {
				sum.Retests.Released++
				for _, res := range results[sm.ID] {
					c := retests[res.AnalyteCode]
					if c == nil {
						c = &[4]int{}
						retests[res.AnalyteCode] = c
					}
					c[0]++
					c[map[lab.Interpretation]int{lab.Negative: 1, lab.Equivocal: 2, lab.Positive: 3}[res.Interpretation]]++
				}
			}
		case lab.KindRedraw:
			sum.Redraws.Collected++
			if released {
				sum.Redraws.Released++
			}
		}
		sum.Collected++
		for _, r := range rows {
			r.Collected++
		}
		if sm.ReceivedAt != nil {
			sum.Received++
			toReceipt = append(toReceipt, sm.ReceivedAt.Sub(sm.CollectedAt).Hours())
		}
		if sm.Status == lab.SampleRejected {
			sum.Rejected++
			sum.RejectedByReason[sm.RejectReason]++
			for _, r := range rows {
				r.Rejected++
			}
		}
		if released {
			sum.Released++
			if sm.ReceivedAt != nil {
				toRelease = append(toRelease, sm.FirstReleasedAt.Sub(*sm.ReceivedAt).Hours())
			}
			for _, r := range rows {
				r.Released++
				if sm.Abnormal {
					r.Abnormal++
				}
			}
			for _, res := range results[sm.ID] {
				st := analytes[res.AnalyteCode]
				if st == nil {
					st = &AnalyteStats{Analyte: res.AnalyteCode}
					analytes[res.AnalyteCode] = st
				}
				st.Tested++
				switch res.Interpretation {
				case lab.Negative:
					st.Negative++
				case lab.Equivocal:
					st.Equivocal++
				case lab.Positive:
					st.Positive++
				}
			}
			fs, _ := lab.FindingsOf(results[sm.ID], sm.Category == lab.Pregnant, settings)
			for _, f := range fs {
				sum.Findings[f.Code]++
			}
		}
		for _, c := range cases[sm.ID] {
			sum.Followup.Opened++
			for _, r := range rows {
				r.CasesOpened++
			}
			if c.FirstReached.Valid && sm.FirstReleasedAt != nil {
				toReached = append(toReached, c.FirstReached.Time.Sub(*sm.FirstReleasedAt).Hours())
				for _, r := range rows {
					r.CasesReached++
				}
			}
			if c.Status == lab.CaseClosed {
				sum.Followup.Closed++
				sum.Followup.ClosedByOutcome[c.Outcome]++
				for _, r := range rows {
					r.CasesClosed++
					if c.Outcome == "lost_to_follow_up" {
						r.LostToFollowUp++
					}
				}
			}
		}
	}
	for _, r := range byStation {
		sum.ByStation = append(sum.ByStation, *r)
	}
	for _, r := range byMonth {
		sum.ByMonth = append(sum.ByMonth, *r)
	}
	sort.Slice(sum.ByStation, func(i, j int) bool { return sum.ByStation[i].Key < sum.ByStation[j].Key })
	sort.Slice(sum.ByMonth, func(i, j int) bool { return sum.ByMonth[i].Key < sum.ByMonth[j].Key })
	var codes []lab.Analyte
	if err := db.Order("position").Find(&codes).Error; err != nil {
		return nil, err
	}
	for _, a := range codes {
		if st := analytes[a.Code]; st != nil {
			st.NegativeRate, st.EquivocalRate, st.PositiveRate = rate(st.Negative, st.Tested), rate(st.Equivocal, st.Tested), rate(st.Positive, st.Tested)
			sum.Analytes = append(sum.Analytes, *st)
		}
	}
	sum.Retests.Positivity = directPositivity(codes, retests)
	if err := directWomenOf(db, loc, start, end, station, s.now(), sum); err != nil {
		return nil, err
	}
	sum.Turnaround.CollectionToReceipt = spreadDirect(toReceipt)
	sum.Turnaround.ReceiptToRelease = spreadDirect(toRelease)
	sum.Turnaround.ReleaseToReached = spreadDirect(toReached)
	sum.Followup.CompletionRate = rate(sum.Followup.Closed, sum.Followup.Opened)
	sum.Followup.LostRate = rate(sum.Followup.ClosedByOutcome["lost_to_follow_up"], sum.Followup.Opened)
	overdue := db.Model(&lab.Followup{}).Where("status <> ? AND due_at < ?", lab.CaseClosed, s.now())
	if station != nil {
		overdue = overdue.Where("station_id = ?", *station)
	}
	var n int64
	if err := overdue.Count(&n).Error; err != nil {
		return nil, err
	}
	sum.Followup.OverdueNow = int(n)
	return sum, nil
}

// spreadDirect returns the count, median and 90th percentile (nearest rank) of
// durations in hours, rounded to 0.1 h; nil figures for none.
func spreadDirect(hours []float64) Spread {
	out := Spread{Count: len(hours)}
	if len(hours) == 0 {
		return out
	}
	sort.Float64s(hours)
	pick := func(p float64) *float64 {
		i := int(math.Ceil(p*float64(len(hours)))) - 1
		x := math.Round(hours[max(i, 0)]*10) / 10
		return &x
	}
	out.MedianHours, out.P90Hours = pick(0.5), pick(0.9)
	return out
}

// The median and p90 from tenth-hour histograms, written out and read
// back, equal those of sorting every duration, ties at the rounding
// boundaries included.
func TestHistogramSpreadIsExact(t *testing.T) {
	for n := 0; n < 300; n += 7 {
		var h histogram
		var hours []float64
		for i := 0; i < n; i++ {
			d := time.Duration((i*7919)%5000) * 18 * time.Second // multiples of 0.005 h
			if i%5 == 0 {
				d = -d
			}
			h.add(d)
			hours = append(hours, d.Hours())
		}
		b, err := h.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back histogram
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatal(err)
		}
		got, want := back.spread(), spreadDirect(hours)
		if got.Count != want.Count || fmt.Sprint(deref(got.MedianHours), deref(got.P90Hours)) != fmt.Sprint(deref(want.MedianHours), deref(want.P90Hours)) {
			t.Fatalf("%d durations: %+v, want %+v", n, got, want)
		}
	}
	for _, bad := range []string{"[1]", "[1,0]", "[1,2", "[1,,2]", "{}", "[1,2] 3"} {
		var h histogram
		if err := h.UnmarshalJSON([]byte(bad)); err == nil {
			t.Fatalf("%s was read", bad)
		}
	}
	var h histogram
	if err := h.UnmarshalJSON([]byte("[20,8,9,-1,1]")); err != nil ||
		!reflect.DeepEqual(h, histogram{{20, 8}, {21, 9}, {23, 1}}) {
		t.Fatalf("runs read as %v: %v", h, err)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
