package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"torchlab/api"
	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/lab/stats"
	"torchlab/migrations"
)

// TestMain lets run start this test binary as its yardstick, as it
// starts torchlab-load itself (startYardstick).
func TestMain(m *testing.M) {
	if os.Getenv(asYardstick) != "" {
		if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "yardstick:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestRunAgainstSeededServer seeds a small programme, serves it with the
// real router, and runs the load tool against it for a moment: every
// operation of the mix and both side-by-side comparisons must run, without
// errors, and report their figures.
func TestRunAgainstSeededServer(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		db := labtest.OpenURL(t, url)
		ctx := context.Background()
		if _, err := loadgen.Seed(ctx, db, loadgen.Config{Clients: 1500, Stations: 2, Key: labtest.Key, HistoryDays: 60}); err != nil {
			t.Fatal(err)
		}
		svc := lab.NewService(db, lab.Options{Key: labtest.Key})
		// The statistics' per-day figures are built by the first summary
		// (a one-off that takes seconds with the race detector); built
		// here, as a running server has them, the short phase below
		// always gets its statistics requests answered.
		admin := lab.WithActor(ctx, lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		var stations []int64
		if err := db.Gorm.Table("stations").Pluck("id", &stations).Error; err != nil {
			t.Fatal(err)
		}
		for _, st := range append([]*int64{nil}, &stations[0], &stations[1]) { // the programme's days, and each station's zone
			if _, err := stats.New(svc, stats.Options{}).ProgrammeSummary(admin, stats.SummaryFilter{From: time.Now().AddDate(0, 0, -70).Format(time.DateOnly),
				To: time.Now().AddDate(0, 0, 1).Format(time.DateOnly), StationID: st}); err != nil {
				t.Fatal(err)
			}
		}
		srv, err := api.New(svc, api.Config{Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()

		// The seeded women's bookings, to check that the side-by-side
		// phases give back what they took (the mixed phase books only
		// women it registers itself).
		var seededMax int64
		if err := db.Gorm.Table("clients").Select("MAX(id)").Scan(&seededMax).Error; err != nil {
			t.Fatal(err)
		}
		bookings := func() (n int64) {
			if err := db.Gorm.Table("appointments").Where("client_id <= ?", seededMax).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		bookingsBefore := bookings()

		// Long enough for a woman to go from registration to verification
		// under the race detector on a busy CI machine (1.5 s was not).
		var out, errOut bytes.Buffer
		err = run(ctx, []string{"run", "--url", ts.URL, "--concurrency", "4", "--duration", "8s", "--side-duration", "1s", "--side-rounds", "2",
			"--warmup", "0s", "--bare-dsn", url, "--pid", fmt.Sprint(os.Getpid()), "--mix", "search=1,day_list=1,register=1,book=1,check_in=1,collect=1,receive=1,results=1,verify=4,samples_list=1," +
				"followup_queue=1,followup_get=1,contact=1,close=1,notifications=1,stats=1"}, &out, &errOut)
		if err != nil {
			t.Fatalf("run: %v\n%s", err, errOut.String())
		}
		text := out.String()
		t.Log(text)
		for _, op := range []string{"search", "register", "book", "check_in", "collect", "receive", "results", "verify",
			"followup_queue", "close", "stats", "side by side", "bare÷API", "yardstick", "server resident memory"} {
			if !strings.Contains(text, op) {
				t.Errorf("the report lacks %q", op)
			}
		}
		// Every line of figures ends in its error count: all must be 0.
		line := regexp.MustCompile(`(?m)^([a-z_]+|ALL)\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(\d+)(?:\s|$)`)
		rows := line.FindAllStringSubmatch(text, -1)
		if len(rows) < 10 {
			t.Fatalf("only %d lines of figures", len(rows))
		}
		for _, m := range rows {
			if m[2] != "0" {
				t.Errorf("%s: %s errors", m[1], m[2])
			}
		}
		if strings.Contains(text, "note: in 2 rounds") {
			t.Error("two rounds weigh both orders alike, yet the run warns")
		}
		for _, op := range []string{"book", "results"} {
			for _, round := range []string{"1", "2"} {
				if !regexp.MustCompile(`(?m)^` + op + `\s+` + round + `\s+[\d.]+\s.*\s[\d.]+$`).MatchString(text) {
					t.Errorf("no side-by-side line for %s in round %s", op, round)
				}
			}
			if !regexp.MustCompile(`(?m)^median bare÷API of ` + op + ` over 2 rounds \(throughput\): [\d.]+ \([\d.]+–[\d.]+\)$`).MatchString(text) {
				t.Errorf("no median ratio for %s", op)
			}
		}
		// Booking through the yardstick: a phase of its own in each round
		// (its error count checked above with every other line), and the
		// ratio of the API's CPU per booking to its own.
		if n := strings.Count(text, "phase book via yardstick"); n != 2 {
			t.Errorf("the yardstick's booking ran %d times in 2 rounds", n)
		}
		if !regexp.MustCompile(`(?m)^median yardstick÷API of book over 2 rounds \(throughput\): [\d.]+ \([\d.]+–[\d.]+\)$`).MatchString(text) {
			t.Error("no median throughput ratio of the yardstick")
		}
		if regexp.MustCompile(`(?m)^median yardstick÷API of book over 2 rounds \(throughput\): 0\.00`).MatchString(text) {
			t.Error("the yardstick's ratio is zero: its phase booked nothing")
		}
		// CPU comes first: each side phase's count and CPU per operation,
		// then the ratios, before any throughput. The server here is this
		// test's process, which is the load tool's too, so the figures are
		// not checked for their value.
		cpuAt := strings.Index(text, "CPU per operation, ms")
		if cpuAt < 0 || cpuAt > strings.Index(text, "throughput side by side") {
			t.Error("the CPU table does not come before the throughput")
		}
		for _, name := range []string{"book via API", "book via yardstick", "book as bare SQL", "results via API", "results as bare SQL", "mix \\(every operation\\)"} {
			if !regexp.MustCompile(`(?m)^` + name + `\s+[\d-]+\s+[1-9]\d*\s+[\d.]+\s+-\s+[\d.]+\s+[\d.]+$`).MatchString(text) {
				t.Errorf("no CPU line for %s", name)
			}
		}
		for _, label := range []string{"API ÷ yardstick, CPU per booking", "API ÷ bare SQL, CPU per result entry"} {
			if !regexp.MustCompile(`(?m)^` + label + `, median of 2 rounds: [\d.]+ \([\d.]+–[\d.]+\)`).MatchString(text) {
				t.Errorf("no median %q", label)
			}
		}
		if !regexp.MustCompile(`(?m)^mix CPU per operation: [\d.]+ ms \(no --base-mix-cpu to hold it to its goal, ≤ 0\.5 × the compared code's\)$`).MatchString(text) {
			t.Error("no mix CPU per operation")
		}
		// The cases the mix closed are closed as counselled, each once
		// (a second close of the same case would have been an error above).
		var closed int64
		if err := db.Gorm.Table("followups").Where("status = 'closed' AND outcome = 'counseled' AND close_note = 'load test'").
			Count(&closed).Error; err != nil {
			t.Fatal(err)
		}
		if closed == 0 {
			t.Error("the mix closed no case")
		}
		// Given back: no booking is left on the seeded women (the mixed
		// phase collects, receives and results only its own women's
		// tubes, and verifies seeded ones, which adds no booking), and
		// every slot counts exactly its open bookings.
		if after := bookings(); after != bookingsBefore {
			t.Errorf("the seeded women had %d bookings before the run and %d after", bookingsBefore, after)
		}
		var wrong int64
		if err := db.Gorm.Raw(`SELECT COUNT(*) FROM slots WHERE booked <> (SELECT COUNT(*) FROM appointments a
			WHERE a.slot_id = slots.id AND a.status IN ('booked', 'checked_in', 'collected'))`).Scan(&wrong).Error; err != nil {
			t.Fatal(err)
		}
		if wrong != 0 {
			t.Errorf("%d slots count their bookings wrongly after the run", wrong)
		}
	})
}

func TestParseMix(t *testing.T) {
	m, err := parseMix("search=3,book=1")
	if err != nil || m["search"] != 3 || m["book"] != 1 {
		t.Fatalf("%v %v", m, err)
	}
	for _, bad := range []string{"search", "search=x", "nosuchop=1", "book=-1"} {
		if _, err := parseMix(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

func TestResidentFromMetrics(t *testing.T) {
	v, err := residentFromMetrics(strings.NewReader("# HELP x\nprocess_resident_memory_bytes 4.2e+07\nother 1\n"))
	if err != nil || v != 42_000_000 {
		t.Fatalf("%d %v", v, err)
	}
}

// An open loop offers steps at the rate asked, each due exactly one
// interval after the last, and no more than the rate allows however fast
// they are taken; steps nobody takes wait on the channel.
func TestOfferPacesDueTimes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	ticks := make(chan time.Time, 1000)
	start := time.Now()
	offer(ctx, 100, ticks)
	elapsed := time.Since(start)
	close(ticks)
	var due []time.Time
	for d := range ticks {
		due = append(due, d)
	}
	if max := int(elapsed/(10*time.Millisecond)) + 1; len(due) > max || len(due) < 5 {
		t.Fatalf("%d steps offered in %s at 100 a second", len(due), elapsed)
	}
	for i := 1; i < len(due); i++ {
		if gap := due[i].Sub(due[i-1]); gap != 10*time.Millisecond {
			t.Fatalf("step %d due %s after the one before", i, gap)
		}
	}
	if due[0].Before(start) {
		t.Fatal("the first step was due before the offer began")
	}
}

// Every round runs all five phases, each operation's sides next to each
// other, the side that goes first alternates between the API and the bare
// SQL, and booking's yardstick always runs between them.
func TestSideOrderAlternates(t *testing.T) {
	names := func(i int) []string {
		var n []string
		for _, sp := range sideOrder(i) {
			n = append(n, sp.name)
		}
		return n
	}
	first := []string{"book via API", "book via yardstick", "book as bare SQL", "results via API", "results as bare SQL"}
	second := []string{"book as bare SQL", "book via yardstick", "book via API", "results as bare SQL", "results via API"}
	for i, want := range [][]string{first, second, first} {
		if got := names(i); !slices.Equal(got, want) {
			t.Errorf("round %d: %v, want %v", i+1, got, want)
		}
	}
	suffix := map[sideVia]string{viaAPI: " via API", viaBareSQL: " as bare SQL", viaYardstick: " via yardstick"}
	for _, sp := range sideOrder(1) {
		if !strings.HasSuffix(sp.name, suffix[sp.via]) || !strings.HasPrefix(sp.name, sp.op+" ") {
			t.Errorf("phase %+v is named for another", sp)
		}
	}
}

func TestOddRoundsNote(t *testing.T) {
	for n, warns := range map[int]bool{1: false, 2: false, 3: true, 4: false, 5: true} {
		if got := oddRoundsNote(n) != ""; got != warns {
			t.Errorf("%d rounds: warns %v, want %v", n, got, warns)
		}
	}
}
