package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"torchlab/lab"
)

// demoPassword is every demo user's password; the demo is for trying
// torchlab out, never for real women's data.
const demoPassword = "torchlab-demo"

var demoStations = []lab.NewStation{
	{Code: "DC01", Name: "东城区计生服务站"},
	{Code: "XC01", Name: "西城区计生服务站"},
}

var demoUsers = []struct {
	username, name string
	role           lab.Role
	station        int // index into demoStations, -1 for none
}{
	{"demo.admin", "演示管理员", lab.RoleAdmin, -1},
	{"nurse.dc", "东城护士 李娜", lab.RoleNurse, 0},
	{"nurse.xc", "西城护士 王芳", lab.RoleNurse, 1},
	{"tech", "检验师 张伟", lab.RoleLabTech, -1},
	{"tech2", "检验师 刘洋", lab.RoleLabTech, -1},
	{"counselor.dc", "东城咨询员 陈静", lab.RoleCounselor, 0},
	{"counselor.xc", "西城咨询员 杨敏", lab.RoleCounselor, 1},
}

var demoSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"}
var demoGiven = []string{"秀英", "丽", "敏", "静", "芳", "娟", "艳", "霞", "玲", "燕", "婷", "雪"}

// demo fills an empty database with two stations, a user of each role, a
// week of slots and a dozen women in every category, some booked for
// today, two of the women at DC01 with a follow-up case from a screening
// in the past (demoHistory), two with a pregnancy recorded in the past
// (demoPregnancyHistory), and prints the log-ins.
func demo(ctx context.Context, stdout io.Writer) error {
	cfg, db, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := lab.NewService(db, cfg.serviceOptions())
	ctx = lab.SystemContext(ctx, "(demo)")

	// Empty means no station and no user either: a database that has been
	// served once has its admin, and must never gain demo.admin, whose
	// password is printed in the README.
	for _, model := range []any{&lab.Station{}, &lab.User{}} {
		var n int64
		if err := db.Gorm.Model(model).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return errors.New("demo: the database already has stations or users; the demo fills an empty database only")
		}
	}
	var stations []*lab.Station
	for _, in := range demoStations {
		st, err := svc.CreateStation(ctx, in)
		if err != nil {
			return err
		}
		stations = append(stations, st)
	}
	users := map[string]*lab.User{}
	for _, u := range demoUsers {
		in := lab.NewUser{Username: u.username, Password: demoPassword, Role: u.role, DisplayName: u.name}
		if u.station >= 0 {
			in.StationID = &stations[u.station].ID
		}
		created, err := svc.CreateUser(ctx, in)
		if err != nil {
			return fmt.Errorf("demo user %s: %w", u.username, err)
		}
		users[u.username] = created
	}

	loc := stations[0].Location()
	today := lab.Today(time.Now(), loc)
	if err := demoLots(ctx, svc, loc); err != nil {
		return err
	}
	// Today's slots are the hours still ahead (and 23:59), so that whenever
	// the demo runs, some women are booked for today; then a week of the
	// usual hours.
	var todayTimes []string
	for h := time.Now().In(loc).Hour() + 1; h <= 23; h++ {
		todayTimes = append(todayTimes, fmt.Sprintf("%02d:00", h))
	}
	todayTimes = append(todayTimes, "23:59")
	var slots [][]lab.Slot // today's first, per station
	for _, st := range stations {
		first, err := svc.CreateSlots(ctx, st.ID, lab.SlotRange{From: string(today), To: string(today),
			Weekdays: []int{1, 2, 3, 4, 5, 6, 7}, Times: todayTimes, Capacity: 10})
		if err != nil {
			return err
		}
		week, err := svc.CreateSlots(ctx, st.ID, lab.SlotRange{
			From: string(today.AddDays(1)), To: string(today.AddDays(6)), Weekdays: []int{1, 2, 3, 4, 5, 6, 7},
			Times: []string{"08:00", "09:00", "10:00", "14:00", "15:00", "16:00"}, Capacity: 10,
		})
		if err != nil {
			return err
		}
		slots = append(slots, append(first.Items, week.Items...))
	}

	categories := []lab.Category{lab.Newlywed, lab.Planning, lab.Pregnant}
	women, booked, bookedToday := 0, 0, 0
	var screened []demoWoman
	var expecting []demoMother
	for ci, cat := range categories {
		for i := 0; i < 12; i++ {
			k := ci*12 + i
			station := k % 2
			birth := lab.Date(fmt.Sprintf("%d-%02d-%02d", 1988+k%10, 1+k%12, 1+k%28))
			in := lab.NewClient{
				Name:       demoSurnames[k%12] + demoGiven[(k*5+k/12)%12],
				NationalID: lab.MakeNationalID([]string{"110101", "110102"}[station], birth, 2*(k+1)),
				Phone:      fmt.Sprintf("139%08d", 10000000+k*7919),
				Address:    fmt.Sprintf("北京市%s区示范路%d号", []string{"东城", "西城"}[station], 1+k),
				Category:   cat,
				Consent:    &lab.ConsentInput{Given: k%9 != 8, TextVersion: "v1"},
				StationID:  &stations[station].ID,
			}
			if cat == lab.Pregnant {
				in.LMPDate = string(today.AddDays(-(42 + 5*i)))
			}
			women++
			if ep, ok := demoEpisodes[k]; ok {
				screened = append(screened, demoWoman{in, ep})
				continue
			}
			if pg, ok := demoPregnancies[k]; ok {
				expecting = append(expecting, demoMother{in, pg})
				continue
			}
			c, err := svc.RegisterClient(ctx, in)
			if err != nil {
				return fmt.Errorf("demo client %d: %w", k, err)
			}
			// Two of every three with consent get a booking in the first
			// slots still open, so the day list has women in it.
			if k%3 == 2 || !in.Consent.Given || len(slots[station]) == 0 {
				continue
			}
			sl := slots[station][(k/2)%min(len(slots[station]), 3)]
			_, err = svc.BookAppointment(ctx, lab.NewAppointment{ClientID: c.ID, SlotID: sl.ID})
			switch {
			case err == nil:
				booked++
				if sl.Day == today {
					bookedToday++
				}
			case lab.ErrorCode(err) != lab.CodeGestationTooLate:
				return fmt.Errorf("demo booking %d: %w", k, err)
			}
		}
	}

	history, err := demoHistory(ctx, db, cfg.serviceOptions(), stations[0], users, screened)
	if err != nil {
		return err
	}
	mothers, err := demoPregnancyHistory(ctx, db, cfg.serviceOptions(), stations[0], users, expecting)
	if err != nil {
		return err
	}
	history = append(history, mothers...)

	fmt.Fprintf(stdout, "demo data: %d stations, %d users, %d women, %d booked (%d of them today, %s), slots for today and the next 6 days\n",
		len(stations), len(demoUsers), women, booked, bookedToday, today)
	for _, h := range history {
		fmt.Fprintf(stdout, "  %s\n", h)
	}
	fmt.Fprintf(stdout, "sign in with any of these (password %q):\n", demoPassword)
	for _, u := range demoUsers {
		where := "all stations"
		if u.station >= 0 {
			where = demoStations[u.station].Code + " " + demoStations[u.station].Name
		}
		fmt.Fprintf(stdout, "  %-14s %-10s %s\n", u.username, u.role, where)
	}
	return nil
}

// demoEpisode is the past screening of one of the demo's women.
type demoEpisode struct {
	daysAgo int // 0 stands for the setting retest_min_days
	toxoIgM string
}

// demoEpisodes are the women (by their number in the demo's list) whom the
// demo screens in the past, so that a follow-up case has a history on the
// real clock: a pregnant woman at DC01 whose Toxo IgM was positive and IgG
// negative exactly retest_min_days ago (her retest may be drawn today, the
// first day allowed), and a woman at DC01 planning a pregnancy, drawn three
// days ago, whose Toxo IgM is equivocal (her retest calendar opens on days
// she may not be drawn yet). Neither is among those booked for today.
var demoEpisodes = map[int]demoEpisode{
	32: {daysAgo: 0, toxoIgM: "30"},
	14: {daysAgo: 3, toxoIgM: "9"},
}

type demoWoman struct {
	in lab.NewClient
	ep demoEpisode
}

// demoValues are the other analytes' values of demoEpisodes: negative
// except rubella IgG, so that Toxo is her only finding.
var demoValues = map[string]string{
	"TOXO_IGG": "0.5", "RUBV_IGG": "45", "RUBV_IGM": "0.3", "CMV_IGG": "2", "CMV_IGM": "0.2", "HSV_IGG": "0.4", "HSV_IGM": "0.3",
}

// demoHistory registers and screens the women of demoEpisodes at the
// station through a service whose clock is set to each step's past time
// (registered, booked, drawn, received, entered and verified on her day,
// by the demo's nurse and two technicians), so that the release opens her
// case as it would have then, assigned to the station's counselor and due
// from that day. It returns a line about each woman.
func demoHistory(ctx context.Context, db *lab.DB, opts lab.Options, station *lab.Station, users map[string]*lab.User,
	women []demoWoman) ([]string, error) {
	loc := station.Location()
	var at time.Time
	opts.Clock = func() time.Time { return at.UTC() }
	past := lab.NewService(db, opts)
	settings, err := past.Settings(ctx)
	if err != nil {
		return nil, err
	}
	as := func(username string) context.Context {
		u := users[username]
		return lab.WithActor(ctx, lab.Actor{UserID: u.ID, Username: u.Username, Role: u.Role, StationID: u.StationID})
	}
	today := lab.Today(time.Now(), loc)
	var lines []string
	for _, w := range women {
		in, ep := w.in, w.ep
		days := ep.daysAgo
		if days == 0 {
			days = settings.RetestMinDays
		}
		day := today.AddDays(-days)
		clock := func(hhmm string) {
			at, _ = time.ParseInLocation("2006-01-02 15:04", string(day)+" "+hhmm, loc)
		}
		fail := func(err error) ([]string, error) { return nil, fmt.Errorf("demo history of %s: %w", in.Name, err) }
		clock("08:00")
		c, err := past.RegisterClient(as("nurse.dc"), in)
		if err != nil {
			return fail(err)
		}
		slots, err := past.CreateSlots(ctx, station.ID, lab.SlotRange{From: string(day), To: string(day),
			Weekdays: []int{1, 2, 3, 4, 5, 6, 7}, Times: []string{"09:00"}, Capacity: 10})
		if err != nil {
			return fail(err)
		}
		ap, err := past.BookAppointment(as("nurse.dc"), lab.NewAppointment{ClientID: c.ID, SlotID: slots.Items[0].ID})
		if err != nil {
			return fail(err)
		}
		clock("09:10")
		if _, err := past.CheckIn(as("nurse.dc"), ap.ID); err != nil {
			return fail(err)
		}
		sm, err := past.CollectSample(as("nurse.dc"), ap.ID, "")
		if err != nil {
			return fail(err)
		}
		clock("14:00")
		if _, _, err := past.ReceiveSample(as("tech"), sm.Accession); err != nil {
			return fail(err)
		}
		results := []lab.ResultInput{{Analyte: "TOXO_IGM", Value: ep.toxoIgM}}
		for _, code := range []string{"TOXO_IGG", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"} {
			results = append(results, lab.ResultInput{Analyte: code, Value: demoValues[code]})
		}
		if _, err := past.EnterResults(as("tech"), sm.Accession, results); err != nil {
			return fail(err)
		}
		clock("16:00")
		if _, err := past.Verify(as("tech2"), sm.Accession, lab.VerifyOptions{AcknowledgeAbnormal: true}); err != nil {
			return fail(err)
		}
		lines = append(lines, fmt.Sprintf("%s (%s, DC01) was drawn on %s (%s, Toxo IgM %s): her case waits for counselor.dc",
			in.Name, in.Category, day, sm.Accession, ep.toxoIgM))
	}
	return lines, nil
}

// demoPregnancy is a pregnancy one of the demo's women reported in the
// past, in days before today.
type demoPregnancy struct {
	recordedAgo int
	lmpAgo      int
	source      string
	// earlyReachedAgo is when the early-pregnancy contact reached her; 0
	// for never.
	earlyReachedAgo int
}

// demoPregnancies are the women (by their number in the demo's list, at
// DC01, none booked) whose pregnancy follow-up has a past, so that the
// worklist shows both kinds of task on the real clock: a woman planning a
// pregnancy who reported one 30 days ago at 10 weeks 5 days and was never
// reached (her early-pregnancy contact is 8 days overdue), and a newly
// married woman whose clinic gave her due date 290 days ago, reached in
// early pregnancy, whose outcome follow-up opened 8 days ago.
var demoPregnancies = map[int]demoPregnancy{
	20: {recordedAgo: 30, lmpAgo: 105, source: "self_report"},
	2:  {recordedAgo: 290, lmpAgo: 330, source: "clinic", earlyReachedAgo: 280},
}

type demoMother struct {
	in lab.NewClient
	pg demoPregnancy
}

// demoPregnancyHistory registers the women of demoPregnancies and records
// their pregnancy (and an early contact that reached her) through a
// service whose clock is set to each step's past day, as demoHistory does.
// It returns a line about each woman.
func demoPregnancyHistory(ctx context.Context, db *lab.DB, opts lab.Options, station *lab.Station, users map[string]*lab.User,
	women []demoMother) ([]string, error) {
	var at time.Time
	opts.Clock = func() time.Time { return at.UTC() }
	past := lab.NewService(db, opts)
	as := func(username string) context.Context {
		u := users[username]
		return lab.WithActor(ctx, lab.Actor{UserID: u.ID, Username: u.Username, Role: u.Role, StationID: u.StationID})
	}
	loc := station.Location()
	today := lab.Today(time.Now(), loc)
	var lines []string
	for _, w := range women {
		in, pg := w.in, w.pg
		clock := func(daysAgo int, hhmm string) {
			at, _ = time.ParseInLocation("2006-01-02 15:04", string(today.AddDays(-daysAgo))+" "+hhmm, loc)
		}
		fail := func(err error) ([]string, error) { return nil, fmt.Errorf("demo pregnancy of %s: %w", in.Name, err) }
		clock(pg.recordedAgo, "09:00")
		c, err := past.RegisterClient(as("nurse.dc"), in)
		if err != nil {
			return fail(err)
		}
		lmp := today.AddDays(-pg.lmpAgo)
		rec := lab.NewPregnancy{LMPDate: string(lmp), Source: pg.source}
		if pg.source == "clinic" {
			rec = lab.NewPregnancy{EDD: string(lab.EDDFromLMP(lmp)), Source: pg.source}
		}
		clock(pg.recordedAgo, "09:30")
		p, err := past.RecordPregnancy(as("counselor.dc"), c.ID, rec)
		if err != nil {
			return fail(err)
		}
		if pg.earlyReachedAgo > 0 {
			clock(pg.earlyReachedAgo, "10:00")
			if _, err := past.AddPregnancyContact(as("counselor.dc"), p.ID, lab.NewPregnancyContact{
				Task: lab.TaskEarlyContact, Channel: "phone", Result: "reached"}); err != nil {
				return fail(err)
			}
		}
		lines = append(lines, fmt.Sprintf("%s (%s, DC01) reported a pregnancy on %s (LMP %s, EDD %s): her follow-up is on the pregnancy worklist",
			in.Name, in.Category, today.AddDays(-pg.recordedAgo), p.LMPDate, p.EDD))
	}
	return lines, nil
}
