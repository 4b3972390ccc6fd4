package loadgen

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// seedLots registers one reagent lot of every analyte's kit, received when
// the programme's history starts and good for years, and puts it in use:
// the results seeded carry it, and the load's technicians enter results
// with the setting lot_required on (the default) without naming a lot.
func (g *gen) seedLots(created time.Time) {
	if len(g.lots) > 0 {
		return // the database has its lots (loadLotsInUse)
	}
	codes := make([]string, 0, len(g.kits))
	for code := range g.kits {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	g.lots = map[string]string{}
	for i, code := range codes {
		id := g.id("reagent_lots")
		lot := fmt.Sprintf("LOAD%02d", i+1)
		g.lots[code] = lot
		g.t["reagent_lots"].add(id, code, g.kits[code].name, lot, string(g.today.AddDays(3650)),
			created.Format(time.DateOnly), nil, created)
		g.t["lots_in_use"].add(code, id, created, nil)
	}
}

// loadLotsInUse reads the lots already in use, when the database has
// them (a test database comes with one per analyte): the seeded results
// then carry those and no lot is seeded.
func (g *gen) loadLotsInUse(ctx context.Context, db *sql.DB) error {
	g.lots = map[string]string{}
	rows, err := db.QueryContext(ctx, "SELECT lots_in_use.analyte_code, reagent_lots.lot FROM lots_in_use JOIN reagent_lots ON reagent_lots.id = lots_in_use.lot_id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, lot string
		if err := rows.Scan(&a, &lot); err != nil {
			return err
		}
		g.lots[a] = lot
	}
	return rows.Err()
}
