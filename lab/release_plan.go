package lab

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// releaseFacts are what a release is decided on, as read under the
// sample's row lock: planRelease needs no database, so that its rules
// are table-tested on their own (release_plan_test.go) and the use case
// reads everything before it writes anything (Verify).
type releaseFacts struct {
	Sample *Sample
	// Results are all the sample's results, superseded ones included,
	// by id.
	Results []Result
	// Panel is the analytes of the sample's panel.
	Panel []string
	// QCRejectedRun is a rejected run the sample is on (0: none).
	QCRejectedRun int64
	Pregnant      bool
	// Paired is the earlier sample a retest or redraw is read against
	// (nil: none), PairedLoc its station's zone, Earlier the
	// interpretations of its released results.
	Paired    *Sample
	PairedLoc *time.Location
	Earlier   map[string]Interpretation
	Settings  Settings
}

// releasePlan is what a release writes: the results it releases and
// those an amendment replaces, the sample's new report version and
// findings, its custody event and its audit row's details.
type releasePlan struct {
	Amending  bool
	Version   int
	Releasing []int64
	Replaced  []int64
	Findings  []Finding
	Abnormal  bool
	// Previous are the findings of the version an amendment replaces.
	Previous         []Finding
	PreviousAbnormal bool
	Event            string
	EventDetail      string
	Audit            map[string]any
	// Current are the sample's current results once released.
	Current []Result
}

// planRelease decides a release by the verifying technician actor, in
// the order its refusals are checked: the sample's state
// (CodeIncomplete with "missing", CodeInvalidState, CodeSampleNotReady),
// the QC hold (CodeQCFailed), self-verification (CodeSelfVerification),
// then what she must acknowledge (CodeDeltaUnacknowledged,
// CodeAbnormalNotAcknowledged). The first refusal is the answer.
func planRelease(f releaseFacts, actor int64, opts VerifyOptions) (*releasePlan, error) {
	sm := f.Sample
	byState := func(state string) []Result {
		var out []Result
		for _, r := range f.Results {
			if r.State == state {
				out = append(out, r)
			}
		}
		return out
	}
	pending := byState(ResultPending)
	amending := sm.Status == SampleReleased && len(pending) > 0
	switch {
	case amending, sm.Status == SampleResulted:
	case sm.Status == SampleReceived:
		have := map[string]bool{}
		for _, r := range byState(ResultEntered) {
			have[r.AnalyteCode] = true
		}
		missing := []string{}
		for _, an := range f.Panel {
			if !have[an] {
				missing = append(missing, an)
			}
		}
		return nil, &Error{Code: CodeIncomplete, Message: "not every analyte of the panel has a result: " + strings.Join(missing, ", "),
			Extra: map[string]any{"missing": missing}}
	case sm.Status == SampleReleased:
		return nil, invalidState("sample", string(sm.Status), "verify")
	default:
		return nil, readyForResults(sm)
	}
	if f.QCRejectedRun != 0 {
		return nil, qcFailed(f.QCRejectedRun)
	}

	// The results this release makes current; for an amendment, the
	// released results it replaces.
	p := &releasePlan{Amending: amending, Version: sm.ReportVersion + 1}
	var releasing, next []Result
	if amending {
		releasing = pending
		amended := map[string]bool{}
		for _, r := range pending {
			amended[r.AnalyteCode] = true
		}
		for _, r := range byState(ResultReleased) {
			if amended[r.AnalyteCode] {
				p.Replaced = append(p.Replaced, r.ID)
			} else {
				next = append(next, r)
			}
		}
		next = append(next, pending...)
	} else {
		releasing = byState(ResultEntered)
		next = releasing
	}
	for _, r := range f.Results {
		mine := r.EnteredBy != nil && *r.EnteredBy == actor
		// For a first release, everyone who entered any result of it
		// (superseded entries included); for an amendment, its authors.
		if mine && (r.State == ResultPending || (!amending && r.Version == sm.ReportVersion+1)) {
			return nil, Errorf(CodeSelfVerification, "you entered results of this sample; another technician must verify them")
		}
	}
	p.Findings, p.Abnormal = pairedFindingsOf(next, f.Earlier, f.Pregnant, f.Settings)
	if err := acknowledged(f.Paired, f.PairedLoc, p.Findings, p.Abnormal, opts); err != nil {
		return nil, err
	}
	if amending {
		p.Previous, p.PreviousAbnormal = pairedFindingsOf(byState(ResultReleased), f.Earlier, f.Pregnant, f.Settings)
	}
	p.Releasing = make([]int64, 0, len(releasing))
	for _, r := range releasing {
		p.Releasing = append(p.Releasing, r.ID)
	}
	p.Current = afterRelease(f.Results, p.Releasing, p.Replaced, p.Version)

	p.Event, p.EventDetail = "released", "report version "+strconv.Itoa(p.Version)
	if amending {
		p.Event = "amendment_released"
	}
	codes := make([]string, 0, len(p.Findings))
	for _, fd := range p.Findings {
		if fd.Abnormal {
			codes = append(codes, fd.Code)
		}
	}
	sort.Strings(codes)
	p.Audit = map[string]any{
		"status": Change{sm.Status, SampleReleased}, "version": p.Version, "abnormal": p.Abnormal,
		"abnormal_findings": codes, "acknowledged": opts.AcknowledgeAbnormal}
	if f.Paired != nil {
		p.Audit["paired_with"] = f.Paired.Accession
	}
	if len(DeltaFindings(p.Findings)) > 0 {
		p.Audit["delta_acknowledged"] = opts.AcknowledgeDelta
	}
	return p, nil
}

// acknowledged refuses a release the technician has not acknowledged: a
// delta check first (an IgG lost against the earlier sample may be a tube
// of someone else's, so it is checked before anything is said about her),
// then abnormal findings. loc is the paired sample's station's zone.
func acknowledged(paired *Sample, loc *time.Location, findings []Finding, abnormal bool, opts VerifyOptions) error {
	if delta := DeltaFindings(findings); len(delta) > 0 && !opts.AcknowledgeDelta {
		return &Error{Code: CodeDeltaUnacknowledged,
			Message: "IgG turned negative against the earlier sample " + paired.Accession +
				": check both tubes, then acknowledge it (acknowledge_delta: true) to release",
			Extra: map[string]any{"findings": findings, "delta": delta,
				"paired_with": PairedSample{Accession: paired.Accession, CollectedOn: DateOf(paired.CollectedAt.In(loc))}}}
	}
	if abnormal && !opts.AcknowledgeAbnormal {
		return &Error{Code: CodeAbnormalNotAcknowledged,
			Message: "the results are abnormal: acknowledge them (acknowledge_abnormal: true) to release",
			Extra:   map[string]any{"findings": findings}}
	}
	return nil
}
