package lab

import (
	"context"
	"sort"
	"time"

	"gorm.io/gorm"
)

// ReportResult is one line of the woman's report, with her earlier
// results of the same analyte beside it (paired sera).
type ReportResult struct {
	Analyte        string          `json:"analyte"`
	NameZh         string          `json:"name_zh"`
	NameEn         string          `json:"name_en"`
	Value          *float64        `json:"value"`
	ValueText      string          `json:"value_text,omitempty"`
	ValueQualifier string          `json:"value_qualifier,omitempty"`
	Qualitative    string          `json:"qualitative,omitempty"`
	Unit           string          `json:"unit"`
	Interpretation Interpretation  `json:"interpretation"`
	Kit            string          `json:"kit"`
	Lot            string          `json:"lot,omitempty"`
	NegativeBelow  *float64        `json:"negative_below"`
	PositiveFrom   *float64        `json:"positive_from"`
	Earlier        []EarlierResult `json:"earlier"`
}

// EarlierResult is a result of hers from an earlier released sample.
type EarlierResult struct {
	Accession      string         `json:"accession"`
	CollectedOn    Date           `json:"collected_on"`
	ValueText      string         `json:"value_text,omitempty"`
	Qualitative    string         `json:"qualitative,omitempty"`
	Unit           string         `json:"unit"`
	Kit            string         `json:"kit"`
	Interpretation Interpretation `json:"interpretation"`
}

// ReportAmendment is a released result that a later version replaced.
type ReportAmendment struct {
	Analyte   string    `json:"analyte"`
	Old       string    `json:"old_value"`
	New       string    `json:"new_value"`
	Reason    string    `json:"reason"`
	Version   int       `json:"version"`
	AmendedAt time.Time `json:"amended_at"`
}

// Report is the woman's result report (API.md, GET /samples/{accession}/report).
type Report struct {
	Accession      string            `json:"accession"`
	Version        int               `json:"version"`
	Abnormal       bool              `json:"abnormal"`
	Panel          string            `json:"panel"`
	Name           string            `json:"name"`
	NationalID     string            `json:"national_id"`
	Age            int               `json:"age"`
	Category       Category          `json:"category"`
	GestationalAge *GestationalAge   `json:"gestational_age,omitempty"`
	StationCode    string            `json:"station_code"`
	StationName    string            `json:"station_name"`
	CollectedOn    Date              `json:"collected_on"`
	ReleasedAt     time.Time         `json:"released_at"`
	VerifiedBy     string            `json:"verified_by"`
	Results        []ReportResult    `json:"results"`
	Findings       []Finding         `json:"findings"`
	Amendments     []ReportAmendment `json:"amendments"`
	// Settings are the programme's settings the texts were written with,
	// by name: those in force at release for a frozen report.
	Settings map[string]int `json:"settings"`
	// Frozen is true for a report stored as released; false for one
	// released before reports were stored, built from today's records.
	Frozen bool `json:"frozen"`
	// PairedWith is the earlier sample a retest or redraw was read against
	// (the paired findings compare with it), "" when there is none.
	PairedWith string `json:"paired_with,omitempty"`
}

// SampleReport returns the woman's report of a released sample at its
// current version, as it was released (SampleReportVersion). Anyone who may
// see the sample may read it (nurses hand reports out). CodeBadAccession,
// CodeNotFound, CodeInvalidState (not yet released).
func (s *Service) SampleReport(ctx context.Context, rawAccession string) (*Report, error) {
	return s.reportAt(ctx, rawAccession, 0)
}

// assembleReport builds a released sample's report from its records as
// they are read through db: her details, the released results with her
// earlier ones, the verifier and the amendments. Findings and settings are
// the caller's: a release freezes its own, a report released before
// reports were frozen is interpreted again (liveReport). It also returns
// the released results.
func (s *Service) assembleReport(db *gorm.DB, sm *Sample) (*Report, []Result, error) {
	var c Client
	if err := db.First(&c, sm.ClientID).Error; err != nil {
		return nil, nil, err
	}
	var st Station
	if err := db.First(&st, sm.StationID).Error; err != nil {
		return nil, nil, err
	}
	var ap Appointment
	if err := db.First(&ap, sm.AppointmentID).Error; err != nil {
		return nil, nil, err
	}
	var verifier *User
	if sm.VerifiedBy != nil {
		var u User
		if err := db.First(&u, *sm.VerifiedBy).Error; err == nil {
			verifier = &u
		}
	}
	var analytes []Analyte
	if err := db.Order("position").Find(&analytes).Error; err != nil {
		return nil, nil, err
	}
	var results []Result
	if err := db.Where("sample_id = ?", sm.ID).Order("id").Find(&results).Error; err != nil {
		return nil, nil, err
	}
	earlier, err := s.earlierResults(db, sm)
	if err != nil {
		return nil, nil, err
	}
	rep, released := reportOf(sm, &c, &st, &ap, verifier, analytes, results, earlier)
	return rep, released, nil
}

// reportOf builds a sample's report from what was read: her, the
// station, the appointment, who verified it, the analytes in order, all
// the sample's results (by id, superseded ones included) and her earlier
// released results. It also returns the released results, in the
// analytes' order.
func reportOf(sm *Sample, c *Client, st *Station, ap *Appointment, verifier *User, analytes []Analyte,
	results []Result, earlier map[string][]EarlierResult) (*Report, []Result) {
	collected := DateOf(sm.CollectedAt.In(st.Location()))
	rep := &Report{
		Accession: sm.Accession, Version: sm.ReportVersion, Abnormal: sm.Abnormal, Panel: sm.PanelCode,
		Name: c.Name, NationalID: c.NationalIDMasked, Age: ageOn(c.BirthDate, collected), Category: ap.Category,
		StationCode: st.Code, StationName: st.Name, CollectedOn: collected, ReleasedAt: *sm.ReleasedAt,
		Results: []ReportResult{}, Findings: []Finding{}, Amendments: []ReportAmendment{}, Settings: map[string]int{},
	}
	if ap.Category == Pregnant && ap.LMPDate != nil {
		d := GestationDays(*ap.LMPDate, collected)
		rep.GestationalAge = &GestationalAge{Weeks: d / 7, Days: d % 7}
	}
	if verifier != nil {
		rep.VerifiedBy = verifier.DisplayName
		if rep.VerifiedBy == "" {
			rep.VerifiedBy = verifier.Username
		}
	}
	names := map[string]Analyte{}
	for _, a := range analytes {
		names[a.Code] = a
	}
	// Released results in the analytes' order (an analyte unknown to
	// the table has no place in the report); a sample has one released
	// result an analyte.
	var released []Result
	for _, a := range analytes {
		for _, r := range results {
			if r.AnalyteCode == a.Code && r.State == ResultReleased {
				released = append(released, r)
			}
		}
	}
	for _, r := range released {
		a := names[r.AnalyteCode]
		line := ReportResult{Analyte: r.AnalyteCode, NameZh: a.NameZh, NameEn: a.NameEn, Value: r.Value, ValueText: r.ValueText, ValueQualifier: r.ValueQualifier,
			Qualitative: r.Qualitative, Unit: r.Unit, Interpretation: r.Interpretation, Kit: r.Kit, Lot: r.Lot,
			NegativeBelow: r.NegativeBelow, PositiveFrom: r.PositiveFrom, Earlier: earlier[r.AnalyteCode]}
		if line.Earlier == nil {
			line.Earlier = []EarlierResult{}
		}
		rep.Results = append(rep.Results, line)
	}
	// Amendments: each released row that a later version superseded.
	var old, amended []Result
	for _, r := range results {
		if r.State == ResultSuperseded && r.Version < sm.ReportVersion {
			old = append(old, r)
		}
		if (r.State == ResultReleased || r.State == ResultSuperseded) && r.Reason != "" {
			amended = append(amended, r)
		}
	}
	sort.SliceStable(amended, func(i, j int) bool { return amended[i].Version < amended[j].Version })
	for _, am := range amended {
		// The value it replaced: the latest released row of that analyte
		// from an earlier version.
		var prev *Result
		for i := range old {
			if old[i].AnalyteCode == am.AnalyteCode && old[i].Version < am.Version && old[i].SupersededAt != nil {
				prev = &old[i]
			}
		}
		if prev == nil {
			continue
		}
		rep.Amendments = append(rep.Amendments, ReportAmendment{Analyte: am.AnalyteCode, Old: prev.Shown(), New: am.Shown(),
			Reason: am.Reason, Version: am.Version, AmendedAt: am.EnteredAt})
	}
	return rep, released
}

// liveReport builds the report of a version released before reports were
// frozen: from today's records, its findings interpreted again with the
// settings in force now (docs/decisions.md, "Frozen reports").
func (s *Service) liveReport(db *gorm.DB, sm *Sample) (*Report, error) {
	rep, released, err := s.assembleReport(db, sm)
	if err != nil {
		return nil, err
	}
	settings, err := loadSettings(db)
	if err != nil {
		return nil, err
	}
	if findings, _ := findingsOf(released, rep.Category == Pregnant, settings); findings != nil {
		rep.Findings = findings
	}
	rep.Settings = settingsByName(settings)
	return rep, nil
}

// earlierResults returns her released results on earlier samples, newest
// first, by analyte.
func (s *Service) earlierResults(db *gorm.DB, sm *Sample) (map[string][]EarlierResult, error) {
	var rows []earlierRow
	err := db.Table("results").
		Select("results.*, samples.accession, samples.collected_at, stations.timezone").
		Joins("JOIN samples ON samples.id = results.sample_id").
		Joins("JOIN stations ON stations.id = samples.station_id").
		Where("samples.client_id = ? AND samples.id <> ? AND samples.collected_at < ? AND results.state = ?",
			sm.ClientID, sm.ID, sm.CollectedAt, ResultReleased).
		Order("samples.collected_at DESC").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	return earlierByAnalyte(rows), nil
}

// ageOn returns the age in whole years on a day.
func ageOn(birth, day Date) int {
	b, d := birth.Time(time.UTC), day.Time(time.UTC)
	age := d.Year() - b.Year()
	if d.Month() < b.Month() || (d.Month() == b.Month() && d.Day() < b.Day()) {
		age--
	}
	return age
}

// PrintReport is SampleReportVersion for printing (version 0: the current
// one): it also records who printed which version of the woman's report,
// in which language, and returns the station's zone. The codes are
// SampleReportVersion's.
func (s *Service) PrintReport(ctx context.Context, rawAccession, lang string, version int) (*Report, *time.Location, error) {
	if version < 0 {
		return nil, nil, badVersion()
	}
	rep, err := s.reportAt(ctx, rawAccession, version)
	if err != nil {
		return nil, nil, err
	}
	var st Station
	err = s.inTx(ctx, func(tx *txDB) error {
		if err := tx.Where("code = ?", rep.StationCode).First(&st).Error; err != nil {
			return err
		}
		return s.auditKey(ctx, tx, "report.print", "sample", rep.Accession, map[string]any{"version": rep.Version, "lang": lang})
	})
	if err != nil {
		return nil, nil, err
	}
	return rep, st.Location(), nil
}
