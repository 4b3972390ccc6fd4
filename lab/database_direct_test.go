package lab

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// The INSERTs written past GORM name every column of their model but the
// id, so a column added to the model cannot be left out of them silently.
func TestDirectInsertsNameEveryColumn(t *testing.T) {
	for _, tc := range []struct {
		model   any
		columns string
	}{
		{&Appointment{}, appointmentColumns},
		{&AuditEntry{}, auditColumns},
		{&Followup{}, followupInsertColumns},
		{&Sample{}, sampleColumns},
		{&Result{}, resultColumns},
	} {
		sch, want := modelColumns(t, tc.model, false)
		got := strings.Fields(strings.ReplaceAll(tc.columns, ",", " "))
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: the INSERT names\n%v\nthe model has\n%v", sch.Table, got, want)
		}
	}
}

// The reads written past GORM name every column of their model, id
// included, in the model's field order, and scan each into its field: a
// column added to the model and not to the read fails here, not in a
// list that silently shows it empty.
func TestDirectReadsNameEveryColumn(t *testing.T) {
	sch, want := modelColumns(t, &Followup{}, true)
	got := strings.Fields(strings.ReplaceAll(strings.ReplaceAll(followupColumns, "followups.", ""), ",", " "))
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("followupColumns names\n%v\nthe model has\n%v", got, want)
	}
	// Each target is the field of the column in its place.
	var f Followup
	targets := f.scanTargets()
	if len(targets) != len(want) {
		t.Fatalf("%d scan targets for %d columns", len(targets), len(want))
	}
	for i, name := range want {
		field := sch.LookUpField(name)
		addr := reflect.ValueOf(&f).Elem().FieldByIndex(field.StructField.Index).Addr().Interface()
		if targets[i] != addr {
			t.Errorf("column %d (%s) is scanned into another field than %s", i, name, field.Name)
		}
	}
}

// modelColumns are the columns of a GORM model in its field order, its
// primary key included only when withID.
func modelColumns(t *testing.T, model any, withID bool) (*schema.Schema, []string) {
	t.Helper()
	sch, err := schema.Parse(model, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, f := range sch.Fields {
		if f.DBName != "" && (withID || !f.PrimaryKey) {
			cols = append(cols, f.DBName)
		}
	}
	return sch, cols
}

// The statements run past GORM cannot drop a chained query's conditions:
// those that run in a transaction take a *txDB, which a GORM chain never
// returns (tx.Where(...) is a *gorm.DB, and does not compile there); the
// read that also serves plain handles refuses, as an error, one that
// carries conditions.
func TestDirectStatementsRefuseChainedConditions(t *testing.T) {
	txType := reflect.TypeOf(&txDB{})
	for name, fn := range map[string]any{"execDirect": execDirect, "queryRowDirect": queryRowDirect, "queryDirect": queryDirect} {
		if got := reflect.TypeOf(fn).In(0); got != txType {
			t.Errorf("%s takes a %s, not a *txDB", name, got)
		}
	}
	if got := reflect.TypeOf((*txDB).Where).Out(0); got == txType {
		t.Errorf("a condition chained on a txDB gives a %s", got)
	}

	db, err := gorm.Open(sqlite.Open("file::memory:"), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := queryRowOn(db, []any{&n}, "SELECT 1"); err != nil || n != 1 {
		t.Fatalf("a plain handle read %d, %v", n, err)
	}
	for name, chained := range map[string]*gorm.DB{
		"where":  db.Where("id = ?", 1),
		"table":  db.Table("stations"),
		"lock":   db.Clauses(lockForUpdate),
		"select": db.Select("id"),
		"joins":  db.Joins("JOIN x ON 1 = 1"),
	} {
		if err := queryRowOn(chained, []any{&n}, "SELECT 1"); err == nil {
			t.Errorf("a handle with %s was used, its conditions dropped", name)
		}
	}
}
