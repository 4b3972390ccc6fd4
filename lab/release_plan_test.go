package lab

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// The release's rules, without a database: what planRelease refuses and
// in which order, and what it writes.

var planPanel = []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"}

const (
	planEntrant  int64 = 7
	planVerifier int64 = 8
)

// planResults are one result an analyte of planPanel, with ids from
// firstID, in state at version, entered by planEntrant; over gives
// interpretations other than the normal ones.
func planResults(firstID int64, state string, version int, over map[string]Interpretation) []Result {
	normal := map[string]Interpretation{"RUBV_IGG": Positive}
	var rs []Result
	for i, an := range planPanel {
		in := Negative
		if v, ok := normal[an]; ok {
			in = v
		}
		if v, ok := over[an]; ok {
			in = v
		}
		by := planEntrant
		rs = append(rs, Result{ID: firstID + int64(i), SampleID: 1, AnalyteCode: an, State: state, Version: version,
			Interpretation: in, EnteredBy: &by})
	}
	return rs
}

func planFacts(status SampleStatus, version int, results ...[]Result) releaseFacts {
	sm := &Sample{ID: 1, Accession: "100000011", ClientID: 2, Kind: KindScreening, Status: status, ReportVersion: version,
		CollectedAt: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
	var all []Result
	for _, rs := range results {
		all = append(all, rs...)
	}
	slices.SortFunc(all, func(a, b Result) int { return int(a.ID - b.ID) })
	return releaseFacts{Sample: sm, Results: all, Panel: planPanel, Settings: DefaultSettings()}
}

func errCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return Code("not a domain error: " + err.Error())
	}
	return ""
}

func TestPlanReleaseRefusals(t *testing.T) {
	igmPos := map[string]Interpretation{"TOXO_IGM": Positive}
	tests := []struct {
		name  string
		facts func() releaseFacts
		actor int64
		opts  VerifyOptions
		code  Code
	}{
		{"results missing", func() releaseFacts {
			return planFacts(SampleReceived, 0, planResults(1, ResultEntered, 1, nil)[:5])
		}, planVerifier, VerifyOptions{}, CodeIncomplete},
		{"not received", func() releaseFacts { return planFacts(SampleCollected, 0) }, planVerifier, VerifyOptions{}, CodeSampleNotReady},
		{"released with nothing pending", func() releaseFacts {
			return planFacts(SampleReleased, 1, planResults(1, ResultReleased, 1, nil))
		}, planVerifier, VerifyOptions{}, CodeInvalidState},
		{"run failed QC, before self-verification", func() releaseFacts {
			f := planFacts(SampleResulted, 0, planResults(1, ResultEntered, 1, nil))
			f.QCRejectedRun = 5
			return f
		}, planEntrant, VerifyOptions{}, CodeQCFailed},
		{"self verification", func() releaseFacts {
			return planFacts(SampleResulted, 0, planResults(1, ResultEntered, 1, nil))
		}, planEntrant, VerifyOptions{AcknowledgeAbnormal: true}, CodeSelfVerification},
		{"self verification of a superseded entry", func() releaseFacts {
			old := planResults(1, ResultSuperseded, 1, nil)[:1]
			now := planResults(11, ResultEntered, 1, nil)
			other := planVerifier + 1
			for i := range now {
				now[i].EnteredBy = &other
			}
			return planFacts(SampleResulted, 0, old, now)
		}, planEntrant, VerifyOptions{}, CodeSelfVerification},
		{"self verification of an amendment", func() releaseFacts {
			return planFacts(SampleReleased, 1, planResults(1, ResultReleased, 1, nil), planResults(11, ResultPending, 2, igmPos)[1:2])
		}, planEntrant, VerifyOptions{AcknowledgeAbnormal: true}, CodeSelfVerification},
		{"self verification before the abnormal acknowledgement", func() releaseFacts {
			return planFacts(SampleResulted, 0, planResults(1, ResultEntered, 1, igmPos))
		}, planEntrant, VerifyOptions{}, CodeSelfVerification},
		{"abnormal not acknowledged", func() releaseFacts {
			return planFacts(SampleResulted, 0, planResults(1, ResultEntered, 1, igmPos))
		}, planVerifier, VerifyOptions{}, CodeAbnormalNotAcknowledged},
		{"IgG lost against the earlier sample", func() releaseFacts {
			f := planFacts(SampleResulted, 0, planResults(1, ResultEntered, 1, map[string]Interpretation{"TOXO_IGM": Positive, "CMV_IGG": Negative}))
			f.Sample.Kind = KindRetest
			f.Paired = &Sample{ID: 9, Accession: "100000029", CollectedAt: time.Date(2026, 1, 31, 20, 0, 0, 0, time.UTC)}
			f.PairedLoc = time.FixedZone("UTC+8", 8*3600)
			f.Earlier = map[string]Interpretation{"CMV_IGG": Positive, "CMV_IGM": Negative}
			return f
		}, planVerifier, VerifyOptions{}, CodeDeltaUnacknowledged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := planRelease(tt.facts(), tt.actor, tt.opts)
			if got := errCode(err); got != tt.code || p != nil {
				t.Fatalf("code %q, plan %+v; want %q", got, p, tt.code)
			}
		})
	}
}

func TestPlanReleaseExtras(t *testing.T) {
	t.Run("missing analytes", func(t *testing.T) {
		_, err := planRelease(planFacts(SampleReceived, 0, planResults(1, ResultEntered, 1, nil)[:6]), planVerifier, VerifyOptions{})
		var e *Error
		if !errors.As(err, &e) || !slices.Equal(e.Extra["missing"].([]string), []string{"HSV_IGG", "HSV_IGM"}) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("QC hold names the run", func(t *testing.T) {
		f := planFacts(SampleResulted, 0, planResults(1, ResultEntered, 1, nil))
		f.QCRejectedRun = 5
		_, err := planRelease(f, planVerifier, VerifyOptions{})
		var e *Error
		if !errors.As(err, &e) || e.Extra["run_id"] != int64(5) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("delta names the earlier sample on its station's day", func(t *testing.T) {
		f := planFacts(SampleResulted, 0, planResults(1, ResultEntered, 1, map[string]Interpretation{"CMV_IGG": Negative}))
		f.Sample.Kind = KindRedraw
		f.Paired = &Sample{ID: 9, Accession: "100000029", CollectedAt: time.Date(2026, 1, 31, 20, 0, 0, 0, time.UTC)}
		f.PairedLoc = time.FixedZone("UTC+8", 8*3600)
		f.Earlier = map[string]Interpretation{"CMV_IGG": Positive}
		_, err := planRelease(f, planVerifier, VerifyOptions{AcknowledgeAbnormal: true})
		var e *Error
		if !errors.As(err, &e) || e.Extra["paired_with"] != (PairedSample{Accession: "100000029", CollectedOn: "2026-02-01"}) {
			t.Fatalf("err = %v", err)
		}
		p, err := planRelease(f, planVerifier, VerifyOptions{AcknowledgeAbnormal: true, AcknowledgeDelta: true})
		if err != nil || p.Audit["paired_with"] != "100000029" || p.Audit["delta_acknowledged"] != true {
			t.Fatalf("plan %+v, err %v", p, err)
		}
	})
}

func TestPlanReleaseFirstRelease(t *testing.T) {
	over := map[string]Interpretation{"TOXO_IGM": Positive}
	entered := planResults(11, ResultEntered, 1, over)
	f := planFacts(SampleResulted, 0, planResults(1, ResultSuperseded, 1, nil)[:1], entered)
	p, err := planRelease(f, planVerifier, VerifyOptions{AcknowledgeAbnormal: true})
	if err != nil {
		t.Fatal(err)
	}
	wantFindings, wantAbnormal := pairedFindingsOf(entered, nil, false, f.Settings)
	if p.Amending || p.Version != 1 || p.Event != "released" || p.EventDetail != "report version 1" ||
		len(p.Releasing) != len(planPanel) || p.Replaced != nil || !p.Abnormal || p.Abnormal != wantAbnormal ||
		len(p.Findings) != len(wantFindings) || p.Previous != nil {
		t.Fatalf("plan = %+v", p)
	}
	if p.Audit["acknowledged"] != true || p.Audit["version"] != 1 || p.Audit["status"] != (Change{SampleResulted, SampleReleased}) {
		t.Fatalf("audit = %+v", p.Audit)
	}
	if _, ok := p.Audit["delta_acknowledged"]; ok {
		t.Fatalf("audit of a release with no delta check = %+v", p.Audit)
	}
	if len(p.Current) != len(planPanel) {
		t.Fatalf("current = %+v", p.Current)
	}
	for _, r := range p.Current {
		if r.State != ResultReleased || r.Version != 1 {
			t.Fatalf("current result %+v", r)
		}
	}
}

func TestPlanReleaseAmendment(t *testing.T) {
	released := planResults(1, ResultReleased, 1, map[string]Interpretation{"TOXO_IGM": Positive})
	pending := planResults(11, ResultPending, 2, nil)[1:2] // TOXO_IGM amended to negative
	other := planVerifier + 1
	pending[0].EnteredBy = &other
	f := planFacts(SampleReleased, 1, released, pending)
	p, err := planRelease(f, planEntrant, VerifyOptions{}) // who entered version 1 may verify the amendment
	if err != nil {
		t.Fatal(err)
	}
	if !p.Amending || p.Version != 2 || p.Event != "amendment_released" || !slices.Equal(p.Releasing, []int64{12}) ||
		!slices.Equal(p.Replaced, []int64{2}) || p.Abnormal || !p.PreviousAbnormal {
		t.Fatalf("plan = %+v", p)
	}
	all := resultsAfterRelease(f.Results, p, time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC))
	for _, r := range all {
		switch r.ID {
		case 2:
			if r.State != ResultSuperseded || r.SupersededAt == nil || r.Version != 1 {
				t.Fatalf("replaced result %+v", r)
			}
		case 12:
			if r.State != ResultReleased || r.Version != 2 {
				t.Fatalf("amending result %+v", r)
			}
		}
	}
	for _, r := range p.Current {
		if r.ID == 2 {
			t.Fatalf("the replaced result is still current: %+v", p.Current)
		}
	}
}
