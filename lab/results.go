package lab

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Result states. A result is entered, then released with its sample; after
// release it is never edited: an amendment is a new row (pending until a
// second technician verifies it), and the row it replaces is superseded.
const (
	ResultEntered    = "entered"
	ResultReleased   = "released"
	ResultPending    = "pending_amendment"
	ResultSuperseded = "superseded"
)

// Result is one analyte's value for one sample, with everything it was
// judged by.
type Result struct {
	ID          int64    `json:"-" gorm:"primaryKey"`
	SampleID    int64    `json:"-"`
	AnalyteCode string   `json:"analyte"`
	State       string   `json:"state"`
	Version     int      `json:"version"`
	Value       *float64 `json:"value"`
	ValueText   string   `json:"value_text,omitempty"`
	// ValueQualifier is "<", "<=", ">" or ">=" for a value beyond the
	// analyser's range (Value is then the bound), "" otherwise.
	ValueQualifier string         `json:"value_qualifier,omitempty"`
	Qualitative    string         `json:"qualitative,omitempty"`
	Unit           string         `json:"unit"`
	Kit            string         `json:"kit" gorm:"column:kit"`
	Lot            string         `json:"lot,omitempty"`
	NegativeBelow  *float64       `json:"negative_below"`
	PositiveFrom   *float64       `json:"positive_from"`
	Interpretation Interpretation `json:"interpretation"`
	EnteredBy      *int64         `json:"entered_by"`
	EnteredAt      time.Time      `json:"entered_at"`
	Reason         string         `json:"reason,omitempty"`
	SupersededAt   *time.Time     `json:"superseded_at,omitempty"`
	// ReferenceRange and AbnormalFlags are what an analyser sent with the
	// result (HL7 OBX-7, OBX-8), kept as sent; torchlab judges by the kit.
	ReferenceRange string `json:"reference_range,omitempty"`
	AbnormalFlags  string `json:"abnormal_flags,omitempty"`
}

// Shown is the result as entered: the value's text, or the qualitative
// reading for kits without numbers.
func (r Result) Shown() string {
	if r.ValueText != "" {
		return r.ValueText
	}
	return r.Qualitative
}

// ResultInput is one result as a technician or an analyser gives it:
// a numeric value (as text, as typed or exported) or a qualitative
// interpretation for kits without numbers.
type ResultInput struct {
	Analyte     string
	Value       string
	Qualitative string
	Kit         string
	Lot         string
	Unit        string
	// ReferenceRange and AbnormalFlags come from an analyser's interface.
	ReferenceRange string
	AbnormalFlags  string
}

// judgeInput validates one input and judges it with the kit in force on the
// collection day; entry, import and amendment all judge values through it.
// It returns the result (without sample, state or who) or the field
// errors, named under prefix (such as "results[2]."): a value that is not
// a plain decimal or a censored one (parseValue), one outside the
// analyte's plausible range (implausible_value), a censored one the kit's
// bounds cannot place (censored_ambiguous), a lot with invisible
// characters.
func judgeInput(in ResultInput, day Date, kits kitBook, ranges rangeBook, prefix string) (Result, []FieldError) {
	var errs []FieldError
	bad := func(field, code, detail string) {
		errs = append(errs, FieldError{Field: prefix + field, Code: code, Detail: detail})
	}
	value := strings.TrimSpace(in.Value)
	qual := strings.ToLower(strings.TrimSpace(in.Qualitative))
	lot, lotOK := cleanText(in.Lot, oneLine)
	r := Result{AnalyteCode: in.Analyte, Lot: lot}
	switch {
	case value == "" && qual == "":
		bad("value", "required", "a value, or a qualitative negative / equivocal / positive")
	case value != "" && qual != "":
		bad("qualitative", "not_allowed", "a value or a qualitative result, not both")
	case value != "":
		x, q, verr := parseValue(value)
		switch rg := ranges[in.Analyte]; {
		case verr != nil:
			bad("value", verr.code, verr.detail)
		case rg.outside(x):
			bad("value", string(CodeImplausibleValue), fmt.Sprintf("%s is outside the plausible range of %s, %s; check the value, or ask an admin to widen the range",
				value, in.Analyte, rg))
		default:
			r.Value, r.ValueText, r.ValueQualifier = &x, value, q
		}
	default:
		if !Interpretation(qual).Valid() {
			bad("qualitative", "invalid", "negative, equivocal or positive")
		}
		r.Qualitative = qual
	}
	switch {
	case !lotOK:
		bad("lot", string(CodeInvalidCharacters), "no control, bidirectional-override or zero-width characters")
	case len(r.Lot) > 32:
		bad("lot", "too_long", "at most 32 characters")
	}
	k, ok := kits.inForce(in.Analyte, strings.TrimSpace(in.Kit), day)
	if !ok {
		bad("kit", "unknown", fmt.Sprintf("no kit %q for %s in force on %s", in.Kit, in.Analyte, day))
		return r, errs
	}
	if u := strings.TrimSpace(in.Unit); u != "" && !strings.EqualFold(u, k.Unit) {
		bad("unit", "unit_mismatch", fmt.Sprintf("the kit %s reports in %s, not %s", k.Kit, k.Unit, u))
	}
	if len(errs) > 0 {
		return r, errs
	}
	r.Kit, r.Unit = k.Kit, k.Unit
	if r.Value != nil {
		l, h := k.NegativeBelow, k.PositiveFrom
		r.NegativeBelow, r.PositiveFrom = &l, &h
		if r.ValueQualifier == "" {
			r.Interpretation = Judge(*r.Value, l, h)
		} else if i, ok := judgeCensored(r.ValueQualifier, *r.Value, l, h); ok {
			r.Interpretation = i
		} else {
			bad("value", "censored_ambiguous", fmt.Sprintf("%s may be negative, equivocal or positive by the kit %s (negative below %g, positive from %g): enter the measured value, or a bound the cut-offs place",
				r.ValueText, k.Kit, l, h))
			return r, errs
		}
	} else {
		r.Interpretation = Interpretation(r.Qualitative)
	}
	return r, nil
}

// readyForResults refuses results for a tube that is not at the bench:
// CodeSampleNotReady (with current_state) before receipt or when rejected,
// CodeInvalidState once released (amend instead).
func readyForResults(sm *Sample) error {
	switch sm.Status {
	case SampleReceived, SampleResulted:
		return nil
	case SampleReleased:
		e := invalidState("sample", string(sm.Status), "enter results for")
		e.Message = "the sample is released: amend a result instead"
		return e
	}
	return &Error{Code: CodeSampleNotReady, Message: "the sample is " + string(sm.Status) + ": results need a received sample",
		Extra: map[string]any{"current_state": string(sm.Status)}}
}

// resultColumns are the columns queueResult writes: every column of
// Result but its id (a test holds the list to the model).
const resultColumns = `sample_id, analyte_code, state, version, value, value_text, value_qualifier, qualitative, unit,
	kit, lot, negative_below, positive_from, interpretation, entered_by, entered_at, reason, superseded_at,
	reference_range, abnormal_flags`

// queueResult queues a result's INSERT in b and returns the statement's
// index, whose insertedIDOf is the result's id.
func queueResult(b *writeBatch, r *Result) int {
	return b.exec(`INSERT INTO results (`+resultColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.SampleID, r.AnalyteCode, r.State, r.Version, r.Value, r.ValueText, r.ValueQualifier, r.Qualitative, r.Unit,
		r.Kit, r.Lot, r.NegativeBelow, r.PositiveFrom, r.Interpretation, r.EnteredBy, r.EnteredAt, r.Reason, r.SupersededAt,
		r.ReferenceRange, r.AbnormalFlags)
}

// entryFacts is what result entry reads with the sample
// (sampleForEntry): whose and where it is, the reference data's version
// (reference_cache.go) and the lots of its runs (runLotsSQL).
type entryFacts struct {
	party            sampleParty
	referenceVersion int64
	runLots          string
}

// sampleForEntry reads a sample the actor may see (CodeNotFound), locked
// until tx ends, with its entryFacts in one statement: everything the
// rules of an entry read but its current results. Scalar subqueries, not
// joins: a locking read locks the rows of every table it joins (MySQL),
// and an entry locks the sample only.
func (s *Service) sampleForEntry(ctx context.Context, tx *txDB, acc string) (*Sample, *entryFacts, error) {
	var row struct {
		Sample           `gorm:"embedded"`
		ClientName       string
		NationalIDMasked string
		StationCode      string
		Timezone         string
		ReferenceVersion int64
		RunLots          *string
	}
	err := tx.Table("samples").Clauses(lockForUpdate).Select(`samples.*,
			(SELECT name FROM clients WHERE clients.id = samples.client_id) AS client_name,
			(SELECT national_id_masked FROM clients WHERE clients.id = samples.client_id) AS national_id_masked,
			(SELECT code FROM stations WHERE stations.id = samples.station_id) AS station_code,
			(SELECT timezone FROM stations WHERE stations.id = samples.station_id) AS timezone,
			`+referenceVersionSQL+` AS reference_version,
			`+runLotsSQL+` AS run_lots`).
		Where("samples.accession = ?", acc).Take(&row).Error
	if isNotFound(err) || (err == nil && !ActorFrom(ctx).canSeeStation(row.StationID)) {
		return nil, nil, notFound("sample")
	}
	if err != nil {
		return nil, nil, err
	}
	f := &entryFacts{
		party:            sampleParty{row.ClientName, row.NationalIDMasked, row.StationCode, row.Timezone},
		referenceVersion: row.ReferenceVersion,
	}
	if row.RunLots != nil {
		f.runLots = *row.RunLots
	}
	return &row.Sample, f, nil
}

// judgeEntry validates a technician's results of one sample against its
// panel and judges each (judgeInput, then its lot): the results in the
// order given, or CodeValidation naming every bad field.
func judgeEntry(inputs []ResultInput, p *Panel, day Date, ref *reference, lots *lotCheck, sampleID int64, loc *time.Location) ([]Result, error) {
	inPanel := map[string]bool{}
	for _, a := range p.Analytes {
		inPanel[a] = true
	}
	var v Validation
	var rs []Result
	seen := map[string]bool{}
	for i, in := range inputs {
		prefix := fmt.Sprintf("results[%d].", i)
		in.Analyte = strings.ToUpper(strings.TrimSpace(in.Analyte))
		switch {
		case !inPanel[in.Analyte]:
			v.Add(prefix+"analyte", "not_in_panel", fmt.Sprintf("%q is not an analyte of the %s panel", in.Analyte, p.Code))
			continue
		case seen[in.Analyte]:
			v.Add(prefix+"analyte", "duplicate", "given twice")
			continue
		}
		seen[in.Analyte] = true
		r, errs := judgeInput(in, day, ref.kits, ref.ranges, prefix)
		if len(errs) == 0 {
			if fe := lots.resolve(&r, sampleID, loc, prefix); fe != nil {
				errs = append(errs, *fe)
			}
		}
		for _, fe := range errs {
			v.Add(fe.Field, fe.Code, fe.Detail)
		}
		rs = append(rs, r)
	}
	return rs, v.Err()
}

// entryWrites is what queueResults queued: the sample's results after the
// entry (the new ones last, their ids set once the batch ran) and its
// custody event, for the page the entry answers.
type entryWrites struct {
	current []Result
	added   []int // indexes in current of the new results
	at      []int // their INSERTs' indexes in the batch
	event   SampleEvent
}

// ids sets the new results' ids from the batch that committed.
func (w *entryWrites) ids(b *writeBatch) {
	for k, i := range w.added {
		w.current[i].ID = b.insertedIDOf(w.at[k])
	}
}

// queueResults queues in b the writes of judged results of one sample:
// an earlier entry of the same analyte is superseded, and the sample
// becomes resulted when every analyte of its panel has one (received
// otherwise).
//
// The sample's results are read once, before the writes, under the
// sample's row lock: the entered ones this entry replaces and the rest of
// the page come from that one read, and the page is completed with the
// rows queued. The caller holds the sample's row lock.
func (s *Service) queueResults(ctx context.Context, tx *txDB, b *writeBatch, sm *Sample, rs []Result, panel []string) (*entryWrites, error) {
	now := tx.now
	a := ActorFrom(ctx)
	who := nilIfZero(a.UserID)
	analytes := make([]string, len(rs))
	given := make(map[string]bool, len(rs))
	for i := range rs {
		analytes[i] = rs[i].AnalyteCode
		given[rs[i].AnalyteCode] = true
		rs[i].SampleID, rs[i].State, rs[i].Version = sm.ID, ResultEntered, sm.ReportVersion+1
		rs[i].EnteredBy, rs[i].EnteredAt = who, now
	}
	var before []Result
	if err := tx.Where("sample_id = ? AND state <> ?", sm.ID, ResultSuperseded).Order("id").Find(&before).Error; err != nil {
		return nil, err
	}
	w := &entryWrites{current: make([]Result, 0, len(before)+len(rs))}
	var replaced []int64
	for _, r := range before {
		if r.State == ResultEntered && given[r.AnalyteCode] {
			replaced = append(replaced, r.ID)
			continue
		}
		w.current = append(w.current, r)
	}
	// By primary key, as supersedeIDs explains.
	if len(replaced) > 0 {
		args := []any{ResultSuperseded, now}
		for _, id := range replaced {
			args = append(args, id)
		}
		b.exec("UPDATE results SET state = ?, superseded_at = ? WHERE id IN ("+placeholders(len(replaced))+")", args...)
	}
	for i := range rs {
		w.added = append(w.added, len(w.current))
		w.at = append(w.at, queueResult(b, &rs[i]))
		w.current = append(w.current, rs[i])
	}
	// The panel is complete when each of its analytes has an entered
	// result.
	entered := map[string]bool{}
	for _, r := range w.current {
		if r.State == ResultEntered {
			entered[r.AnalyteCode] = true
		}
	}
	status := SampleResulted
	for _, code := range panel {
		if !entered[code] {
			status = SampleReceived
		}
	}
	if status != sm.Status {
		b.exec("UPDATE samples SET status = ?, updated_at = ? WHERE id = ?", status, now, sm.ID)
		sm.Status, sm.UpdatedAt = status, now
	}
	changes := map[string]any{}
	for _, r := range rs {
		changes[r.AnalyteCode] = map[string]any{"value": r.Shown(), "kit": r.Kit, "lot": r.Lot, "interpretation": r.Interpretation}
	}
	w.event = SampleEvent{SampleID: sm.ID, Event: "results_entered", At: now, ActorID: who, ActorUsername: a.Username,
		Detail: truncate(strings.Join(analytes, ", "), 500)}
	queueEventRow(b, w.event)
	err := s.queueAudit(ctx, tx, b, "results.enter", "sample", sm.Accession, map[string]any{"results": changes, "status": status})
	return w, err
}

// EnterResults records results of a received sample, judged by the kits in
// force on the collection date (or the kit named). Entering an analyte again
// before release replaces the earlier entry (kept as superseded). Lab
// technicians and admins. CodeBadAccession, CodeNotFound,
// CodeSampleNotReady, CodeInvalidState (released), CodeValidation (an
// analyte outside the panel, a negative or non-numeric value, an unknown
// kit, a unit that is not the kit's). It answers the sample's page as
// GetSample would, read in the same transaction.
//
// On MySQL an entry is four round trips: START TRANSACTION with the
// sample and all the rules read besides the reference data, which comes
// from the process's cache (sampleForEntry); its current results; its
// custody events, for the page; the writes with the COMMIT.
func (s *Service) EnterResults(ctx context.Context, rawAccession string, inputs []ResultInput) (*SampleDetail, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, err
	}
	if len(inputs) == 0 {
		return nil, &Error{Code: CodeValidation, Message: "no results given", Fields: []FieldError{{Field: "results", Code: "required"}}}
	}
	var (
		sm     *Sample
		f      *entryFacts
		p      *Panel
		w      *entryWrites
		events []SampleEvent
	)
	err = s.inTxBatch(ctx, func(tx *txDB, b *writeBatch) error {
		var err error
		if sm, f, err = s.sampleForEntry(ctx, tx, acc); err != nil {
			return err
		}
		if err := readyForResults(sm); err != nil {
			return err
		}
		if p, err = s.panel(tx.DB, sm.PanelCode); err != nil {
			return err
		}
		ref, err := s.reference(tx, f.referenceVersion)
		if err != nil {
			return err
		}
		runLots, err := ref.lots.runLotsOf(sm.ID, f.runLots)
		if err != nil {
			return err
		}
		rs, err := judgeEntry(inputs, p, f.party.collectionDay(sm), ref, s.newLotCheck(tx.now, ref, runLots), sm.ID, location(f.party.Timezone))
		if err != nil {
			return err
		}
		if w, err = s.queueResults(ctx, tx, b, sm, rs, p.Analytes); err != nil {
			return err
		}
		events, err = sampleEvents(tx.DB, sm.ID)
		return err
	}, func(b *writeBatch) { w.ids(b) })
	if err != nil {
		return nil, err
	}
	sortInPanelOrder(w.current, p.Analytes)
	return sampleDetail(ctx, sm, f.party, p, w.current, append(events, w.event)), nil
}

// currentResults returns the results a sample shows: entered, released and
// pending amendments, not superseded ones, in panel order (the analytes'
// positions, then the order they were written).
func currentResults(db *gorm.DB, sampleID int64) ([]Result, error) {
	var rs []Result
	err := db.Table("results").Select("results.*").
		Joins("JOIN analytes ON analytes.code = results.analyte_code").
		Where("results.sample_id = ? AND results.state <> ?", sampleID, ResultSuperseded).
		Order("analytes.position, results.id").Find(&rs).Error
	return rs, err
}

// supersede marks a sample's results in a state, for the analytes, as
// superseded. It reads their ids first and updates by primary key: an
// UPDATE whose WHERE matches nothing would take gap locks on MySQL, and two
// transactions inserting into those gaps then deadlock. The caller holds
// the sample's row lock, so the ids cannot change in between.
func supersede(tx *txDB, sampleID int64, state string, analytes []string, now time.Time) error {
	var ids []int64
	if err := tx.Model(&Result{}).Where("sample_id = ? AND state = ? AND analyte_code IN ?", sampleID, state, analytes).
		Pluck("id", &ids).Error; err != nil {
		return err
	}
	return supersedeIDs(tx, ids, now)
}

// supersedeIDs marks the results with these ids superseded, by primary key
// (see supersede for why); none is a no-op.
func supersedeIDs(tx *txDB, ids []int64, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	return tx.Model(&Result{}).Where("id IN ?", ids).Updates(map[string]any{"state": ResultSuperseded, "superseded_at": now}).Error
}

// sortInPanelOrder orders a sample's results as currentResults reads them:
// by the analyte's place in the panel, then by id (the order they were
// written). The panels' analyte order follows the analytes' own positions
// (both set by migrations); an analyte outside the panel, which entry and
// import refuse, would come last.
func sortInPanelOrder(rs []Result, panel []string) {
	place := make(map[string]int, len(panel))
	for i, a := range panel {
		place[a] = i
	}
	rank := func(a string) int {
		if i, ok := place[a]; ok {
			return i
		}
		return len(panel)
	}
	slices.SortStableFunc(rs, func(a, b Result) int {
		if c := cmp.Compare(rank(a.AnalyteCode), rank(b.AnalyteCode)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
