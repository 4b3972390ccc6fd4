package lab_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

const batchStation = "INSERT INTO stations (code, name, timezone, active, created_at, updated_at) VALUES (?, ?, 'Asia/Shanghai', 1, ?, ?)"

// A batch's statements commit together, and an id the batch made can be
// written by a later statement of the same batch.
func TestWriteBatchCommitsTogether(t *testing.T) {
	t.Parallel()
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		svc := lab.NewService(db, lab.Options{})
		now := time.Now().UTC()
		ids, err := svc.WriteBatchForTest(context.Background(),
			[]string{batchStation, batchStation, "UPDATE stations SET name = ? WHERE id = ?"},
			[][]any{{"B1", "one", now, now}, {"B2", "two", now, now}, {"second", lab.InsertedIDForTest}})
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != 3 || ids[0] == 0 || ids[1] <= ids[0] || ids[2] != 0 {
			t.Fatalf("ids = %v, want two inserts and none for the update", ids)
		}
		var name string
		if err := db.Gorm.Table("stations").Where("id = ?", ids[1]).Pluck("name", &name).Error; err != nil || name != "second" {
			t.Fatalf("the update by the inserted id: name %q, %v", name, err)
		}
	})
}

// A statement the database refuses (a unique key) takes the batch's
// earlier statements with it, and the connection goes back to the pool
// outside any transaction: what the next write on it does commits.
func TestWriteBatchRefusedChangesNothing(t *testing.T) {
	t.Parallel()
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		db := labtest.OpenURL(t, url)
		db.SQL.SetMaxOpenConns(1) // the next write has the same connection
		svc := lab.NewService(db, lab.Options{})
		ctx := context.Background()
		now := time.Now().UTC()
		if _, err := svc.WriteBatchForTest(ctx, []string{batchStation}, [][]any{{"DUP", "first", now, now}}); err != nil {
			t.Fatal(err)
		}
		_, err := svc.WriteBatchForTest(ctx,
			[]string{"UPDATE stations SET name = ? WHERE code = ?", batchStation, batchStation},
			[][]any{{"changed", "DUP"}, {"NEW", "new", now, now}, {"DUP", "again", now, now}})
		if !errors.Is(err, gorm.ErrDuplicatedKey) {
			t.Fatalf("err = %v, want a duplicate key", err)
		}
		other := labtest.OpenURL(t, url) // another process's view
		names := func() map[string]string {
			var rows []struct{ Code, Name string }
			if err := other.Gorm.Table("stations").Select("code, name").Find(&rows).Error; err != nil {
				t.Fatal(err)
			}
			m := map[string]string{}
			for _, r := range rows {
				m[r.Code] = r.Name
			}
			return m
		}
		if got := names(); len(got) != 1 || got["DUP"] != "first" {
			t.Fatalf("after the refused batch: %v, want only DUP as first", got)
		}
		for i := range 3 {
			code := "AFTER" + strconv.Itoa(i)
			if _, err := svc.WriteBatchForTest(ctx, []string{batchStation}, [][]any{{code, "after", now, now}}); err != nil {
				t.Fatal(err)
			}
		}
		if got := names(); len(got) != 4 || got["AFTER2"] != "after" {
			t.Fatalf("later batches on the same connection: %v, want them committed", got)
		}
	})
}
