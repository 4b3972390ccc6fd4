package lab

import (
	"strings"
	"sync"
	"testing"

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
	} {
		sch, err := schema.Parse(tc.model, &sync.Map{}, schema.NamingStrategy{})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, f := range sch.Fields {
			if f.DBName != "" && !f.PrimaryKey {
				want = append(want, f.DBName)
			}
		}
		got := strings.Fields(strings.ReplaceAll(tc.columns, ",", " "))
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: the INSERT names\n%v\nthe model has\n%v", sch.Table, got, want)
		}
	}
}
