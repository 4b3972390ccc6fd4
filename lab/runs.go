package lab

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Run states: pending until a control value is entered, then the worst
// evaluation of its control values; corrected once corrective action moved
// its samples to a re-run.
const (
	RunPending   = "pending"
	RunAccepted  = "accepted"
	RunWarning   = "warning"
	RunRejected  = "rejected"
	RunCorrected = "corrected"
	// RunOverridden: rejected, then released by an admin with a reason.
	RunOverridden = "overridden"
)

// Run is the set of samples tested together for one or more analytes on
// given reagent lots: one plate, one analyser batch.
type Run struct {
	ID               int64      `json:"id" gorm:"primaryKey"`
	Day              Date       `json:"day"`
	Status           string     `json:"status"`
	LotReview        bool       `json:"lot_review"`
	CorrectiveAction string     `json:"corrective_action,omitempty"`
	CorrectedAt      *time.Time `json:"corrected_at,omitempty"`
	RerunID          *int64     `json:"rerun_id,omitempty"`
	OverrideReason   string     `json:"override_reason,omitempty"`
	OverriddenBy     *int64     `json:"overridden_by,omitempty"`
	CreatedBy        *int64     `json:"created_by,omitempty"`
	CreatedAt        time.Time  `json:"created_at"`
}

// runAnalyte is one analyte of a run and the lot it runs on; NewLot marks
// the first run on that lot, for lot-to-lot review.
type runAnalyte struct {
	ID          int64 `gorm:"primaryKey"`
	RunID       int64
	AnalyteCode string
	LotID       int64
	NewLot      bool
}

// runSample is a sample's membership of a run; RemovedAt is set when it
// leaves the run for a re-run.
type runSample struct {
	ID        int64 `gorm:"primaryKey"`
	RunID     int64
	SampleID  int64
	AddedAt   time.Time
	RemovedAt *time.Time
}

// loadRunLots returns the lots of the runs the samples are in now: sample
// id → analyte → lot id.
func loadRunLots(db *gorm.DB, sampleIDs []int64) (map[int64]map[string]int64, error) {
	out := map[int64]map[string]int64{}
	if len(sampleIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		SampleID    int64
		AnalyteCode string
		LotID       int64
	}
	err := db.Table("run_samples").Select("run_samples.sample_id, run_analytes.analyte_code, run_analytes.lot_id").
		Joins("JOIN run_analytes ON run_analytes.run_id = run_samples.run_id").
		Where("run_samples.sample_id IN ? AND run_samples.removed_at IS NULL", sampleIDs).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if out[r.SampleID] == nil {
			out[r.SampleID] = map[string]int64{}
		}
		out[r.SampleID][r.AnalyteCode] = r.LotID
	}
	return out, nil
}

func (runAnalyte) TableName() string { return "run_analytes" }
func (runSample) TableName() string  { return "run_samples" }

// RunAnalyte is an analyte of a run as shown: its lot, and whether the run
// is the first on that lot (lot-to-lot review).
type RunAnalyte struct {
	Analyte string `json:"analyte"`
	Lot     string `json:"lot"`
	NewLot  bool   `json:"new_lot"`
}

// RunSampleView is a sample of a run as shown.
type RunSampleView struct {
	Accession string       `json:"accession"`
	Status    SampleStatus `json:"status"`
}

// RunDetail is a run with its analytes, samples and control values.
type RunDetail struct {
	Run
	Analytes []RunAnalyte    `json:"analytes"`
	Samples  []RunSampleView `json:"samples"`
	QC       []QCValue       `json:"qc"`
}

// CreateRun opens a run of the analytes, each on the lot given in lots
// (analyte → lot code) or else on the analyte's lot in use. The run is
// flagged for lot-to-lot review when it is the first on a lot of any of its
// analytes. Lab technicians and admins. CodeValidation (no analyte, one
// twice, an analyte unknown), CodeLotUnknown, CodeLotExpired.
func (s *Service) CreateRun(ctx context.Context, analytes []string, lots map[string]string) (*RunDetail, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *txDB) error {
		r, err := s.openRun(ctx, tx, analytes, lots)
		if err != nil {
			return err
		}
		id = r.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetRun(ctx, id)
}

// openRun writes a new run in tx, with its audit row.
func (s *Service) openRun(ctx context.Context, tx *txDB, analytes []string, lots map[string]string) (*Run, error) {
	var v Validation
	if len(analytes) == 0 {
		v.Add("analyte_codes", "required", "at least one analyte")
	}
	var known []string
	if err := tx.Model(&Analyte{}).Pluck("code", &known).Error; err != nil {
		return nil, err
	}
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	given := map[string]string{}
	for k, lot := range lots {
		given[strings.ToUpper(strings.TrimSpace(k))] = strings.TrimSpace(lot)
	}
	book, err := loadLotBook(tx.DB)
	if err != nil {
		return nil, err
	}
	today := Today(tx.now, location(s.opts.DefaultTimezone))
	seen := map[string]bool{}
	var rows []runAnalyte
	for i, raw := range analytes {
		code := strings.ToUpper(strings.TrimSpace(raw))
		field := fmt.Sprintf("analyte_codes[%d]", i)
		switch {
		case !isKnown[code]:
			v.Add(field, "unknown", fmt.Sprintf("no analyte %q", raw))
			continue
		case seen[code]:
			v.Add(field, "duplicate", "given twice")
			continue
		}
		seen[code] = true
		var lot ReagentLot
		var ok bool
		if g := given[code]; g != "" {
			lot, ok = book.byKey[lotKey(code, g)]
		} else {
			lot, ok = book.byID[book.inUse[code]]
		}
		switch {
		case !ok:
			v.Add("lots."+code, string(CodeLotUnknown), fmt.Sprintf("no registered lot %q of %s, and none in use", given[code], code))
		case lot.expiredOn(today):
			v.Add("lots."+code, string(CodeLotExpired), fmt.Sprintf("the lot %s of %s expired on %s", lot.Lot, code, lot.ExpiresOn))
		default:
			rows = append(rows, runAnalyte{AnalyteCode: code, LotID: lot.ID})
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	r := Run{Day: today, Status: RunPending, CreatedBy: nilIfZero(ActorFrom(ctx).UserID), CreatedAt: tx.now}
	for i := range rows {
		var n int64
		if err := tx.Model(&runAnalyte{}).Where("lot_id = ?", rows[i].LotID).Count(&n).Error; err != nil {
			return nil, err
		}
		rows[i].NewLot = n == 0
		r.LotReview = r.LotReview || rows[i].NewLot
	}
	if err := tx.Create(&r).Error; err != nil {
		return nil, err
	}
	audit := map[string]any{}
	for i := range rows {
		rows[i].RunID = r.ID
		audit[rows[i].AnalyteCode] = map[string]any{"lot": book.byID[rows[i].LotID].Lot, "new_lot": rows[i].NewLot}
	}
	if err := tx.Create(&rows).Error; err != nil {
		return nil, err
	}
	return &r, s.audit(ctx, tx, "run.create", "run", r.ID, map[string]any{"analytes": audit, "lot_review": r.LotReview})
}

// AddRunSamples puts scanned samples in a run. A sample must be received
// (or resulted, not yet released) and in no other run. Lab technicians and
// admins. CodeNotFound, CodeInvalidState (the run is corrected),
// CodeValidation naming each bad accession (bad_accession, not_found,
// not_ready, in_other_run).
func (s *Service) AddRunSamples(ctx context.Context, id int64, accessions []string) (*RunDetail, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *txDB) error {
		r, err := lockRun(tx, id)
		if err != nil {
			return err
		}
		if r.Status == RunCorrected {
			return invalidState("run", r.Status, "add samples to")
		}
		var v Validation
		if len(accessions) == 0 {
			v.Add("accessions", "required", "scan at least one sample")
		}
		var added []string
		var rows []runSample
		for i, raw := range accessions {
			field := fmt.Sprintf("accessions[%d]", i)
			acc, err := ParseAccession(raw)
			if err != nil {
				v.Add(field, string(CodeBadAccession), err.Error())
				continue
			}
			var sm Sample
			if err := tx.Clauses(lockForUpdate).Where("accession = ?", acc).Take(&sm).Error; err != nil {
				if isNotFound(err) {
					v.Add(field, "not_found", "no sample with this accession code")
					continue
				}
				return err
			}
			if sm.Status != SampleReceived && sm.Status != SampleResulted {
				v.Add(field, "not_ready", "the sample is "+string(sm.Status))
				continue
			}
			var in []int64
			if err := tx.Model(&runSample{}).Where("sample_id = ? AND removed_at IS NULL", sm.ID).Pluck("run_id", &in).Error; err != nil {
				return err
			}
			if len(in) > 0 {
				if in[0] != r.ID {
					v.Add(field, "in_other_run", fmt.Sprintf("the sample is in run %d", in[0]))
				}
				continue
			}
			rows = append(rows, runSample{RunID: r.ID, SampleID: sm.ID, AddedAt: tx.now})
			added = append(added, acc)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		if err := tx.Create(&rows).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "run.samples", "run", r.ID, map[string]any{"added": added})
	})
	if err != nil {
		return nil, err
	}
	return s.GetRun(ctx, id)
}

func lockRun(tx *txDB, id int64) (*Run, error) {
	var r Run
	if err := tx.Clauses(lockForUpdate).First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("run")
		}
		return nil, err
	}
	return &r, nil
}

// GetRun returns a run with its analytes, samples and control values. Lab
// technicians and admins. CodeNotFound.
func (s *Service) GetRun(ctx context.Context, id int64) (*RunDetail, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	var d RunDetail
	if err := db.First(&d.Run, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("run")
		}
		return nil, err
	}
	d.Analytes = []RunAnalyte{}
	if err := db.Table("run_analytes").Select("run_analytes.analyte_code AS analyte, reagent_lots.lot, run_analytes.new_lot").
		Joins("JOIN reagent_lots ON reagent_lots.id = run_analytes.lot_id").Where("run_analytes.run_id = ?", id).
		Order("run_analytes.id").Scan(&d.Analytes).Error; err != nil {
		return nil, err
	}
	d.Samples = []RunSampleView{}
	if err := db.Table("run_samples").Select("samples.accession, samples.status").
		Joins("JOIN samples ON samples.id = run_samples.sample_id").
		Where("run_samples.run_id = ?", id).Order("run_samples.id").Scan(&d.Samples).Error; err != nil {
		return nil, err
	}
	d.QC = []QCValue{}
	if err := db.Where("run_id = ?", id).Order("id").Find(&d.QC).Error; err != nil {
		return nil, err
	}
	for i := range d.QC {
		d.QC[i].fill()
	}
	return &d, nil
}

// RunSummary is a run in the day's list.
type RunSummary struct {
	Run
	Analytes []string `json:"analytes" gorm:"-"`
	Samples  int      `json:"samples" gorm:"-"`
}

// ListRuns returns the runs opened on a day (the lab's day), oldest first,
// with their status. Lab technicians and admins.
func (s *Service) ListRuns(ctx context.Context, day Date) ([]RunSummary, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	if day == "" {
		day = Today(s.now(), location(s.opts.DefaultTimezone))
	}
	db := s.read(ctx)
	var runs []Run
	if err := db.Where("day = ?", day).Order("id").Find(&runs).Error; err != nil {
		return nil, err
	}
	out := make([]RunSummary, len(runs))
	if len(runs) == 0 {
		return out, nil
	}
	ids := make([]int64, len(runs))
	at := map[int64]int{}
	for i, r := range runs {
		out[i] = RunSummary{Run: r, Analytes: []string{}}
		ids[i], at[r.ID] = r.ID, i
	}
	var ras []runAnalyte
	if err := db.Where("run_id IN ?", ids).Order("id").Find(&ras).Error; err != nil {
		return nil, err
	}
	for _, ra := range ras {
		out[at[ra.RunID]].Analytes = append(out[at[ra.RunID]].Analytes, ra.AnalyteCode)
	}
	var counts []struct {
		RunID int64
		N     int
	}
	if err := db.Model(&runSample{}).Select("run_id, COUNT(*) AS n").Where("run_id IN ?", ids).Group("run_id").Scan(&counts).Error; err != nil {
		return nil, err
	}
	for _, c := range counts {
		out[at[c.RunID]].Samples = c.N
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// qcFailed refuses releasing a sample whose current run, runID, is
// rejected (CodeQCFailed, with the run's id). Verify reads whether one is
// (readRelease).
func qcFailed(runID int64) *Error {
	return &Error{Code: CodeQCFailed, Message: fmt.Sprintf("run %d failed quality control: record corrective action and re-run the sample", runID),
		Extra: map[string]any{"run_id": runID}}
}
