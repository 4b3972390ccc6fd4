package stats_test

import (
	"context"
	"testing"
	"time"

	"torchlab/lab"
)

// The seeded programme's pregnancies (cmd/torchlab-load/loadgen) come within its 100
// days: early contacts, early losses, no births yet. These helpers give it
// births, with and without a defect, written straight into the table as a
// programme's history would hold them, and a woman whose earlier
// pregnancy ended before her screen; then change pregnancies, outcomes and
// vaccinations through the use cases.

// tested screens, in collection order, of women not pregnant at the draw
// and with no pregnancy recorded.
func screensWithoutPregnancy(t *testing.T, db *lab.DB, n int) []lab.Sample {
	t.Helper()
	var out []lab.Sample
	err := db.Gorm.Table("samples").Select("samples.*").
		Joins("JOIN appointments ON appointments.id = samples.appointment_id").
		Where("samples.kind = ? AND samples.status = ? AND appointments.category <> ?", lab.KindScreening, lab.SampleReleased, lab.Pregnant).
		Where("samples.client_id NOT IN (SELECT client_id FROM pregnancies)").
		Order("samples.collected_at, samples.id").Limit(n).Scan(&out).Error
	if err != nil || len(out) < n {
		t.Fatalf("%d screens without a pregnancy: %v", len(out), err)
	}
	return out
}

// seePregnancies writes births after some of the first screens (every
// third with a defect, one a stillbirth, one outcome unknown), an outcome
// follow-up long overdue and, for one woman, a birth before her screen
// followed by a pregnancy still open.
func seePregnancies(t *testing.T, db *lab.DB, now time.Time) {
	t.Helper()
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	today := lab.DateOf(now.In(shanghai))
	write := func(p lab.Pregnancy) {
		t.Helper()
		if p.Outcome == "" {
			client := p.ClientID
			p.OpenClientID = &client
		}
		p.EDD = lab.EDDFromLMP(p.LMPDate)
		p.OutcomeFrom = p.EDD.AddDays(42)
		p.OutcomeDueOn = p.OutcomeFrom.AddDays(30)
		if p.DefectsJSON == "" {
			p.DefectsJSON = "[]"
		}
		if err := db.Gorm.Create(&p).Error; err != nil {
			t.Fatal(err)
		}
	}
	screens := screensWithoutPregnancy(t, db, 10)
	for i, sm := range screens[:8] {
		day := lab.DateOf(sm.CollectedAt.In(shanghai))
		born := day.AddDays(5 + 3*i)
		if born >= today {
			born = today.AddDays(-1)
		}
		recorded := sm.CollectedAt.Add(-30 * 24 * time.Hour)
		at := born.Time(shanghai).Add(50 * time.Hour)
		if at.After(now) {
			at = now.Add(-time.Hour)
		}
		p := lab.Pregnancy{ClientID: sm.ClientID, StationID: sm.StationID, LMPDate: born.AddDays(-275), Source: "clinic",
			RecordedAt: recorded, Outcome: "live_birth", OutcomeOn: &born, OutcomeRecordedAt: &at, UpdatedAt: at}
		switch i {
		case 4:
			p.Outcome = "stillbirth"
		case 7: // the follow-up could not learn it
			p.Outcome = "unknown"
		}
		if i%3 == 0 {
			p.DefectsJSON = `[{"code":"Q21.1","text":"房间隔缺损"}]`
		}
		write(p)
	}
	// Pregnant at her screen, her outcome follow-up long due and not done.
	late := screens[9]
	write(lab.Pregnancy{ClientID: late.ClientID, StationID: late.StationID, LMPDate: lab.DateOf(late.CollectedAt.In(shanghai)).AddDays(-290),
		Source: "clinic", RecordedAt: late.CollectedAt.Add(-30 * 24 * time.Hour), UpdatedAt: late.CollectedAt})
	last := screens[8]
	day := lab.DateOf(last.CollectedAt.In(shanghai))
	before, at := day.AddDays(-100), last.CollectedAt.Add(-90*24*time.Hour)
	write(lab.Pregnancy{ClientID: last.ClientID, StationID: last.StationID, LMPDate: before.AddDays(-280), Source: "clinic",
		RecordedAt: at.Add(-200 * 24 * time.Hour), Outcome: "live_birth", OutcomeOn: &before, OutcomeRecordedAt: &at, UpdatedAt: at})
	write(lab.Pregnancy{ClientID: last.ClientID, StationID: last.StationID, LMPDate: day.AddDays(2), Source: "self_report",
		RecordedAt: last.CollectedAt.Add(30 * 24 * time.Hour), UpdatedAt: last.CollectedAt.Add(30 * 24 * time.Hour)})
}

// changePregnancies, at now, records a pregnancy with its early contact,
// the outcome of an open pregnancy, a defect found after a recorded birth,
// and a rubella vaccination: the kept days of the women's screens must
// follow.
func changePregnancies(t *testing.T, db *lab.DB, svc *lab.Service, admin context.Context, now time.Time) {
	t.Helper()
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	today := lab.DateOf(now.In(shanghai))
	sm := screensWithoutPregnancy(t, db, 1)[0]
	p, err := svc.RecordPregnancy(admin, sm.ClientID, lab.NewPregnancy{LMPDate: string(today.AddDays(-40)), Source: "self_report"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddPregnancyContact(admin, p.ID, lab.NewPregnancyContact{Task: lab.TaskEarlyContact, Channel: "phone", Result: "reached"}); err != nil {
		t.Fatal(err)
	}
	var open []lab.Pregnancy
	if err := db.Gorm.Where("outcome = '' AND id <> ? AND lmp_date BETWEEN ? AND ?", p.ID, today.AddDays(-140), today.AddDays(-70)).
		Where("client_id IN (SELECT client_id FROM samples WHERE kind = ? AND status = ?)", lab.KindScreening, lab.SampleReleased).
		Order("id").Limit(1).Find(&open).Error; err != nil || len(open) != 1 {
		t.Fatalf("an open pregnancy: %v", err)
	}
	// Today: after her screen, whenever it was.
	if _, err := svc.RecordOutcome(admin, open[0].ID, lab.NewOutcome{Outcome: "miscarriage", Date: string(today)}); err != nil {
		t.Fatal(err)
	}
	var born []lab.Pregnancy
	if err := db.Gorm.Where("outcome = ? AND defects = ?", "live_birth", "[]").Order("id").Limit(1).Find(&born).Error; err != nil || len(born) != 1 {
		t.Fatalf("a birth without a defect: %v", err)
	}
	if _, err := svc.CorrectOutcome(admin, born[0].ID, lab.NewOutcome{Outcome: "live_birth", Date: string(*born[0].OutcomeOn),
		Defects: []lab.Defect{{Code: "Q35.9", Text: "腭裂"}}, Reason: "found at the six-week check"}); err != nil {
		t.Fatal(err)
	}
	var susceptible []int64
	err = db.Gorm.Table("samples").Joins("JOIN appointments ON appointments.id = samples.appointment_id").
		Where("samples.kind = ? AND samples.status = ? AND appointments.category <> ?", lab.KindScreening, lab.SampleReleased, lab.Pregnant).
		Where("EXISTS (SELECT 1 FROM results r WHERE r.sample_id = samples.id AND r.state = ? AND r.analyte_code = 'RUBV_IGG' AND r.interpretation = ?)", lab.ResultReleased, lab.Negative).
		Where("NOT EXISTS (SELECT 1 FROM results r WHERE r.sample_id = samples.id AND r.state = ? AND r.analyte_code = 'RUBV_IGM' AND r.interpretation <> ?)", lab.ResultReleased, lab.Negative).
		Where("samples.client_id NOT IN (SELECT client_id FROM vaccinations) AND samples.client_id NOT IN (SELECT client_id FROM pregnancies WHERE outcome = '')").
		Order("samples.id").Limit(1).Pluck("samples.client_id", &susceptible).Error
	if err != nil || len(susceptible) != 1 {
		t.Fatalf("a woman advised a rubella vaccination: %v", err)
	}
	if _, err := svc.RecordVaccination(admin, susceptible[0], lab.NewVaccination{Vaccine: "rubella", GivenOn: string(today.AddDays(-1)), PregnancyExcluded: true}); err != nil {
		t.Fatal(err)
	}
}
