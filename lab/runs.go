package lab

import (
	"time"
)

// CodeQCFailed refuses releasing a sample whose run's quality control
// failed (the run is rejected) until corrective action and a re-run.
const CodeQCFailed Code = "qc_failed"

// Run states: pending until a control value is entered, then the worst
// evaluation of its control values; corrected once corrective action moved
// its samples to a re-run.
const (
	RunPending   = "pending"
	RunAccepted  = "accepted"
	RunWarning   = "warning"
	RunRejected  = "rejected"
	RunCorrected = "corrected"
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
func loadRunLots(db *txDB, sampleIDs []int64) (map[int64]map[string]int64, error) {
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
