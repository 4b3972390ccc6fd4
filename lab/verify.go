package lab

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
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
// release, so nothing a release must cause can be left undone. Its
// statements run as it sends them, before the release's own writes,
// which go with the COMMIT.
type ReleaseHook func(ctx context.Context, tx *gorm.DB, ev ReleaseEvent) error

// OnRelease adds a hook that every release runs, after its own
// workflows (the follow-up workflow, the report-ready message:
// releaseSteps), which take what the release read and queue their
// writes in its batch instead.
func (s *Service) OnRelease(h ReleaseHook) { s.releaseHooks = append(s.releaseHooks, h) }

// findingsOf interprets a set of results for a sample.
func findingsOf(rs []Result, pregnant bool, st Settings) ([]Finding, bool) {
	m := map[string]Interpretation{}
	for _, r := range rs {
		m[r.AnalyteCode] = r.Interpretation
	}
	return Interpret(m, pregnant, st.RubellaDeferralDays)
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
// sample (InterpretPair). A sample whose IgG turned negative
// against the earlier one is released only with AcknowledgeDelta
// (CodeDeltaUnacknowledged, with the findings and the earlier sample); one
// with abnormal findings only with AcknowledgeAbnormal
// (CodeAbnormalNotAcknowledged, with the findings). CodeIncomplete (with
// "missing" analytes) before every analyte of the panel is in;
// CodeSampleNotReady before receipt or when rejected; CodeInvalidState when
// released with nothing pending; CodeQCFailed while its run is rejected.
// Lab technicians and admins.
//
// The decision is planRelease's, on what readRelease read in one round
// trip under the sample's row lock; the writes go in a writeBatch with
// the COMMIT. Locking her open case, or the counselor chosen for a case
// it opens, is a read of its own.
func (s *Service) Verify(ctx context.Context, rawAccession string, opts VerifyOptions) (*SampleDetail, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, err
	}
	var page func(b *writeBatch) *SampleDetail
	var committed *writeBatch
	err = s.inTxBatch(ctx, func(tx *txDB, b *writeBatch) error {
		rd, err := s.readRelease(ctx, tx, acc)
		if err != nil {
			return err
		}
		sm := rd.Sample
		p, err := s.panel(tx.DB, sm.PanelCode)
		if err != nil {
			return err
		}
		facts := rd.facts(p.Analytes)
		plan, err := planRelease(facts, a.UserID, opts)
		if err != nil {
			return err
		}
		ev := ReleaseEvent{Sample: sm, Version: plan.Version, Pregnant: facts.Pregnant, RetestOf: rd.Appointment.FollowupID,
			PairedWith: facts.Paired, Findings: plan.Findings, Abnormal: plan.Abnormal, Settings: facts.Settings,
			Previous: plan.Previous, PreviousAbnormal: plan.PreviousAbnormal}
		now := tx.now
		// One statement for the results released (and one for those an
		// amendment replaces), not one per analyte; the sample's row is
		// written only from the state it was read in.
		if len(plan.Replaced) > 0 {
			b.exec("UPDATE results SET state = ?, superseded_at = ? WHERE id IN ("+placeholders(len(plan.Replaced))+")",
				append([]any{ResultSuperseded, now}, int64sAsAny(plan.Replaced)...)...)
		}
		if len(plan.Releasing) > 0 {
			b.exec("UPDATE results SET state = ?, version = ? WHERE id IN ("+placeholders(len(plan.Releasing))+")",
				append([]any{ResultReleased, ev.Version}, int64sAsAny(plan.Releasing)...)...)
		}
		from, fromVersion := sm.Status, sm.ReportVersion
		sm.Status, sm.ReportVersion, sm.Abnormal, sm.VerifiedBy, sm.ReleasedAt, sm.UpdatedAt =
			SampleReleased, ev.Version, plan.Abnormal, nilIfZero(a.UserID), &now, now
		if sm.FirstReleasedAt == nil {
			sm.FirstReleasedAt = &now
		}
		b.execChecked(func(*txDB) error { return fmt.Errorf("sample %s changed under its row lock", sm.Accession) },
			`UPDATE samples SET status = ?, report_version = ?, abnormal = ?, verified_by = ?, released_at = ?,
			first_released_at = ?, updated_at = ? WHERE id = ? AND status = ? AND report_version = ?`,
			sm.Status, sm.ReportVersion, sm.Abnormal, sm.VerifiedBy, sm.ReleasedAt, sm.FirstReleasedAt, sm.UpdatedAt,
			sm.ID, from, fromVersion)
		eventAt := len(b.stmts)
		s.queueEvent(ctx, tx, b, sm.ID, plan.Event, plan.EventDetail)
		if err := s.queueAudit(ctx, tx, b, "sample.release", "sample", sm.Accession, plan.Audit); err != nil {
			return err
		}
		run := &releaseRun{ctx: ctx, tx: tx, b: b, rd: rd, ev: ev}
		for _, step := range s.releaseSteps {
			if err := step(run); err != nil {
				return err
			}
		}
		for _, h := range s.releaseHooks {
			if err := h(ctx, tx.DB, ev); err != nil {
				return err
			}
		}
		if err := s.queueFreezeReport(run, resultsAfterRelease(rd.Results, plan, now)); err != nil {
			return err
		}
		party := sampleParty{ClientName: rd.Client.Name, NationalIDMasked: rd.Client.NationalIDMasked,
			StationCode: rd.Station.Code, Timezone: rd.Station.Timezone}
		page = func(b *writeBatch) *SampleDetail {
			events := append(rd.Events, SampleEvent{ID: b.insertedIDOf(eventAt), SampleID: sm.ID, Event: plan.Event, At: now,
				ActorID: nilIfZero(a.UserID), ActorUsername: a.Username, Detail: truncate(plan.EventDetail, 500)})
			current := plan.Current
			sortInPanelOrder(current, p.Analytes)
			return sampleDetail(ctx, sm, party, p, current, events)
		}
		return nil
	}, func(b *writeBatch) { committed = b })
	if err != nil {
		return nil, err
	}
	return page(committed), nil
}

// resultsAfterRelease is all of a sample's results (by id) as a release
// leaves them.
func resultsAfterRelease(all []Result, plan *releasePlan, now time.Time) []Result {
	out := slices.Clone(all)
	for i := range out {
		switch {
		case slices.Contains(plan.Replaced, out[i].ID):
			out[i].State, out[i].SupersededAt = ResultSuperseded, &now
		case slices.Contains(plan.Releasing, out[i].ID):
			out[i].State, out[i].Version = ResultReleased, plan.Version
		}
	}
	return out
}

func int64sAsAny(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
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
		sm, err := s.loadSample(ctx, tx.DB, acc, true)
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
		kits, err := loadKitBook(tx.DB)
		if err != nil {
			return err
		}
		ranges, err := loadRangeBook(tx.DB)
		if err != nil {
			return err
		}
		party, err := loadSampleParty(tx.DB, sm)
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
		now := tx.now
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
		page, err = s.samplePage(ctx, tx.DB, sm)
		return err
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}
