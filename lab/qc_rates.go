package lab

import "context"

// QCRejectionRate is, for one analyte and month, how many runs tested it
// and how many of those failed quality control (rejected, whatever came
// after: corrective action or an override).
type QCRejectionRate struct {
	Month    string  `json:"month"`
	Analyte  string  `json:"analyte"`
	Runs     int     `json:"runs"`
	Rejected int     `json:"rejected"`
	Rate     float64 `json:"rate"`
}

// QCRejectionRates returns the QC rejection rate per analyte per month
// (the runs' lab days), of runs with at least one control value, oldest
// month first. Lab technicians and admins.
func (s *Service) QCRejectionRates(ctx context.Context) ([]QCRejectionRate, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var rows []struct {
		Day         Date
		AnalyteCode string
		Status      string
	}
	err := s.read(ctx).Table("runs").Select("runs.day, run_analytes.analyte_code, runs.status").
		Joins("JOIN run_analytes ON run_analytes.run_id = runs.id").
		Where("runs.status <> ?", RunPending).Order("runs.day, run_analytes.analyte_code").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := []QCRejectionRate{}
	at := map[string]int{}
	for _, r := range rows {
		month := string(r.Day)[:7]
		k := month + " " + r.AnalyteCode
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, QCRejectionRate{Month: month, Analyte: r.AnalyteCode})
		}
		out[i].Runs++
		switch r.Status {
		case RunRejected, RunCorrected, RunOverridden:
			out[i].Rejected++
		}
	}
	for i := range out {
		out[i].Rate = float64(out[i].Rejected) / float64(out[i].Runs)
	}
	return out, nil
}
