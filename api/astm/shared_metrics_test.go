package astm

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"torchlab/api/interfaces"
)

// The ASTM listener counts on the metrics HL7 shares, labelled astm and by
// the configured analyser's name; senders no analyser is configured with,
// and transmissions that could not be read, count as "unknown".
func TestSharedMetricsCountASTMByAnalyserName(t *testing.T) {
	m := interfaces.NewMetrics(nil)
	names := map[string]string{"MAGLUMI": "Maglumi 800"}
	sm := SharedMetrics(m, func(s string) string { return names[s] })

	sm.Message("MAGLUMI", Received)
	sm.Message("MAGLUMI", Accepted)
	sm.Message("MAGLUMI", Received)
	sm.Message("MAGLUMI", Refused)
	sm.Message("FORGED", Received)
	sm.Message("FORGED", Refused)
	sm.Message("", Refused) // a transmission dropped before its H record was read

	for _, c := range []struct {
		what string
		got  prometheus.Collector
		want float64
	}{
		{"received Maglumi", m.Received.WithLabelValues("astm", "Maglumi 800"), 2},
		{"accepted Maglumi", m.Accepted.WithLabelValues("astm", "Maglumi 800"), 1},
		{"refused Maglumi AE", m.Refused.WithLabelValues("astm", "Maglumi 800", "AE"), 1},
		{"received unknown", m.Received.WithLabelValues("astm", "unknown"), 2},
		{"refused unknown AE", m.Refused.WithLabelValues("astm", "unknown", "AE"), 1},
		{"refused unreadable AR", m.Refused.WithLabelValues("astm", "unknown", "AR"), 1},
		{"nothing under hl7", m.Received.WithLabelValues("hl7", "Maglumi 800"), 0},
	} {
		if v := metricValue(t, c.got); v != c.want {
			t.Errorf("%s = %v, want %v", c.what, v, c.want)
		}
	}

	for _, e := range []ConnEvent{ConnOpened, ConnOpened, ConnClosed, ConnRefused, ConnIdle, ConnTooLarge} {
		sm.Connection(e)
	}
	if v := metricValue(t, m.Open.WithLabelValues("astm")); v != 1 {
		t.Errorf("open = %v, want 1", v)
	}
	for reason, want := range map[string]float64{"limit": 1, "idle": 1, "too_large": 1, "slow": 0} {
		if v := metricValue(t, m.Closed.WithLabelValues("astm", reason)); v != want {
			t.Errorf("cut %s = %v, want %v", reason, v, want)
		}
	}
}

func metricValue(t *testing.T, c prometheus.Collector) float64 {
	t.Helper()
	ch := make(chan prometheus.Metric, 1)
	go func() { c.Collect(ch); close(ch) }()
	total := 0.0
	for m := range ch {
		var d dto.Metric
		if err := m.Write(&d); err != nil {
			t.Fatal(err)
		}
		total += d.GetCounter().GetValue() + d.GetGauge().GetValue()
	}
	return total
}
