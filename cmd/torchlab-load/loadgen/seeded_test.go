package loadgen_test

import (
	"context"
	"testing"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// seeded is a small programme (1,000 women at two stations, 60 days of
// history) on a fresh database of the dialect, with a service on it and an
// admin to read it as.
type seeded struct {
	db    *lab.DB
	svc   *lab.Service
	admin context.Context
}

func seedSmall(t *testing.T, d migrations.Dialect) seeded {
	t.Helper()
	return seedWith(t, d, loadgen.Config{Clients: 1000, Stations: 2, Key: labtest.Key, HistoryDays: 60})
}

// seedWith is seedSmall with a programme of cfg's size.
func seedWith(t testing.TB, d migrations.Dialect, cfg loadgen.Config) seeded {
	t.Helper()
	db := labtest.Open(t, d)
	ctx := context.Background()
	if _, err := loadgen.Seed(ctx, db, cfg); err != nil {
		t.Fatal(err)
	}
	return seeded{db: db, svc: lab.NewService(db, lab.Options{Key: labtest.Key}),
		admin: lab.WithActor(ctx, lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})}
}
