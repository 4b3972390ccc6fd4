package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"torchlab/lab"
	"torchlab/migrations"
)

// bareDB issues the booking and result-entry transactions straight through
// database/sql, on the server's own database and with the same driver
// settings (lab.OpenDatabase), at the same concurrency: the cost of the
// database work alone, to compare the API with.
type bareDB struct {
	db      *sql.DB
	dialect migrations.Dialect
	forUpd  string
	kits    map[string][2]float64
	kitName map[string][2]string

	// Shared pools: women never booked (with their station), and tubes
	// waiting for results. Each phase takes from the start; after it the
	// runner gives back what it used, so every phase starts alike.
	clients []poolClient
	samples []sampleRef
	next    atomic.Int64
}

type poolClient struct {
	id, station int64
	category    string
}

func openBare(url string, concurrency int) (*bareDB, error) {
	db, err := lab.OpenDatabase(url, lab.PoolOptions{MaxOpen: concurrency, MaxIdle: concurrency, MaxLifetime: 3 * time.Minute})
	if err != nil {
		return nil, fmt.Errorf("--bare-dsn: %w", err)
	}
	b := &bareDB{db: db.SQL, dialect: db.Dialect, kits: map[string][2]float64{}, kitName: map[string][2]string{}}
	if db.Dialect == migrations.MySQL {
		b.forUpd = " FOR UPDATE"
	}
	rows, err := b.db.Query("SELECT analyte_code, kit, unit, negative_below, positive_from FROM kits ORDER BY effective_from, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a, kit, unit string
		var lo, hi float64
		if err := rows.Scan(&a, &kit, &unit, &lo, &hi); err != nil {
			return nil, err
		}
		b.kits[a], b.kitName[a] = [2]float64{lo, hi}, [2]string{kit, unit}
	}
	return b, rows.Err()
}

// pools reads the women never booked (not pregnant, with consent) and the
// tubes waiting at the bench, of the stations the run signs in to.
func (b *bareDB) pools(ctx context.Context, r *runner) error {
	ids := make([]string, len(r.stations))
	for i, st := range r.stations {
		ids[i] = fmt.Sprint(st.id)
	}
	in := strings.Join(ids, ",")
	rows, err := b.db.QueryContext(ctx, `SELECT c.id, c.station_id, c.category FROM clients c
		WHERE c.station_id IN (`+in+`) AND c.consent_given = ? AND c.category <> 'pregnant'
		AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = c.id AND a.status NOT IN ('cancelled', 'no_show'))
		ORDER BY c.id`, true)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c poolClient
		if err := rows.Scan(&c.id, &c.station, &c.category); err != nil {
			rows.Close()
			return err
		}
		b.clients = append(b.clients, c)
	}
	rows.Close()
	rows, err = b.db.QueryContext(ctx, `SELECT s.id, s.accession, s.panel_code FROM samples s
		WHERE s.status = 'received' AND s.station_id IN (`+in+`)
		AND NOT EXISTS (SELECT 1 FROM results r WHERE r.sample_id = s.id) ORDER BY s.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s sampleRef
		if err := rows.Scan(&s.id, &s.acc, &s.panel); err != nil {
			return err
		}
		b.samples = append(b.samples, s)
	}
	fmt.Fprintf(r.stderr, "pools: %d women never booked, %d tubes waiting for results\n", len(b.clients), len(b.samples))
	return rows.Err()
}

// take returns the next pool index, or false when the pool is used up.
func (b *bareDB) take(n int) (int, bool) {
	i := int(b.next.Add(1) - 1)
	return i, i < n
}

// bookTx is the booking transaction alone: lock the slot row, check its
// capacity, insert the appointment, count the place, write the audit row.
func (b *bareDB) bookTx(ctx context.Context, c poolClient, slotID, actor int64) (int64, string, error) {
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, "", err
	}
	defer tx.Rollback()
	var capacity, booked int
	var day lab.Date
	if err := tx.QueryRowContext(ctx, "SELECT capacity, booked, day FROM slots WHERE id = ?"+b.forUpd, slotID).Scan(&capacity, &booked, &day); err != nil {
		return 0, "", err
	}
	if booked >= capacity {
		return 0, string(lab.CodeSlotFull), nil
	}
	now := lab.SystemClock()
	res, err := tx.ExecContext(ctx, `INSERT INTO appointments (client_id, station_id, slot_id, status, kind, day, category,
		open_client_id, booked_by, booked_at, cancel_reason, updated_at) VALUES (?, ?, ?, 'booked', 'screening', ?, ?, ?, ?, ?, '', ?)`,
		c.id, c.station, slotID, day, c.category, c.id, actor, now, now)
	if err != nil {
		return 0, "", err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, "", err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE slots SET booked = booked + 1 WHERE id = ?", slotID); err != nil {
		return 0, "", err
	}
	if err := b.audit(ctx, tx, now, actor, "appointment.book", "appointment", fmt.Sprint(id),
		fmt.Sprintf(`{"client_id":%d,"slot_id":%d,"date":"%s","kind":"screening","category":"%s"}`, c.id, slotID, day, c.category)); err != nil {
		return 0, "", err
	}
	return id, "", tx.Commit()
}

func (b *bareDB) audit(ctx context.Context, tx *sql.Tx, at time.Time, actor int64, action, entity, id, changes string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor_username, action, entity, entity_id, ip, request_id, changes)
		VALUES (?, ?, 'bare', ?, ?, ?, '127.0.0.1', 'bare', ?)`, at, actor, action, entity, id, changes)
	return err
}

// resultsTx is result entry's database work: lock the sample, supersede
// earlier entries, insert the judged results in one statement, count the
// panel, move the sample, write the custody event and the audit row.
func (b *bareDB) resultsTx(ctx context.Context, s sampleRef, values map[string]string, actor int64) (string, error) {
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var id int64
	var status string
	var version int
	if err := tx.QueryRowContext(ctx, "SELECT id, status, report_version FROM samples WHERE accession = ?"+b.forUpd, s.acc).Scan(&id, &status, &version); err != nil {
		return "", err
	}
	if status != "received" && status != "resulted" {
		return string(lab.CodeSampleNotReady), nil
	}
	panel := torch8
	if s.panel == "NFPCP" {
		panel = nfpcp
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(panel)), ",")
	args := []any{id}
	for _, a := range panel {
		args = append(args, a)
	}
	var old []int64
	rows, err := tx.QueryContext(ctx, "SELECT id FROM results WHERE sample_id = ? AND state = 'entered' AND analyte_code IN ("+marks+")", args...)
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var x int64
		rows.Scan(&x)
		old = append(old, x)
	}
	rows.Close()
	now := lab.SystemClock()
	if len(old) > 0 {
		for _, x := range old {
			if _, err := tx.ExecContext(ctx, "UPDATE results SET state = 'superseded', superseded_at = ? WHERE id = ?", now, x); err != nil {
				return "", err
			}
		}
	}
	var sb strings.Builder
	sb.WriteString(`INSERT INTO results (sample_id, analyte_code, state, version, value, value_text, qualitative, unit, kit, lot,
		negative_below, positive_from, interpretation, entered_by, entered_at, reason) VALUES `)
	var vals []any
	for i, a := range panel {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("(?, ?, 'entered', ?, ?, ?, '', ?, ?, '', ?, ?, ?, ?, ?, '')")
		var v float64
		fmt.Sscan(values[a], &v)
		k, n := b.kits[a], b.kitName[a]
		vals = append(vals, id, a, version+1, v, values[a], n[1], n[0], k[0], k[1], string(lab.Judge(v, k[0], k[1])), actor, now)
	}
	if _, err := tx.ExecContext(ctx, sb.String(), vals...); err != nil {
		return "", err
	}
	var have int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(DISTINCT analyte_code) FROM results WHERE sample_id = ? AND state = 'entered' AND analyte_code IN ("+marks+")", args...).Scan(&have); err != nil {
		return "", err
	}
	if have == len(panel) {
		if _, err := tx.ExecContext(ctx, "UPDATE samples SET status = 'resulted', updated_at = ? WHERE id = ?", now, id); err != nil {
			return "", err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sample_events (sample_id, event, at, actor_id, actor_username, detail)
		VALUES (?, 'results_entered', ?, ?, 'bare', ?)`, id, now, actor, strings.Join(panel, ", ")); err != nil {
		return "", err
	}
	if err := b.audit(ctx, tx, now, actor, "results.enter", "sample", s.acc, `{"status":"resulted"}`); err != nil {
		return "", err
	}
	return "", tx.Commit()
}
