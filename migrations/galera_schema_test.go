package migrations_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Galera replicates InnoDB tables only, needs a primary key on each (rows
// are certified by key), and does not replicate LOCK TABLES or GET_LOCK.
// Every table the migrations make is InnoDB with a primary key, and no
// source uses what Galera cannot replicate.
func TestSchemaFitsGalera(t *testing.T) {
	forbidden := regexp.MustCompile(`(?i)\b(LOCK\s+TABLES|GET_LOCK\s*\(|MyISAM|ENGINE\s*=\s*(MEMORY|ARIA|CSV))`)
	for _, root := range []string{".", "../lab", "../api", "../cmd"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") ||
				!(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".sql")) {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, line := range strings.Split(string(b), "\n") {
				if code, _, _ := strings.Cut(line, "--"); forbidden.MatchString(code) && !strings.HasPrefix(strings.TrimSpace(code), "//") {
					t.Errorf("%s: %s", path, strings.TrimSpace(line))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if os.Getenv(labtest.MySQLEnv) == "" {
		t.Skipf("%s is not set: the tables' engines and keys need MySQL", labtest.MySQLEnv)
	}
	db := labtest.Open(t, migrations.MySQL)
	rows, err := db.SQL.Query(`SELECT t.table_name, t.engine,
	        (SELECT COUNT(*) FROM information_schema.table_constraints c
	          WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')
	   FROM information_schema.tables t
	  WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, engine string
		var pks int
		if err := rows.Scan(&name, &engine, &pks); err != nil {
			t.Fatal(err)
		}
		n++
		if engine != "InnoDB" || pks != 1 {
			t.Errorf("table %s: engine %s, %d primary keys; Galera needs InnoDB and a primary key", name, engine, pks)
		}
	}
	if n < 20 {
		t.Fatalf("only %d tables", n)
	}
}
