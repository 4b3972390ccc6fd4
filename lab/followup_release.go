package lab

import (
	"encoding/json"
	"errors"
	"strings"
)

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

// setCaseFindings stores the case's findings and priority.
func (s *Service) setCaseFindings(tx *txDB, c *Followup, findings []Finding, prio Priority) error {
	body, _ := json.Marshal(findings)
	if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(map[string]any{
		"findings": string(body), "priority": prio, "updated_at": tx.now}).Error; err != nil {
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
