package lab

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// followUpRelease is the release hook of the follow-up workflow
// (domain.md §0, Follow-up). A case is the woman's episode: she has one
// open case at most, and every sample of hers released while it is open
// adds to it.
//
//   - No open case: an abnormal release opens one (an amendment whose
//     sample's closed case already covers its findings only notes it
//     there).
//   - The newest sample of her open case, or a newer one (a retest, a
//     redraw): the case's findings, priority and next action follow its
//     interpretation, and her counselor is told.
//   - An earlier sample of hers amended or released late: the case notes
//     it, and takes a more pressing priority from it, but its findings
//     stay those of her newest sample.
//
// It runs in the release's transaction.
func (s *Service) followUpRelease(ctx context.Context, tx *txDB, ev ReleaseEvent) error {
	open, err := openCaseOf(tx, ev.Sample.ClientID)
	if err != nil {
		return err
	}
	if err := s.retestOfClosedCase(ctx, tx, ev, open); err != nil {
		return err
	}
	if open == nil {
		return s.releaseWithoutOpenCase(ctx, tx, ev)
	}
	member, newest, err := caseStanding(tx, open.ID, ev.Sample)
	if err != nil {
		return err
	}
	loc, err := stationLocation(tx, open.StationID)
	if err != nil {
		return err
	}
	switch {
	case newest && member:
		return s.caseSampleAmended(ctx, tx, open, loc, ev)
	case newest:
		return s.joinCase(ctx, tx, open, loc, ev)
	default:
		return s.earlierSampleReleased(ctx, tx, open, loc, member, ev)
	}
}

// errOpenCaseRace is a release that lost a race to open her case: the
// transaction is run again (inTx, lab/database_retry.go) and then finds the case.
var errOpenCaseRace = errors.New("another release opened her case meanwhile")

// openCaseOf returns her open case, locked until the transaction ends, or
// nil. The case is found by its unique open marker and then locked by its
// primary key (a record lock: a locking read of a missing marker would
// take gap locks on MySQL that deadlock other women's releases); read
// again under the lock, a case closed meanwhile counts as none.
func openCaseOf(tx *txDB, clientID int64) (*Followup, error) {
	var ids []int64
	if err := tx.Model(&Followup{}).Where("open_client_id = ?", clientID).Pluck("id", &ids).Error; err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var c Followup
	if err := tx.Clauses(lockForUpdate).First(&c, ids[0]).Error; err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	if c.Status == CaseClosed {
		return nil, nil
	}
	return &c, nil
}

// caseStanding tells whether the sample is already one of the case's and
// whether it is the newest of them by collection (or newer than all).
func caseStanding(tx *txDB, caseID int64, sm *Sample) (member, newest bool, err error) {
	var rows []struct {
		SampleID    int64
		CollectedAt time.Time
	}
	err = tx.Table("followup_samples").Select("followup_samples.sample_id, samples.collected_at").
		Joins("JOIN samples ON samples.id = followup_samples.sample_id").
		Where("followup_samples.followup_id = ?", caseID).Scan(&rows).Error
	if err != nil {
		return false, false, err
	}
	newest = true
	for _, r := range rows {
		if r.SampleID == sm.ID {
			member = true
			continue
		}
		if r.CollectedAt.After(sm.CollectedAt) {
			newest = false
		}
	}
	return member, newest, nil
}

// addCaseSample makes the sample one of the case's.
func (s *Service) addCaseSample(tx *txDB, caseID, sampleID int64) error {
	return tx.Exec("INSERT INTO followup_samples (followup_id, sample_id, added_at) VALUES (?, ?, ?)",
		caseID, sampleID, s.now()).Error
}

// CaseFindings are the findings a case keeps of a release: those that
// need action, and a paired reading that clears an earlier one (a first
// IgM not confirmed), which the counselor must see to close the case.
func CaseFindings(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Abnormal || strings.HasSuffix(f.Code, "_IGM_NOT_CONFIRMED") {
			out = append(out, f)
		}
	}
	return out
}

// casePriority is the priority a case takes from its findings: the most
// pressing, routine when none needs action (the case stays open until
// she is told and it is closed).
func casePriority(fs []Finding) Priority {
	if p := HighestPriority(fs); p != "" {
		return p
	}
	return Routine
}

func findingCodes(fs []Finding) []string {
	codes := make([]string, len(fs))
	for i, f := range fs {
		codes[i] = f.Code
	}
	return codes
}

// releaseWithoutOpenCase opens a case for an abnormal release of a woman
// with none open. An amendment of a sample whose case was closed opens a
// new one only when it is more pressing than that case was; otherwise the
// counselor's outcome stands and the amendment is on its timeline.
func (s *Service) releaseWithoutOpenCase(ctx context.Context, tx *txDB, ev ReleaseEvent) error {
	if !ev.Abnormal {
		return nil
	}
	if ev.PreviousAbnormal {
		var closed []Followup
		err := tx.Where("id IN (SELECT followup_id FROM followup_samples WHERE sample_id = ?)", ev.Sample.ID).
			Order("id DESC").Limit(1).Find(&closed).Error
		if err != nil {
			return err
		}
		if len(closed) == 1 && !HighestPriority(abnormalOnly(ev.Findings)).Higher(closed[0].Priority) {
			return s.caseEvent(ctx, tx, closed[0].ID, "findings_amended_after_close", fmt.Sprintf("report version %d", ev.Version))
		}
	}
	return s.openCase(ctx, tx, ev)
}

// openCase opens her case for an abnormal release and assigns it. Her
// first contact is due within the priority's time.
func (s *Service) openCase(ctx context.Context, tx *txDB, ev ReleaseEvent) error {
	findings := CaseFindings(ev.Findings)
	prio := casePriority(findings)
	body, _ := json.Marshal(findings)
	loc, err := stationLocation(tx, ev.Sample.StationID)
	if err != nil {
		return err
	}
	now := s.now()
	due := now.Add(dueAfter(prio, ev.Settings))
	dueOn := DateOf(due.In(loc))
	client := ev.Sample.ClientID
	c := Followup{SampleID: ev.Sample.ID, Accession: ev.Sample.Accession, ClientID: client, StationID: ev.Sample.StationID,
		Status: CaseOpen, Priority: prio, FindingsJSON: string(body), DueAt: due, OpenedAt: now, UpdatedAt: now,
		OpenClientID: &client, NextActionKind: ActionContact, NextActionDueOn: &dueOn, FirstDueAt: &due}
	if err := tx.Create(&c).Error; err != nil {
		if isDuplicate(err) {
			return errOpenCaseRace
		}
		return err
	}
	if err := s.addCaseSample(tx, c.ID, ev.Sample.ID); err != nil {
		return err
	}
	codes := findingCodes(findings)
	if err := s.caseEvent(ctx, tx, c.ID, "opened", fmt.Sprintf("%s, due %s: %s", prio, c.DueAt.Format(time.RFC3339), strings.Join(codes, ", "))); err != nil {
		return err
	}
	if err := s.audit(ctx, tx, "followup.open", "followup", c.ID, map[string]any{
		"sample": ev.Sample.Accession, "priority": prio, "due_at": c.DueAt, "findings": codes}); err != nil {
		return err
	}
	return s.assign(ctx, tx, &c, 0)
}

// joinCase adds a newer sample of hers (a retest, a redraw) to her open
// case: the case's findings and priority become the new sample's, she
// must be told them within the priority's time, and her counselor is
// notified.
func (s *Service) joinCase(ctx context.Context, tx *txDB, c *Followup, loc *time.Location, ev ReleaseEvent) error {
	if err := s.addCaseSample(tx, c.ID, ev.Sample.ID); err != nil {
		return err
	}
	findings := CaseFindings(ev.Findings)
	prio := casePriority(findings)
	if err := s.setCaseFindings(tx, c, findings, prio); err != nil {
		return err
	}
	event, what := "sample_added", string(ev.Sample.Kind)
	if ev.Sample.Kind == KindRetest {
		event = "retest_released"
	}
	detail := fmt.Sprintf("%s %s, report version %d: %s", what, ev.Sample.Accession, ev.Version, codesOrNone(findings))
	if err := s.caseEvent(ctx, tx, c.ID, event, detail); err != nil {
		return err
	}
	if err := s.audit(ctx, tx, "followup.sample_added", "followup", c.ID, map[string]any{
		"sample": ev.Sample.Accession, "kind": ev.Sample.Kind, "priority": prio, "findings": findingCodes(findings)}); err != nil {
		return err
	}
	if err := s.contactDue(ctx, tx, c, loc, prio, ev.Settings, "tell her the results of "+ev.Sample.Accession); err != nil {
		return err
	}
	typ := NotifyCaseUpdated
	if ev.Sample.Kind == KindRetest || ev.Sample.Kind == KindRedraw {
		typ = NotifyRetestReleased
	}
	return s.notifyCounselor(tx, c, typ, &ev.Sample.ID, fmt.Sprintf("the results of %s %s are released on her case", what, ev.Sample.Accession))
}

// caseSampleAmended applies an amendment of the case's newest sample: the
// findings follow it; when they change, she must be told within the new
// priority's time.
func (s *Service) caseSampleAmended(ctx context.Context, tx *txDB, c *Followup, loc *time.Location, ev ReleaseEvent) error {
	findings := CaseFindings(ev.Findings)
	prio := casePriority(findings)
	changed := !slices.Equal(findingCodes(findings), findingCodes(c.Findings())) || prio != c.Priority
	detail := fmt.Sprintf("report version %d", ev.Version)
	if prio != c.Priority {
		detail += fmt.Sprintf(": priority from %s to %s", c.Priority, prio)
	}
	if err := s.setCaseFindings(tx, c, findings, prio); err != nil {
		return err
	}
	event := "findings_amended"
	if !ev.Abnormal && ev.PreviousAbnormal {
		event = "sample_turned_normal"
		detail = fmt.Sprintf("report version %d is normal; decide whether the case can close", ev.Version)
	}
	if err := s.caseEvent(ctx, tx, c.ID, event, detail); err != nil {
		return err
	}
	if !changed {
		return nil
	}
	if err := s.contactDue(ctx, tx, c, loc, prio, ev.Settings, "tell her the amended results"); err != nil {
		return err
	}
	return s.notifyCounselor(tx, c, NotifyCaseUpdated, &ev.Sample.ID, "an amendment changed her case: "+detail)
}

// earlierSampleReleased notes an amendment (or a late release) of a
// sample older than the case's newest: the case's findings stay the
// newest sample's, but a more pressing priority is taken, with a contact
// due within its time.
func (s *Service) earlierSampleReleased(ctx context.Context, tx *txDB, c *Followup, loc *time.Location, member bool, ev ReleaseEvent) error {
	if !ev.Abnormal && !ev.PreviousAbnormal {
		return nil
	}
	if !member && ev.Abnormal {
		if err := s.addCaseSample(tx, c.ID, ev.Sample.ID); err != nil {
			return err
		}
	}
	abnormal := abnormalOnly(ev.Findings)
	detail := fmt.Sprintf("%s, report version %d: %s", ev.Sample.Accession, ev.Version, codesOrNone(abnormal))
	if err := s.caseEvent(ctx, tx, c.ID, "earlier_sample_amended", detail); err != nil {
		return err
	}
	prio := HighestPriority(abnormal)
	if !prio.Higher(c.Priority) {
		return nil
	}
	if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(map[string]any{"priority": prio, "updated_at": s.now()}).Error; err != nil {
		return err
	}
	from := c.Priority
	c.Priority = prio
	if err := s.contactDue(ctx, tx, c, loc, prio, ev.Settings, fmt.Sprintf("priority raised from %s to %s", from, prio)); err != nil {
		return err
	}
	return s.notifyCounselor(tx, c, NotifyCaseUpdated, &ev.Sample.ID, "an earlier sample raised the case's priority to "+string(prio))
}

// setCaseFindings stores the case's findings and priority.
func (s *Service) setCaseFindings(tx *txDB, c *Followup, findings []Finding, prio Priority) error {
	body, _ := json.Marshal(findings)
	if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(map[string]any{
		"findings": string(body), "priority": prio, "updated_at": s.now()}).Error; err != nil {
		return err
	}
	c.FindingsJSON, c.Priority = string(body), prio
	return nil
}

func codesOrNone(fs []Finding) string {
	if len(fs) == 0 {
		return "no abnormal finding"
	}
	return strings.Join(findingCodes(fs), ", ")
}

// retestOfClosedCase shows a retest's release on the case that booked it
// when that case is closed (an open one takes the retest itself).
func (s *Service) retestOfClosedCase(ctx context.Context, tx *txDB, ev ReleaseEvent, open *Followup) error {
	if ev.RetestOf == nil || (open != nil && open.ID == *ev.RetestOf) {
		return nil
	}
	var c Followup
	if err := tx.First(&c, *ev.RetestOf).Error; err != nil {
		return err
	}
	if err := s.caseEvent(ctx, tx, c.ID, "retest_released", fmt.Sprintf("retest %s, report version %d", ev.Sample.Accession, ev.Version)); err != nil {
		return err
	}
	return s.notifyCounselor(tx, &c, NotifyRetestReleased, &ev.Sample.ID, "the retest's results are released")
}

// notifyCounselor tells the case's counselor, or every admin when the
// case has no counselor who can work it.
func (s *Service) notifyCounselor(tx *txDB, c *Followup, typ NotificationType, sampleID *int64, message string) error {
	var to []int64
	if c.AssigneeID != nil {
		var active int64
		if err := tx.Model(&User{}).Where("id = ? AND active = ?", *c.AssigneeID, true).Count(&active).Error; err != nil {
			return err
		}
		if active == 1 {
			to = []int64{*c.AssigneeID}
		}
	}
	if to == nil {
		var err error
		if to, err = activeAdmins(tx); err != nil {
			return err
		}
	}
	return s.notify(tx, to, typ, &c.ID, sampleID, message, nil)
}
