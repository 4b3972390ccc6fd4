package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// reportVersion is one released version of a woman's report, stored whole
// as it was released, so that a later change of settings, of her details or
// of the rules cannot change what she was handed (domain.md §0, Follow-up:
// a released report is frozen).
type reportVersion struct {
	SampleID   int64 `gorm:"primaryKey;autoIncrement:false"`
	Version    int   `gorm:"primaryKey;autoIncrement:false"`
	ReleasedAt time.Time
	// Body is the Report as JSON; Settings, the settings its texts used.
	Body     string
	Settings string
}

func (reportVersion) TableName() string { return "report_versions" }

// queueFreezeReport stores the report of the version a release makes,
// with the release's writes: built from what the release read and the
// results as it leaves them (all of them, by id), its findings are the
// release's own, not interpreted again, and its settings those the
// release judged them by.
func (s *Service) queueFreezeReport(r *releaseRun, results []Result) error {
	ev, rd := r.ev, r.rd
	sm := ev.Sample
	rep, _ := reportOf(sm, &rd.Client, &rd.Station, &rd.Appointment, rd.Verifier, rd.reference.Analytes, results, earlierByAnalyte(rd.Earlier))
	if ev.Findings != nil {
		rep.Findings = ev.Findings
	}
	rep.Settings, rep.Frozen = settingsByName(ev.Settings), true
	if ev.PairedWith != nil {
		rep.PairedWith = ev.PairedWith.Accession
	}
	body, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	settings, err := json.Marshal(rep.Settings)
	if err != nil {
		return err
	}
	r.b.exec("INSERT INTO report_versions (sample_id, version, released_at, body, settings) VALUES (?, ?, ?, ?, ?)",
		sm.ID, ev.Version, *sm.ReleasedAt, string(body), string(settings))
	return nil
}

// settingsByName gives every setting by its name in the API: a report keeps
// them all, as a later rule may quote any of them.
func settingsByName(st Settings) map[string]int {
	out := make(map[string]int, len(settingRules))
	for _, r := range settingRules {
		out[r.Name] = *r.field(&st)
	}
	return out
}

// SampleReportVersion returns version N of the woman's report as it was
// released: neither a later change of settings nor a correction of her
// details changes it. Anyone who may see the sample may read it.
// CodeValidation (version not positive), CodeBadAccession, CodeNotFound (no
// such sample, or no such version: not released yet, or an earlier version
// released before reports were stored), CodeInvalidState (not released).
func (s *Service) SampleReportVersion(ctx context.Context, rawAccession string, version int) (*Report, error) {
	if version < 1 {
		return nil, badVersion()
	}
	return s.reportAt(ctx, rawAccession, version)
}

func badVersion() *Error {
	return &Error{Code: CodeValidation, Message: "version is a report version: a whole number from 1",
		Fields: []FieldError{{Field: "version", Code: "out_of_range", Detail: "a whole number from 1"}}}
}

// reportAt returns a version of a released sample's report (0: the current
// one) as stored at its release. The current version of a sample released
// before reports were stored is built from today's records, marked not
// frozen; its earlier versions are not kept.
func (s *Service) reportAt(ctx context.Context, rawAccession string, version int) (*Report, error) {
	if err := ActorFrom(ctx).require(Roles...); err != nil {
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
	if sm.Status != SampleReleased || sm.ReleasedAt == nil {
		e := invalidState("sample", string(sm.Status), "report")
		e.Message = "the sample has no released results yet"
		return nil, e
	}
	if version == 0 {
		version = sm.ReportVersion
	}
	if version > sm.ReportVersion {
		return nil, Errorf(CodeNotFound, "report version %d of %s is not released (the current version is %d)",
			version, sm.Accession, sm.ReportVersion)
	}
	var row reportVersion
	err = db.Where("sample_id = ? AND version = ?", sm.ID, version).First(&row).Error
	switch {
	case err == nil:
		var rep Report
		if err := json.Unmarshal([]byte(row.Body), &rep); err != nil {
			return nil, fmt.Errorf("report %s version %d: %w", sm.Accession, version, err)
		}
		return &rep, nil
	case !isNotFound(err):
		return nil, err
	case version == sm.ReportVersion:
		return s.liveReport(db, sm)
	}
	return nil, Errorf(CodeNotFound, "report version %d of %s was released before reports were stored: it is not kept",
		version, sm.Accession)
}
