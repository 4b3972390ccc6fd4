package api

import (
	"context"
	"sync"
	"time"

	"torchlab/lab"
)

// safetyNetGauge is the value of torchlab_followup_safety_net_items. The
// count reads every released abnormal sample and every open case (0.65 s
// of database time at a million women, measured), too much to repeat on
// every scrape of /metrics; a count younger than maxAge is reused. A
// failed count is never reused, and reads as -1, never as a reassuring 0.
type safetyNetGauge struct {
	svc    *lab.Service
	maxAge time.Duration // 0: count on every scrape

	mu    sync.Mutex // one count at a time; scrapes meanwhile wait for it
	at    time.Time
	value float64
}

func (g *safetyNetGauge) read() float64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.maxAge > 0 && !g.at.IsZero() && time.Since(g.at) < g.maxAge {
		return g.value
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	items, err := g.svc.SafetyNet(lab.SystemContext(ctx, "(metrics)"))
	if err != nil {
		g.at = time.Time{}
		return -1
	}
	g.at, g.value = time.Now(), float64(len(items))
	return g.value
}
