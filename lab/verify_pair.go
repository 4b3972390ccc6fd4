package lab

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"
)

// pairWindow is how far back a retest or redraw looks for the sample it is
// read against (domain.md §0, Paired sera: her earlier released sample in
// the last 180 days).
const pairWindow = 180 * 24 * time.Hour

// pairedSample returns the sample a release is read against, with the
// interpretations of its released results by analyte: for a retest or a
// redraw, her newest other released sample collected before it within
// pairWindow; none for a screening, or when there is no such sample.
// Values are compared only as interpretations, never across kits as
// numbers (InterpretPair).
func pairedSample(tx *gorm.DB, sm *Sample) (*Sample, map[string]Interpretation, error) {
	if sm.Kind != KindRetest && sm.Kind != KindRedraw {
		return nil, nil, nil
	}
	var earlier []Sample
	err := tx.Where("client_id = ? AND id <> ? AND status = ? AND collected_at < ? AND collected_at >= ?",
		sm.ClientID, sm.ID, SampleReleased, sm.CollectedAt, sm.CollectedAt.Add(-pairWindow)).
		Order("collected_at DESC, id DESC").Limit(1).Find(&earlier).Error
	if err != nil || len(earlier) == 0 {
		return nil, nil, err
	}
	var rs []Result
	if err := tx.Where("sample_id = ? AND state = ?", earlier[0].ID, ResultReleased).Find(&rs).Error; err != nil {
		return nil, nil, err
	}
	interps := make(map[string]Interpretation, len(rs))
	for _, r := range rs {
		interps[r.AnalyteCode] = r.Interpretation
	}
	return &earlier[0], interps, nil
}

// pairedFindingsOf interprets a sample's results, read against the earlier
// sample's interpretations when it has one (InterpretPair).
func pairedFindingsOf(rs []Result, earlier map[string]Interpretation, pregnant bool, st Settings) ([]Finding, bool) {
	m := make(map[string]Interpretation, len(rs))
	for _, r := range rs {
		m[r.AnalyteCode] = r.Interpretation
	}
	return InterpretPair(m, earlier, pregnant, st.RubellaDeferralDays)
}

// Review is what the verifying technician sees beside the results of a
// sample waiting for release: who she is for the rules (her category and
// gestational age at the draw, as the appointment recorded them), the
// sample it will be read against, and the findings the release would
// make, with any delta check it would hold.
type Review struct {
	Category       Category        `json:"category"`
	GestationalAge *GestationalAge `json:"gestational_age,omitempty"`
	PairedWith     *PairedSample   `json:"paired_with,omitempty"`
	Findings       []Finding       `json:"findings"`
	Abnormal       bool            `json:"abnormal"`
	// Delta are the findings that need acknowledge_delta at release.
	Delta []Finding `json:"delta"`
}

// PairedSample names the earlier sample of a pair.
type PairedSample struct {
	Accession   string `json:"accession"`
	CollectedOn Date   `json:"collected_on"`
}

// ReviewRelease previews the release of a sample for the verifying
// technician (Review): the results it would release (an amendment's
// pending ones in place of those they replace) interpreted as Verify
// would. Lab technicians and admins. CodeBadAccession, CodeNotFound,
// CodeInvalidState (nothing waits for verification).
func (s *Service) ReviewRelease(ctx context.Context, rawAccession string) (*Review, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, err
	}
	db := s.read(ctx)
	sm, err := s.loadSample(ctx, db, acc, false)
	if err != nil {
		return nil, err
	}
	results, err := currentResults(db, sm.ID)
	if err != nil {
		return nil, err
	}
	pending := slices.ContainsFunc(results, func(r Result) bool { return r.State == ResultPending })
	if sm.Status != SampleResulted && !pending {
		e := invalidState("sample", string(sm.Status), "review the release of")
		e.Message = "nothing of this sample waits for verification"
		return nil, e
	}
	loc, err := stationLocation(db, sm.StationID)
	if err != nil {
		return nil, err
	}
	return s.reviewOf(db, sm, results, loc)
}

// reviewOf builds the Review of a sample from its current results.
func (s *Service) reviewOf(db *gorm.DB, sm *Sample, results []Result, loc *time.Location) (*Review, error) {
	var ap Appointment
	if err := db.Select("category", "lmp_date").First(&ap, sm.AppointmentID).Error; err != nil {
		return nil, err
	}
	settings, err := loadSettings(db)
	if err != nil {
		return nil, err
	}
	paired, earlier, err := pairedSample(db, sm)
	if err != nil {
		return nil, err
	}
	pending := map[string]bool{}
	for _, r := range results {
		if r.State == ResultPending {
			pending[r.AnalyteCode] = true
		}
	}
	var next []Result
	for _, r := range results {
		if r.State == ResultPending || r.State == ResultEntered || (r.State == ResultReleased && !pending[r.AnalyteCode]) {
			next = append(next, r)
		}
	}
	rv := &Review{Category: ap.Category}
	if ap.Category == Pregnant && ap.LMPDate != nil {
		d := GestationDays(*ap.LMPDate, DateOf(sm.CollectedAt.In(loc)))
		rv.GestationalAge = &GestationalAge{Weeks: d / 7, Days: d % 7}
	}
	if paired != nil {
		rv.PairedWith = &PairedSample{Accession: paired.Accession, CollectedOn: DateOf(paired.CollectedAt.In(loc))}
	}
	rv.Findings, rv.Abnormal = pairedFindingsOf(next, earlier, ap.Category == Pregnant, settings)
	if rv.Findings == nil {
		rv.Findings = []Finding{}
	}
	rv.Delta = DeltaFindings(rv.Findings)
	if rv.Delta == nil {
		rv.Delta = []Finding{}
	}
	return rv, nil
}
