package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-sql-driver/mysql"

	"torchlab/lab"
	"torchlab/migrations"
)

// The yardstick: the least a booking can cost with the same checks and
// the same rows as the API's, to hold the API's CPU per booking against
// (docs/performance.md). It is plain net/http; the session is a look-up
// in a map held in memory; and the whole booking (her station, consent,
// gestation and screenings that year, no open appointment, the slot's
// station, start, closure and capacity; then the place taken, the
// appointment and its audit row) is one round trip on MySQL: a
// multi-statement query whose writes are conditional on the checks, done
// in the database, with the COMMIT. What the API does beyond it
// (sessions in the database, a router, validation, answers in full, two
// round trips) is what the ratio API ÷ yardstick measures.
//
// It runs as a process of its own (`torchlab-load yardstick`, process.go),
// as torchlab does, so that its CPU is counted as the server's.

// yardstickActor is a signed-in nurse as the yardstick knows her.
type yardstickActor struct {
	UserID    int64  `json:"user_id"`
	Username  string `json:"username"`
	StationID int64  `json:"station_id"`
}

// yardstickSession hands the yardstick one session: the token the API
// gave her, and who she is.
type yardstickSession struct {
	Token string `json:"token"`
	yardstickActor
}

// yardstickBooking is a booking request, as the API's: her and a slot.
type yardstickBooking struct {
	ClientID int64 `json:"client_id"`
	SlotID   int64 `json:"slot_id"`
}

// yardstick serves POST /sessions (the run hands it its nurses' tokens)
// and POST /book.
type yardstick struct {
	b        *bareDB
	mu       sync.RWMutex
	sessions map[string]yardstickActor
	requests atomic.Int64
	book     string // the booking's one query (MySQL)
	defaults lab.Settings
}

func newYardstick(b *bareDB) *yardstick {
	y := &yardstick{b: b, sessions: map[string]yardstickActor{}, defaults: lab.DefaultSettings()}
	y.book = y.bookingQuery()
	return y
}

func (y *yardstick) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /sessions", func(w http.ResponseWriter, r *http.Request) {
		var in []yardstickSession
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			yardstickError(w, http.StatusBadRequest, "bad_request")
			return
		}
		y.mu.Lock()
		for _, s := range in {
			y.sessions[s.Token] = s.yardstickActor
		}
		y.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /book", y.serveBook)
	return mux
}

func yardstickError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"code":%q}`, code)
}

func (y *yardstick) serveBook(w http.ResponseWriter, r *http.Request) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	y.mu.RLock()
	a, ok := y.sessions[token]
	y.mu.RUnlock()
	if !ok {
		yardstickError(w, http.StatusUnauthorized, "unauthenticated")
		return
	}
	var in yardstickBooking
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.ClientID <= 0 || in.SlotID <= 0 {
		yardstickError(w, http.StatusBadRequest, "validation")
		return
	}
	requestID := strconv.FormatInt(y.requests.Add(1), 36)
	ip, _, _ := strings.Cut(r.RemoteAddr, ":")
	var id int64
	err := lab.RetryLockConflicts(func() (err error) {
		id, err = y.bookOnce(r.Context(), a, in, ip, requestID)
		return err
	})
	switch {
	case err != nil && r.Context().Err() != nil:
		// The client went away: the load tool ends a phase by cancelling
		// the requests in flight, which is not the yardstick's failure.
		yardstickError(w, http.StatusServiceUnavailable, "cancelled")
	case err != nil:
		fmt.Fprintln(os.Stderr, "yardstick: booking:", err)
		yardstickError(w, http.StatusInternalServerError, "internal")
	case id == 0:
		// Which check refused is not told: the yardstick measures the
		// booking that goes through.
		yardstickError(w, http.StatusUnprocessableEntity, "refused")
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"id":%d}`, id)
	}
}

// The booking's statements; the arguments of each are in bookQuery and
// bookEach.

// takePlaceChecked takes a place in the slot only if every check holds,
// read in the same statement: the slot open, not started and not full,
// at her station, which is the nurse's; her consent, gestation and
// screenings that year as the settings say (lab.eligibilityRefusals);
// no open appointment of hers.
func (y *yardstick) takePlaceChecked() string {
	gestation := "DATEDIFF(slots.day, c.lmp_date)"
	year := "YEAR(a.day) = YEAR(slots.day)"
	if y.b.dialect == migrations.SQLite {
		gestation = "CAST(julianday(substr(slots.day, 1, 10)) - julianday(substr(c.lmp_date, 1, 10)) AS INTEGER)"
		year = "substr(a.day, 1, 4) = substr(slots.day, 1, 4)"
	}
	setting := func(name string, def int) string {
		return fmt.Sprintf("COALESCE((SELECT value + 0 FROM settings WHERE name = '%s'), %d)", name, def)
	}
	return `UPDATE slots SET booked = booked + 1
		WHERE id = ? AND booked < capacity AND closed = 0 AND starts_at > ?
		AND EXISTS (SELECT 1 FROM clients c WHERE c.id = ? AND c.station_id = slots.station_id AND c.station_id = ?
			AND c.consent_given = 1
			AND (c.category <> 'pregnant' OR c.lmp_date IS NULL OR ` + gestation + ` <= ` + setting("max_gestation_days", y.defaults.MaxGestationDays) + `)
			AND NOT EXISTS (SELECT 1 FROM appointments o WHERE o.open_client_id = c.id)
			AND (SELECT COUNT(*) FROM appointments a WHERE a.client_id = c.id AND ` + year + `
				AND a.status NOT IN ('cancelled', 'no_show')) < ` + setting("screenings_per_year", y.defaults.ScreeningsPerYear) + `)`
}

// insertAppointment writes the appointment from her row and the slot's,
// as the API writes it, on SQLite (bookEach); where is the condition of
// its being written.
func insertAppointment(where string) string {
	return `INSERT INTO appointments (client_id, station_id, slot_id, status, kind, day, category, lmp_date, recollection_id,
		followup_id, open_client_id, booked_by, booked_at, checked_in_at, collected_at, closed_at, cancel_reason, updated_at)
		SELECT c.id, c.station_id, s.id, 'booked', 'screening', s.day, c.category, c.lmp_date, NULL,
		NULL, c.id, ?, ?, NULL, NULL, NULL, '', ?
		FROM clients c JOIN slots s ON s.id = ? WHERE c.id = ? AND ` + where
}

// insertAudit writes the booking's audit row, the API's changes in the
// same JSON, on SQLite (bookEach); id is the appointment's id as SQL,
// where the condition.
func insertAudit(id, where string) string {
	return `INSERT INTO audit_log (at, actor_id, actor_username, action, entity, entity_id, ip, request_id, changes)
		SELECT ?, ?, ?, 'appointment.book', 'appointment', ` + id + `, ?, ?,
		'{"category":"' || c.category || '","client_id":' || c.id || ',"date":"' || substr(s.day, 1, 10) ||
		'","kind":"screening","slot_id":' || s.id || ',"start":"' || s.start_time || '"}'
		FROM clients c JOIN slots s ON s.id = ? WHERE c.id = ? AND ` + where
}

// bookingQuery is the whole booking as one MySQL query: the transaction,
// the checked place, her row and the slot's read into variables, the two
// rows, the COMMIT, and the appointment's id. The rows go in with VALUES,
// not INSERT … SELECT, which takes the table's AUTO-INC lock for the whole
// statement (innodb_autoinc_lock_mode 1, the default) and deadlocks
// concurrent bookings on it (error 1467). A refused check leaves the
// variables NULL, and the appointment's NOT NULL station refuses the row
// (error 1048), ending the query before its COMMIT. The transaction reads
// committed rows: at REPEATABLE READ the checks' subqueries in the UPDATE
// took gap locks on her appointments' indexes, into which the next woman's
// booking then inserted, and concurrent bookings deadlocked (330 in 12 s
// at concurrency 32). Her one open booking is still the unique index's
// to hold, as it is the API's.
func (y *yardstick) bookingQuery() string {
	return strings.Join([]string{
		"SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
		"START TRANSACTION",
		y.takePlaceChecked(),
		"SET @yardstick_ok = ROW_COUNT(), @yardstick_station = NULL, @yardstick_day = NULL, @yardstick_cat = NULL, @yardstick_lmp = NULL, @yardstick_start = NULL",
		`SELECT c.station_id, s.day, c.category, c.lmp_date, s.start_time
			INTO @yardstick_station, @yardstick_day, @yardstick_cat, @yardstick_lmp, @yardstick_start
			FROM clients c JOIN slots s ON s.id = ? WHERE c.id = ? AND @yardstick_ok = 1`,
		`INSERT INTO appointments (client_id, station_id, slot_id, status, kind, day, category, lmp_date, recollection_id,
			followup_id, open_client_id, booked_by, booked_at, checked_in_at, collected_at, closed_at, cancel_reason, updated_at)
			VALUES (?, @yardstick_station, ?, 'booked', 'screening', @yardstick_day, @yardstick_cat, @yardstick_lmp, NULL,
			NULL, ?, ?, ?, NULL, NULL, NULL, '', ?)`,
		"SET @yardstick_id = LAST_INSERT_ID()",
		`INSERT INTO audit_log (at, actor_id, actor_username, action, entity, entity_id, ip, request_id, changes)
			VALUES (?, ?, ?, 'appointment.book', 'appointment', @yardstick_id, ?, ?,
			CONCAT('{"category":"', @yardstick_cat, '","client_id":', ?, ',"date":"', @yardstick_day,
				'","kind":"screening","slot_id":', ?, ',"start":"', @yardstick_start, '"}'))`,
		"COMMIT",
		"SELECT @yardstick_id",
	}, ";\n")
}

// bookOnce books in one round trip on MySQL and returns the appointment's
// id, 0 when a check refused it. SQLite takes no multi-statement query:
// there the same statements run one by one in a transaction.
func (y *yardstick) bookOnce(ctx context.Context, a yardstickActor, in yardstickBooking, ip, requestID string) (int64, error) {
	now := lab.SystemClock()
	if y.b.dialect == migrations.SQLite {
		return y.bookEach(ctx, a, in, now, ip, requestID)
	}
	conn, err := y.b.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	id, err := y.bookQuery(ctx, conn, a, in, now, ip, requestID)
	if err != nil {
		// A statement that failed ends the query before its COMMIT; a
		// deadlock has rolled back already, a refusal has not.
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	}
	if my, ok := errors.AsType[*mysql.MySQLError](err); ok && my.Number == 1048 {
		return 0, nil // refused (bookingQuery)
	}
	return id, err
}

func (y *yardstick) bookQuery(ctx context.Context, conn *sql.Conn, a yardstickActor, in yardstickBooking, now time.Time, ip, requestID string) (int64, error) {
	rows, err := conn.QueryContext(ctx, y.book,
		in.SlotID, now, in.ClientID, a.StationID,
		in.SlotID, in.ClientID,
		in.ClientID, in.SlotID, in.ClientID, a.UserID, now, now,
		now, a.UserID, a.Username, ip, requestID, in.ClientID, in.SlotID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var id int64
	for {
		for rows.Next() {
			if err := rows.Scan(&id); err != nil {
				return 0, err
			}
		}
		if !rows.NextResultSet() {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return id, rows.Close()
}

func (y *yardstick) bookEach(ctx context.Context, a yardstickActor, in yardstickBooking, now time.Time, ip, requestID string) (int64, error) {
	tx, err := y.b.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, y.takePlaceChecked(), in.SlotID, now, in.ClientID, a.StationID)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return 0, err
	}
	res, err = tx.ExecContext(ctx, insertAppointment("1 = 1"), a.UserID, now, now, in.SlotID, in.ClientID)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, insertAudit("'"+strconv.FormatInt(id, 10)+"'", "1 = 1"),
		now, a.UserID, a.Username, ip, requestID, in.SlotID, in.ClientID); err != nil {
		return 0, err
	}
	return id, tx.Commit()
}
