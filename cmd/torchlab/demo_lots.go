package main

import (
	"context"
	"fmt"
	"time"

	"torchlab/lab"
)

// demoLots registers one reagent lot of each analyte's kit and puts it in
// use, so that the demo's technicians can enter results with the setting
// lot_required on (the default). The lots were received two months ago and
// keep for a year from today, so the demo's history and today both fall
// within them.
func demoLots(ctx context.Context, svc *lab.Service, loc *time.Location) error {
	today := lab.Today(time.Now(), loc)
	for i, code := range []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"} {
		_, err := svc.CreateLot(ctx, lab.NewLot{Analyte: code, Kit: code + " kit", Lot: fmt.Sprintf("D%04d%02d", 2400+i, i+1),
			ExpiresOn: string(today.AddDays(365)), ReceivedOn: string(today.AddDays(-60)), InUse: true})
		if err != nil {
			return fmt.Errorf("demo lot of %s: %w", code, err)
		}
	}
	return nil
}
