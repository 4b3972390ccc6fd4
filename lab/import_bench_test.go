package lab_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// seedReceived makes n received TORCH8 samples directly in the tables (the
// fastest way to a realistic bench), and returns their accession codes.
func seedReceived(b testing.TB, db *lab.DB, n int) []string {
	b.Helper()
	ctx := lab.SystemContext(context.Background(), "(bench)")
	svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key})
	st, err := svc.CreateStation(ctx, lab.NewStation{Code: "BENCH", Name: "Bench"})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC().Add(-time.Hour)
	day := lab.DateOf(now)
	slot := lab.Slot{StationID: st.ID, Day: day, StartTime: "08:00", StartsAt: now, DayEndsAt: now.Add(24 * time.Hour), Capacity: n, CreatedAt: now}
	if err := db.Gorm.Create(&slot).Error; err != nil {
		b.Fatal(err)
	}
	clients := make([]lab.Client, n)
	for i := range clients {
		clients[i] = lab.Client{StationID: st.ID, Name: fmt.Sprintf("W%d", i), NationalIDSealed: "x", NationalIDHash: fmt.Sprintf("%064d", i),
			NationalIDMasked: "x", BirthDate: "1995-01-01", Phone: "13900000000", Address: "x", Category: lab.Planning,
			ConsentGiven: true, CreatedAt: now, UpdatedAt: now}
	}
	if err := db.Gorm.CreateInBatches(&clients, 500).Error; err != nil {
		b.Fatal(err)
	}
	apps := make([]lab.Appointment, n)
	for i := range apps {
		apps[i] = lab.Appointment{ClientID: clients[i].ID, StationID: st.ID, SlotID: slot.ID, Status: lab.Collected, Kind: lab.KindScreening,
			Day: day, Category: lab.Planning, BookedAt: now, UpdatedAt: now}
	}
	if err := db.Gorm.CreateInBatches(&apps, 500).Error; err != nil {
		b.Fatal(err)
	}
	samples := make([]lab.Sample, n)
	codes := make([]string, n)
	for i := range samples {
		codes[i], _ = lab.FormatAccession(int64(1<<35 + i))
		samples[i] = lab.Sample{Accession: codes[i], ClientID: clients[i].ID, AppointmentID: apps[i].ID, StationID: st.ID,
			PanelCode: "TORCH8", Kind: lab.KindScreening, Status: lab.SampleReceived, CollectedAt: now, UpdatedAt: now}
	}
	if err := db.Gorm.CreateInBatches(&samples, 500).Error; err != nil {
		b.Fatal(err)
	}
	return codes
}

// BenchmarkImport10000 imports an analyser file of 10,000 lines (1,250
// samples × 8 analytes). Run it on both databases:
//
//	TORCHLAB_TEST_MYSQL_DSN='mysql://root@tcp(127.0.0.1:3306)/test' \
//	  go test -run '^$' -bench Import10000 -benchtime 3x ./lab/
func BenchmarkImport10000(b *testing.B) {
	for _, d := range labtest.Dialects() {
		b.Run(string(d), func(b *testing.B) {
			benchImport(b, d)
		})
	}
}

func benchImport(b *testing.B, d migrations.Dialect) {
	db := labtest.Open(b, d)
	codes := seedReceived(b, db, 1250)
	analytes := []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"}
	var csv strings.Builder
	csv.WriteString("accession,analyte,value,unit,kit,lot\n")
	for i, c := range codes {
		for j, a := range analytes {
			fmt.Fprintf(&csv, "%s,%s,%d.%d,,,LOT%d\n", c, a, (i+j)%20, j, i%7)
		}
	}
	file := csv.String()
	svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key})
	ctx := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "tech", Role: lab.RoleLabTech})
	b.ResetTimer()
	for b.Loop() {
		rep, err := svc.ImportResults(ctx, strings.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		if rep.Saved != 10000 || rep.Rejected != 0 {
			b.Fatalf("saved %d, rejected %d", rep.Saved, rep.Rejected)
		}
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "rows/s")
}
