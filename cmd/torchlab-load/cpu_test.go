package main

import (
	"os"
	"testing"
	"time"
)

func TestParseProcStat(t *testing.T) {
	// A command name with a space and a parenthesis, utime 250, stime 50.
	line := "4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 8 0 100 1000000 500 18446744073709551615"
	got, err := parseProcStat(line)
	if err != nil || got != 3*time.Second {
		t.Fatalf("parseProcStat = %v, %v; want 3s", got, err)
	}
	if _, err := parseProcStat("4242 (short) S 1 2"); err == nil {
		t.Fatal("a short line was accepted")
	}
	if _, err := procCPU(os.Getpid()); err != nil {
		t.Fatalf("own /proc/PID/stat: %v", err)
	}
}

func TestCPUPerOperation(t *testing.T) {
	u := cpuUse{server: 600 * time.Millisecond, db: 900 * time.Millisecond, self: 100 * time.Millisecond,
		wall: time.Second, watchServer: true, watchDB: true}
	want := "server 0.60 + database 0.90 + load tool 0.10 = 1.60 ms (1.60 cores busy)"
	if got := u.perOp(1000); got != want {
		t.Fatalf("perOp = %q, want %q", got, want)
	}
	if got := u.total(1000); got != 1.6 {
		t.Fatalf("total = %v", got)
	}
	u.watchDB = false
	if got := u.perOp(1000); got != "server 0.60 + load tool 0.10 = 0.70 ms (0.70 cores busy)" {
		t.Fatalf("without the database: %q", got)
	}
}

// The mix is held to half the CPU per operation of the code it is
// compared with, measured the same way; without that figure it is shown
// alone, never against an absolute goal that another machine set.
func TestMixVerdict(t *testing.T) {
	for _, tc := range []struct {
		total, base float64
		want        string
	}{
		{4.77, 11.97, "mix CPU per operation: 4.77 ms, 0.40 × the compared code's 11.97 ms (goal ≤ 0.5: met)"},
		{6.10, 11.97, "mix CPU per operation: 6.10 ms, 0.51 × the compared code's 11.97 ms (goal ≤ 0.5: not met)"},
		{0, 11.97, "mix CPU per operation: 0.00 ms, 0.00 × the compared code's 11.97 ms (goal ≤ 0.5: not met)"},
		{4.77, 0, "mix CPU per operation: 4.77 ms (no --base-mix-cpu to hold it to its goal, ≤ 0.5 × the compared code's)"},
	} {
		if got := mixVerdict(tc.total, tc.base); got != tc.want {
			t.Errorf("mixVerdict(%v, %v) = %q, want %q", tc.total, tc.base, got, tc.want)
		}
	}
}
