package lab_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

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
	codes := labtest.ReceivedSamples(b, db, "BENCH", 1250)
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
