package hl7

import (
	"fmt"
	"strings"
	"time"

	"torchlab/lab"
)

// standard are the delimiters of an answer to bytes that are no message.
var standard = Delimiters{Field: '|', Component: '^', Repetition: '~', Escape: '\\', Subcomponent: '&'}

// errorCodes are HL7 table 0357's codes (ERR-3) for each refusal reason.
var errorCodes = map[string][2]string{
	lab.ReasonMalformed:       {"100", "Segment sequence error"},
	lab.ReasonUnsupported:     {"200", "Unsupported message type"},
	lab.ReasonNoControlID:     {"101", "Required field missing"},
	lab.ReasonBadAccession:    {"102", "Data type error"},
	lab.ReasonUnknownSample:   {"204", "Unknown key identifier"},
	lab.ReasonSampleState:     {"207", "Application internal error"},
	lab.ReasonUnknownAnalyte:  {"103", "Table value not found"},
	lab.ReasonNotInPanel:      {"103", "Table value not found"},
	lab.ReasonInvalidValue:    {"102", "Data type error"},
	lab.ReasonImplausible:     {"102", "Data type error"},
	lab.ReasonDuplicateResult: {"205", "Duplicate key identifier"},
	lab.ReasonInactive:        {"207", "Application internal error"},
	reasonUnknownSender:       {"204", "Unknown key identifier"},
	reasonInternal:            {"207", "Application internal error"},
}

// Reasons the listener itself refuses with, before the lab sees the message.
const (
	reasonUnknownSender = "unknown_sender"
	reasonInternal      = "internal"
)

// ACK builds the acknowledgement of a message: MSH, MSA with the code and
// the message's control id, and for a refusal an ERR naming where (ERR-2:
// segment^sequence^field^^component), the code of HL7 table 0357 (ERR-3),
// severity E (ERR-4) and the reason for people (ERR-8). req may be nil
// when the bytes were no message; it is answered in the standard
// delimiters.
func ACK(req *Message, ack string, refusal *lab.InterfaceError, now time.Time, ackID string) []byte {
	d := standard
	var h Header
	var app, fac string
	if req != nil {
		d, h = req.Delims, ReadHeader(req)
		app, fac = req.Segments[0].Raw(3), req.Segments[0].Raw(4)
	}
	if h.Processing == "" {
		h.Processing = "P"
	}
	f, c := string(d.Field), string(d.Component)
	enc := c + string(d.Repetition) + string(d.Escape) + string(d.Subcomponent)
	var b strings.Builder
	b.WriteString(strings.Join([]string{"MSH", enc, "TORCHLAB", "TORCHLAB", app, fac, now.UTC().Format("20060102150405"), "",
		"ACK" + c + "R01" + c + "ACK", d.Encode(ackID), d.Encode(h.Processing), "2.5.1"}, f))
	b.WriteString("\r")
	b.WriteString(strings.Join([]string{"MSA", ack, d.Encode(h.ControlID)}, f))
	b.WriteString("\r")
	if refusal != nil {
		loc := ""
		if at := refusal.At; at.Segment != "" {
			loc = d.Encode(at.Segment) + c + fmt.Sprint(at.Sequence) + c + fmt.Sprint(at.Field)
			if at.Component > 0 {
				loc += c + c + fmt.Sprint(at.Component)
			}
		}
		code, ok := errorCodes[refusal.Reason]
		if !ok {
			code = errorCodes[reasonInternal]
		}
		text := refusal.Reason + ": " + refusal.Detail
		b.WriteString(strings.Join([]string{"ERR", "", loc, code[0] + c + d.Encode(code[1]) + c + "HL70357", "E", "", "", "",
			d.Encode(truncate(text, 250))}, f))
		b.WriteString("\r")
	}
	return []byte(b.String())
}
