package api_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
)

// Reminders to women, through the real router on both
// databases.

var optIn = with("reminders", map[string]any{"opt_in": true})

func optInLang(lang string) func(map[string]any) {
	return with("reminders", map[string]any{"opt_in": true, "lang": lang})
}

// gateway is a MessageSender that takes every message and keeps its key.
type gateway struct {
	mu   sync.Mutex
	keys []string
}

func (g *gateway) SendMessage(_ context.Context, m lab.OutgoingMessage) (lab.SendResult, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.keys = append(g.keys, m.Key)
	return lab.SendResult{ProviderID: "gw-" + m.Key}, nil
}

func (g *gateway) sent() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string{}, g.keys...)
}

// deliver runs one round of the message worker and returns how many the
// gateway took.
func (e *env) deliver(g *gateway) int {
	e.t.Helper()
	n, err := e.svc.DeliverMessages(context.Background(), g, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// queue runs the reminder job once and returns how many it wrote.
func (e *env) queue() int {
	e.t.Helper()
	n, err := e.svc.QueueReminders(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// messages is her message log as the token's holder reads it.
func (e *env) messages(token string, client int64) []lab.Message {
	e.t.Helper()
	res := e.do("GET", path("/api/v1/messages?client_id=%d", client), token, nil)
	expectStatus(e.t, res, http.StatusOK)
	var list struct{ Items []lab.Message }
	decode(e.t, res, &list)
	return list.Items
}

func ofEvent(ms []lab.Message, ev lab.MessageEvent) []lab.Message {
	var out []lab.Message
	for _, m := range ms {
		if m.Event == ev {
			out = append(out, m)
		}
	}
	return out
}

func (e *env) sampleClient(token, accession string) int64 {
	e.t.Helper()
	var d lab.SampleDetail
	decode(e.t, e.do("GET", "/api/v1/samples/"+accession, token, nil), &d)
	return d.ClientID
}

// The opt-out is honoured at once: her queued reminder is cancelled in
// the transaction that records it, and later events (her report's
// release, the reminder job) write nothing for her.
func TestOptOutHonouredAtOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		id := e.register(s.nurse, clientBody(1, optIn))
		ap, p := e.book(s.nurse, id, s.slotOn("2026-03-03", "09:30").ID)
		if p != nil {
			t.Fatalf("book: %+v", p)
		}
		if n := e.queue(); n != 1 {
			t.Fatalf("queued %d", n)
		}
		ms := e.messages(s.nurse, id)
		if len(ms) != 1 || ms[0].Status != lab.MessageQueued || ms[0].Phone != "139****0001" || ms[0].Event != lab.EventAppointment {
			t.Fatalf("before: %+v", ms)
		}

		res := e.do("PUT", path("/api/v1/clients/%d/reminders", id), s.counselor, map[string]any{"opt_in": false})
		expectStatus(t, res, http.StatusOK)
		var view lab.ClientView
		decode(t, res, &view)
		if view.Reminders.OptIn || view.Reminders.Lang != "zh" {
			t.Fatalf("her choice: %+v", view.Reminders)
		}
		ms = e.messages(s.counselor, id)
		if len(ms) != 1 || ms[0].Status != lab.MessageCancelled || ms[0].CancelledAt == nil || !strings.Contains(ms[0].StatusDetail, "opted out") {
			t.Fatalf("after opting out: %+v", ms)
		}
		if n := e.auditCount("client.reminders"); n != 1 {
			t.Fatalf("%d audit rows", n)
		}

		g := &gateway{}
		s.at("2026-03-03", "09:00")
		if n := e.deliver(g); n != 0 {
			t.Fatal("a cancelled message was sent")
		}
		sm := e.collect(s.nurse, ap.ID, "")
		s.resulted(sm.Accession, map[string]string{"TOXO_IGM": "15"})
		expectStatus(t, s.verify(sm.Accession, ackAbnormal), http.StatusOK)
		if n := e.queue(); n != 0 {
			t.Fatalf("the job wrote %d for her", n)
		}
		if ms = e.messages(s.admin, id); len(ms) != 1 {
			t.Fatalf("later events wrote for her: %+v", ms)
		}
		if n := e.deliver(g); n != 0 || len(g.sent()) != 0 {
			t.Fatalf("sent %v", g.sent())
		}
	})
}

// Her choice at registration and by correction: a language of the list,
// and a mobile number for text messages.
func TestReminderChoiceIsChecked(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		p := expectProblem(t, e.do("POST", "/api/v1/clients", nurse, clientBody(1, optInLang("fr"))), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("reminders.lang", "invalid") {
			t.Fatalf("%+v", p)
		}
		p = expectProblem(t, e.do("POST", "/api/v1/clients", nurse, clientBody(1, optIn, with("phone", "010-64001234"))), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("reminders.opt_in", "no_mobile") {
			t.Fatalf("%+v", p)
		}
		id := e.register(nurse, clientBody(1))
		var view lab.ClientView
		decode(t, e.do("GET", path("/api/v1/clients/%d", id), nurse, nil), &view)
		if view.Reminders.OptIn || view.Reminders.Lang != "zh" {
			t.Fatalf("by default: %+v", view.Reminders)
		}
		res := e.do("PATCH", path("/api/v1/clients/%d", id), nurse, map[string]any{"reminders": map[string]any{"opt_in": true, "lang": "en"}})
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &view)
		if !view.Reminders.OptIn || view.Reminders.Lang != "en" || e.auditCount("client.update") != 1 {
			t.Fatalf("corrected: %+v", view.Reminders)
		}
	})
}

// Her report's first release writes one message, whatever it says: the
// same words for an abnormal report as for a normal one, stating no
// result. An amendment writes none; a woman who did not opt in gets none;
// and the admins' switch turns the event off.
func TestReportReadyOnFirstReleaseOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		abnormal := e.released(s.nurse, s.tech, s.tech2, 1, clientBody(1, optInLang("en")), map[string]string{"TOXO_IGM": "15"})
		normal := e.released(s.nurse, s.tech, s.tech2, 2, clientBody(2, optInLang("en")), nil)
		her := e.sampleClient(s.nurse, abnormal)
		ms := e.messages(s.nurse, her)
		if len(ms) != 1 || ms[0].Event != lab.EventReportReady || ms[0].Lang != "en" || !strings.HasPrefix(ms[0].Key, "report_ready:") {
			t.Fatalf("abnormal: %+v", ms)
		}
		other := e.messages(s.nurse, e.sampleClient(s.nurse, normal))
		if len(other) != 1 || strings.ReplaceAll(other[0].Text, "王芳2", "王芳1") != ms[0].Text {
			t.Fatalf("the normal report's message %q differs from the abnormal one's %q", other[0].Text, ms[0].Text)
		}
		want := "Dear 王芳1, your screening report at Station A is ready."
		if !strings.HasPrefix(ms[0].Text, want) {
			t.Fatalf("text %q", ms[0].Text)
		}
		var analytes struct{ Items []lab.Analyte }
		decode(t, e.do("GET", "/api/v1/analytes", s.tech, nil), &analytes)
		for _, a := range analytes.Items {
			for _, name := range []string{a.Code, a.NameZh, a.NameEn, a.Pathogen, a.Antibody} {
				if name != "" && strings.Contains(strings.ToLower(ms[0].Text), strings.ToLower(name)) {
					t.Fatalf("%q names %q", ms[0].Text, name)
				}
			}
		}

		expectStatus(t, e.do("POST", "/api/v1/samples/"+abnormal+"/results/TOXO_IGG/amend", s.tech, map[string]any{"value": "0.3", "reason": "re-run"}), http.StatusOK)
		expectStatus(t, s.verify(abnormal, ackAbnormal), http.StatusOK)
		if ms = e.messages(s.nurse, her); len(ms) != 1 {
			t.Fatalf("the amendment wrote a message: %+v", ms)
		}

		quiet := e.released(s.nurse, s.tech, s.tech2, 3, clientBody(3), nil)
		if ms := e.messages(s.nurse, e.sampleClient(s.nurse, quiet)); len(ms) != 0 {
			t.Fatalf("she did not opt in: %+v", ms)
		}

		expectProblem(t, e.do("PUT", "/api/v1/settings", s.admin, map[string]any{"reminder_report_ready": 2}), http.StatusUnprocessableEntity, "validation")
		expectStatus(t, e.do("PUT", "/api/v1/settings", s.admin, map[string]any{"reminder_report_ready": 0}), http.StatusOK)
		off := e.released(s.nurse, s.tech, s.tech2, 4, clientBody(4, optIn), nil)
		if ms := e.messages(s.nurse, e.sampleClient(s.nurse, off)); len(ms) != 0 {
			t.Fatalf("switched off: %+v", ms)
		}
	})
}

// The day before her appointment, at her station: one message however
// many processes run the job at once, held until nine in the morning; a
// move of the appointment cancels it, and the new day gets its own.
func TestAppointmentReminderTheDayBefore(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		id := e.register(s.nurse, clientBody(1, optIn))
		ap, p := e.book(s.nurse, id, s.slotOn("2026-03-04", "10:00").ID)
		if p != nil {
			t.Fatalf("book: %+v", p)
		}
		if n := e.queue(); n != 0 {
			t.Fatalf("two days ahead: %d", n)
		}
		s.at("2026-03-03", "00:30")
		other := e.secondProcess()
		written := atOnce(t, []*lab.Service{e.svc, other, e.svc, other, e.svc, other}, func(svc *lab.Service) (int, error) {
			return svc.QueueReminders(context.Background())
		})
		if total(written) != 1 || e.queue() != 0 {
			t.Fatalf("written %v", written)
		}
		ms := e.messages(s.nurse, id)
		nine := time.Date(2026, 3, 3, 9, 0, 0, 0, shanghai)
		if len(ms) != 1 || ms[0].Key != path("appointment_reminder:%d:2026-03-04T10:00", ap.ID) || ms[0].EventOn == nil ||
			*ms[0].EventOn != "2026-03-04" || !ms[0].NextAttemptAt.Equal(nine) || !strings.Contains(ms[0].Text, "2026年3月4日 10:00") {
			t.Fatalf("message: %+v", ms)
		}
		g := &gateway{}
		if n := e.deliver(g); n != 0 {
			t.Fatal("sent in the night")
		}

		expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/reschedule", ap.ID), s.nurse,
			map[string]any{"slot_id": s.slotOn("2026-03-05", "10:00").ID}), http.StatusOK)
		s.at("2026-03-03", "09:00")
		if n := e.deliver(g); n != 0 {
			t.Fatalf("sent the reminder of a moved appointment: %v", g.sent())
		}
		ms = e.messages(s.nurse, id)
		if ms[0].Status != lab.MessageCancelled || !strings.Contains(ms[0].StatusDetail, "moved") {
			t.Fatalf("after the move: %+v", ms[0])
		}
		s.at("2026-03-04", "09:00")
		if n := e.queue(); n != 1 {
			t.Fatalf("the new day: %d", n)
		}
		if n := e.deliver(g); n != 1 || g.sent()[0] != path("appointment_reminder:%d:2026-03-05T10:00", ap.ID) {
			t.Fatalf("sent %v", g.sent())
		}
		if ms = e.messages(s.nurse, id); ms[0].Status != lab.MessageSent || ms[0].SentAt == nil || ms[0].Attempts != 1 {
			t.Fatalf("sent: %+v", ms[0])
		}
	})
}

// A case whose next action is a retest coming due, none booked, writes
// one reminder; booking the retest makes it moot before it is sent.
func TestRetestDueReminder(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		sm, caseID := s.screened(1, clientBody(1, optIn), map[string]string{"TOXO_IGM": "15"})
		s.reached(caseID, "retest", "2026-03-06")
		if n := e.queue(); n != 0 {
			t.Fatalf("four days ahead: %d", n)
		}
		s.at("2026-03-03", "10:00")
		if n := e.queue(); n != 1 {
			t.Fatalf("three days ahead: %d", n)
		}
		ms := ofEvent(e.messages(s.counselor, sm.ClientID), lab.EventRetestDue)
		if len(ms) != 1 || ms[0].Key != path("retest_due:%d:2026-03-06", caseID) || !strings.Contains(ms[0].Text, "2026年3月6日") {
			t.Fatalf("retest message: %+v", ms)
		}
		expectStatus(t, s.bookRetest(caseID, "2026-03-16"), http.StatusCreated)
		g := &gateway{}
		e.deliver(g)
		for _, k := range g.sent() {
			if strings.HasPrefix(k, "retest_due:") {
				t.Fatalf("sent %v", g.sent())
			}
		}
		ms = ofEvent(e.messages(s.counselor, sm.ClientID), lab.EventRetestDue)
		if ms[0].Status != lab.MessageCancelled || !strings.Contains(ms[0].StatusDetail, "retest was booked") {
			t.Fatalf("after booking: %+v", ms[0])
		}
		if n := e.queue(); n != 0 {
			t.Fatalf("with the retest booked: %d", n)
		}
	})
}

// Her pregnancy's early contact, two weeks before it is due and not yet
// made, and its outcome follow-up once open: one message each, the first
// made moot by the contact, none once the outcome is recorded.
func TestPregnancyReminders(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		id := e.register(s.nurse, clientBody(1, optIn, with("category", "pregnant"), with("lmp_date", "2025-12-02")))
		if n := e.queue(); n != 1 {
			t.Fatalf("queued %d", n)
		}
		ms := e.messages(s.counselor, id)
		if len(ms) != 1 || ms[0].Event != lab.EventPregnancyEarly || *ms[0].EventOn != "2026-03-09" {
			t.Fatalf("early: %+v", ms)
		}
		preg := ms[0].SubjectID
		expectStatus(t, e.do("POST", path("/api/v1/pregnancies/%d/contacts", preg), s.counselor,
			map[string]any{"task": "early_contact", "channel": "phone", "result": "reached"}), http.StatusCreated)
		g := &gateway{}
		if n := e.deliver(g); n != 0 {
			t.Fatalf("sent %v", g.sent())
		}
		if ms = e.messages(s.counselor, id); ms[0].Status != lab.MessageCancelled {
			t.Fatalf("after the contact: %+v", ms[0])
		}

		s.at("2026-10-19", "10:00") // EDD 2026-09-08 + 42 days is 2026-10-20
		if n := e.queue(); n != 0 {
			t.Fatalf("before the outcome follow-up opens: %d", n)
		}
		s.at("2026-10-20", "10:00")
		if n := e.queue(); n != 1 {
			t.Fatalf("outcome: %d", n)
		}
		if n := e.deliver(g); n != 1 || g.sent()[0] != path("pregnancy_outcome:%d", preg) {
			t.Fatalf("sent %v", g.sent())
		}
		expectStatus(t, e.do("POST", path("/api/v1/pregnancies/%d/outcome", preg), s.counselor,
			map[string]any{"outcome": "live_birth", "date": "2026-09-10", "gestation_weeks": 40, "birth_weight_g": 3300}), http.StatusCreated)
		if n := e.queue(); n != 0 {
			t.Fatalf("after the outcome: %d", n)
		}
	})
}

// Admins word the messages; a wording that would state a result, or a
// placeholder outside the event's list, is refused; each change is
// audited, and the messages written afterwards use it.
func TestMessageTemplatesByAdmins(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		var list struct {
			Items          []lab.MessageTemplate
			ForbiddenWords []string `json:"forbidden_words"`
		}
		decode(t, e.do("GET", "/api/v1/settings/message-templates", s.admin, nil), &list)
		if len(list.Items) != len(lab.MessageEvents)*2 || len(list.ForbiddenWords) == 0 {
			t.Fatalf("templates: %d, words %d", len(list.Items), len(list.ForbiddenWords))
		}
		put := func(ev, lang, body string) *problem {
			res := e.do("PUT", "/api/v1/settings/message-templates/"+ev+"/"+lang, s.admin, map[string]any{"body": body})
			if res.Code == http.StatusOK {
				return nil
			}
			var p problem
			decode(t, res, &p)
			p.Status = res.Code
			return &p
		}
		if p := put("report_ready", "zh", "{name}您好：您的检查结果为阴性。"); p == nil || !p.hasField("body", "forbidden_word") {
			t.Fatalf("a result: %+v", p)
		}
		if p := put("report_ready", "en", "Dear {name}, you are immune to rubella."); p == nil || !p.hasField("body", "forbidden_word") {
			t.Fatalf("a finding: %+v", p)
		}
		if p := put("report_ready", "zh", "{name}：{result}"); p == nil || !p.hasField("body", "unknown_placeholder") {
			t.Fatalf("a placeholder: %+v", p)
		}
		for _, bad := range []string{"results/zh", "report_ready/fr"} {
			expectProblem(t, e.do("PUT", "/api/v1/settings/message-templates/"+bad, s.admin, map[string]any{"body": "{name}"}), http.StatusNotFound, "not_found")
		}
		if e.auditCount("message_template.update") != 0 {
			t.Fatal("a refused wording was audited")
		}
		if p := put("report_ready", "zh", "{surname}女士：您在{station}的报告已可领取。"); p != nil {
			t.Fatalf("refused: %+v", p)
		}
		if e.auditCount("message_template.update") != 1 {
			t.Fatal("not audited")
		}
		acc := e.released(s.nurse, s.tech, s.tech2, 1, clientBody(1, optIn), nil)
		if ms := e.messages(s.nurse, e.sampleClient(s.nurse, acc)); len(ms) != 1 || ms[0].Text != "王女士：您在Station A的报告已可领取。" {
			t.Fatalf("message: %+v", ms)
		}
		res := e.do("DELETE", "/api/v1/settings/message-templates/report_ready/zh", s.admin, nil)
		expectStatus(t, res, http.StatusOK)
		var tpl lab.MessageTemplate
		decode(t, res, &tpl)
		if tpl.Customized || tpl.Body != tpl.DefaultBody || e.auditCount("message_template.reset") != 1 {
			t.Fatalf("reset: %+v", tpl)
		}
	})
}

// The log is the station's: a counselor of another station cannot read a
// woman's messages, an admin reads every station's.
func TestMessageLogScope(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		counselorB := e.signIn("counselor.b", lab.RoleCounselor, e.stationB)
		acc := e.released(s.nurse, s.tech, s.tech2, 1, clientBody(1, optIn), nil)
		her := e.sampleClient(s.nurse, acc)
		expectProblem(t, e.do("GET", path("/api/v1/messages?client_id=%d", her), counselorB, nil), http.StatusNotFound, "not_found")
		expectProblem(t, e.do("GET", path("/api/v1/messages?station_id=%d", e.stationA), counselorB, nil), http.StatusNotFound, "not_found")
		var list struct {
			Items []lab.Message
			Total int
		}
		decode(t, e.do("GET", "/api/v1/messages", counselorB, nil), &list)
		if len(list.Items) != 0 {
			t.Fatalf("station B sees %+v", list.Items)
		}
		decode(t, e.do("GET", "/api/v1/messages?status=queued", s.admin, nil), &list)
		if len(list.Items) != 1 || list.Total != 1 || list.Items[0].Phone != "139****0001" {
			t.Fatalf("admin: %+v", list)
		}
		expectProblem(t, e.do("GET", "/api/v1/messages?status=read", s.admin, nil), http.StatusUnprocessableEntity, "validation")
		expectProblem(t, e.do("GET", "/api/v1/messages?client_id=abc", s.admin, nil), http.StatusUnprocessableEntity, "validation")
		// No gateway token configured here: the receipt route is closed.
		expectProblem(t, e.do("POST", "/api/v1/messages/receipts/anything", "", []any{}), http.StatusNotFound, "not_found")
	})
}

// The new routes' answers match docs/openapi.yaml.
func TestReminderAnswersMatchTheReference(t *testing.T) {
	_, router := loadOpenAPI(t)
	e := newEnv(t, "sqlite")
	c := &checker{t: t, e: e, router: router, seen: map[string]bool{}}
	s := newStaff(e)
	res := c.do("POST", "/api/v1/clients", s.nurse, clientBody(1, optIn))
	var client lab.ClientView
	decode(t, res, &client)
	c.do("PUT", path("/api/v1/clients/%d/reminders", client.ID), s.counselor, map[string]any{"opt_in": true, "lang": "en"})
	c.do("PUT", path("/api/v1/clients/%d/reminders", client.ID), s.counselor, map[string]any{"opt_in": true, "lang": "fr"}) // 422
	e.released(s.nurse, s.tech, s.tech2, 2, clientBody(2, optIn), nil)
	c.do("GET", "/api/v1/messages", s.nurse, nil)
	c.do("GET", path("/api/v1/messages?client_id=%d", client.ID), s.nurse, nil)
	c.do("GET", "/api/v1/settings/message-templates", s.admin, nil)
	c.do("PUT", "/api/v1/settings/message-templates/retest_due/en", s.admin, map[string]any{"body": "Dear {name}, please come back by {date}."})
	c.do("PUT", "/api/v1/settings/message-templates/retest_due/en", s.admin, map[string]any{"body": "Your IgM is positive."}) // 422
	c.do("DELETE", "/api/v1/settings/message-templates/retest_due/en", s.admin, nil)
	c.do("POST", "/api/v1/messages/receipts/anything", "", []any{}) // 404: no token configured
	c.do("GET", path("/api/v1/stations/%d", e.stationA), s.nurse, nil)
	if len(c.seen) < 7 {
		t.Fatalf("only %d operations checked", len(c.seen))
	}
}

// slowGateway takes a hundred seconds over each message.
type slowGateway struct {
	gateway
	clock *labtest.Clock
}

func (g *slowGateway) SendMessage(ctx context.Context, m lab.OutgoingMessage) (lab.SendResult, error) {
	g.clock.Advance(100 * time.Second)
	return g.gateway.SendMessage(ctx, m)
}

// A worker behind a slow gateway does not start a message whose claim is
// nearly over (another process may take it then): it hands it back, due
// at once and not marked uncertain, and the next round sends it.
func TestSlowGatewayHandsBackWhatItCannotStartInTime(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		for n := 1; n <= 2; n++ {
			if _, p := e.book(s.nurse, e.register(s.nurse, clientBody(n, optIn)), s.slotOn("2026-03-03", "10:00").ID); p != nil {
				t.Fatalf("book: %+v", p)
			}
		}
		if n := e.queue(); n != 2 {
			t.Fatalf("queued %d", n)
		}
		g := &slowGateway{clock: e.clock}
		n, err := e.svc.DeliverMessages(context.Background(), g, 10)
		if err != nil || n != 1 {
			t.Fatalf("first round: %d, %v", n, err)
		}
		claimed, err := e.svc.ClaimMessages(context.Background(), 10)
		if err != nil || len(claimed) != 1 || claimed[0].Uncertain || claimed[0].Attempts != 1 {
			t.Fatalf("handed back: %+v, %v", claimed, err)
		}
	})
}
