package lab

import (
	"context"
	"fmt"
	"time"

	"torchlab/migrations"
)

// releaseRead is everything a release reads before it writes: the
// sample (locked), what planRelease decides on, what the follow-up
// workflow and the report-ready message need, and what the frozen report
// and the sample's page show. readRelease reads it in one round trip on
// MySQL (readAll).
type releaseRead struct {
	Sample      *Sample
	Results     []Result
	QCRejected  int64
	Appointment Appointment
	Client      Client
	Station     Station
	// Earlier are her released results on samples collected before this
	// one, newest sample first; Paired her newest released sample
	// collected before this one (not yet held to the pairing window).
	Earlier   []earlierRow
	Paired    *Sample
	PairedLoc *time.Location
	// OpenCaseID is her open case's id as a plain read saw it (0: none);
	// the release locks it before it counts (lockOpenCase).
	OpenCaseID int64
	// RetestCase is the case that booked the sample, for a retest;
	// SampleCase the newest case the sample is one of.
	RetestCase *Followup
	SampleCase *Followup
	Events     []SampleEvent
	Verifier   *User
	Admins     []int64
	// Counselor is the station's least-loaded active counselor, not yet
	// locked (0: none).
	Counselor int64
	// Recipient is she as the report-ready message reaches her;
	// Templates the stored wordings of messages.
	Recipient *recipient
	Templates []templateRow
	reference releaseReference
}

// pairedRow is her earlier sample with its station's zone.
type pairedRow struct {
	Sample
	PairedTimezone string
}

// earlierRow is one of her released results on an earlier sample.
type earlierRow struct {
	Result
	Accession   string
	CollectedAt time.Time
	Timezone    string
}

// releaseReference is the reference data a release reads: the settings
// in force and the analytes (their names and order for the report).
// They are read apart from the rest so that a cache of reference data
// can answer them instead (referenceSteps).
type releaseReference struct {
	settingRows []settingRow
	Analytes    []Analyte
	Settings    Settings
}

// referenceSteps are the reads of a release's reference data, and what
// turns their rows into it once read.
func (r *releaseReference) referenceSteps() ([]readStep, func() error) {
	steps := []readStep{
		into(&r.settingRows, "SELECT * FROM settings"),
		into(&r.Analytes, "SELECT * FROM analytes ORDER BY position"),
	}
	return steps, func() error {
		st, err := settingsOf(r.settingRows)
		r.Settings = st
		return err
	}
}

// The sample a release reads, and its columns, by the accession code:
// every read goes in one query, before the sample's id is known.
const (
	relSample      = "(SELECT id FROM samples WHERE accession = ?)"
	relClient      = "(SELECT client_id FROM samples WHERE accession = ?)"
	relStation     = "(SELECT station_id FROM samples WHERE accession = ?)"
	relAppointment = "(SELECT appointment_id FROM samples WHERE accession = ?)"
	relCollected   = "(SELECT collected_at FROM samples WHERE accession = ?)"
)

// readRelease reads a release's facts (releaseRead) in tx, the sample's
// row locked on MySQL: CodeNotFound for no sample of that code in the
// actor's scope.
func (s *Service) readRelease(ctx context.Context, tx *txDB, acc string) (*releaseRead, error) {
	rd := &releaseRead{}
	var samples []Sample
	var paired []pairedRow
	var runs, openIDs, admins []int64
	var apps []Appointment
	var clients []Client
	var stations []Station
	var retest, sampleCase []Followup
	var users []User
	var recipients []recipient
	var counselors []struct {
		ID        int64
		OpenCases int64
	}
	lock := ""
	if s.db.Dialect == migrations.MySQL {
		lock = " FOR UPDATE"
	}
	ref, refDone := rd.reference.referenceSteps()
	steps := append([]readStep{
		into(&samples, "SELECT * FROM samples WHERE accession = ?"+lock, acc),
		into(&rd.Results, "SELECT * FROM results WHERE sample_id = "+relSample+" ORDER BY id", acc),
		into(&runs, `SELECT runs.id FROM run_samples JOIN runs ON runs.id = run_samples.run_id
			WHERE run_samples.sample_id = `+relSample+` AND run_samples.removed_at IS NULL AND runs.status = ?
			ORDER BY runs.id LIMIT 1`, acc, RunRejected),
		into(&apps, "SELECT * FROM appointments WHERE id = "+relAppointment, acc),
		into(&clients, "SELECT * FROM clients WHERE id = "+relClient, acc),
		into(&stations, "SELECT * FROM stations WHERE id = "+relStation, acc),
		into(&rd.Earlier, `SELECT results.*, samples.accession, samples.collected_at, stations.timezone
			FROM results JOIN samples ON samples.id = results.sample_id JOIN stations ON stations.id = samples.station_id
			WHERE samples.client_id = `+relClient+` AND samples.id <> `+relSample+` AND samples.collected_at < `+relCollected+`
			AND results.state = ? ORDER BY samples.collected_at DESC, samples.id DESC, results.id`, acc, acc, acc, ResultReleased),
		into(&paired, `SELECT samples.*, stations.timezone AS paired_timezone FROM samples JOIN stations ON stations.id = samples.station_id
			WHERE samples.client_id = `+relClient+` AND samples.id <> `+relSample+` AND samples.status = ?
			AND samples.collected_at < `+relCollected+` ORDER BY samples.collected_at DESC, samples.id DESC LIMIT 1`, acc, acc, SampleReleased, acc),
		into(&openIDs, "SELECT id FROM followups WHERE open_client_id = "+relClient, acc),
		into(&retest, "SELECT * FROM followups WHERE id = (SELECT followup_id FROM appointments WHERE id = "+relAppointment+")", acc),
		into(&sampleCase, `SELECT * FROM followups WHERE id IN (SELECT followup_id FROM followup_samples WHERE sample_id = `+relSample+`)
			ORDER BY id DESC LIMIT 1`, acc),
		into(&rd.Events, "SELECT * FROM sample_events WHERE sample_id = "+relSample+" ORDER BY id", acc),
		into(&users, "SELECT * FROM users WHERE id = ?", ActorFrom(ctx).UserID),
		into(&admins, "SELECT id FROM users WHERE role = ? AND active = ? ORDER BY id", RoleAdmin, true),
		into(&counselors, releaseCounselorSQL, CaseOpen, CaseInProgress, RoleCounselor, true, acc, 0),
		into(&recipients, "SELECT "+recipientColumns+" FROM clients JOIN stations ON stations.id = clients.station_id WHERE clients.id = "+relClient, acc),
		into(&rd.Templates, "SELECT * FROM message_templates"),
	}, ref...)
	if err := readAll(tx, s.batching(), steps...); err != nil {
		return nil, err
	}
	if len(samples) == 0 || !ActorFrom(ctx).canSeeStation(samples[0].StationID) {
		return nil, notFound("sample")
	}
	if len(apps) == 0 || len(clients) == 0 || len(stations) == 0 {
		return nil, fmt.Errorf("sample %s: its appointment, client or station is missing", acc)
	}
	if err := refDone(); err != nil {
		return nil, err
	}
	rd.Sample, rd.Appointment, rd.Client, rd.Station = &samples[0], apps[0], clients[0], stations[0]
	if len(runs) > 0 {
		rd.QCRejected = runs[0]
	}
	if len(paired) > 0 {
		rd.Paired, rd.PairedLoc = &paired[0].Sample, location(paired[0].PairedTimezone)
	}
	if len(openIDs) > 0 {
		rd.OpenCaseID = openIDs[0]
	}
	if len(retest) > 0 {
		rd.RetestCase = &retest[0]
	}
	if len(sampleCase) > 0 {
		rd.SampleCase = &sampleCase[0]
	}
	if len(users) > 0 {
		rd.Verifier = &users[0]
	}
	if len(counselors) > 0 {
		rd.Counselor = counselors[0].ID
	}
	if len(recipients) > 0 {
		rd.Recipient = &recipients[0]
	}
	rd.Admins = admins
	return rd, nil
}

// releaseCounselorSQL is pickCounselor's choice of the least-loaded
// active counselor of the sample's station. Its arguments: CaseOpen,
// CaseInProgress, RoleCounselor, true, the accession code, then the id
// left out.
const releaseCounselorSQL = `SELECT users.id,
	(SELECT COUNT(*) FROM followups f WHERE f.assignee_id = users.id AND f.status = ?) +
	(SELECT COUNT(*) FROM followups f WHERE f.assignee_id = users.id AND f.status = ?) AS open_cases
	FROM users WHERE users.role = ? AND users.active = ? AND users.station_id = ` + relStation + ` AND users.id NOT IN (?)
	ORDER BY open_cases, users.id LIMIT 1`

// facts are the release's facts for planRelease: the pairing is held to
// its window (pairedSample's rule) here.
func (rd *releaseRead) facts(panel []string) releaseFacts {
	f := releaseFacts{Sample: rd.Sample, Results: rd.Results, Panel: panel, QCRejectedRun: rd.QCRejected,
		Pregnant: rd.Appointment.Category == Pregnant, Settings: rd.reference.Settings}
	sm := rd.Sample
	if p := rd.Paired; p != nil && (sm.Kind == KindRetest || sm.Kind == KindRedraw) && !p.CollectedAt.Before(sm.CollectedAt.Add(-pairWindow)) {
		f.Paired, f.PairedLoc, f.Earlier = p, rd.PairedLoc, map[string]Interpretation{}
		for _, r := range rd.Earlier {
			if r.SampleID == p.ID {
				f.Earlier[r.AnalyteCode] = r.Interpretation
			}
		}
	}
	return f
}

// earlierByAnalyte is earlierResults' answer from the rows read.
func earlierByAnalyte(rows []earlierRow) map[string][]EarlierResult {
	out := map[string][]EarlierResult{}
	for _, r := range rows {
		out[r.AnalyteCode] = append(out[r.AnalyteCode], EarlierResult{
			Accession: r.Accession, CollectedOn: DateOf(r.CollectedAt.In(location(r.Timezone))), ValueText: r.ValueText,
			Qualitative: r.Qualitative, Unit: r.Unit, Kit: r.Kit, Interpretation: r.Interpretation})
	}
	return out
}
