package stats

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"torchlab/lab"
)

// Keeping the kept statistics current: the days whose samples or cases
// changed since the last look are made again (stats_feeds holds that
// look). A woman's figures are counted on her screening tube's day, so a
// change to one of its redraws, to a case one of its tubes opened (a
// contact, a closing), or to a retest or redraw such a case holds, makes
// that day again too, as does a change to her vaccinations or her
// pregnancies (pregnancy.go).

// stationDay is a sample's station and collection time: the kept day it
// is counted on.
type stationDay struct {
	StationID   int64
	CollectedAt time.Time
}

// remakeChangedDays makes again the station days, already made, whose
// samples or cases changed since the given time.
func (s *Service) remakeChangedDays(ctx context.Context, loc *time.Location, since time.Time) error {
	tz := loc.String()
	db := s.read(ctx)
	type change struct {
		ID          int64
		Kind        lab.AppointmentKind
		StationID   int64
		CollectedAt time.Time
	}
	var changed, cases []change
	if err := db.Table("samples").Select("id, kind, station_id, collected_at").Where("updated_at >= ?", since).Scan(&changed).Error; err != nil {
		return err
	}
	if err := db.Table("followups").Select("samples.id, samples.kind, samples.station_id, samples.collected_at").
		Joins("JOIN samples ON samples.id = followups.sample_id").Where("followups.updated_at >= ?", since).Scan(&cases).Error; err != nil {
		return err
	}
	stale := map[lab.Date]map[int64]bool{}
	mark := func(c stationDay) {
		d := lab.DateOf(c.CollectedAt.In(loc))
		if stale[d] == nil {
			stale[d] = map[int64]bool{}
		}
		stale[d][c.StationID] = true
	}
	var related, repeats []int64
	for _, c := range append(changed, cases...) {
		mark(stationDay{c.StationID, c.CollectedAt})
		if c.Kind != lab.KindScreening {
			related = append(related, c.ID)
		}
	}
	for _, c := range changed {
		if c.Kind == lab.KindRetest || c.Kind == lab.KindRedraw {
			repeats = append(repeats, c.ID)
		}
	}
	holding, err := casesHolding(db, repeats)
	if err != nil {
		return err
	}
	vaccinated, err := vaccinationScreensChangedSince(db, since)
	if err != nil {
		return err
	}
	pregnant, err := pregnancyScreensChangedSince(db, since)
	if err != nil {
		return err
	}
	roots, err := screenRoots(db, append(append(append(related, holding...), vaccinated...), pregnant...))
	if err != nil {
		return err
	}
	for _, r := range roots {
		mark(r)
	}
	if len(stale) == 0 {
		return nil
	}
	days := make([]lab.Date, 0, len(stale))
	for d := range stale {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i] < days[j] })
	var made []lab.Date
	for _, chunk := range lab.Chunks(days, lab.InListMax) {
		var got []lab.Date
		if err := db.Model(&statsDayRow{}).Where("tz = ? AND station_id = 0 AND day IN ?", tz, chunk).Pluck("day", &got).Error; err != nil {
			return err
		}
		made = append(made, got...)
	}
	sort.Slice(made, func(i, j int) bool { return made[i] < made[j] })
	for _, d := range made {
		stations := make([]int64, 0, len(stale[d]))
		for st := range stale[d] {
			stations = append(stations, st)
		}
		sort.Slice(stations, func(i, j int) bool { return stations[i] < stations[j] })
		if err := s.remakeDay(ctx, loc, d, stations); err != nil {
			return err
		}
	}
	return nil
}

// casesHolding lists the samples that opened the cases holding the given
// samples (followup_samples).
func casesHolding(db *gorm.DB, ids []int64) ([]int64, error) {
	var out []int64
	for _, chunk := range lab.Chunks(ids, lab.InListMax) {
		var got []int64
		if err := db.Table("followup_samples").Select("followups.sample_id").
			Joins("JOIN followups ON followups.id = followup_samples.followup_id").
			Where("followup_samples.sample_id IN ?", chunk).Pluck("followups.sample_id", &got).Error; err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// screenRoots finds the screening tubes the samples belong to: a
// screening sample is its own, a redraw belongs to the screen of the tube
// it redraws; a retest (or a redraw of one) belongs to none.
func screenRoots(db *gorm.DB, ids []int64) ([]stationDay, error) {
	var out []stationDay
	seen := map[int64]bool{}
	for depth := 0; len(ids) > 0 && depth <= maxRedrawDepth; depth++ {
		type row struct {
			ID          int64
			Kind        lab.AppointmentKind
			StationID   int64
			CollectedAt time.Time
			Parent      *int64
		}
		var parents []int64
		for _, chunk := range lab.Chunks(ids, lab.InListMax) {
			var rows []row
			err := db.Table("samples").Select("samples.id, samples.kind, samples.station_id, samples.collected_at, recollections.sample_id AS parent").
				Joins("JOIN appointments ON appointments.id = samples.appointment_id").
				Joins("LEFT JOIN recollections ON recollections.id = appointments.recollection_id").
				Where("samples.id IN ?", chunk).Scan(&rows).Error
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				if seen[r.ID] {
					continue
				}
				seen[r.ID] = true
				switch {
				case r.Kind == lab.KindScreening:
					out = append(out, stationDay{r.StationID, r.CollectedAt})
				case r.Kind == lab.KindRedraw && r.Parent != nil:
					parents = append(parents, *r.Parent)
				}
			}
		}
		ids = parents
	}
	return out, nil
}

// remakeDay makes again one day's rows of the given stations, and its
// total, in one transaction that holds the day's total row: two processes
// remaking stations of one day add up each other's work, not an old copy.
func (s *Service) remakeDay(ctx context.Context, loc *time.Location, day lab.Date, stations []int64) error {
	tz, now := loc.String(), s.now()
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var total []statsDayRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("tz = ? AND station_id = 0 AND day = ?", tz, day).Find(&total).Error; err != nil {
			return err
		}
		if len(total) == 0 {
			return nil // not made yet: it will be made whole when needed
		}
		got, err := computeStatDays(tx, loc, day.Time(loc).UTC(), day.AddDays(1).Time(loc).UTC(), stations)
		if err != nil {
			return err
		}
		for _, st := range stations {
			d := got[statKey{Day: day, Station: st}]
			if d == nil {
				if err := tx.Where("tz = ? AND station_id = ? AND day = ?", tz, st, day).Delete(&statsDayRow{}).Error; err != nil {
					return err
				}
				continue
			}
			r, err := d.row(tz, day, st, now)
			if err != nil {
				return err
			}
			if err := tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "tz"}, {Name: "station_id"}, {Name: "day"}},
				DoUpdates: clause.AssignmentColumns(statsDayColumns),
			}).Create(&r).Error; err != nil {
				return err
			}
		}
		var rows []statsDayRow
		if err := tx.Where("tz = ? AND station_id <> 0 AND day = ?", tz, day).Find(&rows).Error; err != nil {
			return err
		}
		sum := &statDay{}
		for _, r := range rows {
			var d statDay
			if err := json.Unmarshal([]byte(r.Body), &d); err != nil {
				return err
			}
			sum.merge(&d)
		}
		r, err := sum.row(tz, day, 0, now)
		if err != nil {
			return err
		}
		return tx.Model(&statsDayRow{}).Where("id = ?", total[0].ID).Select(statsDayColumns).Updates(&r).Error
	})
}

var statsDayColumns = []string{"computed_at", "collected", "rejected", "released", "abnormal",
	"cases_opened", "cases_closed", "cases_reached", "cases_lost", "screens", "tested", "within_5_days",
	"case_women", "completed_women", "body"}
