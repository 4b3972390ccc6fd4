package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"torchlab/migrations"
)

// giveBack undoes a phase's work so that the next phase, and the next run,
// start from the same pools: the bookings made for the women it took from
// the pool are removed and the places recounted; the tubes it took have
// their results and result events removed and wait again. Audit rows stay.
// Removing rather than cancelling matters: cancelled bookings piled up on
// the same women run after run, and each later booking read more of her
// history (the API's booking counts her year; the bare one does not). It
// goes by what the phase took, not by what answered: a request cut off at
// the end of a phase may still have been done by the server.
func (b *bareDB) giveBack(ctx context.Context, clients, samples int, slots []int64) error {
	// Requests cut off at the end of the phase may still be running in the
	// server: let them finish, and retry a statement that meets one.
	time.Sleep(time.Second)
	exec := func(query string, args ...any) error {
		var err error
		for attempt := 0; attempt < 10; attempt++ {
			if _, err = b.db.ExecContext(ctx, query, args...); err == nil {
				return nil
			}
			time.Sleep(200 * time.Millisecond)
		}
		return fmt.Errorf("giving back the pools: %w", err)
	}
	var ids []int64
	for _, c := range b.clients[:min(clients, len(b.clients))] {
		ids = append(ids, c.id)
	}
	for _, chunk := range chunk64(ids, 500) {
		// The pool's women had no open booking when it was read.
		if err := exec("DELETE FROM appointments WHERE status = 'booked' AND client_id IN (" + join64(chunk) + ")"); err != nil {
			return err
		}
	}
	for _, chunk := range chunk64(slots, 500) {
		if err := exec(`UPDATE slots SET booked = (SELECT COUNT(*) FROM appointments a WHERE a.slot_id = slots.id
			AND a.status IN ('booked', 'checked_in', 'collected')) WHERE id IN (` + join64(chunk) + ")"); err != nil {
			return err
		}
	}
	ids = ids[:0]
	for _, s := range b.samples[:min(samples, len(b.samples))] {
		ids = append(ids, s.id)
	}
	for _, chunk := range chunk64(ids, 500) {
		if err := exec("DELETE FROM results WHERE sample_id IN (" + join64(chunk) + ")"); err != nil {
			return err
		}
		if err := exec("DELETE FROM sample_events WHERE event = 'results_entered' AND sample_id IN (" + join64(chunk) + ")"); err != nil {
			return err
		}
		if err := exec("UPDATE samples SET status = 'received' WHERE id IN (" + join64(chunk) + ")"); err != nil {
			return err
		}
	}
	b.awaitPurge(ctx)
	return nil
}

// awaitPurge waits, on MySQL, until InnoDB has purged the rows just
// removed (its history list, counted in transactions, is all but empty
// again), for at most 30 s. Until then
// their index entries stay, marked deleted, and the next phase's inserts
// of the same women's keys lock around them and deadlock (seen: 12
// deadlocks in a bare booking phase that started at once). MariaDB shows
// the length as a status variable, MySQL 8 as an InnoDB metric; if
// neither answers, it does not wait.
func (b *bareDB) awaitPurge(ctx context.Context) {
	if b.dialect != migrations.MySQL {
		return
	}
	length := func() (int64, bool) {
		var name string
		var n int64
		if err := b.db.QueryRowContext(ctx, "SHOW GLOBAL STATUS LIKE 'Innodb_history_list_length'").Scan(&name, &n); err == nil {
			return n, true
		}
		if err := b.db.QueryRowContext(ctx, "SELECT `COUNT` FROM information_schema.INNODB_METRICS WHERE NAME = 'trx_rseg_history_len'").Scan(&n); err == nil {
			return n, true
		}
		return 0, false
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		if n, ok := length(); !ok || n <= 2 {
			return
		}
	}
}

func chunk64(xs []int64, n int) [][]int64 {
	var out [][]int64
	for len(xs) > 0 {
		k := min(n, len(xs))
		out = append(out, xs[:k])
		xs = xs[k:]
	}
	return out
}

func join64(xs []int64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}

// ---- side by side ----------------------------------------------------------
