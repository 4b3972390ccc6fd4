package lab

import (
	"context"
	"fmt"
)

// enterLines validates lines in tx (accession, the sample's state and
// station, the panel, the value, kit and lot rules of judgeInput), marks
// each one ok or refused, and writes the good ones. With allOrNone (an
// analyser's message, lab/analyser_results.go) nothing is written when any
// line is refused: the caller reads the refusals from the lines. The CSV
// import and the analyser interfaces share it so that every rule for a
// result applies to both. ref is the reference data when the caller read
// its version already; nil reads it here.
func (s *Service) enterLines(ctx context.Context, tx *txDB, ref *reference, lines []importLine, allOrNone bool) error {
	codes := map[string]bool{}
	for i := range lines {
		l := &lines[i]
		if l.Code != "" {
			continue
		}
		acc, err := ParseAccession(l.Accession)
		if err != nil {
			l.Code, l.Detail = string(CodeBadAccession), err.(*Error).Message
			continue
		}
		l.Accession = acc
		codes[acc] = true
	}
	var samples []*Sample
	if len(codes) > 0 {
		if err := tx.Clauses(lockForUpdate).Where("accession IN ?", keys(codes)).Order("id").Find(&samples).Error; err != nil {
			return err
		}
	}
	byCode := map[string]*Sample{}
	for _, sm := range samples {
		if ActorFrom(ctx).canSeeStation(sm.StationID) {
			byCode[sm.Accession] = sm
		}
	}
	if ref == nil {
		var err error
		if ref, err = s.currentReference(tx); err != nil {
			return err
		}
	}
	ids := make([]int64, 0, len(byCode))
	for _, sm := range byCode {
		ids = append(ids, sm.ID)
	}
	runLots, err := loadRunLots(tx.DB, ids)
	if err != nil {
		return err
	}
	lots := s.newLotCheck(tx.now, ref, runLots)
	panels, err := loadPanelBook(tx.DB)
	if err != nil {
		return err
	}
	zones := map[int64]*Station{}
	groups := map[*Sample][]int{}
	var order []*Sample
	for i := range lines {
		l := &lines[i]
		if l.Code != "" {
			continue
		}
		sm := byCode[l.Accession]
		if sm == nil {
			l.Code, l.Detail = string(CodeNotFound), "no sample with this accession code"
			continue
		}
		if err := readyForResults(sm); err != nil {
			l.Code, l.Detail = string(ErrorCode(err)), err.(*Error).Message
			continue
		}
		if !panels[sm.PanelCode][l.Analyte] {
			l.Code, l.Detail = "not_in_panel", fmt.Sprintf("%q is not an analyte of the %s panel", l.Analyte, sm.PanelCode)
			continue
		}
		st := zones[sm.StationID]
		if st == nil {
			st = &Station{}
			if err := tx.First(st, sm.StationID).Error; err != nil {
				return err
			}
			zones[sm.StationID] = st
		}
		r, errs := judgeInput(l.in, DateOf(sm.CollectedAt.In(st.Location())), ref.kits, ref.ranges, "")
		if len(errs) == 0 {
			if fe := lots.resolve(&r, sm.ID, st.Location(), ""); fe != nil {
				errs = append(errs, *fe)
			}
		}
		if len(errs) > 0 {
			l.Code, l.Detail = errs[0].Code, errs[0].Field+": "+errs[0].Detail
			continue
		}
		r.ReferenceRange, r.AbnormalFlags = l.in.ReferenceRange, l.in.AbnormalFlags
		l.OK, l.res = true, r
		if groups[sm] == nil {
			order = append(order, sm)
		}
		groups[sm] = append(groups[sm], i)
	}
	if allOrNone {
		for _, l := range lines {
			if !l.OK {
				return nil
			}
		}
	}
	batch := make([][]Result, len(order))
	for k, sm := range order {
		for _, i := range groups[sm] {
			batch[k] = append(batch[k], lines[i].res)
		}
	}
	return s.writeResultBatch(ctx, tx, order, batch, panels)
}
