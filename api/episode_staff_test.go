package api_test

import (
	"net/http"
	"net/http/httptest"
	"time"

	"torchlab/lab"
)

// The staff and the steps that the episode and paired-sera tests share
// (domain.md §0, Paired sera and Follow-up; API.md, "Episodes, outcomes
// and reminders"): a nurse, two technicians and a counselor of one
// station, working through the real router.

// shanghai is the stations' time zone (no daylight saving).
var shanghai = time.FixedZone("Asia/Shanghai", 8*3600)

// The §0 texts the tests expect, word for word.
const (
	seroconversionZh = "两次检测显示IgG由阴转阳，提示近期原发感染；孕期请尽快到产科就诊。"
	seroconversionEn = "IgG turned positive between the two samples: a recent primary infection; if pregnant, see an obstetrician soon."
	persistentEn     = "IgM stays positive with stable IgG: most often a lingering IgM after a past infection; an IgG avidity test confirms it."
	notConfirmedEn   = "On the retest IgM is negative and IgG still negative: the first positive IgM was probably a false positive."
	iggLossEn        = "IgG turned negative, against the earlier result: the samples must be checked and blood drawn again."
	hsvIgMZh         = "单纯疱疹病毒IgM阳性不能单独判断近期感染；如有生殖器疱疹病史或症状，请告知产科医生。"
	hsvIgMEn         = "A positive HSV IgM cannot on its own date an infection; if you have had genital herpes or have symptoms, tell your obstetrician."
)

// staff are the people of an episode, signed in; after the clock jumps
// past their sessions' idle time they sign in again (relogin).
type staff struct {
	e                                    *env
	nurse, tech, tech2, counselor, admin string
	nurseName, counselorName, adminName  string
	techName, tech2Name                  string
}

func newStaff(e *env) *staff {
	e.t.Helper()
	s := &staff{e: e, nurseName: "nurse.a", techName: "tech", tech2Name: "tech2", counselorName: "counselor.a", adminName: "boss"}
	s.admin = e.signIn(s.adminName, lab.RoleAdmin, 0)
	s.nurse = e.signIn(s.nurseName, lab.RoleNurse, e.stationA)
	s.tech = e.signIn(s.techName, lab.RoleLabTech, 0)
	s.tech2 = e.signIn(s.tech2Name, lab.RoleLabTech, 0)
	s.counselor = e.signIn(s.counselorName, lab.RoleCounselor, e.stationA)
	return s
}

func (s *staff) relogin() {
	s.e.t.Helper()
	e := s.e
	s.admin, s.nurse = e.login(s.adminName, testPassword), e.login(s.nurseName, testPassword)
	s.tech, s.tech2 = e.login(s.techName, testPassword), e.login(s.tech2Name, testPassword)
	s.counselor = e.login(s.counselorName, testPassword)
}

// at moves the clock forward to a time of a day at the station (never
// back) and signs everyone in again.
func (s *staff) at(day, hhmm string) {
	s.e.t.Helper()
	target, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hhmm, shanghai)
	if err != nil {
		s.e.t.Fatal(err)
	}
	if d := target.Sub(s.e.clock.Now()); d > 0 {
		s.e.clock.Advance(d)
	} else if d < 0 {
		s.e.t.Fatalf("the clock is at %s, past %s %s", s.e.clock.Now(), day, hhmm)
	}
	s.relogin()
}

// slotOn returns station A's slot at that day and time, making it (ten
// places) when there is none.
func (s *staff) slotOn(day, start string) lab.Slot {
	s.e.t.Helper()
	var existing lab.Slot
	if err := s.e.db.Gorm.Where("station_id = ? AND day = ? AND start_time = ?", s.e.stationA, day, start).First(&existing).Error; err == nil {
		return existing
	}
	return s.e.slot(s.nurse, s.e.stationA, day, start, 10)
}

// resulted receives a drawn tube and enters its values (allResults'
// overrides).
func (s *staff) resulted(acc string, over map[string]string) {
	s.e.t.Helper()
	expectStatus(s.e.t, s.e.do("POST", "/api/v1/samples/"+acc+"/receive", s.tech, nil), http.StatusOK)
	expectStatus(s.e.t, s.e.do("PUT", "/api/v1/samples/"+acc+"/results", s.tech, map[string]any{"results": allResults(over)}), http.StatusOK)
}

func (s *staff) verify(acc string, body map[string]any) *httptest.ResponseRecorder {
	s.e.t.Helper()
	return s.e.do("POST", "/api/v1/samples/"+acc+"/verify", s.tech2, body)
}

var ackAbnormal = map[string]any{"acknowledge_abnormal": true}

// screened registers woman n, draws her first sample today at station A,
// and releases it with the values given; it returns the sample and her
// case (0 when the release opened none).
func (s *staff) screened(n int, body map[string]any, over map[string]string) (lab.Sample, int64) {
	s.e.t.Helper()
	ap, p := s.e.book(s.nurse, s.e.register(s.nurse, body), s.e.slotToday(s.nurse).ID)
	if p != nil {
		s.e.t.Fatalf("book: %+v", p)
	}
	sm := s.e.collect(s.nurse, ap.ID, "")
	s.resulted(sm.Accession, over)
	expectStatus(s.e.t, s.verify(sm.Accession, ackAbnormal), http.StatusOK)
	return sm, s.openCaseOf(sm.ClientID)
}

// openCaseOf is her open case's id, 0 when she has none.
func (s *staff) openCaseOf(client int64) int64 {
	s.e.t.Helper()
	var ids []int64
	if err := s.e.db.Gorm.Model(&lab.Followup{}).Where("client_id = ? AND status <> ?", client, lab.CaseClosed).Pluck("id", &ids).Error; err != nil {
		s.e.t.Fatal(err)
	}
	if len(ids) > 1 {
		s.e.t.Fatalf("she has %d open cases: %v", len(ids), ids)
	}
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

// casesOf counts every case ever opened for her.
func (s *staff) casesOf(client int64) int64 {
	s.e.t.Helper()
	var n int64
	if err := s.e.db.Gorm.Model(&lab.Followup{}).Where("client_id = ?", client).Count(&n).Error; err != nil {
		s.e.t.Fatal(err)
	}
	return n
}

// caseSamples are the accessions of a case's samples, oldest draw first.
func (s *staff) caseSamples(id int64) []string {
	s.e.t.Helper()
	var accs []string
	err := s.e.db.Gorm.Table("followup_samples").Joins("JOIN samples ON samples.id = followup_samples.sample_id").
		Where("followup_samples.followup_id = ?", id).Order("samples.collected_at, samples.id").Pluck("samples.accession", &accs).Error
	if err != nil {
		s.e.t.Fatal(err)
	}
	return accs
}

func (s *staff) caseEvents(id int64, event string) int64 {
	s.e.t.Helper()
	var n int64
	if err := s.e.db.Gorm.Model(&lab.FollowupEvent{}).Where("followup_id = ? AND event = ?", id, event).Count(&n).Error; err != nil {
		s.e.t.Fatal(err)
	}
	return n
}

func (s *staff) notifications(typ lab.NotificationType) int64 {
	s.e.t.Helper()
	var n int64
	if err := s.e.db.Gorm.Model(&lab.Notification{}).Where("type = ?", typ).Count(&n).Error; err != nil {
		s.e.t.Fatal(err)
	}
	return n
}

// caseDetail is the case page as the admin reads it (her counselor's first
// reading would acknowledge it).
func (s *staff) caseDetail(id int64) lab.CaseDetail {
	s.e.t.Helper()
	res := s.e.do("GET", path("/api/v1/followups/%d", id), s.admin, nil)
	expectStatus(s.e.t, res, http.StatusOK)
	var d lab.CaseDetail
	decode(s.e.t, res, &d)
	return d
}

func (s *staff) report(acc string) lab.Report {
	s.e.t.Helper()
	res := s.e.do("GET", "/api/v1/samples/"+acc+"/report", s.nurse, nil)
	expectStatus(s.e.t, res, http.StatusOK)
	var r lab.Report
	decode(s.e.t, res, &r)
	return r
}

// contact logs a contact; nextAction is {kind, due_on} or nil.
func (s *staff) contact(id int64, result string, nextAction map[string]any) *httptest.ResponseRecorder {
	s.e.t.Helper()
	body := map[string]any{"channel": "phone", "result": result}
	if nextAction != nil {
		body["next_action"] = nextAction
	}
	return s.e.do("POST", path("/api/v1/followups/%d/contacts", id), s.counselor, body)
}

func (s *staff) reached(id int64, kind, dueOn string) {
	s.e.t.Helper()
	expectStatus(s.e.t, s.contact(id, "reached", map[string]any{"kind": kind, "due_on": dueOn}), http.StatusCreated)
}

func (s *staff) closeCase(id int64, outcome string) *httptest.ResponseRecorder {
	s.e.t.Helper()
	return s.e.do("POST", path("/api/v1/followups/%d/close", id), s.counselor, map[string]any{"outcome": outcome})
}

// bookRetest books her retest from the case into station A's 09:00 slot
// of day.
func (s *staff) bookRetest(id int64, day string) *httptest.ResponseRecorder {
	s.e.t.Helper()
	return s.e.do("POST", path("/api/v1/followups/%d/retest", id), s.counselor, map[string]any{"slot_id": s.slotOn(day, "09:00").ID})
}

// retestDrawn books her retest from the case on day, moves the clock to
// that morning, checks her in and draws the tube.
func (s *staff) retestDrawn(id int64, day string) (lab.Appointment, lab.Sample) {
	s.e.t.Helper()
	res := s.bookRetest(id, day)
	expectStatus(s.e.t, res, http.StatusCreated)
	var ap lab.Appointment
	decode(s.e.t, res, &ap)
	s.at(day, "09:30")
	return ap, s.e.collect(s.nurse, ap.ID, "")
}

// retestReleased is her retest from the case, drawn on day and released
// with these values (allResults' overrides), acknowledged as abnormal; it
// returns the retest's accession.
func (s *staff) retestReleased(id int64, day string, over map[string]string) string {
	s.e.t.Helper()
	_, sm := s.retestDrawn(id, day)
	s.resulted(sm.Accession, over)
	expectStatus(s.e.t, s.verify(sm.Accession, ackAbnormal), http.StatusOK)
	return sm.Accession
}

// findingsOf are the findings of one pathogen.
func findingsOf(fs []lab.Finding, pathogen string) []lab.Finding {
	var out []lab.Finding
	for _, f := range fs {
		if f.Pathogen == pathogen {
			out = append(out, f)
		}
	}
	return out
}

func codes(fs []lab.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func pregnantBody(n int) map[string]any {
	return clientBody(n, with("category", "pregnant"), with("lmp_date", "2026-01-10"))
}
