package main

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// receiver is a webhook endpoint that checks signatures and can fail.
type receiver struct {
	mu       sync.Mutex
	calls    int
	failFor  int // the first failFor calls answer 500
	ids      []string
	badSig   int
	lastType string
}

func (r *receiver) handler(secret []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.calls++
		if !hmac.Equal([]byte(req.Header.Get(headerSignature)), []byte(sign(secret, body))) {
			r.badSig++
		}
		var ev map[string]any
		json.Unmarshal(body, &ev)
		if ev["id"] != req.Header.Get(headerEventID) {
			r.badSig++
		}
		r.ids = append(r.ids, req.Header.Get(headerEventID))
		r.lastType = req.Header.Get(headerEventType)
		if r.calls <= r.failFor {
			http.Error(w, "not now", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// A rejected tube notifies the station's nurse; the notification goes to
// three webhook recipients: one that accepts, one that fails once and then
// accepts on the retry, and one that is down, which holds up nobody; on
// SQLite and on MySQL, where production delivers from.
func TestWebhookDelivery(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		secret := []byte("a webhook secret of some length")
		good, flaky, down := &receiver{}, &receiver{failFor: 1}, &receiver{failFor: 1 << 30}
		var urls []string
		for _, r := range []*receiver{good, flaky, down} {
			srv := httptest.NewServer(r.handler(secret))
			t.Cleanup(srv.Close)
			urls = append(urls, srv.URL)
		}
		clock := labtest.NewClock(time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC))
		db := labtest.Open(t, d)
		svc := lab.NewService(db, lab.Options{Clock: clock.Now, BcryptCost: bcrypt.MinCost, Key: labtest.Key, WebhookRecipients: urls})
		ctx := lab.SystemContext(context.Background(), "(test)")
		st, err := svc.CreateStation(ctx, lab.NewStation{Code: "HD01", Name: "Haidian"})
		must(t, err)
		_, err = svc.CreateUser(ctx, lab.NewUser{Username: "nurse", Password: "long enough", Role: lab.RoleNurse, StationID: &st.ID})
		must(t, err)
		c, err := svc.RegisterClient(ctx, lab.NewClient{Name: "王芳", NationalID: lab.MakeNationalID("110105", "1995-05-05", 2),
			Phone: "13900000001", Address: "x", Category: lab.Planning, Consent: &lab.ConsentInput{Given: true, TextVersion: "v1"}, StationID: &st.ID})
		must(t, err)
		sl, err := svc.CreateSlot(ctx, st.ID, lab.NewSlot{Date: "2026-03-02", Start: "23:00", Capacity: 5})
		must(t, err)
		ap, err := svc.BookAppointment(ctx, lab.NewAppointment{ClientID: c.ID, SlotID: sl.ID})
		must(t, err)
		_, err = svc.CheckIn(ctx, ap.ID)
		must(t, err)
		sm, err := svc.CollectSample(ctx, ap.ID, "")
		must(t, err)
		_, err = svc.RejectSample(ctx, sm.Accession, lab.RejectHemolyzed, "")
		must(t, err)

		client := &http.Client{Timeout: 5 * time.Second}
		n, err := deliverOnce(ctx, svc, client, secret)
		if err != nil || n != 1 {
			t.Fatalf("first round delivered %d, %v; want 1 (the good recipient)", n, err)
		}
		// Not due yet: nothing is sent again before the back-off.
		if n, _ := deliverOnce(ctx, svc, client, secret); n != 0 || flaky.calls != 1 {
			t.Fatalf("retried before the back-off: %d", n)
		}
		clock.Advance(31 * time.Second)
		n, err = deliverOnce(ctx, svc, client, secret)
		if err != nil || n != 1 {
			t.Fatalf("second round delivered %d, %v; want 1 (the flaky recipient's retry)", n, err)
		}
		if good.calls != 1 || flaky.calls != 2 || down.calls != 2 {
			t.Fatalf("calls: good %d, flaky %d, down %d", good.calls, flaky.calls, down.calls)
		}
		if good.badSig+flaky.badSig+down.badSig != 0 || good.lastType != string(lab.NotifySampleRejected) {
			t.Fatal("a delivery had a bad signature, event id or type")
		}
		if flaky.ids[0] != flaky.ids[1] || flaky.ids[0] != good.ids[0] {
			t.Fatalf("a retry must carry the same event id: %v, %v", flaky.ids, good.ids)
		}
		var pending []struct {
			Recipient string
			Attempts  int
			LastError string
		}
		db.Gorm.Table("outbox").Where("delivered_at IS NULL").Find(&pending)
		if len(pending) != 1 || pending[0].Recipient != urls[2] || pending[0].Attempts != 2 || pending[0].LastError == "" {
			t.Fatalf("undelivered = %+v", pending)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
