package hl7

import (
	"fmt"
	"strings"

	"torchlab/lab"
)

// Header is what the listener needs from MSH before the lab does.
type Header struct {
	// Senders are the sender ids an analyser may be configured with, in
	// the order they are tried: "MSH-3^MSH-4", MSH-3, MSH-4 (first
	// components).
	Senders    []string
	Type       string // MSH-9.1^MSH-9.2, such as ORU^R01
	ControlID  string // MSH-10
	Processing string // MSH-11, echoed in the ACK
}

// ReadHeader reads the MSH of a parsed message.
func ReadHeader(m *Message) Header {
	msh := m.Segments[0]
	app, fac := m.Component(msh, 3, 1), m.Component(msh, 4, 1)
	h := Header{Type: m.Component(msh, 9, 1) + "^" + m.Component(msh, 9, 2),
		ControlID: strings.TrimSpace(m.Component(msh, 10, 1)), Processing: m.Component(msh, 11, 1)}
	if app != "" && fac != "" {
		h.Senders = append(h.Senders, app+"^"+fac)
	}
	for _, s := range []string{app, fac} {
		if s != "" {
			h.Senders = append(h.Senders, s)
		}
	}
	return h
}

// qualitative are the readings a text result may be, as entry takes them.
var qualitative = map[string]bool{"negative": true, "equivocal": true, "positive": true}

// ORU reads an ORU^R01 into the lab's terms: each OBX of an order (OBR)
// is a result of the sample named by OBR-3 (filler order number, first
// component) or, when OBR-3 is empty, by the order's SPM-2 (specimen id).
// OBX segments after an order's SPM describe the specimen, not a result,
// and are passed over. A message that breaks this structure comes back
// with Refusal set.
func ORU(m *Message, raw string) lab.InterfaceMessage {
	h := ReadHeader(m)
	out := lab.InterfaceMessage{Protocol: lab.ProtocolHL7, ControlID: h.ControlID, Raw: raw}
	refuse := func(reason string, at lab.FieldRef, reject bool, format string, args ...any) lab.InterfaceMessage {
		out.Results = nil
		out.Refusal = &lab.InterfaceError{Reason: reason, At: at, Detail: fmt.Sprintf(format, args...), Reject: reject}
		return out
	}
	if h.Type != "ORU^R01" {
		return refuse(lab.ReasonUnsupported, lab.FieldRef{Segment: "MSH", Sequence: 1, Field: 9}, true,
			"torchlab takes ORU^R01 results, not %s", truncate(h.Type, 20))
	}
	if h.ControlID == "" {
		return refuse(lab.ReasonNoControlID, lab.FieldRef{Segment: "MSH", Sequence: 1, Field: 10}, true, "MSH-10, the message control id, is empty")
	}
	type order struct {
		accession string
		at        lab.FieldRef
		obr       lab.FieldRef
		results   []lab.InterfaceResult
	}
	var orders []*order
	var cur *order
	afterSPM := false
	seq := map[string]int{}
	for _, s := range m.Segments {
		seq[s.Name]++
		n := seq[s.Name]
		ref := func(field int) lab.FieldRef { return lab.FieldRef{Segment: s.Name, Sequence: n, Field: field} }
		switch s.Name {
		case "OBR":
			cur, afterSPM = &order{obr: ref(3)}, false
			orders = append(orders, cur)
			if acc := strings.TrimSpace(m.Component(s, 3, 1)); acc != "" {
				cur.accession, cur.at = acc, ref(3)
			}
		case "SPM":
			if cur == nil {
				continue
			}
			afterSPM = true
			if cur.accession == "" {
				acc := strings.TrimSpace(m.SubComponent(s, 2, 1, 1))
				if acc == "" {
					acc = strings.TrimSpace(m.SubComponent(s, 2, 2, 1))
				}
				cur.accession, cur.at = acc, ref(2)
			}
		case "OBX":
			if cur == nil {
				return refuse(lab.ReasonMalformed, ref(0), true, "an OBX before any OBR")
			}
			if afterSPM {
				continue
			}
			switch status := m.Component(s, 11, 1); status {
			case "X", "D", "W":
				return refuse(lab.ReasonInvalidValue, ref(11), false, "OBX-11 is %s: the analyser sent no result to enter", status)
			}
			r := lab.InterfaceResult{
				Code: m.Component(s, 3, 1), AltCode: m.Component(s, 3, 4), CodeAt: ref(3), ValueAt: ref(5),
				Unit: m.Component(s, 6, 1), UnitAt: ref(6),
				ReferenceRange: m.Unescape(firstRepetition(m, s.Raw(7))),
				AbnormalFlags:  strings.Join(m.Repetitions(s, 8), ","),
			}
			value := obxValue(m, s)
			if qualitative[strings.ToLower(value)] && m.Component(s, 2, 1) != "NM" {
				r.Qualitative = strings.ToLower(value)
			} else {
				r.Value = value
			}
			cur.results = append(cur.results, r)
		}
	}
	for _, o := range orders {
		if o.accession == "" && len(o.results) > 0 {
			return refuse(lab.ReasonBadAccession, o.obr, false, "no accession code in OBR-3 or SPM-2")
		}
		for _, r := range o.results {
			r.Accession, r.AccessionAt = o.accession, o.at
			out.Results = append(out.Results, r)
		}
	}
	if len(out.Results) == 0 {
		return refuse(lab.ReasonMalformed, lab.FieldRef{}, true, "no OBX result under an OBR")
	}
	return out
}

// obxValue is OBX-5 as entry reads a value: a structured numeric (SN:
// comparator^number) joined into one text such as <0.5; a coded value
// (CE, CWE) by its text, or its code; anything else as sent.
func obxValue(m *Message, s Segment) string {
	switch m.Component(s, 2, 1) {
	case "SN":
		return strings.TrimSpace(m.Component(s, 5, 1) + m.Component(s, 5, 2))
	case "CE", "CWE", "CNE":
		if t := m.Component(s, 5, 2); t != "" {
			return strings.TrimSpace(t)
		}
	}
	return strings.TrimSpace(m.Component(s, 5, 1))
}

func firstRepetition(m *Message, raw string) string {
	if i := strings.IndexByte(raw, m.Delims.Repetition); i >= 0 {
		return raw[:i]
	}
	return raw
}
