package lab

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ReleaseEvent is what a release tells the workflows that follow it: the
// sample, the report version released, its findings, and those of the
// version before (none for a first release), so that an amendment's
// consequences can be judged (domain.md §0, Follow-up).
type ReleaseEvent struct {
	Sample           *Sample
	Version          int
	Pregnant         bool
	Findings         []Finding
	Abnormal         bool
	Previous         []Finding
	PreviousAbnormal bool

	// RetestOf is the follow-up case that booked the sample, for a retest.
	RetestOf *int64

	// PairedWith is the earlier sample a retest or redraw was read against
	// (paired sera), nil when there is none.
	PairedWith *Sample

	// Settings are the programme's settings the release read in its
	// transaction (they judged the findings; a hook sets due times by
	// them without reading them again).
	Settings Settings
}

// ReleaseHook runs inside the release transaction; its error fails the
// release, so nothing a release must cause can be left undone.
type ReleaseHook func(ctx context.Context, tx *txDB, ev ReleaseEvent) error

// OnRelease adds a hook that every release runs (the follow-up workflow
// opens its cases here).
func (s *Service) OnRelease(h ReleaseHook) { s.releaseHooks = append(s.releaseHooks, h) }

// findingsOf interprets a set of results for a sample.
func findingsOf(rs []Result, pregnant bool, st Settings) ([]Finding, bool) {
	m := map[string]Interpretation{}
	for _, r := range rs {
		m[r.AnalyteCode] = r.Interpretation
	}
	return Interpret(m, pregnant, st.RubellaDeferralDays)
}

// bookingOf reads what a release needs of the sample's appointment, in one
// look-up: whether she was pregnant (the category copied onto it) and the
// follow-up case that booked it, for a retest.
func bookingOf(tx *txDB, sm *Sample) (pregnant bool, retestOf *int64, err error) {
	var ap Appointment
	err = tx.Select("category", "followup_id").First(&ap, sm.AppointmentID).Error
	return ap.Category == Pregnant, ap.FollowupID, err
}

// VerifyOptions are what the verifying technician acknowledges.
type VerifyOptions struct {
	// AcknowledgeAbnormal: she has seen that the findings need action.
	AcknowledgeAbnormal bool
	// AcknowledgeDelta: she has checked a retest whose IgG turned
	// negative against the earlier sample (a possible tube mix-up).
	AcknowledgeDelta bool
}

// Verify is the second technician's check that releases a sample: its
// first results, or its pending amendments (as report version + 1). The
// technician who entered or amended any of the results being released
// cannot verify them (CodeSelfVerification): the rule lives here, not only
// in the UI. A retest or redraw is read against her earlier released
// sample (pairedSample, InterpretPair). A sample whose IgG turned negative
// against the earlier one is released only with AcknowledgeDelta
// (CodeDeltaUnacknowledged, with the findings and the earlier sample); one
// with abnormal findings only with AcknowledgeAbnormal
// (CodeAbnormalNotAcknowledged, with the findings). CodeIncomplete (with
// "missing" analytes) before every analyte of the panel is in;
// CodeSampleNotReady before receipt or when rejected; CodeInvalidState when
// released with nothing pending. Lab technicians and admins.
func (s *Service) Verify(ctx context.Context, rawAccession string, opts VerifyOptions) (*SampleDetail, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, err
	}
	var page *SampleDetail
	err = s.inTx(ctx, func(tx *txDB) error {
		sm, err := s.loadSample(ctx, tx, acc, true)
		if err != nil {
			return err
		}
		var all []Result
		if err := tx.Where("sample_id = ?", sm.ID).Order("id").Find(&all).Error; err != nil {
			return err
		}
		byState := func(state string) []Result {
			var out []Result
			for _, r := range all {
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
			p, err := s.panel(tx, sm.PanelCode)
			if err != nil {
				return err
			}
			have := map[string]bool{}
			for _, r := range byState(ResultEntered) {
				have[r.AnalyteCode] = true
			}
			missing := []string{}
			for _, an := range p.Analytes {
				if !have[an] {
					missing = append(missing, an)
				}
			}
			return &Error{Code: CodeIncomplete, Message: "not every analyte of the panel has a result: " + strings.Join(missing, ", "),
				Extra: map[string]any{"missing": missing}}
		case sm.Status == SampleReleased:
			return invalidState("sample", string(sm.Status), "verify")
		default:
			return readyForResults(sm)
		}
		if err := qcHold(tx, sm.ID); err != nil {
			return err
		}

		// The results this release makes current, and who produced them;
		// for an amendment, the released results it replaces (the read
		// above, under the sample's row lock, holds them).
		var releasing, next []Result
		var replaced []int64
		if amending {
			releasing = pending
			amended := map[string]bool{}
			for _, r := range pending {
				amended[r.AnalyteCode] = true
			}
			for _, r := range byState(ResultReleased) {
				if amended[r.AnalyteCode] {
					replaced = append(replaced, r.ID)
				} else {
					next = append(next, r)
				}
			}
			next = append(next, pending...)
		} else {
			releasing = byState(ResultEntered)
			next = releasing
		}
		for _, r := range all {
			mine := r.EnteredBy != nil && *r.EnteredBy == a.UserID
			// For a first release, everyone who entered any result of it
			// (superseded entries included); for an amendment, its authors.
			if mine && (r.State == ResultPending || (!amending && r.Version == sm.ReportVersion+1)) {
				return Errorf(CodeSelfVerification, "you entered results of this sample; another technician must verify them")
			}
		}
		pregnant, retestOf, err := bookingOf(tx, sm)
		if err != nil {
			return err
		}
		settings, err := loadSettings(tx)
		if err != nil {
			return err
		}
		paired, earlier, err := pairedSample(tx, sm)
		if err != nil {
			return err
		}
		findings, abnormal := pairedFindingsOf(next, earlier, pregnant, settings)
		if err := acknowledged(tx, findings, abnormal, paired, opts); err != nil {
			return err
		}
		ev := ReleaseEvent{Sample: sm, Version: sm.ReportVersion + 1, Pregnant: pregnant, RetestOf: retestOf,
			PairedWith: paired, Findings: findings, Abnormal: abnormal, Settings: settings}
		if amending {
			ev.Previous, ev.PreviousAbnormal = pairedFindingsOf(byState(ResultReleased), earlier, pregnant, settings)
		}
		now := s.now()
		// One statement for the results released (and one for those an
		// amendment replaces), not one per analyte.
		ids := make([]int64, 0, len(releasing))
		for _, r := range releasing {
			ids = append(ids, r.ID)
		}
		if err := supersedeIDs(tx, replaced, now); err != nil {
			return err
		}
		if err := tx.Model(&Result{}).Where("id IN ?", ids).Updates(map[string]any{"state": ResultReleased, "version": ev.Version}).Error; err != nil {
			return err
		}
		from := sm.Status
		sm.Status, sm.ReportVersion, sm.Abnormal, sm.VerifiedBy, sm.ReleasedAt, sm.UpdatedAt =
			SampleReleased, ev.Version, abnormal, nilIfZero(a.UserID), &now, now
		if sm.FirstReleasedAt == nil {
			sm.FirstReleasedAt = &now
		}
		if err := tx.Save(sm).Error; err != nil {
			return err
		}
		event := "released"
		if amending {
			event = "amendment_released"
		}
		codes := make([]string, 0, len(findings))
		for _, f := range findings {
			if f.Abnormal {
				codes = append(codes, f.Code)
			}
		}
		sort.Strings(codes)
		if err := s.addEvent(ctx, tx, sm.ID, event, "report version "+strconv.Itoa(ev.Version)); err != nil {
			return err
		}
		details := map[string]any{
			"status": Change{from, SampleReleased}, "version": ev.Version, "abnormal": abnormal,
			"abnormal_findings": codes, "acknowledged": opts.AcknowledgeAbnormal}
		if paired != nil {
			details["paired_with"] = paired.Accession
		}
		if len(DeltaFindings(findings)) > 0 {
			details["delta_acknowledged"] = opts.AcknowledgeDelta
		}
		if err := s.auditKey(ctx, tx, "sample.release", "sample", sm.Accession, details); err != nil {
			return err
		}
		for _, h := range s.releaseHooks {
			if err := h(ctx, tx, ev); err != nil {
				return err
			}
		}
		if err := s.freezeReport(tx, ev); err != nil {
			return err
		}
		page, err = s.samplePageWith(ctx, tx, sm, afterRelease(all, ids, replaced, ev.Version))
		return err
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// acknowledged refuses a release the technician has not acknowledged: a
// delta check first (an IgG lost against the earlier sample may be a tube
// of someone else's, so it is checked before anything is said about her),
// then abnormal findings.
func acknowledged(tx *txDB, findings []Finding, abnormal bool, paired *Sample, opts VerifyOptions) error {
	if delta := DeltaFindings(findings); len(delta) > 0 && !opts.AcknowledgeDelta {
		loc, err := stationLocation(tx, paired.StationID)
		if err != nil {
			return err
		}
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

// afterRelease is a sample's current results once a release has made the
// results with ids released as version and superseded those replaced,
// from what was read before it: the page needs no second read of them.
func afterRelease(all []Result, ids, replaced []int64, version int) []Result {
	current := make([]Result, 0, len(all))
	for _, r := range all {
		switch {
		case r.State == ResultSuperseded, slices.Contains(replaced, r.ID):
			continue
		case slices.Contains(ids, r.ID):
			r.State, r.Version = ResultReleased, version
		}
		current = append(current, r)
	}
	return current
}

// Amend records a corrected value for a released result, with a reason.
// The released result stays as it is until a second technician verifies
// the amendment (Verify), which releases report version + 1. The kit is
// the released result's unless another is named. Lab technicians and
// admins. CodeBadAccession, CodeNotFound, CodeInvalidState (not released),
// CodeValidation (no reason, an analyte outside the panel, a bad value).
func (s *Service) Amend(ctx context.Context, rawAccession, analyte string, in ResultInput, reason string) (*SampleDetail, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, err
	}
	analyte = strings.ToUpper(strings.TrimSpace(analyte))
	reason, reasonOK := cleanText(reason, severalLines)
	var page *SampleDetail
	err = s.inTx(ctx, func(tx *txDB) error {
		sm, err := s.loadSample(ctx, tx, acc, true)
		if err != nil {
			return err
		}
		if sm.Status != SampleReleased {
			e := invalidState("sample", string(sm.Status), "amend a result of")
			e.Message = "only released results are amended; before release, enter the result again"
			return e
		}
		var old Result
		if err := tx.Where("sample_id = ? AND analyte_code = ? AND state = ?", sm.ID, analyte, ResultReleased).First(&old).Error; err != nil {
			if isNotFound(err) {
				return &Error{Code: CodeValidation, Message: analyte + " has no released result on this sample",
					Fields: []FieldError{{Field: "analyte", Code: "not_in_panel"}}}
			}
			return err
		}
		var v Validation
		switch n := utf8.RuneCountInString(reason); {
		case !reasonOK:
			v.text("reason", reason, severalLines)
		case n == 0:
			v.Add("reason", "required", "say why the released result is wrong")
		case n > 500:
			v.Add("reason", "too_long", "at most 500 characters")
		}
		kits, err := loadKitBook(tx)
		if err != nil {
			return err
		}
		ranges, err := loadRangeBook(tx)
		if err != nil {
			return err
		}
		party, err := loadSampleParty(tx, sm)
		if err != nil {
			return err
		}
		day := party.collectionDay(sm)
		in.Analyte = analyte
		if strings.TrimSpace(in.Kit) == "" {
			in.Kit = old.Kit
		}
		r, errs := judgeInput(in, day, kits, ranges, "")
		for _, fe := range errs {
			v.Add(fe.Field, fe.Code, fe.Detail)
		}
		if err := v.Err(); err != nil {
			return err
		}
		now := s.now()
		if err := supersede(tx, sm.ID, ResultPending, []string{analyte}, now); err != nil {
			return err
		}
		r.SampleID, r.State, r.Version, r.EnteredBy, r.EnteredAt, r.Reason = sm.ID, ResultPending, sm.ReportVersion+1, nilIfZero(a.UserID), now, reason
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		if err := s.addEvent(ctx, tx, sm.ID, "amended", analyte+": "+reason); err != nil {
			return err
		}
		if err := s.auditKey(ctx, tx, "results.amend", "sample", sm.Accession, map[string]any{
			"analyte": analyte, "reason": reason,
			"value":          Change{old.Shown(), r.Shown()},
			"interpretation": Change{old.Interpretation, r.Interpretation}}); err != nil {
			return err
		}
		page, err = s.samplePage(ctx, tx, sm)
		return err
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}
