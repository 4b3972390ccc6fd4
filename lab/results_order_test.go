package lab_test

import (
	"testing"

	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// TestPanelOrderFollowsAnalytePositions guards what result entry relies on
// when it answers a sample's page without reading it again: each panel
// lists its analytes in the order of the analytes' own positions, the
// order the page is read in (lab.sortInPanelOrder, currentResults).
func TestPanelOrderFollowsAnalytePositions(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		rows, err := db.SQL.Query(`SELECT pa.panel_code, pa.analyte_code, a.position FROM panel_analytes pa
			JOIN analytes a ON a.code = pa.analyte_code ORDER BY pa.panel_code, pa.position`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		last := map[string]int{}
		n := 0
		for rows.Next() {
			var panel, analyte string
			var pos int
			if err := rows.Scan(&panel, &analyte, &pos); err != nil {
				t.Fatal(err)
			}
			if prev, ok := last[panel]; ok && pos <= prev {
				t.Errorf("panel %s lists %s (position %d) after an analyte at position %d", panel, analyte, pos, prev)
			}
			last[panel] = pos
			n++
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if len(last) < 2 || n < 10 {
			t.Fatalf("read %d analytes of %d panels; the migrations define TORCH8 and NFPCP", n, len(last))
		}
	})
}
