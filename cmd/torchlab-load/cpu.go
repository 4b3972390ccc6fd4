package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The CPU each process spends during a phase, divided by the operations
// done: where an operation's cost goes when the server, the database and
// this tool share one machine, which is how the side-by-side ratios are
// explained (docs/performance.md). The server's and the database's come
// from /proc/PID/stat (--pid, --db-pid), this tool's from getrusage
// (cpu_unix.go; zero elsewhere).

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times: 100 on Linux
// whatever the kernel's own tick rate.
const clockTicks = 100

// cpuSample is the CPU time used so far by each watched process; a zero
// pid is not watched.
type cpuSample struct {
	server, db, self time.Duration
	at               time.Time
	err              error
}

type cpuUse struct {
	server, db, self time.Duration
	wall             time.Duration
	watchServer      bool
	watchDB          bool
	err              error
}

func (r *runner) cpuNow() cpuSample {
	s := cpuSample{at: time.Now()}
	var err error
	if pid := r.serverPid(); pid > 0 {
		if s.server, err = procCPU(pid); err != nil {
			s.err = err
		}
	}
	if r.o.dbPid > 0 {
		if s.db, err = procCPU(r.o.dbPid); err != nil {
			s.err = err
		}
	}
	s.self = selfCPU()
	return s
}

func (r *runner) cpuSince(start cpuSample) cpuUse {
	end := r.cpuNow()
	u := cpuUse{server: end.server - start.server, db: end.db - start.db, self: end.self - start.self,
		wall: end.at.Sub(start.at), watchServer: r.serverPid() > 0, watchDB: r.o.dbPid > 0, err: start.err}
	if u.err == nil {
		u.err = end.err
	}
	return u
}

// serverPid is the process that serves the phase running: torchlab
// (--pid), or the yardstick during its phase.
func (r *runner) serverPid() int {
	if r.servedBy > 0 {
		return r.servedBy
	}
	return r.o.pid
}

// procCPU is a process's user and system time from /proc/PID/stat.
func procCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseProcStat(string(b))
}

// parseProcStat reads utime and stime (fields 14 and 15) of a
// /proc/PID/stat line. The command name, field 2, is in parentheses and
// may hold spaces and parentheses itself, so the fields are counted from
// the last ')'.
func parseProcStat(line string) (time.Duration, error) {
	i := strings.LastIndexByte(line, ')')
	if i < 0 {
		return 0, fmt.Errorf("not a /proc/PID/stat line")
	}
	f := strings.Fields(line[i+1:]) // from field 3 on
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/PID/stat has %d fields after the name", len(f))
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/PID/stat time %q: %w", s, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

// perOp prints the CPU milliseconds each process spent per operation.
func (u cpuUse) perOp(ops int) string {
	if u.err != nil {
		return "unknown (" + u.err.Error() + ")"
	}
	if ops == 0 {
		return "no operations"
	}
	each := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(ops) }
	var parts []string
	total := u.self
	if u.watchServer {
		parts = append(parts, fmt.Sprintf("server %.2f", each(u.server)))
		total += u.server
	}
	if u.watchDB {
		parts = append(parts, fmt.Sprintf("database %.2f", each(u.db)))
		total += u.db
	}
	parts = append(parts, fmt.Sprintf("load tool %.2f", each(u.self)))
	return fmt.Sprintf("%s = %.2f ms (%.2f cores busy)", strings.Join(parts, " + "), each(total),
		float64(total)/float64(max(u.wall, time.Millisecond)))
}

// total is the CPU of every watched process, per operation, in ms.
func (u cpuUse) total(ops int) float64 {
	if ops == 0 || u.err != nil {
		return 0
	}
	t := u.self
	if u.watchServer {
		t += u.server
	}
	if u.watchDB {
		t += u.db
	}
	return float64(t.Microseconds()) / 1000 / float64(ops)
}
