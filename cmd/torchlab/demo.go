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
// today, and prints the log-ins.
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
	for _, u := range demoUsers {
		in := lab.NewUser{Username: u.username, Password: demoPassword, Role: u.role, DisplayName: u.name}
		if u.station >= 0 {
			in.StationID = &stations[u.station].ID
		}
		if _, err := svc.CreateUser(ctx, in); err != nil {
			return fmt.Errorf("demo user %s: %w", u.username, err)
		}
	}

	loc := stations[0].Location()
	today := lab.Today(time.Now(), loc)
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
			c, err := svc.RegisterClient(ctx, in)
			if err != nil {
				return fmt.Errorf("demo client %d: %w", k, err)
			}
			women++
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

	fmt.Fprintf(stdout, "demo data: %d stations, %d users, %d women, %d booked (%d of them today, %s), slots for today and the next 6 days\n",
		len(stations), len(demoUsers), women, booked, bookedToday, today)
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
