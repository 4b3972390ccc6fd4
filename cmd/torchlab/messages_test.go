package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/lab/sms"
	"torchlab/migrations"
)

const goodCodes = "appointment_reminder=SMS_1,report_ready=SMS_2,retest_due=SMS_3,pregnancy_early=SMS_4,pregnancy_outcome=SMS_5"

func TestSMSConfigRefusesBadValuesByName(t *testing.T) {
	aliyun := map[string]string{"TORCHLAB_SMS_PROVIDER": "aliyun", "TORCHLAB_SMS_ACCESS_KEY_ID": "LTAI", "TORCHLAB_SMS_ACCESS_KEY_SECRET": "s",
		"TORCHLAB_SMS_SIGN_NAME": "计生服务站", "TORCHLAB_SMS_TEMPLATE_CODES": goodCodes}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"unknown provider", map[string]string{"TORCHLAB_SMS_PROVIDER": "twilio"}, `TORCHLAB_SMS_PROVIDER: aliyun or webhook (or unset: no messages are sent), not "twilio"`},
		{"aliyun without a key", map[string]string{"TORCHLAB_SMS_PROVIDER": "aliyun"}, "TORCHLAB_SMS_ACCESS_KEY_ID: required with TORCHLAB_SMS_PROVIDER=aliyun"},
		{"aliyun without a signature", map[string]string{"TORCHLAB_SMS_PROVIDER": "aliyun"}, "TORCHLAB_SMS_SIGN_NAME: required"},
		{"a template missing", with(aliyun, "TORCHLAB_SMS_TEMPLATE_CODES", "report_ready=SMS_2"), "TORCHLAB_SMS_TEMPLATE_CODES: no template code for appointment_reminder"},
		{"a bad endpoint", with(aliyun, "TORCHLAB_SMS_ENDPOINT", "dysmsapi.aliyuncs.com"), `TORCHLAB_SMS_ENDPOINT: "dysmsapi.aliyuncs.com" is not an http(s) URL`},
		{"webhook without a URL", map[string]string{"TORCHLAB_SMS_PROVIDER": "webhook"}, "TORCHLAB_SMS_WEBHOOK_URL: required"},
		{"webhook without a secret", map[string]string{"TORCHLAB_SMS_PROVIDER": "webhook", "TORCHLAB_SMS_WEBHOOK_URL": "https://relay.example/sms"}, "TORCHLAB_WEBHOOK_SECRET: required with TORCHLAB_SMS_PROVIDER=webhook"},
		{"a short receipt token", map[string]string{"TORCHLAB_SMS_RECEIPT_TOKEN": "short"}, "TORCHLAB_SMS_RECEIPT_TOKEN: 24 to 128"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := loadConfig()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}

func with(m map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for mk, mv := range m {
		if mk != k {
			out[mk] = mv
		}
	}
	return out
}

// Off unless set; set, each provider gives its adapter.
func TestSMSConfigProviders(t *testing.T) {
	isolate(t)
	cfg, err := loadConfig()
	if err != nil || cfg.messageSender() != nil || cfg.SMSReceiptToken != "" {
		t.Fatalf("unset: %v, %v", cfg.messageSender(), err)
	}
	t.Setenv("TORCHLAB_SMS_PROVIDER", "aliyun")
	t.Setenv("TORCHLAB_SMS_ACCESS_KEY_ID", "LTAI")
	t.Setenv("TORCHLAB_SMS_ACCESS_KEY_SECRET", "secret")
	t.Setenv("TORCHLAB_SMS_SIGN_NAME", "计生服务站")
	t.Setenv("TORCHLAB_SMS_TEMPLATE_CODES", goodCodes+",report_ready.en=SMS_9")
	t.Setenv("TORCHLAB_SMS_RECEIPT_TOKEN", "abcdefghijklmnopqrstuvwx_-12")
	cfg, err = loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cfg.messageSender().(*sms.Aliyun); !ok || cfg.SMSAliyun.Endpoint != sms.DefaultAliyunEndpoint || cfg.SMSReceiptToken == "" {
		t.Fatalf("aliyun: %#v", cfg.SMSAliyun)
	}
	t.Setenv("TORCHLAB_SMS_PROVIDER", "webhook")
	t.Setenv("TORCHLAB_SMS_WEBHOOK_URL", "https://relay.example/sms")
	t.Setenv("TORCHLAB_WEBHOOK_SECRET", "0123456789abcdef")
	if cfg, err = loadConfig(); err != nil {
		t.Fatal(err)
	}
	if _, ok := cfg.messageSender().(*sms.Webhook); !ok {
		t.Fatalf("webhook: %T", cfg.messageSender())
	}
}

// relay is a webhook receiver of messages (a deployment's own SMS relay):
// it checks the HMAC-SHA256 signature of every body, fails as many calls
// as failNext asks, and texts each event id once.
type relay struct {
	t        *testing.T
	secret   []byte
	mu       sync.Mutex
	failNext int
	calls    int
	texted   map[string]string // event id → text
}

func (r *relay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	mac := hmac.New(sha256.New, r.secret)
	mac.Write(body)
	if req.Header.Get("X-Torchlab-Signature") != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
		r.t.Errorf("relay: bad signature")
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var m sms.WebhookMessage
	if err := json.Unmarshal(body, &m); err != nil || m.Key != req.Header.Get("X-Torchlab-Event-Id") ||
		req.Header.Get("X-Torchlab-Event") != "message."+m.Event {
		r.t.Errorf("relay: %q %+v %v", body, req.Header, err)
	}
	if r.failNext > 0 {
		r.failNext--
		http.Error(w, "not now", http.StatusServiceUnavailable)
		return
	}
	if _, seen := r.texted[m.Key]; !seen {
		r.texted[m.Key] = m.Text
	}
	w.Write([]byte(`{"provider_message_id": "relay-` + m.Key + `"}`))
}

// Through the signed webhook: a failure, the retry after its back-off,
// and a resend after a crash between send and record, which the relay
// drops by its event id: one text for the event.
func TestMessagesThroughTheWebhook(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		clock := labtest.NewClock(time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)) // 10:00 at the station
		svc := lab.NewService(labtest.Open(t, d), lab.Options{Clock: clock.Now, Key: labtest.Key, BcryptCost: bcrypt.MinCost})
		sys := lab.SystemContext(context.Background(), "(test)")
		st, err := svc.CreateStation(sys, lab.NewStation{Code: "STA", Name: "Station A"})
		if err != nil {
			t.Fatal(err)
		}
		c, err := svc.RegisterClient(sys, lab.NewClient{Name: "Wang Fang", NationalID: lab.MakeNationalID("110105", "1994-05-12", 2),
			Phone: "13912345678", Address: "Beijing", Category: lab.Planning, StationID: &st.ID,
			Consent: &lab.ConsentInput{Given: true, TextVersion: "v1"}, Reminders: &lab.RemindersInput{OptIn: true, Lang: "en"}})
		if err != nil {
			t.Fatal(err)
		}
		sl, err := svc.CreateSlot(sys, st.ID, lab.NewSlot{Date: "2026-03-03", Start: "14:00", Capacity: 5})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.BookAppointment(sys, lab.NewAppointment{ClientID: c.ID, SlotID: sl.ID}); err != nil {
			t.Fatal(err)
		}
		if n, err := svc.QueueReminders(context.Background()); err != nil || n != 1 {
			t.Fatalf("queued %d, %v", n, err)
		}
		r := &relay{t: t, secret: []byte("0123456789abcdef"), failNext: 1, texted: map[string]string{}}
		srv := httptest.NewServer(r)
		defer srv.Close()
		hook := sms.NewWebhook(srv.URL, r.secret, nil)
		ctx := context.Background()

		if n, err := svc.DeliverMessages(ctx, hook, 10); err != nil || n != 0 {
			t.Fatalf("first round: %d, %v", n, err)
		}
		clock.Advance(31 * time.Second)
		claimed, err := svc.ClaimMessages(ctx, 10)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %+v, %v", claimed, err)
		}
		if _, err := hook.SendMessage(ctx, claimed[0]); err != nil {
			t.Fatal(err)
		}
		// The process dies before it records the send.
		clock.Advance(3 * time.Minute)
		if n, err := svc.DeliverMessages(ctx, hook, 10); err != nil || n != 1 {
			t.Fatalf("after the crash: %d, %v", n, err)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.calls != 3 || len(r.texted) != 1 {
			t.Fatalf("relay: %d calls, %d texts", r.calls, len(r.texted))
		}
		for _, text := range r.texted {
			if !strings.HasPrefix(text, "Dear Wang Fang, a reminder of your appointment at Station A on 3 March 2026 at 14:00.") {
				t.Fatalf("text %q", text)
			}
		}
		list, err := svc.ListMessages(sys, lab.MessageFilter{ClientID: &c.ID})
		if err != nil || len(list.Items) != 1 || list.Items[0].Status != lab.MessageSent || list.Items[0].Attempts != 3 ||
			!strings.HasPrefix(list.Items[0].ProviderMessageID, "relay-") {
			t.Fatalf("log: %+v, %v", list, err)
		}
	})
}
