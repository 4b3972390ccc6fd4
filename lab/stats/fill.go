package stats

import (
	"sort"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
)

// Making a kept day from the records: its samples, and the screens among
// them with everything a woman's figures read (women.go).

// maxRedrawDepth bounds the walk down a screen's redraws (a redraw of a
// rejected redraw, and so on): more than a handful is no real chain.
const maxRedrawDepth = 20

// computeStatDays reads the samples collected in [from, to) (at the given
// stations, or all) with their released results and cases, the screens
// among them with their redraws, cases and the cases' samples, and the
// women's earlier screens, and counts them by day in loc and station.
func computeStatDays(db *gorm.DB, loc *time.Location, from, to time.Time, stations []int64) (map[statKey]*statDay, error) {
	q := db.Table("samples").Select(statSampleColumns+", appointments.category").
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
	for i, sm := range samples {
		ids[i] = sm.ID
	}
	results, err := releasedResults(db, ids)
	if err != nil {
		return nil, err
	}
	cases, err := casesOfSamples(db, ids)
	if err != nil {
		return nil, err
	}
	screens, err := readScreens(db, samples, results, cases)
	if err != nil {
		return nil, err
	}
	settings, err := lab.LoadSettings(db)
	if err != nil {
		return nil, err
	}
	cal, err := lab.LoadWorkingDays(db)
	if err != nil {
		return nil, err
	}
	locs, err := stationLocations(db)
	if err != nil {
		return nil, err
	}
	facts := map[int64]*screenFacts{}
	advised := map[int64]vaccinationScreen{}
	for id, rec := range screens {
		f := rec.facts(cal, locs, settings)
		facts[id] = &f
		if f.RubellaAdvised {
			screen := rec.Tubes[0]
			zone := locs[screen.StationID]
			if zone == nil {
				zone = time.UTC
			}
			advised[id] = vaccinationScreen{ClientID: screen.ClientID, Day: lab.DateOf(screen.CollectedAt.In(zone))}
		}
	}
	vaccinated, err := rubellaVaccinated(db, advised)
	if err != nil {
		return nil, err
	}
	for id := range vaccinated {
		if f := facts[id]; f != nil && f.RubellaAdvised {
			f.Vaccinated = true
		}
	}
	pregnancies, err := screenPregnancies(db, screens, facts, locs)
	if err != nil {
		return nil, err
	}
	for id, p := range pregnancies {
		facts[id].Pregnancy = p
	}
	earlier, err := earlierScreens(db, samples, to)
	if err != nil {
		return nil, err
	}
	type repeatKey struct {
		day        statKey
		prev, here lab.Date
	}
	repeats := map[repeatKey]*statRepeat{}
	for i := range samples {
		sm := &samples[i]
		k := statKey{Day: lab.DateOf(sm.CollectedAt.In(loc)), Station: sm.StationID}
		d := out[k]
		if d == nil {
			d = &statDay{}
			out[k] = d
		}
		d.add(sm, results[sm.ID], cases[sm.ID], settings)
		f := facts[sm.ID]
		if f == nil {
			continue
		}
		d.Women.add(f)
		prev, ok := earlier[sm.ID]
		if !ok {
			continue
		}
		rk := repeatKey{day: k, prev: lab.DateOf(prev.Prev.In(loc))}
		if prev.Here != nil {
			rk.here = lab.DateOf(prev.Here.In(loc))
		}
		rp := repeats[rk]
		if rp == nil {
			rp = &statRepeat{Station: sm.StationID, Prev: rk.prev, Here: rk.here}
			repeats[rk] = rp
		}
		rp.Women.add(f)
	}
	keys := make([]repeatKey, 0, len(repeats))
	for k := range repeats {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].prev != keys[j].prev {
			return keys[i].prev < keys[j].prev
		}
		return keys[i].here < keys[j].here
	})
	for _, k := range keys {
		d := out[k.day]
		d.Repeats = append(d.Repeats, *repeats[k])
	}
	return out, nil
}

// releasedResults reads the released results of the samples.
func releasedResults(db *gorm.DB, ids []int64) (map[int64][]lab.Result, error) {
	out := map[int64][]lab.Result{}
	for _, chunk := range lab.Chunks(ids, lab.InListMax) {
		var rs []lab.Result
		if err := db.Select("sample_id, analyte_code, interpretation").
			Where("state = ? AND sample_id IN ?", lab.ResultReleased, chunk).Find(&rs).Error; err != nil {
			return nil, err
		}
		for _, r := range rs {
			out[r.SampleID] = append(out[r.SampleID], r)
		}
	}
	return out, nil
}

// casesOfSamples reads the cases the samples opened, each with its first
// reached contact.
func casesOfSamples(db *gorm.DB, ids []int64) (map[int64][]statCase, error) {
	out := map[int64][]statCase{}
	for _, chunk := range lab.Chunks(ids, lab.InListMax) {
		var cs []statCase
		err := db.Table("followups").Select("followups.id, followups.sample_id, followups.status, followups.outcome, "+
			"followups.opened_at, followups.first_due_at, "+
			"(SELECT MIN(c.at) FROM followup_contacts c WHERE c.followup_id = followups.id AND c.result = 'reached') AS first_reached").
			Where("followups.sample_id IN ?", chunk).Scan(&cs).Error
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out[c.SampleID] = append(out[c.SampleID], c)
		}
	}
	return out, nil
}

// readScreens gathers the screens among the samples: each screening
// sample with its redraws (wherever collected), the released results of
// its result tube, the cases its tubes opened and those cases' samples.
// results and cases are the samples' own, already read.
func readScreens(db *gorm.DB, samples []statSample, results map[int64][]lab.Result, cases map[int64][]statCase) (map[int64]*screenRecord, error) {
	recs := map[int64]*screenRecord{}
	root := map[int64]int64{}
	read := map[int64]bool{}
	var parents []int64
	for i := range samples {
		sm := &samples[i]
		read[sm.ID] = true
		if sm.Kind != lab.KindScreening {
			continue
		}
		recs[sm.ID] = &screenRecord{Category: sm.Category, Tubes: []*statSample{sm}}
		root[sm.ID] = sm.ID
		if sm.Status == lab.SampleRejected {
			parents = append(parents, sm.ID)
		}
	}
	var unread []int64
	for depth := 0; len(parents) > 0 && depth < maxRedrawDepth; depth++ {
		kids, err := redrawsOf(db, parents)
		if err != nil {
			return nil, err
		}
		parents = nil
		for i := range kids {
			k := &kids[i].Sample
			r, ok := root[kids[i].Parent]
			if !ok || root[k.ID] != 0 {
				continue
			}
			root[k.ID] = r
			recs[r].Tubes = append(recs[r].Tubes, k)
			if !read[k.ID] {
				unread = append(unread, k.ID)
			}
			if k.Status == lab.SampleRejected {
				parents = append(parents, k.ID)
			}
		}
	}
	if len(unread) > 0 {
		more, err := releasedResults(db, unread)
		if err != nil {
			return nil, err
		}
		moreCases, err := casesOfSamples(db, unread)
		if err != nil {
			return nil, err
		}
		results, cases = withMore(results, more), withMore(cases, moreCases)
	}
	var caseIDs []int64
	for _, rec := range recs {
		if tube := rec.resultTube(); tube != nil {
			rec.Results = results[tube.ID]
		}
		for _, t := range rec.Tubes {
			for _, c := range cases[t.ID] {
				rec.Cases = append(rec.Cases, c)
				caseIDs = append(caseIDs, c.ID)
			}
		}
	}
	sort.Slice(caseIDs, func(i, j int) bool { return caseIDs[i] < caseIDs[j] })
	members, err := caseMembers(db, caseIDs)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		for _, c := range rec.Cases {
			if ms := members[c.ID]; len(ms) > 0 {
				if rec.Members == nil {
					rec.Members = map[int64][]statMember{}
				}
				rec.Members[c.ID] = ms
			}
		}
	}
	return recs, nil
}

// withMore is m with the entries of more added (m itself is not changed:
// it belongs to the caller).
func withMore[T any](m, more map[int64][]T) map[int64][]T {
	out := make(map[int64][]T, len(m)+len(more))
	for k, v := range m {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// redrawRow is a redraw with the tube it redraws.
type redrawRow struct {
	Parent int64
	Sample statSample `gorm:"embedded"`
}

// redrawsOf reads the redraws collected after the given tubes were
// rejected: the sample of the booking each tube's recollection request
// holds.
func redrawsOf(db *gorm.DB, parents []int64) ([]redrawRow, error) {
	var out []redrawRow
	for _, chunk := range lab.Chunks(parents, lab.InListMax) {
		var rows []redrawRow
		err := db.Table("recollections").Select("recollections.sample_id AS parent, "+statSampleColumns).
			Joins("JOIN samples ON samples.appointment_id = recollections.appointment_id").
			Where("recollections.sample_id IN ?", chunk).Order("samples.id").Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// caseMembers reads the samples each case has read (followup_samples).
func caseMembers(db *gorm.DB, caseIDs []int64) (map[int64][]statMember, error) {
	out := map[int64][]statMember{}
	for _, chunk := range lab.Chunks(caseIDs, lab.InListMax) {
		var ms []statMember
		err := db.Table("followup_samples").Select("followup_samples.followup_id, samples.id AS sample_id, samples.kind, samples.status").
			Joins("JOIN samples ON samples.id = followup_samples.sample_id").
			Where("followup_samples.followup_id IN ?", chunk).Scan(&ms).Error
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			out[m.FollowupID] = append(out[m.FollowupID], m)
		}
	}
	return out, nil
}

// stationLocations reads every station's time zone.
func stationLocations(db *gorm.DB) (map[int64]*time.Location, error) {
	var sts []lab.Station
	if err := db.Select("id, timezone").Find(&sts).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]*time.Location, len(sts))
	for _, st := range sts {
		out[st.ID] = st.Location()
	}
	return out, nil
}

// earlierScreen is when a woman was screened before a screen: last
// anywhere (Prev) and last at the same station (Here, nil for never).
type earlierScreen struct {
	Prev time.Time
	Here *time.Time
}

// earlierScreens finds, for each screening sample among the samples, her
// screening samples collected before it (collection time, then id).
func earlierScreens(db *gorm.DB, samples []statSample, to time.Time) (map[int64]earlierScreen, error) {
	type visit struct {
		ID          int64
		ClientID    int64
		StationID   int64
		CollectedAt time.Time
	}
	clientSet := map[int64]bool{}
	for _, sm := range samples {
		if sm.Kind == lab.KindScreening {
			clientSet[sm.ClientID] = true
		}
	}
	clients := make([]int64, 0, len(clientSet))
	for c := range clientSet {
		clients = append(clients, c)
	}
	sort.Slice(clients, func(i, j int) bool { return clients[i] < clients[j] })
	history := map[int64][]visit{}
	for _, chunk := range lab.Chunks(clients, lab.InListMax) {
		var vs []visit
		if err := db.Table("samples").Select("id, client_id, station_id, collected_at").
			Where("client_id IN ? AND kind = ? AND collected_at < ?", chunk, lab.KindScreening, to).Scan(&vs).Error; err != nil {
			return nil, err
		}
		for _, v := range vs {
			history[v.ClientID] = append(history[v.ClientID], v)
		}
	}
	out := map[int64]earlierScreen{}
	for _, vs := range history {
		sort.Slice(vs, func(i, j int) bool {
			if !vs[i].CollectedAt.Equal(vs[j].CollectedAt) {
				return vs[i].CollectedAt.Before(vs[j].CollectedAt)
			}
			return vs[i].ID < vs[j].ID
		})
		for i := 1; i < len(vs); i++ {
			e := earlierScreen{Prev: vs[i-1].CollectedAt}
			for j := i - 1; j >= 0; j-- {
				if vs[j].StationID == vs[i].StationID {
					here := vs[j].CollectedAt
					e.Here = &here
					break
				}
			}
			out[vs[i].ID] = e
		}
	}
	return out, nil
}
