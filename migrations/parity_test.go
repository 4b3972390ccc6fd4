package migrations_test

import (
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// TestSameFilesInBothDialects: every migration exists in both folders, so a
// change made for one dialect cannot be forgotten in the other.
func TestSameFilesInBothDialects(t *testing.T) {
	names := func(dir string) []string {
		entries, err := fs.ReadDir(os.DirFS("."), dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	mysql, sqlite := names("mysql"), names("sqlite")
	if len(mysql) == 0 {
		t.Fatal("no migrations found")
	}
	if !reflect.DeepEqual(mysql, sqlite) {
		t.Fatalf("migration files differ:\nmysql:  %v\nsqlite: %v", mysql, sqlite)
	}
}

// TestSchemaParity applies both dialects' migrations and compares the
// resulting tables, columns (name, nullability, type family) and indexes
// (name, uniqueness, columns in order).
func TestSchemaParity(t *testing.T) {
	if os.Getenv(labtest.MySQLEnv) == "" {
		t.Skipf("%s is not set: parity needs a MySQL server (CI sets it)", labtest.MySQLEnv)
	}
	lite := describe(t, labtest.Open(t, migrations.SQLite).SQL, migrations.SQLite)
	my := describe(t, labtest.Open(t, migrations.MySQL).SQL, migrations.MySQL)
	if len(lite) < 2 {
		t.Fatalf("SQLite schema has only %d tables", len(lite))
	}
	// goose's own bookkeeping table is created by goose per dialect, not by
	// our migrations.
	delete(lite, "goose_db_version")
	delete(my, "goose_db_version")
	for table := range union(lite, my) {
		l, lok := lite[table]
		m, mok := my[table]
		switch {
		case !lok:
			t.Errorf("table %s exists only on MySQL", table)
		case !mok:
			t.Errorf("table %s exists only on SQLite", table)
		default:
			for _, d := range diffLines(l, m) {
				t.Errorf("table %s: %s", table, d)
			}
		}
	}
}

func TestLatestMatchesApplied(t *testing.T) {
	for _, d := range labtest.Dialects() {
		db := labtest.Open(t, d)
		latest, err := migrations.Latest(d)
		if err != nil || latest < 1 {
			t.Fatalf("%s: latest = %d, %v", d, latest, err)
		}
		pending, err := migrations.Pending(t.Context(), db.SQL, d)
		if err != nil || pending {
			t.Fatalf("%s: pending after Up = %v, %v", d, pending, err)
		}
	}
}

// table is a dialect-neutral description: sorted lines such as
// "column code text not null" and "index ux_stations_code unique (code)".
type table []string

func union(a, b map[string]table) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func diffLines(sqlite, mysql table) []string {
	in := func(xs table, x string) bool {
		for _, y := range xs {
			if y == x {
				return true
			}
		}
		return false
	}
	var out []string
	for _, l := range sqlite {
		if !in(mysql, l) {
			out = append(out, "only on SQLite: "+l)
		}
	}
	for _, m := range mysql {
		if !in(sqlite, m) {
			out = append(out, "only on MySQL: "+m)
		}
	}
	return out
}

// family maps a column type to what it holds, so that TEXT and VARCHAR(32)
// compare equal but TEXT and DATETIME do not.
func family(typ string) string {
	t := strings.ToLower(typ)
	switch {
	case t == "tinyint(1)" || strings.HasPrefix(t, "bool"):
		return "bool"
	case strings.Contains(t, "int"):
		return "int"
	case strings.Contains(t, "char") || strings.Contains(t, "text") || strings.Contains(t, "blob"):
		return "text"
	case strings.HasPrefix(t, "datetime") || strings.HasPrefix(t, "timestamp"):
		return "time"
	case t == "date":
		return "date"
	case strings.HasPrefix(t, "decimal") || strings.HasPrefix(t, "numeric"):
		return "decimal"
	case strings.HasPrefix(t, "double") || strings.HasPrefix(t, "real") || strings.HasPrefix(t, "float"):
		return "float"
	}
	return t
}

func describe(t *testing.T, db *sql.DB, dialect migrations.Dialect) map[string]table {
	t.Helper()
	query := func(q string, args ...any) *sql.Rows {
		rows, err := db.Query(q, args...)
		if err != nil {
			t.Fatalf("%s: %s: %v", dialect, q, err)
		}
		return rows
	}
	out := map[string]table{}
	var tables []string
	if dialect == migrations.SQLite {
		rows := query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
		for rows.Next() {
			var n string
			rows.Scan(&n)
			tables = append(tables, n)
		}
		rows.Close()
		for _, tb := range tables {
			var lines table
			rows := query(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`, tb)
			for rows.Next() {
				var name, typ string
				var notnull, pk int
				rows.Scan(&name, &typ, &notnull, &pk)
				lines = append(lines, column(name, typ, notnull == 1 || pk > 0))
			}
			rows.Close()
			idx := query(`SELECT name, "unique" FROM pragma_index_list(?) WHERE origin = 'c'`, tb)
			type ix struct {
				name   string
				unique bool
			}
			var ixs []ix
			for idx.Next() {
				var i ix
				idx.Scan(&i.name, &i.unique)
				ixs = append(ixs, i)
			}
			idx.Close()
			for _, i := range ixs {
				cols := query(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, i.name)
				var cs []string
				for cols.Next() {
					var c string
					cols.Scan(&c)
					cs = append(cs, c)
				}
				cols.Close()
				lines = append(lines, index(i.name, i.unique, cs))
			}
			sort.Strings(lines)
			out[strings.ToLower(tb)] = lines
		}
		return out
	}
	rows := query(`SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()`)
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	for _, tb := range tables {
		var lines table
		rows := query(`SELECT column_name, column_type, is_nullable FROM information_schema.columns
			WHERE table_schema = DATABASE() AND table_name = ?`, tb)
		for rows.Next() {
			var name, typ, nullable string
			rows.Scan(&name, &typ, &nullable)
			lines = append(lines, column(name, typ, nullable == "NO"))
		}
		rows.Close()
		idx := query(`SELECT index_name, non_unique, column_name FROM information_schema.statistics
			WHERE table_schema = DATABASE() AND table_name = ? AND index_name <> 'PRIMARY'
			ORDER BY index_name, seq_in_index`, tb)
		cols := map[string][]string{}
		unique := map[string]bool{}
		for idx.Next() {
			var name, col string
			var nonUnique int
			idx.Scan(&name, &nonUnique, &col)
			cols[name] = append(cols[name], col)
			unique[name] = nonUnique == 0
		}
		idx.Close()
		for name, cs := range cols {
			lines = append(lines, index(name, unique[name], cs))
		}
		sort.Strings(lines)
		out[strings.ToLower(tb)] = lines
	}
	return out
}

func column(name, typ string, notNull bool) string {
	null := "null"
	if notNull {
		null = "not null"
	}
	return fmt.Sprintf("column %s %s %s", strings.ToLower(name), family(typ), null)
}

func index(name string, unique bool, cols []string) string {
	kind := "index"
	if unique {
		kind = "unique"
	}
	return fmt.Sprintf("index %s %s (%s)", strings.ToLower(name), kind, strings.ToLower(strings.Join(cols, ", ")))
}
