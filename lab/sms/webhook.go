package sms

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"torchlab/lab"
)

// Webhook hands messages to a system of the deployment's own (an SMS
// relay, a provincial messaging platform) over torchlab's signed webhook:
// the same headers and HMAC-SHA256 signature under TORCHLAB_WEBHOOK_SECRET
// as the notifications of TORCHLAB_WEBHOOK_URLS (cmd/torchlab/webhook.go).
// X-Torchlab-Event-Id is the message's idempotency key, the same on every
// attempt: the receiver drops a key it has seen, which makes a resend
// after a crash harmless.
type Webhook struct {
	URL    string
	Secret []byte
	client *http.Client
}

// NewWebhook returns the adapter; client nil uses one with a 10 s timeout.
func NewWebhook(u string, secret []byte, client *http.Client) *Webhook {
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	return &Webhook{URL: u, Secret: secret, client: client}
}

// WebhookMessage is the body the receiver gets.
type WebhookMessage struct {
	Key    string            `json:"key"`
	Event  string            `json:"event"`
	Lang   string            `json:"lang"`
	Phone  string            `json:"phone"`
	Text   string            `json:"text"`
	Params map[string]string `json:"params"`
	// Uncertain: an earlier attempt may have reached the receiver.
	Uncertain bool `json:"uncertain"`
}

// SendMessage posts the message. A 2xx answer is success (its body may
// name the receiver's id as {"provider_message_id": "…"}); 408, 429 and
// 5xx are retried; any other 4xx is a permanent refusal.
func (w *Webhook) SendMessage(ctx context.Context, m lab.OutgoingMessage) (lab.SendResult, error) {
	body, err := json.Marshal(WebhookMessage{Key: m.Key, Event: string(m.Event), Lang: m.Lang, Phone: m.Phone,
		Text: m.Text, Params: m.Params, Uncertain: m.Uncertain})
	if err != nil {
		return lab.SendResult{}, lab.Permanent(err.Error())
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return lab.SendResult{}, lab.Permanent(err.Error())
	}
	mac := hmac.New(sha256.New, w.Secret)
	mac.Write(body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Torchlab-Event-Id", m.Key)
	req.Header.Set("X-Torchlab-Event", "message."+string(m.Event))
	req.Header.Set("X-Torchlab-Signature", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	res, err := w.client.Do(req)
	if err != nil {
		return lab.SendResult{}, err
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	switch {
	case res.StatusCode >= 200 && res.StatusCode <= 299:
		var out struct {
			ProviderMessageID string `json:"provider_message_id"`
		}
		_ = json.Unmarshal(answer, &out)
		return lab.SendResult{ProviderID: out.ProviderMessageID}, nil
	case res.StatusCode >= 400 && res.StatusCode <= 499 && res.StatusCode != 408 && res.StatusCode != 429:
		return lab.SendResult{}, lab.Permanent(fmt.Sprintf("the receiver refused it: %s", res.Status))
	}
	return lab.SendResult{}, fmt.Errorf("the receiver answered %s", res.Status)
}
