package lab

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"torchlab/migrations"
)

// InterfaceMessage is one message from an analyser, read by a protocol
// listener (api/hl7, ASTM) into what the lab needs: the listener knows
// framing and syntax, ApplyAnalyserResults knows samples and results.
type InterfaceMessage struct {
	Protocol string // ProtocolHL7 or ProtocolASTM
	// ControlID names the message for its sender (HL7 MSH-10); a message
	// with the control id of one already accepted is acknowledged again
	// without being applied twice.
	ControlID string
	Raw       string
	Results   []InterfaceResult
	// Refusal, set by the listener, refuses the whole message for its
	// syntax or structure (acknowledged AR); it is kept all the same.
	Refusal *InterfaceError
}

// InterfaceResult is one result of a message, with where each part came
// from so that a refusal can name the segment and field.
type InterfaceResult struct {
	Accession   string
	AccessionAt FieldRef
	// Code is the analyser's test code (local or LOINC), mapped to an
	// analyte by the analyser's code map.
	Code string
	// AltCode is a second code for the same test (HL7 OBX-3.4, often the
	// LOINC code beside a local one), tried when Code is not mapped.
	AltCode string
	CodeAt  FieldRef
	// Value is a numeric value as sent (entry's strict rules apply);
	// Qualitative a negative / equivocal / positive reading instead.
	Value       string
	Qualitative string
	ValueAt     FieldRef
	Unit        string
	UnitAt      FieldRef
	// Lot is the reagent lot when the analyser sends one.
	Lot            string
	LotAt          FieldRef
	ReferenceRange string
	AbnormalFlags  string
}

// FieldRef is where something is in a message: the segment or record
// type, its position among those of its type (1 for the first), the field,
// and the component (0 for the whole field). It is HL7's ERR-2 and fits
// ASTM's record and field.
type FieldRef struct {
	Segment   string `json:"segment"`
	Sequence  int    `json:"sequence"`
	Field     int    `json:"field"`
	Component int    `json:"component,omitempty"`
}

// String is the location as people read it, such as OBX[2]-5.
func (r FieldRef) String() string {
	if r.Segment == "" {
		return ""
	}
	s := r.Segment
	if r.Sequence > 1 {
		s += fmt.Sprintf("[%d]", r.Sequence)
	}
	if r.Field > 0 {
		s += fmt.Sprintf("-%d", r.Field)
	}
	if r.Component > 0 {
		s += fmt.Sprintf(".%d", r.Component)
	}
	return s
}

// Interface refusal reasons: stable words kept with the message, shown
// translated in the lab's message list.
const (
	ReasonMalformed       = "malformed"     // syntax or structure (AR)
	ReasonUnsupported     = "unsupported"   // a message type torchlab does not take (AR)
	ReasonNoControlID     = "no_control_id" // (AR)
	ReasonBadAccession    = "bad_accession" // not an accession code (check character)
	ReasonUnknownSample   = "unknown_accession"
	ReasonSampleState     = "sample_state"      // not received, or released
	ReasonUnknownAnalyte  = "unknown_analyte"   // a test code not in the code map
	ReasonNotInPanel      = "not_in_panel"      // an analyte the sample's panel lacks
	ReasonInvalidValue    = "invalid_value"     // not a value by entry's rules, or no kit, unit, lot
	ReasonImplausible     = "implausible_value" // outside the analyte's plausible range
	ReasonDuplicateResult = "duplicate_result"  // the same sample and analyte twice in one message
	ReasonInactive        = "analyser_inactive"
)

// InterfaceError is why a message was refused: the reason (one of the
// Reason words), where (At), and a sentence for people.
type InterfaceError struct {
	Reason string
	At     FieldRef
	Detail string
	// Reject is true for a message refused for its form (HL7 AR), false
	// for one refused for its content (AE).
	Reject bool
}

func (e *InterfaceError) Error() string {
	if at := e.At.String(); at != "" {
		return e.Reason + " at " + at + ": " + e.Detail
	}
	return e.Reason + ": " + e.Detail
}

// Ack is the acknowledgement code of an outcome, in HL7's words (the ASTM
// listener answers its own way from the same outcome).
func (e *InterfaceError) Ack() string {
	if e.Reject {
		return AckRejected
	}
	return AckError
}

// The acknowledgement codes, HL7 MSA-1's.
const (
	AckAccepted = "AA"
	AckError    = "AE"
	AckRejected = "AR"
)

// InterfaceOutcome is what ApplyAnalyserResults did with a message.
type InterfaceOutcome struct {
	MessageID int64
	Ack       string
	// Duplicate: the control id was accepted before; nothing was applied.
	Duplicate bool
	Saved     int
	// Refusal says why, when Ack is not AckAccepted.
	Refusal *InterfaceError
}

// errMessageRefused rolls back a message's transaction when one of its results is
// refused: nothing of the message is saved.
var errMessageRefused = errors.New("interface message refused")

// ApplyAnalyserResults applies every result of one message from the
// analyser in ONE transaction, or none of them, as the analyser's user:
// through the same checks as the CSV import (enterLines: accession and
// check character, the sample's state, the panel, entry's strict value
// rules, kit, unit and lot), so the results wait for a technician's
// verification. The message is kept (InterfaceMessages, 30 days) with its
// answer. A repeated control id of a message already accepted is answered
// AA again without being applied (Duplicate). A refusal is in the outcome
// (Ack AE or AR, Refusal), not in the error, which is left for failures
// of the database (the sender should send again). Torchlab's listeners
// call it, with the system as actor.
func (s *Service) ApplyAnalyserResults(ctx context.Context, analyserID int64, msg InterfaceMessage) (*InterfaceOutcome, error) {
	if !ActorFrom(ctx).System {
		return nil, Errorf(CodeForbidden, "only torchlab's interface listeners apply analyser messages")
	}
	var an *Analyser
	actx := ctx
	var out InterfaceOutcome
	err := s.inTx(ctx, func(tx *txDB) error {
		out = InterfaceOutcome{Ack: AckAccepted}
		prior, ref, err := s.messageFacts(tx, analyserID, msg.ControlID)
		if err != nil {
			return err
		}
		if an = ref.analysers.byID[analyserID]; an == nil {
			return notFound("analyser")
		}
		actx = WithActor(ctx, Actor{UserID: an.UserID, Username: an.Username, Role: RoleAnalyser, RequestID: msg.ControlID})
		if prior != nil && prior.AckCode == AckAccepted {
			out.MessageID, out.Duplicate, out.Saved = prior.ID, true, prior.Results
			return nil
		}
		if out.Refusal = refuseMessage(an, msg); out.Refusal != nil {
			return errMessageRefused
		}
		lines, refusal := interfaceLines(an, msg.Results)
		if refusal == nil {
			if err := s.enterLines(actx, tx, ref, lines, true); err != nil {
				return err
			}
			refusal = firstRefusal(lines, msg.Results)
		}
		if refusal != nil {
			out.Refusal = refusal
			return errMessageRefused
		}
		out.Saved = len(lines)
		row, err := s.keepMessage(tx, an, msg, prior, &out)
		if err != nil {
			return err
		}
		return s.audit(actx, tx, "interface.accept", "analyser", an.ID,
			map[string]any{"message_id": row.ID, "control_id": msg.ControlID, "results": out.Saved})
	})
	if errors.Is(err, errMessageRefused) {
		out.Ack, out.Saved = out.Refusal.Ack(), 0
		err = s.inTx(actx, func(tx *txDB) error {
			var rows []interfaceMessage
			if msg.ControlID != "" {
				if err := tx.Clauses(lockForUpdate).Where("analyser_id = ? AND control_id = ?", an.ID, msg.ControlID).
					Limit(1).Find(&rows).Error; err != nil {
					return err
				}
			}
			var prior *interfaceMessage
			if len(rows) == 1 {
				if rows[0].AckCode == AckAccepted { // accepted meanwhile by the same message sent twice at once
					out = InterfaceOutcome{MessageID: rows[0].ID, Ack: AckAccepted, Duplicate: true, Saved: rows[0].Results}
					return nil
				}
				prior = &rows[0]
			}
			_, err := s.keepMessage(tx, an, msg, prior, &out)
			return err
		})
	}
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// messageFacts is the first read of a message's transaction: the message
// kept before under the same control id, locked, and the reference data
// (the analyser and its code map among them) by the version read with it.
// The version comes from a one-row derived table that the message is
// joined to, so that it is read when no message is kept yet too (only the
// message's row, or its gap, is locked).
func (s *Service) messageFacts(tx *txDB, analyserID int64, controlID string) (*interfaceMessage, *reference, error) {
	if controlID == "" {
		ref, err := s.currentReference(tx)
		return nil, ref, err
	}
	lock := ""
	if s.db.Dialect == migrations.MySQL {
		lock = " FOR UPDATE"
	}
	var (
		version     int64
		id, results sql.Null[int64]
		ackCode     sql.Null[string]
	)
	err := queryRowDirect(tx, "SELECT v.reference_version, m.id, m.ack_code, m.results FROM (SELECT "+referenceVersionSQL+
		" AS reference_version) AS v LEFT JOIN interface_messages AS m ON m.analyser_id = ? AND m.control_id = ?"+lock,
		analyserID, controlID).Scan(&version, &id, &ackCode, &results)
	if err != nil {
		return nil, nil, translateError(tx.DB, err)
	}
	ref, err := s.reference(tx, version)
	if err != nil || !id.Valid {
		return nil, ref, err
	}
	return &interfaceMessage{ID: id.V, AckCode: ackCode.V, Results: int(results.V)}, ref, nil
}

// refuseMessage refuses what the message as a whole does not allow.
func refuseMessage(an *Analyser, msg InterfaceMessage) *InterfaceError {
	switch {
	case msg.Refusal != nil:
		return msg.Refusal
	case !an.Active:
		return &InterfaceError{Reason: ReasonInactive, Detail: "the analyser is switched off in torchlab", Reject: true}
	case msg.ControlID == "":
		return &InterfaceError{Reason: ReasonNoControlID, Detail: "the message has no control id", Reject: true}
	case len(msg.Results) == 0:
		return &InterfaceError{Reason: ReasonMalformed, Detail: "the message has no result", Reject: true}
	}
	return nil
}

// interfaceLines turns the message's results into the import's lines,
// mapping each test code through the analyser's code map.
func interfaceLines(an *Analyser, results []InterfaceResult) ([]importLine, *InterfaceError) {
	lines := make([]importLine, len(results))
	seen := map[string]bool{}
	for i, r := range results {
		analyte, ok := an.analyte(r.Code)
		if !ok && r.AltCode != "" {
			analyte, ok = an.analyte(r.AltCode)
		}
		if !ok {
			return nil, &InterfaceError{Reason: ReasonUnknownAnalyte, At: r.CodeAt,
				Detail: fmt.Sprintf("the test code %q is not in the code map of %s", truncate(r.Code, 64), an.Name)}
		}
		acc := strings.ToUpper(strings.TrimSpace(r.Accession))
		if seen[acc+" "+analyte] {
			return nil, &InterfaceError{Reason: ReasonDuplicateResult, At: r.CodeAt,
				Detail: fmt.Sprintf("%s is given twice for sample %s", analyte, truncate(acc, 20))}
		}
		seen[acc+" "+analyte] = true
		lines[i] = importLine{
			ImportRow: ImportRow{Line: i + 1, Accession: acc, Analyte: analyte},
			in: ResultInput{Analyte: analyte, Value: r.Value, Qualitative: r.Qualitative, Unit: r.Unit, Lot: r.Lot,
				ReferenceRange: truncate(strings.TrimSpace(r.ReferenceRange), 64), AbnormalFlags: truncate(strings.TrimSpace(r.AbnormalFlags), 16)},
		}
	}
	return lines, nil
}

// firstRefusal names the first line enterLines refused, in the message's
// terms: the reason and the field it came from.
func firstRefusal(lines []importLine, results []InterfaceResult) *InterfaceError {
	for i, l := range lines {
		if l.OK {
			continue
		}
		r := results[i]
		e := &InterfaceError{Reason: ReasonInvalidValue, At: r.ValueAt, Detail: l.Detail}
		switch {
		case l.Code == string(CodeBadAccession):
			e.Reason, e.At = ReasonBadAccession, r.AccessionAt
		case l.Code == string(CodeNotFound):
			e.Reason, e.At = ReasonUnknownSample, r.AccessionAt
		case l.Code == string(CodeSampleNotReady) || l.Code == string(CodeInvalidState):
			e.Reason, e.At = ReasonSampleState, r.AccessionAt
		case l.Code == "not_in_panel":
			e.Reason, e.At = ReasonNotInPanel, r.CodeAt
		case l.Code == string(CodeImplausibleValue):
			e.Reason = ReasonImplausible
		case strings.HasPrefix(l.Detail, "unit:"):
			e.At = r.UnitAt
		case strings.HasPrefix(l.Detail, "lot:") && r.LotAt.Segment != "":
			e.At = r.LotAt
		case strings.HasPrefix(l.Detail, "kit:"):
			e.At = r.CodeAt
		}
		if e.Detail == "" {
			e.Detail = l.Code
		}
		return e
	}
	return nil
}
