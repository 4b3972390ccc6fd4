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
// and foreign-key checks off on that connection while seeding.
//
// cmd/torchlab-load seeds with it; Go benchmarks elsewhere can too.
package loadgen

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
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
	Pregnancies, Outcomes, Vaccinations                    int64
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
		prng:     rand.New(rand.NewPCG(cfg.Seed, 0x7072656720)),
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
	restore, err := fastConnection(ctx, conn, db.Dialect)
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
	// The lots seeded are reference data: a torchlab process already
	// running reads them again (lab/reference_cache.go).
	if _, err := conn.ExecContext(ctx, "UPDATE reference_version SET version = version + 1"); err != nil {
		return nil, err
	}
	if err := analyze(ctx, conn, db.Dialect); err != nil {
		return nil, err
	}
	g.sum.Rows = w.rows
	g.sum.Elapsed = time.Since(start)
	return g.sum, nil
}

// analyze refreshes the optimizer's statistics of every table, as after
// any bulk load. Without it, MariaDB planned the first statistics of a
// freshly seeded million as a scan of all 5.7 million results per chunk of
// samples (12 minutes instead of one); the same seed once analyzed, or a
// database grown row by row, plans an index range.
func analyze(ctx context.Context, conn *sql.Conn, d migrations.Dialect) error {
	if d == migrations.SQLite {
		_, err := conn.ExecContext(ctx, "ANALYZE")
		return err
	}
	_, err := conn.ExecContext(ctx, "ANALYZE TABLE "+strings.Join(tableOrder, ", "))
	return err
}

// fastConnection turns off what slows a bulk load for this connection only,
// and returns how to turn it back on.
func fastConnection(ctx context.Context, conn *sql.Conn, d migrations.Dialect) (func(), error) {
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
	if _, err := conn.ExecContext(ctx, "SET foreign_key_checks = 0, unique_checks = 0"); err != nil {
		return nil, err
	}
	return func() {
		conn.ExecContext(context.Background(), "SET foreign_key_checks = 1, unique_checks = 1")
	}, nil
}

type gen struct {
	cfg  Config
	seal *lab.PersonalDataSealer
	loc  *time.Location
	rng  *rand.Rand
	// prng draws the pregnancies and vaccinations (pregnancy.go) apart
	// from rng, so that the rest of the seed is as it was without them.
	prng         *rand.Rand
	settings     lab.Settings
	sum          *Summary
	passwordHash string
	kits         map[string]kit
	lots         map[string]string // analyte → the lot seeded in use
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
	if err := rows.Err(); err != nil {
		return err
	}
	if err := g.loadLotsInUse(ctx, db); err != nil {
		return err
	}
	return db.QueryRowContext(ctx, "SELECT value FROM sequences WHERE name = 'accession'").Scan(&g.accession)
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
		"client_terms": newTable("client_terms", "station_id", "field", "term", "client_id"),
		"slots": newTable("slots", "id", "station_id", "day", "start_time", "end_time", "starts_at", "day_ends_at",
			"capacity", "booked", "created_by", "created_at"),
		"appointments": newTable("appointments", "id", "client_id", "station_id", "slot_id", "status", "kind", "day",
			"category", "lmp_date", "recollection_id", "followup_id", "open_client_id", "booked_by", "booked_at",
			"checked_in_at", "collected_at", "closed_at", "cancel_reason", "updated_at"),
		"samples": newTable("samples", "id", "accession", "client_id", "appointment_id", "station_id", "panel_code", "kind",
			"status", "collected_by", "collected_at", "shipment_id", "received_by", "received_at", "rejected_by",
			"rejected_at", "reject_reason", "reject_note", "labels_printed", "updated_at", "report_version", "abnormal",
			"verified_by", "released_at", "first_released_at"),
		"sample_events": newTable("sample_events", "sample_id", "event", "at", "actor_id", "actor_username", "detail"),
		"results": newTable("results", "sample_id", "analyte_code", "state", "version", "value", "value_text", "qualitative",
			"unit", "kit", "lot", "negative_below", "positive_from", "interpretation", "entered_by", "entered_at", "reason",
			"superseded_at"),
		"recollections": newTable("recollections", "id", "sample_id", "client_id", "station_id", "reason", "note",
			"created_by", "created_at", "appointment_id", "closed_at"),
		"followups": newTable("followups", "id", "sample_id", "sample_accession", "client_id", "station_id", "status", "priority", "findings",
			"due_at", "assignee_id", "acknowledged_at", "reached_at", "escalated_at", "outcome", "close_note", "opened_at",
			"closed_at", "updated_at", "last_contact_at", "last_contact_channel", "last_contact_result",
			"open_client_id", "next_action_kind", "next_action_due_on", "first_due_at"),
		"followup_samples": newTable("followup_samples", "followup_id", "sample_id", "added_at"),
		"pregnancies": newTable("pregnancies", "id", "client_id", "station_id", "open_client_id", "lmp_date", "edd", "source",
			"recorded_at", "recorded_by", "early_due_on", "early_contacted_at", "outcome_from", "outcome_due_on", "outcome",
			"outcome_on", "gestation_weeks", "birth_weight_g", "defects", "outcome_recorded_at", "outcome_recorded_by", "updated_at"),
		"pregnancy_contacts": newTable("pregnancy_contacts", "pregnancy_id", "task", "channel", "result", "note", "at", "by_id"),
		"vaccinations": newTable("vaccinations", "client_id", "vaccine", "given_on", "pregnancy_excluded", "deferral_days", "note",
			"recorded_at", "recorded_by"),
		"followup_contacts": newTable("followup_contacts", "followup_id", "channel", "result", "note", "next_attempt_on",
			"at", "by_id", "by_username"),
		"followup_events": newTable("followup_events", "followup_id", "event", "detail", "at", "actor_id", "actor_username"),
		"notifications":   newTable("notifications", "user_id", "type", "followup_id", "sample_id", "message", "created_at", "read_at"),
		"reagent_lots":    newTable("reagent_lots", "id", "analyte_code", "kit", "lot", "expires_on", "received_on", "created_by", "created_at"),
		"lots_in_use":     newTable("lots_in_use", "analyte_code", "lot_id", "since", "set_by"),
		"audit_log": newTable("audit_log", "at", "actor_id", "actor_username", "action", "entity", "entity_id", "ip",
			"request_id", "changes"),
	}
}

// tableOrder is parent before child, so that the rows are valid at every
// commit even where foreign keys are checked.
var tableOrder = []string{"reagent_lots", "lots_in_use", "stations", "users", "clients", "client_terms", "slots", "appointments", "samples", "sample_events", "results",
	"recollections", "followups", "followup_samples", "followup_contacts", "followup_events", "notifications",
	"pregnancies", "pregnancy_contacts", "vaccinations", "audit_log"}

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
	g.seedLots(created)
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
