package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"torchlab/lab"
)

// Webhook headers: the event's id (the same for every retry, so a receiver
// can drop duplicates), its type, and the body's HMAC-SHA256 under
// TORCHLAB_WEBHOOK_SECRET.
const (
	headerEventID   = "X-Torchlab-Event-Id"
	headerEventType = "X-Torchlab-Event"
	headerSignature = "X-Torchlab-Signature"
)

// sign returns the signature header's value for a body.
func sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// deliverOnce sends every due outbox delivery and returns how many were
// accepted. Each recipient is served by its own goroutine, in order, so a
// recipient that is slow or down delays only its own deliveries; a failed
// one is retried later.
func deliverOnce(ctx context.Context, svc *lab.Service, client *http.Client, secret []byte) (int, error) {
	items, err := svc.ClaimOutbox(ctx, 100)
	if err != nil {
		return 0, err
	}
	byRecipient := map[string][]lab.OutboxItem{}
	for _, it := range items {
		byRecipient[it.Recipient] = append(byRecipient[it.Recipient], it)
	}
	var (
		mu       sync.Mutex
		ok       int
		firstErr error
		wg       sync.WaitGroup
	)
	for _, queue := range byRecipient {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, it := range queue {
				var err error
				if perr := post(ctx, client, secret, it); perr != nil {
					err = svc.OutboxFailed(ctx, it.ID, it.Attempts, perr.Error())
				} else if err = svc.OutboxDelivered(ctx, it.ID); err == nil {
					mu.Lock()
					ok++
					mu.Unlock()
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return ok, firstErr
}

func post(ctx context.Context, client *http.Client, secret []byte, it lab.OutboxItem) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	body := []byte(it.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, it.Recipient, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(headerEventID, it.EventID)
	req.Header.Set(headerEventType, it.Type)
	req.Header.Set(headerSignature, sign(secret, body))
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("%s answered %s", it.Recipient, res.Status)
	}
	return nil
}

// runWebhooks delivers the outbox every few seconds until ctx ends.
func runWebhooks(ctx context.Context, svc *lab.Service, secret []byte, log *slog.Logger) {
	client := &http.Client{Timeout: 15 * time.Second}
	t := time.NewTicker(3 * time.Second)
	defer t.Stop()
	for {
		if n, err := deliverOnce(ctx, svc, client, secret); err != nil {
			log.Error("webhook delivery failed", "err", err)
		} else if n > 0 {
			log.Info("webhooks delivered", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
