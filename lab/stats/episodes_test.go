package stats_test

import (
	"context"
	"testing"
	"time"

	"torchlab/lab"
)

// The seeded programme has screening samples only. These helpers give it
// what a woman's figures read beyond her screening tube, written straight
// into the tables as a programme's history would hold them: redraws of
// rejected tubes (one rejected again and redrawn once more), a case opened
// by a redraw, and retests held by cases whose findings advise one.

// episodeRows writes rows for the statistics tests.
type episodeRows struct {
	t     *testing.T
	db    *lab.DB
	acc   int64
	donor []lab.Result // released results copied onto new tubes
}

func newEpisodeRows(t *testing.T, db *lab.DB) *episodeRows {
	t.Helper()
	e := &episodeRows{t: t, db: db, acc: 1 << 33}
	var donor lab.Sample
	if err := db.Gorm.Where("status = ? AND panel_code = ? AND abnormal = ?", lab.SampleReleased, "TORCH8", true).Order("id").First(&donor).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Gorm.Where("sample_id = ? AND state = ?", donor.ID, lab.ResultReleased).Find(&e.donor).Error; err != nil {
		t.Fatal(err)
	}
	return e
}

// tube writes a sample of the kind drawn at the given time for the
// appointment, released a day later (or rejected, with its recollection
// request, when rejected is set), and returns it.
func (e *episodeRows) tube(like lab.Appointment, kind lab.AppointmentKind, at time.Time, recollection, followup *int64, rejected bool) lab.Sample {
	e.t.Helper()
	ap := like
	ap.ID, ap.OpenClientID, ap.Kind, ap.RecollectionID, ap.FollowupID = 0, nil, kind, recollection, followup
	ap.CollectedAt, ap.UpdatedAt = &at, at
	if err := e.db.Gorm.Create(&ap).Error; err != nil {
		e.t.Fatal(err)
	}
	e.acc++
	code, err := lab.FormatAccession(e.acc)
	if err != nil {
		e.t.Fatal(err)
	}
	recv := at.Add(4 * time.Hour)
	sm := lab.Sample{Accession: code, ClientID: ap.ClientID, AppointmentID: ap.ID, StationID: ap.StationID, PanelCode: "TORCH8",
		Kind: kind, Status: lab.SampleReleased, CollectedAt: at, ReceivedAt: &recv, UpdatedAt: at, ReportVersion: 1, Abnormal: true}
	if rejected {
		sm.Status, sm.ReceivedAt, sm.RejectedAt, sm.RejectReason, sm.ReportVersion, sm.Abnormal = lab.SampleRejected, nil, &recv, "hemolyzed", 0, false
	} else {
		rel := at.Add(26 * time.Hour)
		sm.ReleasedAt, sm.FirstReleasedAt = &rel, &rel
	}
	if err := e.db.Gorm.Create(&sm).Error; err != nil {
		e.t.Fatal(err)
	}
	if rejected {
		rc := lab.Recollection{SampleID: sm.ID, ClientID: sm.ClientID, StationID: sm.StationID, Reason: "hemolyzed", CreatedAt: recv}
		if err := e.db.Gorm.Create(&rc).Error; err != nil {
			e.t.Fatal(err)
		}
		return sm
	}
	for _, r := range e.donor {
		r.ID, r.SampleID, r.EnteredAt = 0, sm.ID, recv
		if err := e.db.Gorm.Create(&r).Error; err != nil {
			e.t.Fatal(err)
		}
	}
	return sm
}

// redraw books and draws the redraw of a rejected tube at the time.
func (e *episodeRows) redraw(rejected lab.Sample, at time.Time, rejectAgain bool) lab.Sample {
	e.t.Helper()
	var rc lab.Recollection
	if err := e.db.Gorm.Where("sample_id = ?", rejected.ID).First(&rc).Error; err != nil {
		e.t.Fatal(err)
	}
	var ap lab.Appointment
	if err := e.db.Gorm.First(&ap, rejected.AppointmentID).Error; err != nil {
		e.t.Fatal(err)
	}
	sm := e.tube(ap, lab.KindRedraw, at, &rc.ID, ap.FollowupID, rejectAgain)
	if err := e.db.Gorm.Model(&rc).Updates(map[string]any{"appointment_id": sm.AppointmentID, "closed_at": at}).Error; err != nil {
		e.t.Fatal(err)
	}
	return sm
}

// openCase opens a case for a released tube, due a day after its release.
func (e *episodeRows) openCase(sm lab.Sample) int64 {
	e.t.Helper()
	due := sm.FirstReleasedAt.Add(24 * time.Hour)
	client := sm.ClientID
	c := lab.Followup{SampleID: sm.ID, Accession: sm.Accession, ClientID: sm.ClientID, StationID: sm.StationID,
		Status: lab.CaseOpen, Priority: lab.Urgent, FindingsJSON: "[]", DueAt: due, FirstDueAt: &due,
		OpenedAt: *sm.FirstReleasedAt, UpdatedAt: *sm.FirstReleasedAt, NextActionKind: lab.ActionContact}
	var open int64
	if err := e.db.Gorm.Model(&lab.Followup{}).Where("open_client_id = ?", client).Count(&open).Error; err != nil {
		e.t.Fatal(err)
	}
	if open == 0 {
		c.OpenClientID = &client
	}
	if err := e.db.Gorm.Create(&c).Error; err != nil {
		e.t.Fatal(err)
	}
	e.member(c.ID, sm.ID, *sm.FirstReleasedAt)
	return c.ID
}

func (e *episodeRows) member(caseID, sampleID int64, at time.Time) {
	e.t.Helper()
	if err := e.db.Gorm.Exec("INSERT INTO followup_samples (followup_id, sample_id, added_at) VALUES (?, ?, ?)", caseID, sampleID, at).Error; err != nil {
		e.t.Fatal(err)
	}
}

// retest draws a retest for the case at the time and adds it to the case.
func (e *episodeRows) retest(caseID int64, at time.Time, rejected bool) lab.Sample {
	e.t.Helper()
	var c lab.Followup
	if err := e.db.Gorm.First(&c, caseID).Error; err != nil {
		e.t.Fatal(err)
	}
	var opening lab.Sample
	if err := e.db.Gorm.First(&opening, c.SampleID).Error; err != nil {
		e.t.Fatal(err)
	}
	var ap lab.Appointment
	if err := e.db.Gorm.First(&ap, opening.AppointmentID).Error; err != nil {
		e.t.Fatal(err)
	}
	sm := e.tube(ap, lab.KindRetest, at, nil, &caseID, rejected)
	if !rejected {
		e.member(caseID, sm.ID, *sm.FirstReleasedAt)
	}
	return sm
}

// retestAdvised lists the seeded cases whose opening sample's findings
// advise a redraw.
func retestAdvised(t *testing.T, db *lab.DB) []lab.Followup {
	t.Helper()
	var cases []lab.Followup
	if err := db.Gorm.Order("id").Find(&cases).Error; err != nil {
		t.Fatal(err)
	}
	var out []lab.Followup
	for _, c := range cases {
		var rs []lab.Result
		if err := db.Gorm.Where("sample_id = ? AND state = ?", c.SampleID, lab.ResultReleased).Find(&rs).Error; err != nil {
			t.Fatal(err)
		}
		m := map[string]lab.Interpretation{}
		for _, r := range rs {
			m[r.AnalyteCode] = r.Interpretation
		}
		fs, _ := lab.Interpret(m, false, 90)
		var abnormal []lab.Finding
		for _, f := range fs {
			if f.Abnormal {
				abnormal = append(abnormal, f)
			}
		}
		if lab.SuggestedNextAction(abnormal) == lab.ActionRetest {
			out = append(out, c)
		}
	}
	return out
}

// seeEpisodes gives the seeded programme redraws, a redraw's case and
// retests, all collected before now.
func seeEpisodes(t *testing.T, db *lab.DB, now time.Time) *episodeRows {
	t.Helper()
	e := newEpisodeRows(t, db)
	var rejected []lab.Sample
	if err := db.Gorm.Where("status = ? AND kind = ?", lab.SampleRejected, lab.KindScreening).Order("id").Find(&rejected).Error; err != nil {
		t.Fatal(err)
	}
	if len(rejected) < 4 {
		t.Fatalf("the seed has %d rejected tubes", len(rejected))
	}
	at := func(sm lab.Sample, d time.Duration) time.Time {
		if t := sm.CollectedAt.Add(d); t.Before(now.Add(-30 * time.Hour)) {
			return t
		}
		return now.Add(-30 * time.Hour)
	}
	for i, sm := range rejected[:4] {
		rd := e.redraw(sm, at(sm, 26*time.Hour), i == 1)
		switch i {
		case 1: // rejected again, redrawn again
			e.redraw(rd, at(rd, 3*time.Hour), false)
		case 2:
			e.openCase(rd)
		}
	}
	// Some releases come days after the draw, either side of 5 working
	// days.
	var late []lab.Sample
	if err := db.Gorm.Where("status = ? AND kind = ?", lab.SampleReleased, lab.KindScreening).Order("id").Limit(24).Find(&late).Error; err != nil {
		t.Fatal(err)
	}
	for i, sm := range late {
		rel := sm.CollectedAt.Add(time.Duration(4*24+i*9) * time.Hour)
		if rel.After(now) {
			continue
		}
		if err := db.Gorm.Model(&sm).Updates(map[string]any{"released_at": rel, "first_released_at": rel}).Error; err != nil {
			t.Fatal(err)
		}
	}
	advised := retestAdvised(t, db)
	if len(advised) < 4 {
		t.Fatalf("the seed has %d cases that advise a retest", len(advised))
	}
	for i, c := range advised {
		when := c.OpenedAt.Add(14 * 24 * time.Hour)
		if !when.Before(now.Add(-60 * time.Hour)) {
			continue
		}
		switch i % 3 {
		case 0:
			e.retest(c.ID, when, false)
		case 1: // the retest's tube rejected, and redrawn
			rt := e.retest(c.ID, when, true)
			rd := e.redraw(rt, when.Add(24*time.Hour), false)
			e.member(c.ID, rd.ID, *rd.FirstReleasedAt)
		}
	}
	return e
}

// changeEpisodes changes, at now, what a woman's figures read but her
// screening tube's day does not hold: a contact on the case a redraw
// opened, a retest released on a case that advised one (the case itself
// untouched), a redraw of a rejected screening tube. The kept days of the
// screening tubes must follow.
func (e *episodeRows) changeEpisodes(svc *lab.Service, admin context.Context, now time.Time) {
	e.t.Helper()
	var redrawCase []int64
	if err := e.db.Gorm.Table("followups").Joins("JOIN samples ON samples.id = followups.sample_id").
		Where("samples.kind = ?", lab.KindRedraw).Pluck("followups.id", &redrawCase).Error; err != nil || len(redrawCase) != 1 {
		e.t.Fatalf("the redraw's case: %v %v", redrawCase, err)
	}
	if _, err := svc.AddContact(admin, redrawCase[0], lab.NewContact{Channel: "phone", Result: "reached"}); err != nil {
		e.t.Fatal(err)
	}
	for _, c := range retestAdvised(e.t, e.db) {
		var held int64
		if err := e.db.Gorm.Table("followup_samples").Where("followup_id = ? AND sample_id <> ?", c.ID, c.SampleID).Count(&held).Error; err != nil {
			e.t.Fatal(err)
		}
		if held == 0 {
			rt := e.retest(c.ID, now.Add(-40*time.Hour), false)
			if err := e.db.Gorm.Model(&rt).Update("updated_at", now).Error; err != nil {
				e.t.Fatal(err)
			}
			break
		}
	}
	var rejected []lab.Sample
	if err := e.db.Gorm.Where("status = ? AND kind = ? AND id NOT IN (SELECT sample_id FROM recollections WHERE appointment_id IS NOT NULL)",
		lab.SampleRejected, lab.KindScreening).Order("id").Limit(1).Find(&rejected).Error; err != nil || len(rejected) != 1 {
		e.t.Fatalf("a rejected tube not redrawn: %v", err)
	}
	rd := e.redraw(rejected[0], now.Add(-28*time.Hour), false)
	if err := e.db.Gorm.Model(&rd).Update("updated_at", now).Error; err != nil {
		e.t.Fatal(err)
	}
}
