package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"strings"

	"torchlab/api/astm"
	"torchlab/api/interfaces"
	"torchlab/lab"
)

// astmHost is the ASTM listener's Host on torchlab's domain: the H
// record's sender names the analyser (its sender id, protocol astm), each
// message's results go through lab.ApplyAnalyserResults in one
// transaction, and host queries are answered by lab.AnalyserOrders.
type astmHost struct {
	svc *lab.Service
}

func (h astmHost) analyser(ctx context.Context, sender string) (*lab.Analyser, error) {
	an, err := h.svc.AnalyserBySender(ctx, lab.ProtocolASTM, sender)
	if err != nil {
		return nil, fmt.Errorf("analyser %q: %w", sender, err)
	}
	return an, nil
}

// Results applies one message; a refusal comes back as the error (ASTM
// has no application acknowledgement to carry it), and is kept with the
// message for the lab to see.
func (h astmHost) Results(ctx context.Context, sender string, msg astm.Message) error {
	ctx = lab.SystemContext(ctx, "(astm)")
	an, err := h.analyser(ctx, sender)
	if err != nil {
		return err
	}
	out, err := h.svc.ApplyAnalyserResults(ctx, an.ID, interfaceMessage(msg))
	if err != nil {
		return err
	}
	if out.Refusal != nil {
		return out.Refusal
	}
	return nil
}

func (h astmHost) Orders(ctx context.Context, sender, accession string) ([]astm.Order, error) {
	ctx = lab.SystemContext(ctx, "(astm)")
	an, err := h.analyser(ctx, sender)
	if err != nil {
		return nil, err
	}
	codes, err := h.svc.AnalyserOrders(ctx, an.ID, accession)
	if err != nil {
		return nil, err
	}
	orders := make([]astm.Order, len(codes))
	for i, c := range codes {
		orders[i] = astm.Order{Code: c}
	}
	return orders, nil
}

// interfaceMessage is an ASTM message in the domain's terms. Results
// marked X (cannot be done) or I (pending in the instrument) carry no
// value and are left out; the raw message keeps them.
func interfaceMessage(msg astm.Message) lab.InterfaceMessage {
	m := lab.InterfaceMessage{Protocol: lab.ProtocolASTM, ControlID: astmControlID(msg), Raw: msg.Raw}
	seq := 0
	for i, sp := range msg.Specimens {
		for _, r := range sp.Results {
			seq++
			if r.Status == "X" || r.Status == "I" {
				continue
			}
			at := func(field int) lab.FieldRef { return lab.FieldRef{Segment: "R", Sequence: seq, Field: field} }
			m.Results = append(m.Results, lab.InterfaceResult{
				Accession: sp.Accession, AccessionAt: lab.FieldRef{Segment: "O", Sequence: i + 1, Field: 3},
				Code: r.Code, CodeAt: at(3),
				Value: r.Value, ValueAt: at(4),
				Unit: r.Units, UnitAt: at(5),
				ReferenceRange: r.Range,
				AbnormalFlags:  strings.Join(r.Flags, ","),
			})
		}
	}
	return m
}

// astmControlID names a message for the kept-messages table and for
// applying a message sent twice only once: H-3 when the analyser fills it,
// otherwise a digest of the message's records (an analyser sending the
// same records again, time stamps included, is sending the same message).
func astmControlID(msg astm.Message) string {
	if id := msg.Header.ControlID; id != "" && len(id) <= 64 {
		return id
	}
	sum := sha256.Sum256([]byte(msg.Raw))
	return "astm-" + hex.EncodeToString(sum[:16])
}

// analyserName names the configured ASTM analyser a sender stands for,
// for the metrics' analyser label; "" when none is.
func (h astmHost) analyserName(sender string) string {
	an, err := h.svc.AnalyserBySender(context.Background(), lab.ProtocolASTM, sender)
	if err != nil {
		return ""
	}
	return an.Name
}

// serveASTM listens on addr for analysers until ctx ends.
// metrics are the interface metrics the HL7 listener shares.
func serveASTM(ctx context.Context, addr string, svc *lab.Service, metrics *interfaces.Metrics, log *slog.Logger) (func() error, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("TORCHLAB_ASTM_ADDR: %w", err)
	}
	host := astmHost{svc: svc}
	srv := astm.NewServer(host, astm.Config{Logger: log, Metrics: astm.SharedMetrics(metrics, host.analyserName)})
	log.Info("ASTM listening", "addr", ln.Addr().String())
	return func() error { return srv.Serve(ctx, ln) }, nil
}
