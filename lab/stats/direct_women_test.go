package stats

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
)

// The test reference of the women's figures: every screening sample of the
// range is read, each woman's first screen picked, and its facts read one
// record at a time, written apart from women.go and fill.go so
// that the kept figures are held to an independent reading of the
// definitions (docs/decisions.md, "Statistics per woman").

type directScreen struct {
	ID              int64
	ClientID        int64
	StationID       int64
	Status          lab.SampleStatus
	CollectedAt     time.Time
	FirstReleasedAt *time.Time
	Category        lab.Category
	StationCode     string
}

// directWomanFacts is what one screen counts for, read record by record.
type directWomanFacts struct {
	category                         lab.Category
	tested                           bool
	results                          []lab.Result
	hours                            float64
	within5                          bool
	hasCase, inTime, completed, lost bool
	retestAdvised, retestDone        bool
	rubellaAdvised, vaccinated       bool
	abnormal                         bool
	// pregnancy is her screen's pregnancy, read apart (directPregnancy);
	// nil for none.
	pregnancy *lab.Pregnancy
}

type directWomen struct {
	screened, tested                  map[lab.Category]int
	analytes                          map[lab.Category]map[string]*[4]int
	hours                             []float64
	within5, cases, inTime, completed int
	lost, retestAdvised, retestDone   int
	rubellaAdvised, vaccinated        int
	pregnancies                       []directPregnancyOf
}

// directPregnancyOf is a counted woman's pregnancy with her result.
type directPregnancyOf struct {
	abnormal bool
	p        *lab.Pregnancy
}

func newDirectWomen() *directWomen {
	return &directWomen{screened: map[lab.Category]int{}, tested: map[lab.Category]int{}, analytes: map[lab.Category]map[string]*[4]int{}}
}

func (w *directWomen) count(f *directWomanFacts) {
	w.screened[f.category]++
	if f.tested {
		w.tested[f.category]++
		if w.analytes[f.category] == nil {
			w.analytes[f.category] = map[string]*[4]int{}
		}
		for _, r := range f.results {
			a := w.analytes[f.category][r.AnalyteCode]
			if a == nil {
				a = &[4]int{}
				w.analytes[f.category][r.AnalyteCode] = a
			}
			a[0]++
			a[map[lab.Interpretation]int{lab.Negative: 1, lab.Equivocal: 2, lab.Positive: 3}[r.Interpretation]]++
		}
		w.hours = append(w.hours, f.hours)
		if f.within5 {
			w.within5++
		}
	}
	for _, c := range []struct {
		ok bool
		n  *int
	}{{f.hasCase, &w.cases}, {f.inTime, &w.inTime}, {f.completed, &w.completed}, {f.lost, &w.lost},
		{f.retestAdvised, &w.retestAdvised}, {f.retestDone, &w.retestDone}, {f.rubellaAdvised, &w.rubellaAdvised},
		{f.vaccinated, &w.vaccinated}} {
		if c.ok {
			*c.n++
		}
	}
	if f.tested && f.pregnancy != nil {
		w.pregnancies = append(w.pregnancies, directPregnancyOf{f.abnormal, f.pregnancy})
	}
}

func (w *directWomen) total(m map[lab.Category]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func directPositivity(codes []lab.Analyte, m map[string]*[4]int) []Positivity {
	out := []Positivity{}
	for _, a := range codes {
		if c := m[a.Code]; c != nil && c[0] > 0 {
			out = append(out, Positivity{Analyte: a.Code, Tested: c[0], Negative: c[1], Equivocal: c[2], Positive: c[3],
				PositiveRate: Ratio{Numerator: c[3], Denominator: c[0], Rate: rate(c[3], c[0])}})
		}
	}
	return out
}

// directWomenOf reads the women's figures of the screens collected in
// [start, end) (at the station) into sum, its station rows and its month
// rows.
func directWomenOf(db *gorm.DB, loc *time.Location, start, end time.Time, station *int64, now time.Time, sum *Summary) error {
	q := db.Table("samples").Select("samples.id, samples.client_id, samples.station_id, samples.status, samples.collected_at, "+
		"samples.first_released_at, appointments.category, stations.code AS station_code").
		Joins("JOIN appointments ON appointments.id = samples.appointment_id").
		Joins("JOIN stations ON stations.id = samples.station_id").
		Where("samples.kind = ? AND samples.collected_at >= ? AND samples.collected_at < ?", lab.KindScreening, start, end)
	if station != nil {
		q = q.Where("samples.station_id = ?", *station)
	}
	var screens []directScreen
	if err := q.Scan(&screens).Error; err != nil {
		return err
	}
	sort.Slice(screens, func(i, j int) bool {
		if !screens[i].CollectedAt.Equal(screens[j].CollectedAt) {
			return screens[i].CollectedAt.Before(screens[j].CollectedAt)
		}
		return screens[i].ID < screens[j].ID
	})
	var calendar []struct {
		Day  lab.Date
		Kind string
	}
	if err := db.Table("calendar_days").Scan(&calendar).Error; err != nil {
		return err
	}
	holiday, workday := map[string]bool{}, map[string]bool{}
	for _, c := range calendar {
		if c.Kind == "workday" {
			workday[string(c.Day)] = true
		} else {
			holiday[string(c.Day)] = true
		}
	}
	settings, err := lab.LoadSettings(db)
	if err != nil {
		return err
	}
	memo := map[int64]*directWomanFacts{}
	factsOf := func(sc directScreen) (*directWomanFacts, error) {
		if f := memo[sc.ID]; f != nil {
			return f, nil
		}
		f, err := directFacts(db, sc, holiday, workday, settings)
		memo[sc.ID] = f
		return f, err
	}
	whole, byStation, byMonth := newDirectWomen(), map[string]*directWomen{}, map[string]*directWomen{}
	seen := map[string]bool{}
	for _, sc := range screens {
		month := sc.CollectedAt.In(loc).Format("2006-01")
		for _, g := range []struct {
			key string
			w   *directWomen
		}{{"all", whole}, {"station " + sc.StationCode, nil}, {"month " + month, nil}} {
			if seen[g.key+" "+itoa64(sc.ClientID)] {
				continue
			}
			seen[g.key+" "+itoa64(sc.ClientID)] = true
			w := g.w
			if w == nil {
				set, key := byStation, sc.StationCode
				if strings.HasPrefix(g.key, "month ") {
					set, key = byMonth, month
				}
				if set[key] == nil {
					set[key] = newDirectWomen()
				}
				w = set[key]
			}
			f, err := factsOf(sc)
			if err != nil {
				return err
			}
			w.count(f)
		}
	}
	var codes []lab.Analyte
	if err := db.Order("position").Find(&codes).Error; err != nil {
		return err
	}
	sum.Screened, sum.Tested = whole.total(whole.screened), whole.total(whole.tested)
	all := map[string]*[4]int{}
	for _, m := range whole.analytes {
		for k, a := range m {
			if all[k] == nil {
				all[k] = &[4]int{}
			}
			for i := range a {
				all[k][i] += a[i]
			}
		}
	}
	sum.Positivity = directPositivity(codes, all)
	for _, c := range []lab.Category{lab.Newlywed, lab.Planning, lab.Pregnant} {
		sum.ByCategory = append(sum.ByCategory, CategoryStats{Category: c, Screened: whole.screened[c], Tested: whole.tested[c],
			Positivity: directPositivity(codes, whole.analytes[c])})
	}
	ratio := func(n, d int) Ratio { return Ratio{Numerator: n, Denominator: d, Rate: rate(n, d)} }
	sum.Turnaround.CollectionToFirstRelease = FirstReleaseSpread{Spread: spreadDirect(whole.hours),
		Within5WorkingDays: ratio(whole.within5, sum.Tested)}
	sum.ReachedInTime = ratio(whole.inTime, whole.cases)
	sum.FollowupCompletion = ratio(whole.completed, whole.cases)
	sum.LostToFollowUp = ratio(whole.lost, whole.cases)
	sum.RetestCompletion = ratio(whole.retestDone, whole.retestAdvised)
	sum.RubellaVaccinationCompletion = ratio(whole.vaccinated, whole.rubellaAdvised)
	if err := directPregnancyFigures(db, whole.pregnancies, now, sum); err != nil {
		return err
	}
	rowWomen := func(r *SummaryRow, w *directWomen) {
		if w == nil {
			w = newDirectWomen()
		}
		r.Screened, r.Tested = w.total(w.screened), w.total(w.tested)
		r.Within5WorkingDays = ratio(w.within5, r.Tested)
		r.FollowupCompletion = ratio(w.completed, w.cases)
	}
	for i := range sum.ByStation {
		rowWomen(&sum.ByStation[i], byStation[sum.ByStation[i].StationCode])
	}
	for i := range sum.ByMonth {
		rowWomen(&sum.ByMonth[i], byMonth[sum.ByMonth[i].Month])
	}
	return nil
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// directFacts reads one screen's facts record by record.
func directFacts(db *gorm.DB, sc directScreen, holiday, workday map[string]bool, settings lab.Settings) (*directWomanFacts, error) {
	f := &directWomanFacts{category: sc.Category}
	type tube struct {
		ID              int64
		StationID       int64
		Status          lab.SampleStatus
		CollectedAt     time.Time
		FirstReleasedAt *time.Time
	}
	tubes := []tube{{sc.ID, sc.StationID, sc.Status, sc.CollectedAt, sc.FirstReleasedAt}}
	for i := 0; tubes[len(tubes)-1].Status == lab.SampleRejected && i < 50; i++ {
		var rc []lab.Recollection
		if err := db.Where("sample_id = ?", tubes[len(tubes)-1].ID).Find(&rc).Error; err != nil {
			return nil, err
		}
		if len(rc) == 0 || rc[0].AppointmentID == nil {
			break
		}
		var next []lab.Sample
		if err := db.Where("appointment_id = ?", *rc[0].AppointmentID).Find(&next).Error; err != nil {
			return nil, err
		}
		if len(next) == 0 {
			break
		}
		n := next[0]
		tubes = append(tubes, tube{n.ID, n.StationID, n.Status, n.CollectedAt, n.FirstReleasedAt})
	}
	var released *tube
	for i := range tubes {
		t := &tubes[i]
		if t.Status == lab.SampleReleased && t.FirstReleasedAt != nil && (released == nil || t.CollectedAt.Before(released.CollectedAt)) {
			released = t
		}
	}
	var findings []lab.Finding
	if released != nil {
		f.tested = true
		var tubeRow lab.Sample
		if err := db.First(&tubeRow, released.ID).Error; err != nil {
			return nil, err
		}
		f.abnormal = tubeRow.Abnormal
		if err := db.Where("sample_id = ? AND state = ?", released.ID, lab.ResultReleased).Find(&f.results).Error; err != nil {
			return nil, err
		}
		f.hours = released.FirstReleasedAt.Sub(released.CollectedAt).Hours()
		var st lab.Station
		if err := db.First(&st, released.StationID).Error; err != nil {
			return nil, err
		}
		zone := st.Location()
		collectedOn := released.CollectedAt.In(zone)
		releasedOn := released.FirstReleasedAt.In(zone).Format(time.DateOnly)
		working := 0
		for d := collectedOn.AddDate(0, 0, 1); d.Format(time.DateOnly) <= releasedOn; d = d.AddDate(0, 0, 1) {
			day := d.Format(time.DateOnly)
			weekday := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
			if workday[day] || (weekday && !holiday[day]) {
				working++
			}
		}
		f.within5 = working <= 5
		interp := map[string]lab.Interpretation{}
		for _, r := range f.results {
			interp[r.AnalyteCode] = r.Interpretation
		}
		findings, _ = lab.Interpret(interp, sc.Category == lab.Pregnant, settings.RubellaDeferralDays)
		for _, fd := range findings {
			if sc.Category != lab.Pregnant && (fd.Code == "RUBV_SUSCEPTIBLE" || fd.Code == "RUBV_IGG_EQUIVOCAL") {
				f.rubellaAdvised = true
			}
		}
		if err := directPregnancy(db, sc, f); err != nil {
			return nil, err
		}
	}
	ids := make([]int64, len(tubes))
	for i, t := range tubes {
		ids[i] = t.ID
	}
	var cases []lab.Followup
	if err := db.Where("sample_id IN ?", ids).Order("opened_at, id").Find(&cases).Error; err != nil {
		return nil, err
	}
	if len(cases) == 0 {
		return f, nil
	}
	f.hasCase, f.completed = true, true
	var reached []lab.Contact
	if err := db.Where("followup_id = ? AND result = ?", cases[0].ID, "reached").Order("at").Limit(1).Find(&reached).Error; err != nil {
		return nil, err
	}
	f.inTime = len(reached) == 1 && cases[0].FirstDueAt != nil && !reached[0].At.After(*cases[0].FirstDueAt)
	for _, c := range cases {
		if c.Status != lab.CaseClosed || c.Outcome == "lost_to_follow_up" {
			f.completed = false
		}
		if c.Status == lab.CaseClosed && c.Outcome == "lost_to_follow_up" {
			f.lost = true
		}
		var members []lab.Sample
		if err := db.Where("id IN (SELECT sample_id FROM followup_samples WHERE followup_id = ?) AND id NOT IN ?", c.ID, ids).
			Find(&members).Error; err != nil {
			return nil, err
		}
		for _, m := range members {
			if (m.Kind == lab.KindRetest || m.Kind == lab.KindRedraw) && m.Status == lab.SampleReleased {
				f.retestDone = true
			}
		}
	}
	var abnormal []lab.Finding
	for _, fd := range findings {
		if fd.Abnormal {
			abnormal = append(abnormal, fd)
		}
	}
	f.retestAdvised = released != nil && lab.SuggestedNextAction(abnormal) == lab.ActionRetest
	f.retestDone = f.retestDone && f.retestAdvised
	return f, nil
}

// directPregnancy reads the screen's pregnancy (her first by LMP, then id,
// not ended before the screen's day at its station) and whether she was
// vaccinated against rubella on or after that day.
func directPregnancy(db *gorm.DB, sc directScreen, f *directWomanFacts) error {
	var st lab.Station
	if err := db.First(&st, sc.StationID).Error; err != nil {
		return err
	}
	day := lab.DateOf(sc.CollectedAt.In(st.Location()))
	var ps []lab.Pregnancy
	if err := db.Where("client_id = ?", sc.ClientID).Order("lmp_date, id").Find(&ps).Error; err != nil {
		return err
	}
	for i := range ps {
		if ps[i].Outcome == "" || ps[i].OutcomeOn == nil || *ps[i].OutcomeOn >= day {
			f.pregnancy = &ps[i]
			break
		}
	}
	if f.rubellaAdvised {
		var n int64
		if err := db.Model(&lab.Vaccination{}).Where("client_id = ? AND vaccine = ? AND given_on >= ?", sc.ClientID, "rubella", day).
			Count(&n).Error; err != nil {
			return err
		}
		f.vaccinated = n > 0
	}
	return nil
}

// directPregnancyFigures judges the counted women's pregnancies at now.
func directPregnancyFigures(db *gorm.DB, ps []directPregnancyOf, now time.Time, sum *Summary) error {
	var earlyN, earlyD, outcomeN, outcomeD, births, defects int
	rows := map[bool]*OutcomeRow{true: {ScreeningResult: "abnormal", Outcomes: map[string]int{}},
		false: {ScreeningResult: "normal", Outcomes: map[string]int{}}}
	for _, r := range rows {
		for _, o := range []string{"live_birth", "stillbirth", "miscarriage", "induced_abortion", "ectopic", "unknown"} {
			r.Outcomes[o] = 0
		}
	}
	for _, w := range ps {
		p := w.p
		var st lab.Station
		if err := db.First(&st, p.StationID).Error; err != nil {
			return err
		}
		// The end of a due day at her pregnancy's station.
		end := func(d lab.Date) time.Time {
			t, _ := time.ParseInLocation(time.DateOnly, string(d), st.Location())
			return t.AddDate(0, 0, 1)
		}
		switch {
		case p.EarlyDueOn == nil: // recorded after early pregnancy
			earlyD++
		default:
			closes := end(*p.EarlyDueOn)
			reached := (p.EarlyContactedAt != nil && p.EarlyContactedAt.Before(closes)) ||
				(p.OutcomeRecordedAt != nil && p.OutcomeRecordedAt.Before(closes))
			if reached {
				earlyN++
			}
			if reached || !now.Before(closes) {
				earlyD++
			}
		}
		if p.Outcome == "" {
			if !now.Before(end(p.OutcomeDueOn)) {
				outcomeD++
			}
			continue
		}
		outcomeD++
		if p.Outcome != "unknown" {
			outcomeN++
		}
		rows[w.abnormal].Outcomes[p.Outcome]++
		rows[w.abnormal].Total++
		if p.Outcome == "live_birth" || p.Outcome == "stillbirth" {
			births++
			if len(p.Defects) > 0 {
				defects++
			}
		}
	}
	ratio := func(n, d int) Ratio { return Ratio{Numerator: n, Denominator: d, Rate: rate(n, d)} }
	sum.EarlyPregnancyFollowup = ratio(earlyN, earlyD)
	sum.OutcomeFollowup = ratio(outcomeN, outcomeD)
	sum.OutcomesByScreeningResult = []OutcomeRow{*rows[true], *rows[false]}
	sum.BirthDefects = DefectRate{Ratio: ratio(defects, births)}
	if births > 0 {
		sum.BirthDefects.Per10000 = math.Round(float64(defects)/float64(births)*1e6) / 100
	}
	return nil
}
