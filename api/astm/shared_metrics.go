package astm

import (
	"torchlab/api/interfaces"
	"torchlab/lab"
)

// SharedMetrics counts the ASTM listener on the metrics every interface
// listener shares (made once per process, see interfaces.NewMetrics),
// under protocol "astm". analyser names the configured analyser an H
// record's sender stands for, "" when none is; the label is then
// "unknown", as for HL7, so a peer inventing senders cannot grow the
// metrics without end.
func SharedMetrics(m *interfaces.Metrics, analyser func(sender string) string) Metrics {
	return sharedMetrics{m: m, analyser: analyser}
}

type sharedMetrics struct {
	m        *interfaces.Metrics
	analyser func(string) string
}

func (s sharedMetrics) Connection(e ConnEvent) {
	switch e {
	case ConnOpened:
		s.m.Open.WithLabelValues(lab.ProtocolASTM).Inc()
	case ConnClosed:
		s.m.Open.WithLabelValues(lab.ProtocolASTM).Dec()
	case ConnRefused:
		s.m.Closed.WithLabelValues(lab.ProtocolASTM, "limit").Inc()
	case ConnIdle, ConnTooLarge:
		s.m.Closed.WithLabelValues(lab.ProtocolASTM, string(e)).Inc()
	}
}

func (s sharedMetrics) Message(sender string, o Outcome) {
	name := ""
	if sender != "" && s.analyser != nil {
		name = s.analyser(sender)
	}
	if name == "" {
		name = "unknown"
	}
	switch o {
	case Received:
		s.m.Received.WithLabelValues(lab.ProtocolASTM, name).Inc()
	case Accepted:
		s.m.Accepted.WithLabelValues(lab.ProtocolASTM, name).Inc()
	case Refused:
		// ASTM has no application acknowledgement; the ack label is the
		// one HL7 would answer. A transmission that could not be read
		// (no sender) was never counted received: like HL7's unreadable
		// messages it is counted received and rejected (AR); a message
		// that could not be applied is an error (AE).
		ack := lab.AckError
		if sender == "" {
			ack = lab.AckRejected
			s.m.Received.WithLabelValues(lab.ProtocolASTM, name).Inc()
		}
		s.m.Refused.WithLabelValues(lab.ProtocolASTM, name, ack).Inc()
	}
}
