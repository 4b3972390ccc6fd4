package lab

import (
	"context"
	"slices"
)

// AnalyserOrders answers an analyser's host query (ASTM Q record): the
// tests to run on the sample with this accession, in the analyser's own
// codes. They are the analytes of the sample's panel that have no result
// yet and that the analyser's code map names; when one analyte has
// several codes (a local code and a LOINC), the first in sort order is
// sent. No order (and no error) when the accession is not an accession
// code, no sample has it, or the sample does not take results (not
// received, or released): the analyser is told there is nothing to run.
// Reads only; the analyser and its code map come from the reference
// cache (reference_cache.go). Torchlab's interface listeners call it, as
// the system; CodeNotFound for an unknown analyser, CodeForbidden for
// anyone else.
func (s *Service) AnalyserOrders(ctx context.Context, analyserID int64, accession string) ([]string, error) {
	if !ActorFrom(ctx).System {
		return nil, Errorf(CodeForbidden, "only torchlab's interface listeners answer analysers' queries")
	}
	ref, err := s.poolReference(ctx)
	if err != nil {
		return nil, err
	}
	an := ref.analysers.byID[analyserID]
	if an == nil {
		return nil, notFound("analyser")
	}
	db := s.read(ctx)
	acc, err := ParseAccession(accession)
	if err != nil || !an.Active {
		return nil, nil
	}
	var samples []Sample
	if err := db.Where("accession = ?", acc).Limit(1).Find(&samples).Error; err != nil {
		return nil, err
	}
	if len(samples) == 0 || readyForResults(&samples[0]) != nil {
		return nil, nil
	}
	sm := samples[0]
	panels, err := loadPanelBook(db)
	if err != nil {
		return nil, err
	}
	var done []string
	if err := db.Model(&Result{}).Where("sample_id = ? AND state <> ?", sm.ID, ResultSuperseded).
		Pluck("analyte_code", &done).Error; err != nil {
		return nil, err
	}
	codeOf := map[string]string{}
	for code, analyte := range an.CodeMap {
		if prev, ok := codeOf[analyte]; !ok || code < prev {
			codeOf[analyte] = code
		}
	}
	var orders []string
	for analyte := range panels[sm.PanelCode] {
		if code, ok := codeOf[analyte]; ok && !slices.Contains(done, analyte) {
			orders = append(orders, code)
		}
	}
	slices.Sort(orders)
	return orders, nil
}
