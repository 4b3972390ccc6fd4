package lab

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// ImportRow is the outcome of one refused line of an analyser file.
type ImportRow struct {
	Line      int    `json:"line"`
	OK        bool   `json:"ok"`
	Code      string `json:"code,omitempty"`
	Detail    string `json:"detail,omitempty"`
	Accession string `json:"accession,omitempty"`
	Analyte   string `json:"analyte,omitempty"`
}

// ImportReport is what an import did: lines read (the header counted),
// rows saved, rows refused, and the first ImportRowsShown refused lines;
// every refused line is kept with the import (ImportID) for
// ImportErrorsCSV.
type ImportReport struct {
	ImportID int64       `json:"import_id"`
	Lines    int         `json:"lines"`
	Saved    int         `json:"saved"`
	Rejected int         `json:"rejected"`
	Rows     []ImportRow `json:"rows"`
}

// The bounds of an import, so that any file is read in bounded memory.
const (
	// importChunk is how many lines are validated and written in one
	// transaction: big enough to amortise the round trips, small enough
	// that a file of any length streams through in bounded memory.
	importChunk = 2000
	// MaxImportLines is the most lines an import reads (the header not
	// counted): ten times a busy day's analyser file. A longer file is
	// refused whole, before any line is saved.
	MaxImportLines = 100_000
	// ImportRowsShown is how many refused lines the answer names.
	ImportRowsShown = 200
	// maxImportLine is the longest line read; a longer one is refused
	// without being held in memory.
	maxImportLine = 4096
)

// importColumns are the header's columns in order; the first three are
// required.
var importColumns = []string{"accession", "analyte", "value", "unit", "kit", "lot"}

type importLine struct {
	ImportRow
	in  ResultInput
	res Result // judged, once valid
}

// ImportResults reads an analyser's CSV (a header line
// accession,analyte,value[,unit][,kit][,lot], then one result a line;
// UTF-8 with or without BOM; comma or tab) and saves every good line; each
// bad line is refused with its line number and reason and changes nothing.
// Lines are validated and written in chunks, each one transaction, with
// one audit row per sample touched. Memory stays bounded whatever the
// file: the body is copied to a temporary file while its lines are
// counted, lines are read one at a time, and refused lines are written to
// the database as they come (ImportErrorsCSV reads them back) with only
// the first ImportRowsShown in the answer. Lab technicians and admins.
// CodeMalformed when the first line is not the header (at once, before
// the rest is read); CodeTooLarge past MaxImportLines or the body's limit.
func (s *Service) ImportResults(ctx context.Context, r io.Reader) (*ImportReport, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	comma, err := readImportHeader(br)
	if err != nil {
		return nil, err
	}
	spool, lines, err := spoolImport(br)
	if err != nil {
		return nil, err
	}
	defer os.Remove(spool.Name())
	defer spool.Close()

	run := &resultImport{ImportedBy: nilIfZero(a.UserID), ImportedAt: s.now(), LineCount: lines + 1}
	if err := s.inTx(ctx, func(tx *txDB) error { return tx.Create(run).Error }); err != nil {
		return nil, err
	}
	rep := &ImportReport{ImportID: run.ID, Lines: run.LineCount, Rows: []ImportRow{}}
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
		var refused []ImportRow
		for _, l := range chunk {
			if l.OK {
				rep.Saved++
				continue
			}
			rep.Rejected++
			refused = append(refused, l.ImportRow)
			if len(rep.Rows) < ImportRowsShown {
				rep.Rows = append(rep.Rows, l.ImportRow)
			}
		}
		chunk = chunk[:0]
		return s.keepImportErrors(ctx, run.ID, refused)
	}
	lr := bufio.NewReaderSize(spool, maxImportLine)
	for n := 2; ; n++ {
		raw, tooLong, err := readImportLine(lr)
		if errors.Is(err, io.EOF) && raw == nil && !tooLong {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		l := importLine{ImportRow: ImportRow{Line: n}}
		if tooLong {
			l.Code, l.Detail = "too_long", fmt.Sprintf("the line is longer than %d bytes", maxImportLine)
			chunk = append(chunk, l)
		} else if rec, perr := splitImportLine(raw, comma); perr != "" {
			l.Code, l.Detail = "malformed", perr
			chunk = append(chunk, l)
		} else if !(len(rec) == 1 && strings.TrimSpace(rec[0]) == "") { // a blank line is skipped
			checkImportLine(&l, rec, seen)
			chunk = append(chunk, l)
		}
		if len(chunk) >= importChunk {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *txDB) error {
		return tx.Model(&resultImport{}).Where("id = ?", run.ID).
			Updates(map[string]any{"saved": rep.Saved, "rejected": rep.Rejected}).Error
	})
	return rep, err
}

// checkImportLine reads a line's fields into l and refuses what can be
// told without the database: bytes that are not UTF-8, the wrong number
// of columns, and a sample and analyte given twice in the file.
func checkImportLine(l *importLine, rec []string, seen map[string]int) {
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
	key := l.Accession + " " + l.Analyte
	switch {
	case !valid:
		l.Code, l.Detail = "malformed", "the line is not UTF-8 text"
	case len(rec) < 3 || len(rec) > len(importColumns):
		l.Code, l.Detail = "columns", fmt.Sprintf("%d columns; a line is accession,analyte,value[,unit][,kit][,lot]", len(rec))
	case seen[key] != 0:
		l.Code, l.Detail = "duplicate", fmt.Sprintf("the same sample and analyte as line %d", seen[key])
	default:
		seen[key] = l.Line
	}
}

// readImportHeader reads the first line, which must name the columns
// (importColumns, the first three at least, in order, in any case), and
// returns the separator it uses: a tab when it has tabs and no comma.
func readImportHeader(br *bufio.Reader) (byte, error) {
	raw, tooLong, err := readImportLine(br)
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, bodyError(err)
	}
	refuse := func(why string) (byte, error) {
		return 0, Errorf(CodeMalformed, "%s: the first line must be the header accession,analyte,value[,unit][,kit][,lot]", why)
	}
	if tooLong {
		return refuse("the first line is too long to be a header")
	}
	comma := byte(',')
	if bytes.IndexByte(raw, '\t') >= 0 && bytes.IndexByte(raw, ',') < 0 {
		comma = '\t'
	}
	rec, perr := splitImportLine(raw, comma)
	if perr != "" || len(rec) < 3 || len(rec) > len(importColumns) {
		return refuse("no header")
	}
	for i, f := range rec {
		if !strings.EqualFold(strings.TrimSpace(f), importColumns[i]) {
			return refuse(fmt.Sprintf("column %d is %.40q, not %s", i+1, strings.ToValidUTF8(strings.TrimSpace(f), "?"), importColumns[i]))
		}
	}
	return comma, nil
}

// spoolImport copies the rest of the body to a temporary file, counting
// its lines, and refuses a file over MaxImportLines or the body's limit at
// once: nothing is saved from a file that is then refused. It returns the
// file, rewound, and the number of lines.
func spoolImport(br *bufio.Reader) (*os.File, int, error) {
	f, err := os.CreateTemp("", "torchlab-import-*.csv")
	if err != nil {
		return nil, 0, err
	}
	fail := func(err error) (*os.File, int, error) {
		f.Close()
		os.Remove(f.Name())
		return nil, 0, err
	}
	lines, last := 0, byte('\n')
	buf := make([]byte, 64<<10)
	for {
		n, rerr := br.Read(buf)
		if n > 0 {
			lines += bytes.Count(buf[:n], []byte{'\n'})
			last = buf[n-1]
			if lines > MaxImportLines {
				return fail(Errorf(CodeTooLarge, "the file has more than %d lines; split it", MaxImportLines))
			}
			if _, err := f.Write(buf[:n]); err != nil {
				return fail(err)
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return fail(bodyError(rerr))
		}
	}
	if last != '\n' {
		lines++ // the last line has no line break
	}
	if lines > MaxImportLines {
		return fail(Errorf(CodeTooLarge, "the file has more than %d lines; split it", MaxImportLines))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fail(err)
	}
	return f, lines, nil
}

// bodyError names the HTTP layer's body limit, which its reader reports
// in these words, as CodeTooLarge.
func bodyError(err error) error {
	if strings.Contains(err.Error(), "request body too large") {
		return Errorf(CodeTooLarge, "the file is over the size limit; split it")
	}
	return err
}

// readImportLine reads one line without its line break. A line longer than
// the reader's buffer is read to its end and dropped (tooLong), so that no
// line is ever held whole. err is io.EOF with the last line.
func readImportLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	line, err = br.ReadSlice('\n')
	for errors.Is(err, bufio.ErrBufferFull) {
		tooLong = true
		_, err = br.ReadSlice('\n')
	}
	if tooLong {
		return nil, true, err
	}
	if errors.Is(err, io.EOF) && len(line) == 0 {
		return nil, false, io.EOF
	}
	line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
	return line, false, err
}

// splitImportLine splits one CSV line into its fields (RFC 4180 within a
// line: a field in double quotes may hold the separator, and "" for a
// quote). It returns why the line is not CSV, "" when it is.
func splitImportLine(line []byte, comma byte) ([]string, string) {
	var fields []string
	for i := 0; ; {
		for i < len(line) && line[i] == ' ' {
			i++ // leading spaces, as the analysers pad
		}
		if i < len(line) && line[i] == '"' {
			var f []byte
			j := i + 1
			for {
				if j >= len(line) {
					return nil, "a quoted field is not closed on its line"
				}
				if line[j] == '"' {
					if j+1 < len(line) && line[j+1] == '"' {
						f, j = append(f, '"'), j+2
						continue
					}
					break
				}
				f, j = append(f, line[j]), j+1
			}
			fields = append(fields, string(f))
			j++
			if j < len(line) && line[j] != comma {
				return nil, "text after a closing quote"
			}
			if j >= len(line) {
				return fields, ""
			}
			i = j + 1
			continue
		}
		end := bytes.IndexByte(line[i:], comma)
		if end < 0 {
			end = len(line) - i
		}
		f := line[i : i+end]
		if bytes.IndexByte(f, '"') >= 0 {
			return nil, "a quote inside a field that is not quoted"
		}
		fields = append(fields, string(f))
		if i+end >= len(line) {
			return fields, ""
		}
		i += end + 1
	}
}

// importChunk validates and writes one chunk in one transaction, marking
// each line ok or refused. Samples are locked, so a sample verified by a
// colleague meanwhile is refused here rather than changed after release.
func (s *Service) importChunk(ctx context.Context, lines []importLine) error {
	return s.inTx(ctx, func(tx *txDB) error {
		for i := range lines { // a retry starts from the lines as read
			if lines[i].OK {
				lines[i].OK, lines[i].Code, lines[i].Detail = false, "", ""
			}
		}
		return s.enterLines(ctx, tx, nil, lines, false)
	})
}

// importBatch bounds the rows of one multi-row INSERT: well under the bound
// parameters SQLite and MySQL accept, and small because the SQLite driver
// binds parameters in time quadratic in their number (500 rows were slower
// than 100 there).
const importBatch = 100

// writeResultBatch is queueResults for many samples at once, with the same
// rows written: the entered results they replace superseded, the results,
// each sample's status, one custody event and one audit row per sample. It
// takes a fixed handful of statements per chunk instead of seven per sample
// (the round trips were most of an import's time on MySQL).
func (s *Service) writeResultBatch(ctx context.Context, tx *txDB, samples []*Sample, batch [][]Result, panels panelBook) error {
	if len(samples) == 0 {
		return nil
	}
	now := tx.now
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
