// Package interfaces holds what the analyser interface listeners (HL7 in
// api/hl7, ASTM) share: their metrics on the Prometheus registry.
package interfaces

import "github.com/prometheus/client_golang/prometheus"

// Metrics counts an interface listener's messages and connections, by
// protocol (hl7, astm) and analyser (its name; "unknown" for a sender no
// analyser is configured with).
type Metrics struct {
	Received *prometheus.CounterVec // protocol, analyser
	Accepted *prometheus.CounterVec // protocol, analyser
	Refused  *prometheus.CounterVec // protocol, analyser, ack (AE, AR)
	Open     *prometheus.GaugeVec   // protocol
	// Closed counts connections ended by the listener, by why: idle (no
	// message begun in time), slow (a message not finished in time),
	// too_large, limit (turned away at the connection limit), shutdown.
	Closed *prometheus.CounterVec // protocol, reason
}

// NewMetrics makes the metrics and registers them on reg (nil: not
// registered, for tests). Make them once per process: every listener
// shares them.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Received: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "torchlab_interface_messages_received_total",
			Help: "Messages received from analysers."}, []string{"protocol", "analyser"}),
		Accepted: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "torchlab_interface_messages_accepted_total",
			Help: "Messages from analysers accepted (acknowledged AA), repeats included."}, []string{"protocol", "analyser"}),
		Refused: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "torchlab_interface_messages_refused_total",
			Help: "Messages from analysers refused (acknowledged AE or AR)."}, []string{"protocol", "analyser", "ack"}),
		Open: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "torchlab_interface_connections_open",
			Help: "Analyser connections open now."}, []string{"protocol"}),
		Closed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "torchlab_interface_connections_cut_total",
			Help: "Analyser connections the listener ended or turned away, by why."}, []string{"protocol", "reason"}),
	}
	if reg != nil {
		reg.MustRegister(m.Received, m.Accepted, m.Refused, m.Open, m.Closed)
	}
	return m
}
