// Package loadgen fills a torchlab database with a realistic screening
// programme at any scale (a million women in minutes): stations, users of
// every role, clients, slots, appointments in every state, samples with
// results that follow the positivity rates of domain.md §1, follow-up cases
// in every state, and the custody events, notifications and audit rows the
// real flows write. Personal data is sealed with the service's own
// lab.PersonalDataSealer, so the service reads what is seeded.
//
// Rows go in as multi-row INSERTs in large transactions through one
// connection, with ids chosen here (the database must have no stations yet),
// and foreign-key checks off for the session while seeding.
//
// cmd/torchlab-load seeds with it; Go benchmarks elsewhere can too.
package loadgen

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/migrations"
)

// Config sizes a programme. Zero fields take the defaults noted.
type Config struct {
	// Clients is the number of women (default 2,000).
	Clients int
	// Stations (default one per 10,000 women, at least 2).
	Stations int
	// NursesPerStation and CounselorsPerStation (default 2 each).
	NursesPerStation     int
	CounselorsPerStation int
	// LabTechs (default Stations/5, at least 4) and Admins (default 2).
	LabTechs int
	Admins   int
	// Password of every seeded user (default DefaultPassword).
	Password string
	// Key is TORCHLAB_KEY's 32 bytes: the service must run with the same.
	Key []byte
	// Now is the moment the programme is seeded up to (default now).
	Now time.Time
	// HistoryDays of past activity (default 365); FutureDays of slots ahead
	// (default 21), with FutureCapacity places each (default 40).
	HistoryDays    int
	FutureDays     int
	FutureCapacity int
	// Seed makes the programme reproducible (default 1).
	Seed uint64
	// ClientsPerTx is how many women's rows go in one transaction
	// (default 5,000); RowsPerInsert caps one statement (default 500).
	ClientsPerTx  int
	RowsPerInsert int
	// Progress, if set, receives a line per transaction.
	Progress io.Writer
}

// DefaultPassword is the seeded users' password unless Config says.
const DefaultPassword = "torchlab-load"

// Timezone of every seeded station.
const Timezone = "Asia/Shanghai"

// StationCode is the code of seeded station n (from 1). The seeded users'
// names follow a convention too, so that the load tool can sign in as them.
func StationCode(station int) string { return fmt.Sprintf("ST%04d", station) }

// NurseName is the username of nurse n of a station.
func NurseName(station, n int) string { return fmt.Sprintf("nurse-%04d-%d", station, n) }

// CounselorName is the username of counselor n of a station.
func CounselorName(station, n int) string { return fmt.Sprintf("couns-%04d-%d", station, n) }

// LabTechName is the username of lab technician n.
func LabTechName(n int) string { return fmt.Sprintf("tech-%03d", n) }

// AdminName is the username of admin n.
func AdminName(n int) string { return fmt.Sprintf("admin-%d", n) }

func defaultInt(v *int, def int) {
	if *v <= 0 {
		*v = def
	}
}

func (c *Config) loc() *time.Location {
	l, err := time.LoadLocation(Timezone)
	if err != nil {
		return time.UTC
	}
	return l
}

// Summary counts what Seed wrote.
type Summary struct {
	Stations, Users, Clients, Slots, Appointments, Samples int
	Results, Followups, AuditRows, Rows                    int64
	Elapsed                                                time.Duration
}

// The appointment times of every seeded day.
var slotTimes = []string{"08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "14:00", "14:30", "15:00", "15:30"}

// Positivity per analyte: the chance of a positive and of an equivocal
// reading. Toxoplasma, rubella and CMV IgG follow domain.md §1 (Guangdong,
// 2.4 M women: 3.20 %, 76.03 %, 77.67 %); the IgM rates follow Qin et al.
// (Toxo 0.40 %, CMV 0.43 %); HSV and rubella IgM are typical values
// [unsourced]. Kits without a grey zone (L = H) have no equivocal readings.
var positivity = map[string]struct{ pos, eq float64 }{
	"TOXO_IGG": {0.032, 0.005},
	"TOXO_IGM": {0.0040, 0.003},
	"RUBV_IGG": {0.7603, 0},
	"RUBV_IGM": {0.002, 0.002},
	"CMV_IGG":  {0.7767, 0},
	"CMV_IGM":  {0.0043, 0.004},
	"HSV_IGG":  {0.60, 0.01},
	"HSV_IGM":  {0.015, 0.01},
}

type kit struct {
	name, unit string
	lo, hi     float64
}

// Seed fills db (migrated here if need be) with a programme. The database
// must have no stations yet. It returns what it wrote.
func Seed(ctx context.Context, db *lab.DB, cfg Config) (*Summary, error) {
	start := time.Now()
	if len(cfg.Key) != lab.KeySize {
		return nil, fmt.Errorf("loadgen: the key must be %d bytes (TORCHLAB_KEY)", lab.KeySize)
	}
	defaultInt(&cfg.Clients, 2000)
	defaultInt(&cfg.Stations, max(2, cfg.Clients/10000))
	defaultInt(&cfg.NursesPerStation, 2)
	defaultInt(&cfg.CounselorsPerStation, 2)
	defaultInt(&cfg.LabTechs, max(4, cfg.Stations/5))
	cfg.LabTechs = max(cfg.LabTechs, 2) // a second technician verifies
	defaultInt(&cfg.Admins, 2)
	defaultInt(&cfg.HistoryDays, 365)
	defaultInt(&cfg.FutureDays, 21)
	defaultInt(&cfg.FutureCapacity, 40)
	defaultInt(&cfg.ClientsPerTx, 5000)
	defaultInt(&cfg.RowsPerInsert, 500)
	if cfg.Password == "" {
		cfg.Password = DefaultPassword
	}
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	if cfg.Now.IsZero() {
		cfg.Now = lab.SystemClock()
	}
	cfg.Now = cfg.Now.UTC().Truncate(time.Microsecond)

	if _, err := migrations.Up(ctx, db.SQL, db.Dialect, nil); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var n int64
	if err := db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM stations").Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, errors.New("loadgen: the database already has stations; seed an empty database")
	}
	seal, err := lab.NewPersonalDataSealer(cfg.Key)
	if err != nil {
		return nil, err
	}
	g := &gen{cfg: cfg, seal: seal, loc: cfg.loc(), rng: rand.New(rand.NewPCG(cfg.Seed, 0x70726368)),
		settings: lab.DefaultSettings(), sum: &Summary{}}
	if err := g.loadReference(ctx, db.SQL); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(cfg.Password), bcrypt.DefaultCost)
	if err != nil {
		return nil, err
	}
	g.passwordHash = string(hash)

	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	restore, err := fastSession(ctx, conn, db.Dialect)
	if err != nil {
		return nil, err
	}
	defer restore()
	w := &writer{conn: conn, dialect: db.Dialect, perStmt: cfg.RowsPerInsert}

	// The generator runs ahead of the writer by a batch or two.
	batches := make(chan *batch, 2)
	genErr := make(chan error, 1)
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(batches)
		genErr <- g.run(gctx, batches)
	}()
	for b := range batches {
		if err := w.write(ctx, b); err != nil {
			cancel()
			for range batches {
			}
			return nil, err
		}
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "seeded %d rows (%d clients) in %s\n", w.rows, g.doneClients.Load(), time.Since(start).Round(time.Second))
		}
	}
	if err := <-genErr; err != nil {
		return nil, err
	}
	// The accession sequence continues after the seeded samples.
	if _, err := conn.ExecContext(ctx, "UPDATE sequences SET value = ? WHERE name = 'accession'", g.accession); err != nil {
		return nil, err
	}
	g.sum.Rows = w.rows
	g.sum.Elapsed = time.Since(start)
	return g.sum, nil
}

// fastSession turns off what slows a bulk load for this connection only,
// and returns how to turn it back on.
func fastSession(ctx context.Context, conn *sql.Conn, d migrations.Dialect) (func(), error) {
	if d == migrations.SQLite {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = OFF"); err != nil {
			return nil, err
		}
		return func() {
			conn.ExecContext(context.Background(), "PRAGMA synchronous = NORMAL")
			conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
		}, nil
	}
	if _, err := conn.ExecContext(ctx, "SET SESSION foreign_key_checks = 0, unique_checks = 0"); err != nil {
		return nil, err
	}
	return func() {
		conn.ExecContext(context.Background(), "SET SESSION foreign_key_checks = 1, unique_checks = 1")
	}, nil
}

type gen struct {
	cfg          Config
	seal         *lab.PersonalDataSealer
	loc          *time.Location
	rng          *rand.Rand
	settings     lab.Settings
	sum          *Summary
	passwordHash string
	kits         map[string]kit
	panels       map[string][]string
	accession    int64
	doneClients  atomic.Int64

	today      lab.Date
	nurses     [][]int64 // by station index
	counselors [][]int64
	techs      []int64
	names      map[int64]string // usernames by id, for the actor columns
	admins     []int64

	// Slot ids are computed: past slots first, then future ones.
	pastBooked   []int32
	futureBooked []int32

	nextID map[string]int64
	t      map[string]*table
}

func (g *gen) loadReference(ctx context.Context, db *sql.DB) error {
	g.kits = map[string]kit{}
	rows, err := db.QueryContext(ctx, "SELECT analyte_code, kit, unit, negative_below, positive_from FROM kits ORDER BY effective_from, id")
	if err != nil {
		return err
	}
	for rows.Next() {
		var code string
		var k kit
		if err := rows.Scan(&code, &k.name, &k.unit, &k.lo, &k.hi); err != nil {
			rows.Close()
			return err
		}
		g.kits[code] = k // the latest in force wins
	}
	rows.Close()
	g.panels = map[string][]string{}
	rows, err = db.QueryContext(ctx, "SELECT panel_code, analyte_code FROM panel_analytes ORDER BY panel_code, position")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p, a string
		if err := rows.Scan(&p, &a); err != nil {
			return err
		}
		g.panels[p] = append(g.panels[p], a)
	}
	if err := db.QueryRowContext(ctx, "SELECT value FROM sequences WHERE name = 'accession'").Scan(&g.accession); err != nil {
		return err
	}
	return rows.Err()
}

// Column lists of the tables seeded.
func (g *gen) newTables() {
	g.t = map[string]*table{
		"stations": newTable("stations", "id", "code", "name", "timezone", "active", "created_at", "updated_at"),
		"users": newTable("users", "id", "username", "display_name", "password_hash", "role", "station_id", "active",
			"must_change_password", "password_changed_at", "created_at", "updated_at"),
		"clients": newTable("clients", "id", "station_id", "name", "national_id_sealed", "national_id_hash", "national_id_masked",
			"birth_date", "phone", "address", "category", "lmp_date", "consent_given", "consent_text_version",
			"consent_recorded_by", "consent_recorded_at", "created_by", "created_at", "updated_at"),
		"slots": newTable("slots", "id", "station_id", "day", "start_time", "end_time", "starts_at", "day_ends_at",
			"capacity", "booked", "created_by", "created_at"),
		"appointments": newTable("appointments", "id", "client_id", "station_id", "slot_id", "status", "kind", "day",
			"category", "lmp_date", "recollection_id", "followup_id", "open_client_id", "booked_by", "booked_at",
			"checked_in_at", "collected_at", "closed_at", "cancel_reason", "updated_at"),
		"samples": newTable("samples", "id", "accession", "client_id", "appointment_id", "station_id", "panel_code", "kind",
			"status", "collected_by", "collected_at", "shipment_id", "received_by", "received_at", "rejected_by",
			"rejected_at", "reject_reason", "reject_note", "labels_printed", "updated_at", "report_version", "abnormal",
			"verified_by", "released_at"),
		"sample_events": newTable("sample_events", "sample_id", "event", "at", "actor_id", "actor_username", "detail"),
		"results": newTable("results", "sample_id", "analyte_code", "state", "version", "value", "value_text", "qualitative",
			"unit", "kit", "lot", "negative_below", "positive_from", "interpretation", "entered_by", "entered_at", "reason",
			"superseded_at"),
		"recollections": newTable("recollections", "id", "sample_id", "client_id", "station_id", "reason", "note",
			"created_by", "created_at", "appointment_id", "closed_at"),
		"followups": newTable("followups", "id", "sample_id", "client_id", "station_id", "status", "priority", "findings",
			"due_at", "assignee_id", "acknowledged_at", "reached_at", "escalated_at", "outcome", "close_note", "opened_at",
			"closed_at", "updated_at"),
		"followup_contacts": newTable("followup_contacts", "followup_id", "channel", "result", "note", "next_attempt_on",
			"at", "by_id", "by_username"),
		"followup_events": newTable("followup_events", "followup_id", "event", "detail", "at", "actor_id", "actor_username"),
		"notifications":   newTable("notifications", "user_id", "type", "followup_id", "sample_id", "message", "created_at", "read_at"),
		"audit_log": newTable("audit_log", "at", "actor_id", "actor_username", "action", "entity", "entity_id", "ip",
			"request_id", "changes"),
	}
}

// tableOrder is parent before child, so that the rows are valid at every
// commit even where foreign keys are checked.
var tableOrder = []string{"stations", "users", "clients", "slots", "appointments", "samples", "sample_events", "results",
	"recollections", "followups", "followup_contacts", "followup_events", "notifications", "audit_log"}

// flush hands the rows collected so far to the writer.
func (g *gen) flush(ctx context.Context, out chan<- *batch) error {
	b := &batch{}
	for _, name := range tableOrder {
		t := g.t[name]
		if t.rows > 0 {
			b.tables = append(b.tables, t)
			b.rows += t.rows
			g.t[name] = newTable(t.name, t.cols...)
		}
	}
	if b.rows == 0 {
		return nil
	}
	select {
	case out <- b:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *gen) id(table string) int64 {
	g.nextID[table]++
	return g.nextID[table]
}

func (g *gen) run(ctx context.Context, out chan<- *batch) error {
	g.newTables()
	g.nextID = map[string]int64{}
	g.names = map[int64]string{}
	cfg := g.cfg
	now := cfg.Now
	g.today = lab.Today(now, g.loc)
	created := now.AddDate(0, 0, -cfg.HistoryDays-30)

	for s := 1; s <= cfg.Stations; s++ {
		g.t["stations"].add(int64(s), StationCode(s), fmt.Sprintf("第%d计生服务站", s), Timezone, true, created, created)
	}
	g.sum.Stations = cfg.Stations
	user := func(name, display string, role lab.Role, station *int64) int64 {
		id := g.id("users")
		g.t["users"].add(id, name, display, g.passwordHash, string(role), station, true, false, created, created, created)
		g.names[id] = name
		g.sum.Users++
		return id
	}
	for i := 1; i <= cfg.Admins; i++ {
		g.admins = append(g.admins, user(AdminName(i), fmt.Sprintf("管理员%d", i), lab.RoleAdmin, nil))
	}
	for i := 1; i <= cfg.LabTechs; i++ {
		g.techs = append(g.techs, user(LabTechName(i), fmt.Sprintf("检验师%d", i), lab.RoleLabTech, nil))
	}
	g.nurses = make([][]int64, cfg.Stations)
	g.counselors = make([][]int64, cfg.Stations)
	for s := 1; s <= cfg.Stations; s++ {
		st := int64(s)
		for i := 1; i <= cfg.NursesPerStation; i++ {
			g.nurses[s-1] = append(g.nurses[s-1], user(NurseName(s, i), fmt.Sprintf("护士%d-%d", s, i), lab.RoleNurse, &st))
		}
		for i := 1; i <= cfg.CounselorsPerStation; i++ {
			g.counselors[s-1] = append(g.counselors[s-1], user(CounselorName(s, i), fmt.Sprintf("咨询员%d-%d", s, i), lab.RoleCounselor, &st))
		}
	}
	if err := g.flush(ctx, out); err != nil {
		return err
	}

	g.pastBooked = make([]int32, cfg.Stations*cfg.HistoryDays*len(slotTimes))
	g.futureBooked = make([]int32, cfg.Stations*cfg.FutureDays*len(slotTimes))
	for i := 0; i < cfg.Clients; i++ {
		g.client(i)
		if (i+1)%cfg.ClientsPerTx == 0 {
			g.doneClients.Store(int64(i + 1))
			if err := g.flush(ctx, out); err != nil {
				return err
			}
		}
	}
	g.doneClients.Store(int64(cfg.Clients))
	if err := g.flush(ctx, out); err != nil {
		return err
	}
	g.sum.Clients = cfg.Clients
	return g.slots(ctx, out)
}

// pastSlot returns the id of a past slot (day index d from the start of the
// history, time index t) and counts the booking in it.
func (g *gen) pastSlot(station, d, t int, counts bool) int64 {
	k := ((station-1)*g.cfg.HistoryDays+d)*len(slotTimes) + t
	if counts {
		g.pastBooked[k]++
	}
	return int64(k + 1)
}

func (g *gen) futureSlot(station, d, t int) int64 {
	k := ((station-1)*g.cfg.FutureDays+d)*len(slotTimes) + t
	g.futureBooked[k]++
	return int64(len(g.pastBooked) + k + 1)
}

func (g *gen) slotStart(day lab.Date, t int) time.Time {
	hh, _ := strconv.Atoi(slotTimes[t][:2])
	mm, _ := strconv.Atoi(slotTimes[t][3:])
	m := day.Time(g.loc)
	return time.Date(m.Year(), m.Month(), m.Day(), hh, mm, 0, 0, g.loc).UTC()
}

// slots writes every slot with the bookings counted into it.
func (g *gen) slots(ctx context.Context, out chan<- *batch) error {
	cfg := g.cfg
	first := g.today.AddDays(-cfg.HistoryDays)
	created := cfg.Now.AddDate(0, 0, -cfg.HistoryDays-30)
	emit := func(id int64, station int, day lab.Date, t int, capacity int, booked int32) error {
		end := day.AddDays(1).Time(g.loc).UTC()
		g.t["slots"].add(id, int64(station), day, slotTimes[t], "", g.slotStart(day, t), end,
			max(capacity, int(booked)), int(booked), g.nurses[station-1][0], created)
		g.sum.Slots++
		if g.t["slots"].rows >= 20000 {
			return g.flush(ctx, out)
		}
		return nil
	}
	for s := 1; s <= cfg.Stations; s++ {
		for d := 0; d < cfg.HistoryDays; d++ {
			for t := range slotTimes {
				k := ((s-1)*cfg.HistoryDays+d)*len(slotTimes) + t
				if err := emit(int64(k+1), s, first.AddDays(d), t, 20, g.pastBooked[k]); err != nil {
					return err
				}
			}
		}
		for d := 0; d < cfg.FutureDays; d++ {
			for t := range slotTimes {
				k := ((s-1)*cfg.FutureDays+d)*len(slotTimes) + t
				id := int64(len(g.pastBooked) + k + 1)
				if err := emit(id, s, g.today.AddDays(1+d), t, cfg.FutureCapacity, g.futureBooked[k]); err != nil {
					return err
				}
			}
		}
	}
	return g.flush(ctx, out)
}

var surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"}
var givenNames = []string{"秀英", "丽", "敏", "静", "芳", "娟", "艳", "霞", "玲", "燕", "婷", "雪", "欣", "悦", "琳", "晶", "佳", "颖", "倩", "蕾"}

// Regions of the seeded ID numbers (the load tool registers women with
// other codes, so that it never collides with a seeded one).
var regions = []string{"110101", "110102", "110105", "110106", "110107", "110108", "310101", "310104", "440103", "440104"}

// NationalID returns the ID number of seeded client i (from 0): unique for
// up to 45 million women, valid, female.
func NationalID(i int) string {
	const births = 9000 // days from 1980-01-01
	birth := lab.Date("1980-01-01").AddDays(i % births)
	seq := 2 * ((i / births) % 500)
	return lab.MakeNationalID(regions[(i/(births*500))%len(regions)], birth, seq)
}

func (g *gen) pick(p []float64) int {
	x := g.rng.Float64()
	for i, q := range p {
		if x < q {
			return i
		}
		x -= q
	}
	return len(p) - 1
}

func (g *gen) between(a, b time.Duration) time.Duration {
	if b <= a {
		return a
	}
	return a + time.Duration(g.rng.Int64N(int64(b-a)))
}

func (g *gen) audit(at time.Time, actor int64, action, entity, entityID string, changes any) {
	var body any
	if changes != nil {
		b, _ := json.Marshal(changes)
		body = string(b)
	}
	var who any
	if actor != 0 {
		who = actor
	}
	g.t["audit_log"].add(at, who, g.names[actor], action, entity, entityID, "10.0.0.1", "seed", body)
	g.sum.AuditRows++
}

// Journeys: where a woman stands, with their shares.
const (
	jRegistered  = iota // registered, never booked: the pool the load tool books
	jBookedAhead        // booked into a slot ahead
	jCancelled          // a past booking cancelled or missed
	jCollected          // drawn, the tube not at the lab yet
	jReceived           // at the lab, waiting for results
	jResulted           // results in, waiting for verification
	jRejected           // tube rejected, redraw requested
	jReleased           // released
)

var journeyShares = []float64{0.10, 0.03, 0.02, 0.01, 0.03, 0.01, 0.005, 0.795}

func (g *gen) client(i int) {
	cfg := g.cfg
	now := cfg.Now
	id := g.id("clients")
	station := 1 + i%cfg.Stations
	nurse := g.nurses[station-1][g.rng.IntN(len(g.nurses[station-1]))]
	journey := g.pick(journeyShares)

	// When her appointment was (journeys in the past), and so when she
	// was registered.
	var apDay lab.Date
	var apSlot int
	dayIdx := 0
	switch journey {
	case jRegistered:
	case jBookedAhead:
		dayIdx = g.rng.IntN(cfg.FutureDays)
		apDay = g.today.AddDays(1 + dayIdx)
	case jCollected:
		dayIdx = cfg.HistoryDays - 1 // yesterday
	case jReceived, jResulted:
		dayIdx = cfg.HistoryDays - 1 - g.rng.IntN(min(3, cfg.HistoryDays))
	case jRejected:
		dayIdx = cfg.HistoryDays - 1 - g.rng.IntN(min(20, cfg.HistoryDays))
	default:
		dayIdx = g.rng.IntN(max(1, cfg.HistoryDays-3))
	}
	apSlot = g.rng.IntN(len(slotTimes))
	if journey != jRegistered && journey != jBookedAhead {
		apDay = g.today.AddDays(-cfg.HistoryDays + dayIdx)
	}
	var reg time.Time
	if journey == jRegistered {
		reg = now.Add(-g.between(time.Hour, time.Duration(cfg.HistoryDays)*24*time.Hour))
	} else {
		ref := g.slotStart(apDay, apSlot)
		if journey == jBookedAhead {
			ref = now
		}
		reg = ref.Add(-g.between(time.Hour, 10*24*time.Hour))
	}
	reg = reg.Truncate(time.Microsecond)

	cat := []lab.Category{lab.Newlywed, lab.Planning, lab.Pregnant}[g.pick([]float64{0.40, 0.45, 0.15})]
	var lmp *lab.Date
	if cat == lab.Pregnant {
		ref := apDay
		if journey == jRegistered {
			ref = g.today
		}
		// 4 to 11 weeks pregnant on her appointment day (or today).
		d := ref.AddDays(-(28 + g.rng.IntN(50)))
		if journey == jRegistered || d.After(lab.DateOf(reg.In(g.loc))) {
			d = lab.DateOf(reg.In(g.loc)).AddDays(-(28 + g.rng.IntN(20)))
		}
		lmp = &d
	}
	consent := journey != jRegistered || g.rng.Float64() < 0.98
	number := NationalID(i)
	name := surnames[g.rng.IntN(len(surnames))] + givenNames[g.rng.IntN(len(givenNames))]
	phone := fmt.Sprintf("13%d%08d", 5+i%5, (i*7919+13)%100000000)
	var consentVersion string
	var consentBy, consentAt any
	if consent {
		consentVersion, consentBy, consentAt = "v1", nurse, reg
	}
	g.t["clients"].add(id, int64(station), name, g.seal.SealNationalID(number), g.seal.NationalIDHash(number),
		lab.MaskNationalID(number), lab.Date(birthOf(number)), phone, fmt.Sprintf("示范市第%d区幸福路%d号", station, 1+i%997),
		string(cat), lmp, consent, consentVersion, consentBy, consentAt, nurse, reg, reg)
	g.audit(reg, nurse, "client.register", "client", strconv.FormatInt(id, 10), map[string]any{
		"station_id": station, "national_id": lab.MaskNationalID(number), "category": cat,
		"consent_given": consent, "consent_text_version": consentVersion})
	if journey == jRegistered {
		return
	}

	// The appointment.
	apID := g.id("appointments")
	var slotID int64
	if journey == jBookedAhead {
		slotID = g.futureSlot(station, dayIdx, apSlot)
	} else {
		slotID = g.pastSlot(station, dayIdx, apSlot, journey != jCancelled)
	}
	starts := g.slotStart(apDay, apSlot)
	booked := reg.Add(g.between(time.Minute, 30*time.Minute))
	status, open := lab.Booked, any(id)
	var checkedIn, collected, closed any
	cancelReason := ""
	switch {
	case journey == jBookedAhead:
	case journey == jCancelled:
		open = nil
		if g.rng.IntN(2) == 0 {
			status, closed, cancelReason = lab.Cancelled, starts.Add(-g.between(time.Hour, 48*time.Hour)), "她要求改期"
		} else {
			status, closed = lab.NoShow, apDay.AddDays(1).Time(g.loc).UTC()
		}
	default:
		status, open = lab.Collected, nil
		ci := starts.Add(g.between(0, 30*time.Minute))
		checkedIn, collected = ci, ci.Add(g.between(5*time.Minute, 20*time.Minute))
	}
	updated := booked
	for _, t := range []any{checkedIn, collected, closed} {
		if t != nil {
			updated = t.(time.Time)
		}
	}
	g.t["appointments"].add(apID, id, int64(station), slotID, string(status), string(lab.KindScreening), apDay,
		string(cat), lmp, nil, nil, open, nurse, booked, checkedIn, collected, closed, cancelReason, updated)
	g.sum.Appointments++
	g.audit(booked, nurse, "appointment.book", "appointment", strconv.FormatInt(apID, 10), map[string]any{
		"client_id": id, "slot_id": slotID, "date": apDay, "start": slotTimes[apSlot], "kind": lab.KindScreening, "category": cat})
	if collected == nil {
		return
	}
	g.sample(id, station, apID, nurse, journey, collected.(time.Time), cat == lab.Pregnant)
}

func birthOf(number string) string {
	return number[6:10] + "-" + number[10:12] + "-" + number[12:14]
}

func (g *gen) sample(clientID int64, station int, apID, nurse int64, journey int, collectedAt time.Time, pregnant bool) {
	now := g.cfg.Now
	smID := g.id("samples")
	g.accession++
	acc, err := lab.FormatAccession(g.accession)
	if err != nil {
		panic(err)
	}
	panel := "TORCH8"
	if g.rng.Float64() < 0.3 {
		panel = "NFPCP"
	}
	tech := g.techs[g.rng.IntN(len(g.techs))]
	verifier := g.techs[(indexOf(g.techs, tech)+1+g.rng.IntN(len(g.techs)-1))%len(g.techs)]
	ev := g.t["sample_events"]
	ev.add(smID, lab.EventCollected, collectedAt, nurse, g.names[nurse], "panel "+panel)
	g.audit(collectedAt, nurse, "sample.collect", "sample", acc, map[string]any{
		"appointment_id": apID, "client_id": clientID, "panel": panel, "kind": lab.KindScreening})
	g.sum.Samples++

	status := lab.SampleCollected
	var receivedBy, receivedAt, rejectedBy, rejectedAt, verifiedBy, releasedAt any
	reason, note := "", ""
	abnormal := false
	version := 0
	recv := collectedAt.Add(g.between(2*time.Hour, 30*time.Hour))
	if recv.After(now) {
		recv = now.Add(-time.Minute)
	}
	switch journey {
	case jCollected:
	case jRejected:
		status, rejectedBy, rejectedAt = lab.SampleRejected, tech, recv
		reason = []string{"hemolyzed", "insufficient", "unlabeled", "mislabeled", "other"}[g.pick([]float64{0.5, 0.3, 0.05, 0.05, 0.1})]
		ev.add(smID, lab.EventRejected, recv, tech, g.names[tech], reason)
		g.t["recollections"].add(g.id("recollections"), smID, clientID, int64(station), reason, "", tech, recv, nil, nil)
		g.audit(recv, tech, "sample.reject", "sample", acc, map[string]any{"reason": reason})
	default:
		status, receivedBy, receivedAt = lab.SampleReceived, tech, recv
		ev.add(smID, lab.EventReceived, recv, tech, g.names[tech], "")
	}
	updated := collectedAt
	if journey == jResulted || journey == jReleased {
		entered := recv.Add(g.between(time.Hour, 20*time.Hour))
		release := entered.Add(g.between(30*time.Minute, 6*time.Hour))
		if journey == jResulted || release.After(now) {
			journey, entered = jResulted, minTime(entered, now.Add(-time.Minute))
		}
		state := lab.ResultEntered
		if journey == jReleased {
			state = lab.ResultReleased
			status, verifiedBy, releasedAt, version = lab.SampleReleased, verifier, release, 1
			updated = release
		} else {
			status = lab.SampleResulted
			updated = entered
		}
		interp := map[string]lab.Interpretation{}
		for _, a := range g.panels[panel] {
			k := g.kits[a]
			v, in := g.value(a, k)
			interp[a] = in
			text := strconv.FormatFloat(v, 'f', 2, 64)
			lo, hi := k.lo, k.hi
			g.t["results"].add(smID, a, state, 1, v, text, "", k.unit, k.name, "L"+acc[:4], lo, hi, string(in), tech, entered, "", nil)
			g.sum.Results++
		}
		ev.add(smID, "results_entered", entered, tech, g.names[tech], joinCodes(g.panels[panel]))
		if journey == jReleased {
			findings, ab := lab.Interpret(interp, pregnant, g.settings.RubellaDeferralDays)
			abnormal = ab
			ev.add(smID, "released", release, verifier, g.names[verifier], "report version 1")
			g.audit(release, verifier, "sample.release", "sample", acc, map[string]any{"version": 1, "abnormal": ab})
			if ab {
				g.followup(smID, clientID, station, acc, release, findings)
			}
		}
	} else if receivedAt != nil {
		updated = recv
	} else if rejectedAt != nil {
		updated = recv
	}
	g.t["samples"].add(smID, acc, clientID, apID, int64(station), panel, string(lab.KindScreening), string(status),
		nurse, collectedAt, nil, receivedBy, receivedAt, rejectedBy, rejectedAt, reason, note, 1, updated, version,
		abnormal, verifiedBy, releasedAt)
}

func indexOf(xs []int64, x int64) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return 0
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func joinCodes(cs []string) string {
	out := ""
	for i, c := range cs {
		if i > 0 {
			out += ", "
		}
		out += c
	}
	return out
}

// value draws a reading of the analyte at its positivity and returns it
// with the interpretation the kit gives it (lab.Judge, as the service does).
func (g *gen) value(analyte string, k kit) (float64, lab.Interpretation) {
	p := positivity[analyte]
	x := g.rng.Float64()
	var v float64
	switch {
	case x < p.pos:
		v = k.hi * (1.05 + 4*g.rng.Float64())
	case x < p.pos+p.eq && k.lo < k.hi:
		v = k.lo + (k.hi-k.lo)*g.rng.Float64()
	default:
		v = k.lo * 0.9 * g.rng.Float64()
	}
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return v, lab.Judge(v, k.lo, k.hi)
}

var outcomes = []string{"counseled", "vaccination_advised", "referred", "retest_normal", "declined", "other", "lost_to_follow_up"}
var outcomeShares = []float64{0.45, 0.30, 0.08, 0.05, 0.04, 0.03, 0.05}

// followup opens the case of an abnormal release and lets it run to where
// a case of its age would stand: open, in progress, overdue (escalated), or
// closed with each outcome.
func (g *gen) followup(smID, clientID int64, station int, acc string, opened time.Time, all []lab.Finding) {
	now := g.cfg.Now
	var findings []lab.Finding
	var codes []string
	for _, f := range all {
		if f.Abnormal {
			findings = append(findings, f)
			codes = append(codes, f.Code)
		}
	}
	prio := lab.HighestPriority(findings)
	hours := g.settings.DueHoursRoutine
	switch prio {
	case lab.Urgent:
		hours = g.settings.DueHoursUrgent
	case lab.High:
		hours = g.settings.DueHoursHigh
	}
	due := opened.Add(time.Duration(hours) * time.Hour)
	id := g.id("followups")
	cs := g.counselors[station-1]
	who := cs[int(id)%len(cs)]
	body, _ := json.Marshal(findings)
	ids := strconv.FormatInt(id, 10)
	evs, contacts := g.t["followup_events"], g.t["followup_contacts"]
	evs.add(id, "opened", fmt.Sprintf("%s, due %s: %s", prio, due.Format(time.RFC3339), joinCodes(codes)), opened, nil, "")
	evs.add(id, "assigned", fmt.Sprintf("to user %d", who), opened, nil, "")
	g.audit(opened, 0, "followup.open", "followup", ids, map[string]any{"sample": acc, "priority": prio, "due_at": due, "findings": codes})

	status := lab.CaseOpen
	var ack, reached, escalated, closed any
	outcome := ""
	updated := opened
	contact := func(at time.Time, result string) {
		if at.After(now) {
			at = now.Add(-2 * time.Minute)
		}
		contacts.add(id, "phone", result, "", nil, at, who, g.names[who])
		evs.add(id, "contact", "phone: "+result, at, who, g.names[who])
		updated = at
	}
	overdueNow := now.After(due)
	x := g.rng.Float64()
	switch {
	case !overdueNow && x < 0.5:
		// Open, maybe seen.
		if g.rng.IntN(2) == 0 {
			ack = opened.Add(g.between(time.Minute, min(now.Sub(opened), 4*time.Hour)))
		}
	case !overdueNow:
		status = lab.CaseInProgress
		at := opened.Add(g.between(time.Minute, now.Sub(opened)))
		ack = at
		if g.rng.IntN(2) == 0 {
			contact(at, "reached")
			reached = at
		} else {
			contact(at, "no_answer")
		}
	case x < 0.07:
		// Overdue: nobody reached, escalated once by the job.
		status = lab.CaseInProgress
		if g.rng.IntN(2) == 0 {
			status = lab.CaseOpen
		} else {
			contact(opened.Add(g.between(time.Hour, due.Sub(opened))), "no_answer")
		}
		esc := due.Add(5 * time.Minute)
		if esc.Before(now) {
			escalated = esc
			evs.add(id, "escalated", "overdue by 5m0s", esc, nil, "")
			for _, a := range g.admins {
				g.t["notifications"].add(a, string(lab.NotifyOverdue), id, smID,
					fmt.Sprintf("a %s case is overdue by 5m0s with nobody reached", prio), esc, nil)
			}
		}
	case x < 0.12:
		status = lab.CaseInProgress
		at := opened.Add(g.between(time.Hour, due.Sub(opened)))
		ack = at
		contact(at, "reached")
		reached = at
	default:
		status = lab.CaseClosed
		outcome = outcomes[g.pick(outcomeShares)]
		at := opened.Add(g.between(time.Hour, due.Sub(opened)/2))
		ack = at
		if outcome == "lost_to_follow_up" {
			for k := 0; k < 3; k++ {
				contact(at.Add(time.Duration(k)*26*time.Hour), []string{"no_answer", "wrong_number"}[g.rng.IntN(2)])
			}
			at = at.Add(2*26*time.Hour + time.Hour)
		} else {
			for k := g.rng.IntN(3); k > 0; k-- {
				contact(at, "no_answer")
				at = at.Add(g.between(2*time.Hour, 20*time.Hour))
			}
			contact(at, "reached")
			reached = at
		}
		c := at.Add(g.between(10*time.Minute, 48*time.Hour))
		if c.After(now) {
			c = now.Add(-time.Minute)
		}
		closed, updated = c, c
		evs.add(id, "closed", outcome, c, who, g.names[who])
		g.audit(c, who, "followup.close", "followup", ids, map[string]any{"outcome": outcome})
	}
	var read any
	if status != lab.CaseOpen {
		read = updated
	}
	g.t["notifications"].add(who, string(lab.NotifyAssigned), id, smID,
		fmt.Sprintf("a new %s follow-up case, due %s", prio, due.Format(time.RFC3339)), opened, read)
	g.t["followups"].add(id, smID, clientID, int64(station), string(status), string(prio), string(body), due, who,
		ack, reached, escalated, outcome, "", opened, closed, updated)
	g.sum.Followups++
}
