package lab

import (
	"context"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"
)

// SafetyNetItem is something that must never exist: a released abnormal
// sample without a case, an open case whose assignee cannot work it, or an
// open case left unassigned although its station has a counselor.
type SafetyNetItem struct {
	Kind       string `json:"kind"`
	Accession  string `json:"accession"`
	FollowupID *int64 `json:"followup_id,omitempty"`
	AssigneeID *int64 `json:"assignee_id,omitempty"`
	StationID  int64  `json:"station_id"`
}

// Looking for released abnormal samples without a case means reading
// every released abnormal sample against the cases' samples: a quarter
// million at a million women, 200–300 ms. A sample can lose its case only
// through a write to it (every release and amendment sets updated_at;
// torchlab deletes no case and unlinks no sample), or behind torchlab's
// back, by hand. So a process looks at every sample at most once every
// orphanFullLookEvery, and between those looks at the samples written
// since the last full one began (orphanLookMargin earlier, for the
// transactions that were open then), and again at what that look found:
// an orphan made by torchlab shows at once, one made by hand within
// orphanFullLookEvery.
const (
	orphanFullLookEvery = 5 * time.Minute
	// orphanLookMargin must exceed the longest transaction (a lock wait
	// included) plus the clock difference between torchlab processes.
	orphanLookMargin = 2 * time.Minute
)

// orphanLook is a process's last full look for orphans.
type orphanLook struct {
	mu    sync.Mutex // one look at a time; the others wait and look at less
	began time.Time  // zero: never looked
	found []int64    // the orphans' sample ids it found
}

// SafetyNet lists what would let an abnormal result be lost. Both lists
// must always be empty. Admins only (the metrics gauge uses the system).
func (s *Service) SafetyNet(ctx context.Context) ([]SafetyNetItem, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	orphans, err := s.orphanSamples(db)
	if err != nil {
		return nil, err
	}
	stranded, err := strandedCases(db)
	if err != nil {
		return nil, err
	}
	var waiting []SafetyNetItem
	err = db.Table("followups").
		Select("'unassigned_with_counselor' AS kind, followups.sample_accession AS accession, followups.id AS followup_id, followups.station_id").
		Where("followups.status <> ? AND followups.assignee_id IS NULL AND EXISTS (SELECT 1 FROM users u WHERE u.role = ? AND u.active = ? AND u.station_id = followups.station_id)",
			CaseClosed, RoleCounselor, true).Order("followups.id").Scan(&waiting).Error
	if err != nil {
		return nil, err
	}
	items := make([]SafetyNetItem, 0, len(orphans)+len(stranded)+len(waiting))
	return append(append(append(items, orphans...), stranded...), waiting...), nil
}

// orphanSamples lists the released abnormal samples without a case, by a
// full look or, within orphanFullLookEvery of the last, by the samples
// written since and those it found.
func (s *Service) orphanSamples(db *gorm.DB) ([]SafetyNetItem, error) {
	look := &s.orphanLook
	look.mu.Lock()
	defer look.mu.Unlock()
	now := s.now()
	orphan := db.Table("samples").Where("samples.status = ? AND samples.abnormal = ? AND NOT EXISTS (SELECT 1 FROM followup_samples fs WHERE fs.sample_id = samples.id)",
		SampleReleased, true)
	var ids []int64
	if look.began.IsZero() || now.Sub(look.began) >= orphanFullLookEvery || now.Before(look.began) {
		// Their ids first, from the index of status and abnormal alone
		// (migration 00042); rows are read only for the orphans found.
		if err := orphan.Order("samples.id").Pluck("samples.id", &ids).Error; err != nil {
			return nil, err
		}
		look.began, look.found = now, ids
	} else {
		// From ix_samples_updated: the samples written since, a few
		// thousand on a busy day, not every released abnormal one.
		if err := orphan.Session(&gorm.Session{}).Where("samples.updated_at >= ?", look.began.Add(-orphanLookMargin)).Pluck("samples.id", &ids).Error; err != nil {
			return nil, err
		}
		for _, chunk := range Chunks(look.found, InListMax) {
			var still []int64
			if err := orphan.Session(&gorm.Session{}).Where("samples.id IN ?", chunk).Pluck("samples.id", &still).Error; err != nil {
				return nil, err
			}
			ids = append(ids, still...)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
	}
	var orphans []SafetyNetItem
	for _, chunk := range Chunks(ids, InListMax) {
		var part []SafetyNetItem
		if err := db.Table("samples").Select("'abnormal_without_case' AS kind, samples.accession, samples.station_id").
			Where("samples.id IN ?", chunk).Order("samples.id").Scan(&part).Error; err != nil {
			return nil, err
		}
		orphans = append(orphans, part...)
	}
	return orphans, nil
}

// strandedCases lists the active cases whose assignee cannot work them:
// she is inactive, not a counselor, or of no station or another. The ids
// come first, from the assignee's index alone, which holds the case's
// status and station (migration 00043): the cases of the users who
// cannot work any, and a counselor's cases elsewhere, one status at a
// time so that both are equalities of the index. Rows are read only for
// the cases found, normally none. Asked for whole rows, or with an OR,
// MariaDB read every active case or every case (100–300 ms at a million
// women).
func strandedCases(db *gorm.DB) ([]SafetyNetItem, error) {
	var unable []int64
	if err := db.Model(&User{}).Where("active = ? OR role <> ? OR station_id IS NULL", false, RoleCounselor).Pluck("id", &unable).Error; err != nil {
		return nil, err
	}
	var ids []int64
	for _, chunk := range Chunks(unable, InListMax) {
		var part []int64
		if err := db.Table("followups").Where("assignee_id IN ? AND status IN ?", chunk, []FollowupStatus{CaseOpen, CaseInProgress}).
			Pluck("id", &part).Error; err != nil {
			return nil, err
		}
		ids = append(ids, part...)
	}
	const elsewhere = `SELECT followups.id FROM users
		JOIN followups ON followups.assignee_id = users.id AND followups.status = ? AND followups.station_id <> users.station_id
		WHERE users.active = ? AND users.role = ? AND users.station_id IS NOT NULL`
	var moved []int64
	if err := db.Raw(elsewhere+" UNION ALL "+elsewhere, CaseOpen, true, RoleCounselor, CaseInProgress, true, RoleCounselor).
		Scan(&moved).Error; err != nil {
		return nil, err
	}
	ids = append(ids, moved...)
	slices.Sort(ids)
	var stranded []SafetyNetItem
	for _, chunk := range Chunks(slices.Compact(ids), InListMax) {
		var part []SafetyNetItem
		if err := db.Table("followups").
			Select("'assignee_inactive' AS kind, sample_accession AS accession, id AS followup_id, assignee_id, station_id").
			Where("id IN ?", chunk).Order("id").Scan(&part).Error; err != nil {
			return nil, err
		}
		stranded = append(stranded, part...)
	}
	return stranded, nil
}
