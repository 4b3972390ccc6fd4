package main

import (
	"context"
	"log/slog"
	"time"

	"torchlab/lab"
)

// runMessages sends the due messages to women through the gateway every
// few seconds until ctx ends. Every process runs it: each message is
// claimed by one process at a time (lab.ClaimMessages).
func runMessages(ctx context.Context, svc *lab.Service, sender lab.MessageSender, log *slog.Logger) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		if n, err := svc.DeliverMessages(ctx, sender, 50); err != nil {
			log.Error("message delivery failed", "err", err)
		} else if n > 0 {
			log.Info("messages to women sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
