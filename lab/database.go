package lab

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"torchlab/migrations"
)

// DB is an open torchlab database: the GORM handle the use cases work
// through, the dialect it speaks, and the pool beneath it.
type DB struct {
	Gorm    *gorm.DB
	SQL     *sql.DB
	Dialect migrations.Dialect
	// galera is set on a node of a MariaDB Galera cluster, where a
	// transaction's writes are never sent as one multi-statement query
	// (write_batch.go).
	galera bool
}

// PoolOptions size the MySQL connection pool. SQLite ignores them: it runs
// on one connection (see OpenDatabase).
type PoolOptions struct {
	MaxOpen int
	MaxIdle int
	// MaxLifetime stays well below MySQL's wait_timeout (8 h by default)
	// and below the idle cut-off of proxies and load balancers.
	MaxLifetime time.Duration
}

// DefaultPool suits one torchlab process on a 2-core machine. It keeps
// as many idle connections as it may open: a connection given back while
// the idle ones are at MaxIdle is closed, and with 32 requests at once and
// 16 idle at most the pool reconnected about 800 times a minute (measured:
// 590 closed in 24 s of bookings and result entries, each one a new
// connection and a new MySQL thread later). The idle ones still close
// after a minute unused (OpenDatabase), so a quiet server holds few.
var DefaultPool = PoolOptions{MaxOpen: 32, MaxIdle: 32, MaxLifetime: 3 * time.Minute}

// ParseDatabaseURL splits TORCHLAB_DB into a dialect and the driver's DSN:
// "sqlite:PATH" or "mysql://USER[:PASS]@tcp(HOST:PORT)/DB[?params]". The
// MySQL form may list the nodes of a cluster, tcp(H1:PORT,H2:PORT,H3:PORT),
// which torchlab dials in turn (database_nodes.go).
func ParseDatabaseURL(url string) (migrations.Dialect, string, error) {
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(url, "sqlite:")
		if path == "" {
			return "", "", fmt.Errorf("sqlite: needs a file path, as in sqlite:torchlab.db")
		}
		return migrations.SQLite, path, nil
	case strings.HasPrefix(url, "mysql://"):
		dsn := strings.TrimPrefix(url, "mysql://")
		first, _, err := splitNodes(dsn)
		if err != nil {
			return "", "", fmt.Errorf("mysql: %v; the form is mysql://USER[:PASS]@tcp(HOST:PORT[,HOST:PORT…])/DB", err)
		}
		cfg, err := mysqldriver.ParseDSN(first)
		if err != nil {
			return "", "", fmt.Errorf("mysql: %v; the form is mysql://USER[:PASS]@tcp(HOST:PORT)/DB", err)
		}
		if cfg.DBName == "" {
			return "", "", fmt.Errorf("mysql: names no database, as in mysql://root@tcp(127.0.0.1:3306)/torchlab")
		}
		return migrations.MySQL, dsn, nil
	default:
		return "", "", fmt.Errorf("must start with sqlite: or mysql://")
	}
}

// OpenDatabase opens the database that TORCHLAB_DB names (see
// ParseDatabaseURL). It does not migrate.
//
// SQLite runs in WAL mode with a busy timeout, foreign keys on, and a single
// connection: measured here, that is both correct under concurrent writers
// and the fastest SQLite pattern (shared/STACK.md). The price is a rule for
// the use cases: inside a transaction use only the transaction's handle, or
// the call waits forever for the one connection.
func OpenDatabase(url string, pool PoolOptions) (*DB, error) {
	dialect, dsn, err := ParseDatabaseURL(url)
	if err != nil {
		return nil, fmt.Errorf("TORCHLAB_DB: %w", err)
	}
	gormConfig := &gorm.Config{
		TranslateError:         true,
		SkipDefaultTransaction: true,
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
	}
	var gdb *gorm.DB
	switch dialect {
	case migrations.SQLite:
		gdb, err = gorm.Open(sqlite.Open(sqliteDSN(dsn)), gormConfig)
	case migrations.MySQL:
		var cfg *mysqldriver.Config
		var nodes []string
		cfg, nodes, err = mysqlConfig(dsn)
		var conn *nodeConnector
		if err == nil {
			conn, err = newNodeConnector(cfg, nodes)
		}
		if err == nil {
			// Without RETURNING, as on MySQL 8 (production): MariaDB would
			// otherwise answer every INSERT with a result set, measured here
			// as extra work on both sides for ids taken from the OK packet
			// anyway (docs/performance.md).
			gdb, err = gorm.Open(mysql.New(mysql.Config{Conn: sql.OpenDB(conn), DSNConfig: cfg, DisableWithReturning: true}), gormConfig)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, err
	}
	if dialect == migrations.SQLite {
		sqlDB.SetMaxOpenConns(1)
		sqlDB.SetMaxIdleConns(1)
		sqlDB.SetConnMaxLifetime(0)
	} else {
		sqlDB.SetMaxOpenConns(pool.MaxOpen)
		sqlDB.SetMaxIdleConns(pool.MaxIdle)
		sqlDB.SetConnMaxLifetime(pool.MaxLifetime)
		sqlDB.SetConnMaxIdleTime(time.Minute)
	}
	if err := sqlDB.Ping(); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	db := &DB{Gorm: gdb, SQL: sqlDB, Dialect: dialect}
	if dialect == migrations.MySQL {
		if db.galera, err = onGalera(sqlDB); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("open %s database: %w", dialect, err)
		}
	}
	return db, nil
}

// OnGalera reports whether the database is a node of a Galera cluster.
func (db *DB) OnGalera() bool { return db.galera }

// onGalera reports whether the server is a node of a Galera cluster
// (MariaDB's wsrep_on; MySQL has no such variable).
func onGalera(db *sql.DB) (bool, error) {
	var on sql.NullString
	err := db.QueryRow("SELECT @@wsrep_on").Scan(&on)
	var my *mysqldriver.MySQLError
	if errors.As(err, &my) && my.Number == 1193 { // unknown system variable
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return on.String == "1" || strings.EqualFold(on.String, "ON"), nil
}

// Close closes the pool.
func (db *DB) Close() error { return db.SQL.Close() }

func sqliteDSN(path string) string {
	return "file:" + path +
		"?_pragma=busy_timeout(10000)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)" +
		// No _time_format: glebarez/go-sqlite v1.21 stops reading the DSN
		// after it, and _txlock would be ignored. Times are written in Go's
		// time.Time.String() form, always in UTC, which sorts as text.
		//
		// BEGIN IMMEDIATE: a transaction takes the write lock when it starts
		// and waits for it (busy_timeout). A deferred one that reads, then
		// writes, fails at once with SQLITE_BUSY when another process (a
		// second torchlab, or the command line) wrote in between.
		"&_txlock=immediate"
}

// mysqlConfig forces what torchlab relies on whatever the DSN says: UTC
// times parsed into time.Time, utf8mb4 for Chinese names, and a connection
// time zone of UTC so that the server's clock agrees with ours. It also
// returns the nodes the DSN lists (one, or a cluster's).
func mysqlConfig(dsn string) (*mysqldriver.Config, []string, error) {
	first, nodes, err := splitNodes(dsn)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := mysqldriver.ParseDSN(first)
	if err != nil {
		return nil, nil, err
	}
	if len(nodes) == 0 { // a unix socket or another network
		nodes = []string{cfg.Addr}
	}
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	cfg.Collation = "utf8mb4_unicode_ci"
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	cfg.Params["time_zone"] = "'+00:00'"
	// Arguments are placed into the statement by the driver: one round trip
	// per statement instead of three (prepare, execute, close). It roughly
	// doubled bookings per second in the load tool (docs/performance.md);
	// it is safe with the utf8mb4 connection set above.
	cfg.InterpolateParams = true
	// A transaction's last writes and its COMMIT go as one query
	// (write_batch.go). Every statement's arguments are placed by the
	// driver's escaping (above), never spliced in as text, so a value
	// cannot start a statement of its own.
	cfg.MultiStatements = true
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	return cfg, nodes, nil
}

// Ready reports whether the database answers and has every migration this
// binary embeds (what /readyz shows).
func (db *DB) Ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := db.SQL.PingContext(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	pending, err := migrations.Pending(ctx, db.SQL, db.Dialect)
	if err != nil {
		return fmt.Errorf("migration status: %w", err)
	}
	if pending {
		return errors.New("database migrations pending")
	}
	return nil
}
