package lab

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ImportRow is the outcome of one line of an analyser file.
type ImportRow struct {
	Line      int    `json:"line"`
	OK        bool   `json:"ok"`
	Code      string `json:"code,omitempty"`
	Detail    string `json:"detail,omitempty"`
	Accession string `json:"accession,omitempty"`
	Analyte   string `json:"analyte,omitempty"`
}

// ImportReport is what an import did: rows saved, rows refused, and the
// outcome of every line (a header line counted, so lines match the file).
type ImportReport struct {
	Saved    int         `json:"saved"`
	Rejected int         `json:"rejected"`
	Rows     []ImportRow `json:"rows"`
}

// importChunk is how many lines are validated and written in one
// transaction: big enough to amortise the round trips, small enough that a
// file of any length streams through in bounded memory.
const importChunk = 2000

type importLine struct {
	ImportRow
	in  ResultInput
	res Result // judged, once valid
}

// ImportResults reads an analyser's CSV (accession,analyte,value[,unit]
// [,kit][,lot]; header optional; UTF-8 with or without BOM; comma or tab)
// as a stream and saves every good line; each bad line is refused with its
// line number and reason and changes nothing. Lines are validated and
// written in chunks, each one transaction, with one audit row per sample
// touched. Lab technicians and admins. CodeMalformed when the file is not
// CSV at all.
func (s *Service) ImportResults(ctx context.Context, r io.Reader) (*ImportReport, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	firstLine, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	if bytes.IndexByte(firstLine, '\t') >= 0 && bytes.IndexByte(firstLine, ',') < 0 {
		cr.Comma = '\t'
	}
	rep := &ImportReport{Rows: []ImportRow{}}
	seen := map[string]int{} // accession+analyte → first line
	var chunk []importLine
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		if err := s.importChunk(ctx, chunk); err != nil {
			if ErrorCode(err) != CodeInternal {
				return err
			}
			// The chunk rolled back: say so for each of its lines, and go
			// on with the rest of the file.
			for i := range chunk {
				if chunk[i].Code == "" || chunk[i].OK {
					chunk[i].OK, chunk[i].Code, chunk[i].Detail = false, "not_saved",
						"the database refused the lines around this one; import them again"
				}
			}
		}
		for _, l := range chunk {
			if l.OK {
				rep.Saved++
			} else {
				rep.Rejected++
			}
			rep.Rows = append(rep.Rows, l.ImportRow)
		}
		chunk = chunk[:0]
		return nil
	}
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		// The HTTP layer caps the body; its reader says so in these words.
		if err != nil && strings.Contains(err.Error(), "request body too large") {
			return nil, Errorf(CodeTooLarge, "the file is over the size limit; split it")
		}
		line, _ := cr.FieldPos(0)
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			if n == 0 && rep.Saved+rep.Rejected+len(chunk) == 0 && perr.Err != csv.ErrFieldCount {
				return nil, Errorf(CodeMalformed, "the file is not CSV: %v", perr.Err)
			}
			chunk = append(chunk, importLine{ImportRow: ImportRow{Line: perr.StartLine, Code: "malformed", Detail: perr.Err.Error()}})
			continue
		}
		if err != nil {
			return nil, err
		}
		if n == 0 && len(rec) > 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "accession") {
			rep.Rows = append(rep.Rows, ImportRow{Line: line, OK: true, Code: "header"})
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		l := importLine{ImportRow: ImportRow{Line: line}}
		field := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		l.Accession, l.Analyte = strings.ToUpper(field(0)), strings.ToUpper(field(1))
		l.in = ResultInput{Analyte: l.Analyte, Value: field(2), Unit: field(3), Kit: field(4), Lot: field(5)}
		valid := true
		for _, f := range rec {
			valid = valid && utf8.ValidString(f)
		}
		switch {
		case !valid:
			l.Code, l.Detail = "malformed", "the line is not UTF-8 text"
		case len(rec) < 3 || len(rec) > 6:
			l.Code, l.Detail = "columns", fmt.Sprintf("%d columns; a line is accession,analyte,value[,unit][,kit][,lot]", len(rec))
		case seen[l.Accession+" "+l.Analyte] != 0:
			l.Code, l.Detail = "duplicate", fmt.Sprintf("the same sample and analyte as line %d", seen[l.Accession+" "+l.Analyte])
		default:
			seen[l.Accession+" "+l.Analyte] = line
		}
		chunk = append(chunk, l)
		if len(chunk) >= importChunk {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return rep, nil
}

// importChunk validates and writes one chunk in one transaction, marking
// each line ok or refused. Samples are locked, so a sample verified by a
// colleague meanwhile is refused here rather than changed after release.
func (s *Service) importChunk(ctx context.Context, lines []importLine) error {
	return s.inTxRetry(ctx, func(tx *txDB) error {
		for i := range lines { // a retry starts from the lines as read
			if lines[i].OK {
				lines[i].OK, lines[i].Code, lines[i].Detail = false, "", ""
			}
		}
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
		kits, err := loadKitBook(tx)
		if err != nil {
			return err
		}
		panels, err := loadPanelBook(tx)
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
			r, errs := judgeInput(l.in, DateOf(sm.CollectedAt.In(st.Location())), kits, "")
			if len(errs) > 0 {
				l.Code, l.Detail = errs[0].Code, errs[0].Field+": "+errs[0].Detail
				continue
			}
			l.OK, l.res = true, r
			if groups[sm] == nil {
				order = append(order, sm)
			}
			groups[sm] = append(groups[sm], i)
		}
		batch := make([][]Result, len(order))
		for k, sm := range order {
			for _, i := range groups[sm] {
				batch[k] = append(batch[k], lines[i].res)
			}
		}
		return s.writeResultBatch(ctx, tx, order, batch, panels)
	})
}

// importBatch bounds the rows of one multi-row INSERT: well under the bound
// parameters SQLite and MySQL accept, and small because the SQLite driver
// binds parameters in time quadratic in their number (500 rows were slower
// than 100 there).
const importBatch = 100

// writeResultBatch is writeResults for many samples at once, with the same
// rows written: the entered results they replace superseded, the results,
// each sample's status, one custody event and one audit row per sample. It
// takes a fixed handful of statements per chunk instead of seven per sample
// (the round trips were most of an import's time on MySQL).
func (s *Service) writeResultBatch(ctx context.Context, tx *txDB, samples []*Sample, batch [][]Result, panels panelBook) error {
	if len(samples) == 0 {
		return nil
	}
	now := s.now()
	a := ActorFrom(ctx)
	who := nilIfZero(a.UserID)
	ids := make([]int64, len(samples))
	replace := map[int64]map[string]bool{}
	var all []Result
	for k, sm := range samples {
		ids[k] = sm.ID
		replace[sm.ID] = map[string]bool{}
		for i := range batch[k] {
			r := &batch[k][i]
			r.SampleID, r.State, r.Version = sm.ID, ResultEntered, sm.ReportVersion+1
			r.EnteredBy, r.EnteredAt = who, now
			replace[sm.ID][r.AnalyteCode] = true
			all = append(all, *r)
		}
	}
	// Supersede the entered results these replace.
	type entered struct {
		ID          int64
		SampleID    int64
		AnalyteCode string
	}
	var old []entered
	if err := tx.Model(&Result{}).Select("id, sample_id, analyte_code").
		Where("sample_id IN ? AND state = ?", ids, ResultEntered).Scan(&old).Error; err != nil {
		return err
	}
	var stale []int64
	for _, r := range old {
		if replace[r.SampleID][r.AnalyteCode] {
			stale = append(stale, r.ID)
		}
	}
	if err := supersedeIDs(tx, stale, now); err != nil {
		return err
	}
	if err := tx.CreateInBatches(&all, importBatch).Error; err != nil {
		return err
	}
	// Which analytes each sample now has entered, to know the complete ones.
	var have []entered
	if err := tx.Model(&Result{}).Select("sample_id, analyte_code").
		Where("sample_id IN ? AND state = ?", ids, ResultEntered).Group("sample_id, analyte_code").Scan(&have).Error; err != nil {
		return err
	}
	count := map[int64]int{}
	bySample := map[int64]*Sample{}
	for _, sm := range samples {
		bySample[sm.ID] = sm
	}
	for _, r := range have {
		if panels[bySample[r.SampleID].PanelCode][r.AnalyteCode] {
			count[r.SampleID]++
		}
	}
	moves := map[SampleStatus][]int64{}
	events := make([]SampleEvent, 0, len(samples))
	audits := make([]AuditEntry, 0, len(samples))
	for k, sm := range samples {
		status := SampleReceived
		if count[sm.ID] == len(panels.analytes(sm.PanelCode)) {
			status = SampleResulted
		}
		if status != sm.Status {
			moves[status] = append(moves[status], sm.ID)
			sm.Status = status
		}
		analytes := make([]string, len(batch[k]))
		changes := map[string]any{}
		for i, r := range batch[k] {
			analytes[i] = r.AnalyteCode
			changes[r.AnalyteCode] = map[string]any{"value": r.Shown(), "kit": r.Kit, "lot": r.Lot, "interpretation": r.Interpretation}
		}
		events = append(events, SampleEvent{SampleID: sm.ID, Event: "results_entered", At: now, ActorID: who,
			ActorUsername: a.Username, Detail: truncate(strings.Join(analytes, ", "), 500)})
		body, err := json.Marshal(map[string]any{"results": changes, "status": status})
		if err != nil {
			return err
		}
		audits = append(audits, AuditEntry{At: now, ActorID: who, ActorUsername: a.Username, Action: "results.enter",
			Entity: "sample", EntityID: sm.Accession, IP: a.IP, RequestID: a.RequestID, Changes: body})
	}
	for _, status := range []SampleStatus{SampleReceived, SampleResulted} {
		moved := moves[status]
		if len(moved) == 0 {
			continue
		}
		if err := tx.Model(&Sample{}).Where("id IN ?", moved).
			Updates(map[string]any{"status": status, "updated_at": now}).Error; err != nil {
			return err
		}
	}
	if err := tx.CreateInBatches(&events, importBatch).Error; err != nil {
		return err
	}
	return tx.CreateInBatches(&audits, importBatch).Error
}
