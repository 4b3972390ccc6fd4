package sms_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/api"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/lab/sms"
	"torchlab/migrations"
)

const (
	keyID     = "LTAItest"
	keySecret = "testsecret"
	herPhone  = "13912345678"
)

// sentSMS is a text message the mock vendor delivered to a phone.
type sentSMS struct {
	Phone, Template, OutID, BizID string
	Params                        map[string]string
}

// vendor is a mock of Alibaba Cloud's SMS API (SendSms and
// QuerySendDetails), served by the test on a local port: no real vendor
// can be reached from here. It checks every request's signature itself,
// by the algorithm's published description (it does not call the
// adapter's signer), fails as many SendSms calls as failNext asks, drops
// a SendSms whose OutId it has already sent (answering with the first
// message's BizId), and can push delivery receipts as the vendor does.
type vendor struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	failNext int
	sendSms  int // SendSms calls, refused or not
	queries  int // QuerySendDetails calls
	sent     []sentSMS
	byOutID  map[string]string
	nonces   map[string]bool
}

func newVendor(t *testing.T) *vendor {
	v := &vendor{t: t, byOutID: map[string]string{}, nonces: map[string]bool{}}
	v.srv = httptest.NewServer(http.HandlerFunc(v.serve))
	t.Cleanup(v.srv.Close)
	return v
}

// rfc3986 encodes as the signature's description says: A–Z a–z 0–9 - _ . ~
// stay, every other byte of the UTF-8 form becomes %XY in upper case.
func rfc3986(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// verify checks a request's signature: sort every parameter but Signature
// by name, encode names and values, join them with & into the
// canonicalized query; StringToSign = "GET&%2F&" + encode(query);
// Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
func (v *vendor) verify(r *http.Request) (map[string]string, error) {
	params := map[string]string{}
	for _, part := range strings.Split(r.URL.RawQuery, "&") {
		k, val, _ := strings.Cut(part, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(val)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("bad encoding in %q", part)
		}
		params[dk] = dv
	}
	if r.Method != http.MethodGet {
		return nil, fmt.Errorf("method %s", r.Method)
	}
	for k, want := range map[string]string{"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "AccessKeyId": keyID,
		"Format": "JSON", "Version": "2017-05-25"} {
		if params[k] != want {
			return nil, fmt.Errorf("%s = %q, want %q", k, params[k], want)
		}
	}
	if _, err := time.Parse("2006-01-02T15:04:05Z", params["Timestamp"]); err != nil {
		return nil, fmt.Errorf("Timestamp %q is not ISO 8601 UTC", params["Timestamp"])
	}
	if params["SignatureNonce"] == "" || v.nonces[params["SignatureNonce"]] {
		return nil, fmt.Errorf("SignatureNonce %q missing or used before", params["SignatureNonce"])
	}
	v.nonces[params["SignatureNonce"]] = true
	var names []string
	for k := range params {
		if k != "Signature" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	var pairs []string
	for _, k := range names {
		pairs = append(pairs, rfc3986(k)+"="+rfc3986(params[k]))
	}
	toSign := "GET&%2F&" + rfc3986(strings.Join(pairs, "&"))
	mac := hmac.New(sha1.New, []byte(keySecret+"&"))
	mac.Write([]byte(toSign))
	if want := base64.StdEncoding.EncodeToString(mac.Sum(nil)); params["Signature"] != want {
		return nil, fmt.Errorf("Signature %q, want %q", params["Signature"], want)
	}
	return params, nil
}

func (v *vendor) serve(w http.ResponseWriter, r *http.Request) {
	v.mu.Lock()
	defer v.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	p, err := v.verify(r)
	if err != nil {
		v.t.Errorf("vendor: %v", err)
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"Code": "SignatureDoesNotMatch", "Message": err.Error()})
		return
	}
	switch p["Action"] {
	case "SendSms":
		v.sendSms++
		if v.failNext > 0 {
			v.failNext--
			w.WriteHeader(http.StatusInternalServerError)
			json.NewEncoder(w).Encode(map[string]string{"Code": "isp.SYSTEM_ERROR", "Message": "busy", "RequestId": "r-fail"})
			return
		}
		if biz, dup := v.byOutID[p["OutId"]]; dup {
			json.NewEncoder(w).Encode(map[string]string{"Code": "OK", "Message": "duplicate OutId dropped", "BizId": biz})
			return
		}
		var params map[string]string
		if err := json.Unmarshal([]byte(p["TemplateParam"]), &params); err != nil {
			v.t.Errorf("vendor: TemplateParam %q: %v", p["TemplateParam"], err)
		}
		biz := fmt.Sprintf("%d^0", 900000+len(v.sent))
		v.byOutID[p["OutId"]] = biz
		v.sent = append(v.sent, sentSMS{Phone: p["PhoneNumbers"], Template: p["TemplateCode"], OutID: p["OutId"], BizID: biz, Params: params})
		json.NewEncoder(w).Encode(map[string]string{"Code": "OK", "Message": "OK", "BizId": biz, "RequestId": "r-ok"})
	case "QuerySendDetails":
		v.queries++
		type dto struct{ PhoneNum, OutId string }
		var found []dto
		for _, s := range v.sent {
			if s.Phone == p["PhoneNumber"] {
				found = append(found, dto{PhoneNum: s.Phone, OutId: s.OutID})
			}
		}
		json.NewEncoder(w).Encode(map[string]any{"Code": "OK", "TotalCount": fmt.Sprint(len(found)),
			"SmsSendDetailDTOs": map[string]any{"SmsSendDetailDTO": found}})
	default:
		v.t.Errorf("vendor: action %q", p["Action"])
	}
}

// pushReceipts posts a delivery receipt of every message it sent to the
// receiver, as the vendor's HTTP push does.
func (v *vendor) pushReceipts(receiver string) *http.Response {
	v.mu.Lock()
	var reports []map[string]any
	for _, s := range v.sent {
		reports = append(reports, map[string]any{"phone_number": s.Phone, "send_time": "2026-03-02 10:00:01",
			"report_time": "2026-03-02 10:00:03", "success": true, "err_code": "DELIVERED", "err_msg": "用户接收成功",
			"sms_size": "1", "biz_id": s.BizID, "out_id": s.OutID})
	}
	v.mu.Unlock()
	body, _ := json.Marshal(reports)
	res, err := http.Post(receiver, "application/json", bytes.NewReader(body))
	if err != nil {
		v.t.Fatal(err)
	}
	return res
}

func (v *vendor) texts() []sentSMS {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]sentSMS{}, v.sent...)
}

func (v *vendor) counts() (sendSms, queries, sent int) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.sendSms, v.queries, len(v.sent)
}

// reminderFixture is a database with one woman who opted in and is booked
// at 09:30 tomorrow, and the day-before reminder queued; its clock is at
// 10:00 at her station.
func reminderFixture(t *testing.T, d migrations.Dialect) (url string, clock *labtest.Clock, svc *lab.Service) {
	t.Helper()
	url = labtest.URL(t, d)
	clock = labtest.NewClock(time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC))
	svc = lab.NewService(labtest.OpenURL(t, url), lab.Options{Clock: clock.Now, Key: labtest.Key, BcryptCost: bcrypt.MinCost})
	sys := lab.SystemContext(context.Background(), "(test)")
	st, err := svc.CreateStation(sys, lab.NewStation{Code: "STA", Name: "东城区计生服务站", Phone: "010-64001234"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.RegisterClient(sys, lab.NewClient{Name: "王芳", NationalID: lab.MakeNationalID("110105", "1994-05-12", 2),
		Phone: herPhone, Address: "北京市东城区", Category: lab.Planning, StationID: &st.ID,
		Consent: &lab.ConsentInput{Given: true, TextVersion: "v1"}, Reminders: &lab.RemindersInput{OptIn: true}})
	if err != nil {
		t.Fatal(err)
	}
	sl, err := svc.CreateSlot(sys, st.ID, lab.NewSlot{Date: "2026-03-03", Start: "09:30", Capacity: 5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.BookAppointment(sys, lab.NewAppointment{ClientID: c.ID, SlotID: sl.ID}); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.QueueReminders(context.Background()); err != nil || n != 1 {
		t.Fatalf("queued %d, %v", n, err)
	}
	return url, clock, svc
}

func theMessage(t *testing.T, svc *lab.Service) lab.Message {
	t.Helper()
	list, err := svc.ListMessages(lab.SystemContext(context.Background(), "(test)"), lab.MessageFilter{})
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("messages: %+v, %v", list, err)
	}
	return list.Items[0]
}

var templateCodes = map[string]string{
	"appointment_reminder": "SMS_1001", "report_ready": "SMS_1002", "retest_due": "SMS_1003",
	"pregnancy_early": "SMS_1004", "pregnancy_outcome": "SMS_1005", "appointment_reminder.en": "SMS_2001",
}

func newAdapter(v *vendor) *sms.Aliyun {
	return sms.NewAliyun(sms.AliyunConfig{Endpoint: v.srv.URL + "/", AccessKeyID: keyID, AccessKeySecret: keySecret,
		SignName: "计生服务站", TemplateCodes: templateCodes}, nil)
}

// Against the mock vendor: the first attempt fails and is retried after
// its back-off, the retry is taken, a signed request carries the key as
// OutId and only the template's values, and the vendor's delivery receipt
// moves the message to delivered.
func TestAliyunRetryAndReceipt(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		_, clock, svc := reminderFixture(t, d)
		v := newVendor(t)
		v.failNext = 1
		gw := newAdapter(v)
		ctx := context.Background()

		if n, err := svc.DeliverMessages(ctx, gw, 10); err != nil || n != 0 {
			t.Fatalf("first round sent %d, %v", n, err)
		}
		m := theMessage(t, svc)
		if m.Status != lab.MessageQueued || m.Attempts != 1 || !strings.Contains(m.LastError, "isp.SYSTEM_ERROR") {
			t.Fatalf("after the failure: %+v", m)
		}
		if n, _ := svc.DeliverMessages(ctx, gw, 10); n != 0 {
			t.Fatal("retried before its back-off")
		}
		clock.Advance(31 * time.Second)
		if n, err := svc.DeliverMessages(ctx, gw, 10); err != nil || n != 1 {
			t.Fatalf("retry sent %d, %v", n, err)
		}
		m = theMessage(t, svc)
		if m.Status != lab.MessageSent || m.Attempts != 2 || m.ProviderMessageID == "" || m.SentAt == nil || m.Phone != "139****5678" {
			t.Fatalf("after the retry: %+v", m)
		}
		calls, _, sent := v.counts()
		if calls != 2 || sent != 1 {
			t.Fatalf("vendor: %d calls, %d sent", calls, sent)
		}
		got := v.texts()[0]
		if got.Phone != herPhone || got.Template != "SMS_1001" || got.OutID != m.Key ||
			got.Params["date"] != "2026年3月3日" || got.Params["time"] != "09:30" || got.Params["name"] != "王芳" ||
			got.Params["station"] != "东城区计生服务站" || got.Params["station_phone"] != "01064001234" || len(got.Params) != 6 {
			t.Fatalf("vendor got %+v", got)
		}

		const token = "receipt-token-0123456789abcdef"
		srv, err := api.New(svc, api.Config{Logger: slog.New(slog.DiscardHandler), MessageReceiptToken: token})
		if err != nil {
			t.Fatal(err)
		}
		torchlab := httptest.NewServer(srv)
		defer torchlab.Close()
		if res := v.pushReceipts(torchlab.URL + "/api/v1/messages/receipts/wrong-token"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("a wrong token: %s", res.Status)
		}
		res := v.pushReceipts(torchlab.URL + "/api/v1/messages/receipts/" + token)
		var answer struct{ Code, Matched int }
		json.NewDecoder(res.Body).Decode(&answer)
		if res.StatusCode != http.StatusOK || answer.Code != 0 || answer.Matched != 1 {
			t.Fatalf("receipt: %s %+v", res.Status, answer)
		}
		if m = theMessage(t, svc); m.Status != lab.MessageDelivered || m.DeliveredAt == nil || !strings.HasPrefix(m.StatusDetail, "DELIVERED") {
			t.Fatalf("after the receipt: %+v", m)
		}
	})
}

// Exactly one message for the event across a crash between sending and
// recording: process A sends and dies before it records; when its lease
// ends, process B claims the message, finds it marked uncertain, asks the
// vendor for its key, and records it as sent without sending it again.
func TestCrashBetweenSendAndRecordSendsOnce(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url, clock, a := reminderFixture(t, d)
		b := lab.NewService(labtest.OpenURL(t, url), lab.Options{Clock: clock.Now, Key: labtest.Key})
		v := newVendor(t)
		gw := newAdapter(v)
		ctx := context.Background()

		claimed, err := a.ClaimMessages(ctx, 10)
		if err != nil || len(claimed) != 1 || claimed[0].Uncertain {
			t.Fatalf("A claimed %+v, %v", claimed, err)
		}
		if _, err := gw.SendMessage(ctx, claimed[0]); err != nil {
			t.Fatal(err)
		}
		// A dies here: nothing records what the vendor took.
		if n, _ := b.DeliverMessages(ctx, gw, 10); n != 0 {
			t.Fatal("B took the message while A's lease held")
		}
		clock.Advance(2*time.Minute + time.Second)
		if n, err := b.DeliverMessages(ctx, gw, 10); err != nil || n != 1 {
			t.Fatalf("B sent %d, %v", n, err)
		}
		calls, queries, sent := v.counts()
		if sent != 1 || calls != 1 || queries == 0 {
			t.Fatalf("vendor: %d messages sent, %d SendSms calls, %d look-ups; want 1, 1, at least 1", sent, calls, queries)
		}
		m := theMessage(t, b)
		if m.Status != lab.MessageSent || m.Attempts != 2 || !strings.Contains(m.StatusDetail, "earlier attempt") {
			t.Fatalf("after B: %+v", m)
		}
		// A comes back to life and records what it did: nothing changes.
		if err := a.MessageSent(ctx, claimed[0], lab.SendResult{ProviderID: "late"}); err != nil {
			t.Fatal(err)
		}
		if m2 := theMessage(t, a); m2.Status != lab.MessageSent || m2.ProviderMessageID == "late" {
			t.Fatalf("A's late record changed it: %+v", m2)
		}
		if n, _ := a.DeliverMessages(ctx, gw, 10); n != 0 {
			t.Fatal("a sent message was sent again")
		}
	})
}

// When the vendor never got the uncertain attempt (the process died
// before the request left), the look-up finds nothing and the message is
// sent; and a repeated OutId reaching the vendor is dropped there.
func TestUncertainAttemptNotAtTheVendorIsSent(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		_, clock, svc := reminderFixture(t, d)
		v := newVendor(t)
		gw := newAdapter(v)
		ctx := context.Background()
		if claimed, err := svc.ClaimMessages(ctx, 10); err != nil || len(claimed) != 1 {
			t.Fatalf("claimed %+v, %v", claimed, err)
		}
		clock.Advance(3 * time.Minute)
		claimed, err := svc.ClaimMessages(ctx, 10)
		if err != nil || len(claimed) != 1 || !claimed[0].Uncertain {
			t.Fatalf("second claim %+v, %v", claimed, err)
		}
		r, err := gw.SendMessage(ctx, claimed[0])
		if err != nil || r.AlreadySent || r.ProviderID == "" {
			t.Fatalf("send: %+v, %v", r, err)
		}
		again := claimed[0]
		again.Uncertain = false // a sender that does not ask first
		r2, err := gw.SendMessage(ctx, again)
		if err != nil || r2.ProviderID != r.ProviderID {
			t.Fatalf("repeat: %+v, %v", r2, err)
		}
		if calls, _, sent := v.counts(); sent != 1 || calls != 2 {
			t.Fatalf("vendor: %d sent of %d calls", sent, calls)
		}
	})
}

// A woman who chose English gets the English template; one whose language
// has no template registered with the vendor fails at once, naming it.
func TestAliyunTemplateLanguage(t *testing.T) {
	v := newVendor(t)
	gw := newAdapter(v)
	ctx := context.Background()
	m := lab.OutgoingMessage{Key: "appointment_reminder:1:2026-03-03T09:30", Event: lab.EventAppointment, Lang: lab.LangEn,
		Phone: herPhone, Params: map[string]string{"name": "Wang Fang"}}
	if _, err := gw.SendMessage(ctx, m); err != nil || v.texts()[0].Template != "SMS_2001" {
		t.Fatalf("English: %v, %+v", err, v.texts())
	}
	m.Event, m.Key = lab.EventReportReady, "report_ready:1"
	_, err := gw.SendMessage(ctx, m)
	var perm *lab.PermanentError
	if !errors.As(err, &perm) || !strings.Contains(err.Error(), "report_ready.en") {
		t.Fatalf("no English template: %v", err)
	}
}

func TestParseTemplateCodes(t *testing.T) {
	good := "appointment_reminder=SMS_1, report_ready=SMS_2,retest_due=SMS_3,pregnancy_early=SMS_4,pregnancy_outcome=SMS_5,report_ready.en=SMS_9"
	codes, err := sms.ParseTemplateCodes(good)
	if err != nil || codes["report_ready.en"] != "SMS_9" || len(codes) != 6 {
		t.Fatalf("%v, %v", codes, err)
	}
	for _, bad := range []string{"appointment_reminder=SMS_1", good + ",results=SMS_6", good + ",report_ready.fr=SMS_7", good + ",retest_due"} {
		if _, err := sms.ParseTemplateCodes(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
