// Package migrations holds torchlab's versioned SQL schema, one folder per
// dialect, embedded in the binary and applied with goose.
//
// Every change is a new numbered file in both folders; a merged file is
// never edited. parity_test.go proves both dialects give the same tables,
// columns and indexes.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
)

//go:embed mysql/*.sql sqlite/*.sql
var files embed.FS

// Dialect names the SQL dialect of a database: "mysql" or "sqlite".
type Dialect string

// The dialects torchlab runs on.
const (
	MySQL  Dialect = "mysql"
	SQLite Dialect = "sqlite"
)

// lockName names the row of migration_locks that lets exactly one of
// several processes starting together apply the migrations; the others
// wait for it and then find nothing left to do (leaselock.go).
const lockName = "torchlab_migrations"

func provider(db *sql.DB, dialect Dialect, logger *slog.Logger) (*goose.Provider, error) {
	var gooseDialect goose.Dialect
	var opts []goose.ProviderOption
	switch dialect {
	case MySQL:
		gooseDialect = goose.DialectMySQL
		opts = append(opts, goose.WithSessionLocker(newLeaseLock(db, lockName)))
	case SQLite:
		// SQLite serialises writers on the file itself; torchlab also keeps
		// a single connection, so no advisory lock is needed (or possible).
		gooseDialect = goose.DialectSQLite3
	default:
		return nil, fmt.Errorf("migrations: unknown dialect %q", dialect)
	}
	sub, err := fs.Sub(files, string(dialect))
	if err != nil {
		return nil, err
	}
	if logger != nil {
		opts = append(opts, goose.WithSlog(logger))
	}
	return goose.NewProvider(gooseDialect, db, sub, opts...)
}

// Up applies every pending migration and returns the schema version reached.
//
// On MySQL, processes starting together take turns under a lease lock
// that holds on a Galera cluster too (leaseLock). SQLite
// has no such lock, but runs each migration in a transaction: a process
// that loses the race rolls back, and if the winner has meanwhile brought
// the schema up to date, that is success. goose's own first step, creating
// its version table, is not under the lock (and MySQL commits DDL at
// once), so a process can also see that table before its first row: it
// waits and tries again too.
func Up(ctx context.Context, db *sql.DB, dialect Dialect, logger *slog.Logger) (int64, error) {
	p, err := provider(db, dialect, logger)
	if err != nil {
		return 0, err
	}
	for attempt := 1; ; attempt++ {
		_, err := p.Up(ctx)
		if err == nil {
			break
		}
		// On MySQL only the version table's first-row race is retried: any
		// other failure there means the lock did not hold, and says so.
		versionRace := strings.Contains(err.Error(), "missing zero version")
		if attempt == 5 || (dialect == MySQL && !versionRace) {
			return 0, fmt.Errorf("migrations: %w", err)
		}
		time.Sleep(time.Duration(attempt) * 50 * time.Millisecond)
		if pending, perr := p.HasPending(ctx); perr == nil && !pending {
			break
		}
	}
	return p.GetDBVersion(ctx)
}

// Pending reports whether the database lacks migrations that this binary
// embeds; /readyz answers 503 while it does.
func Pending(ctx context.Context, db *sql.DB, dialect Dialect) (bool, error) {
	p, err := provider(db, dialect, nil)
	if err != nil {
		return false, err
	}
	return p.HasPending(ctx)
}

// Latest is the highest migration version embedded in the binary.
func Latest(dialect Dialect) (int64, error) {
	sub, err := fs.Sub(files, string(dialect))
	if err != nil {
		return 0, err
	}
	entries, err := fs.ReadDir(sub, ".")
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, e := range entries {
		var v int64
		if _, err := fmt.Sscanf(e.Name(), "%d_", &v); err == nil && v > latest {
			latest = v
		}
	}
	return latest, nil
}

// UpTo applies the pending migrations up to and including version, for
// tests of a migration that converts data: they fill a database as it was
// before it, then apply the rest with Up.
func UpTo(ctx context.Context, db *sql.DB, dialect Dialect, version int64) error {
	p, err := provider(db, dialect, nil)
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, version)
	return err
}

// DownTo rolls back the applied migrations above version, for tests that
// run a migration's conversion again over data the current code wrote.
func DownTo(ctx context.Context, db *sql.DB, dialect Dialect, version int64) error {
	p, err := provider(db, dialect, nil)
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}
