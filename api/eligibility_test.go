package api_test

import (
	"net/http"
	"reflect"
	"testing"

	"torchlab/lab"
)

// The test clock starts on Monday 2026-03-02 at 09:00 in Shanghai; the
// programme screens up to 13 weeks 6 days of pregnancy.

func TestEligibility(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tomorrow := e.slot(nurse, e.stationA, "2026-03-03", "08:30", 10)
		later := e.slot(nurse, e.stationA, "2026-03-10", "08:30", 10)
		check := func(t *testing.T, client int64, date string, want ...string) lab.EligibilityView {
			t.Helper()
			q := path("/api/v1/clients/%d/eligibility", client)
			if date != "" {
				q += "?slot_date=" + date
			}
			res := e.do("GET", q, nurse, nil)
			expectStatus(t, res, http.StatusOK)
			var v lab.EligibilityView
			decode(t, res, &v)
			got := []string{}
			for _, r := range v.Reasons {
				got = append(got, string(r))
			}
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(got, want) || v.Bookable != (len(want) == 0) {
				t.Fatalf("eligibility on %q = %+v, want reasons %v", date, v, want)
			}
			return v
		}

		t.Run("bookable", func(t *testing.T) {
			c := e.register(nurse, clientBody(60))
			if v := check(t, c, ""); v.Date != "2026-03-02" {
				t.Fatalf("the default day is %s, want today at the station", v.Date)
			}
			check(t, c, "2026-03-10")
		})

		t.Run("open appointment", func(t *testing.T) {
			c := e.register(nurse, clientBody(61))
			ap, p := e.book(nurse, c, tomorrow.ID)
			if p != nil {
				t.Fatal(p)
			}
			v := check(t, c, "2026-03-10", "open_appointment_exists")
			if v.OpenAppointmentID == nil || *v.OpenAppointmentID != ap.ID {
				t.Fatalf("open appointment id = %v, want %d", v.OpenAppointmentID, ap.ID)
			}
		})

		t.Run("gestation at its boundary", func(t *testing.T) {
			// LMP 2025-12-01: 13 weeks 1 day on 03-03, 14 weeks 1 day on 03-10.
			c := e.register(nurse, clientBody(62, with("category", "pregnant"), with("lmp_date", "2025-12-01")))
			check(t, c, "2026-03-10", "gestation_too_late")
			check(t, c, "2026-03-03")
			// The booking applies the same rule.
			_, p := e.book(nurse, c, later.ID)
			mustCode(t, p, 422, "gestation_too_late")
		})

		t.Run("screened this year", func(t *testing.T) {
			c := e.register(nurse, clientBody(63))
			ap, _ := e.book(nurse, c, tomorrow.ID)
			e.db.Gorm.Model(&lab.Appointment{}).Where("id = ?", ap.ID).Updates(map[string]any{"status": lab.Collected, "open_client_id": nil})
			check(t, c, "2026-03-10", "already_screened")
			check(t, c, "2027-01-05")
		})

		t.Run("every reason at once, in the booking's order", func(t *testing.T) {
			body := clientBody(64, with("category", "pregnant"), with("lmp_date", "2025-12-01"))
			delete(body, "consent")
			c := e.register(nurse, body)
			check(t, c, "2026-03-10", "no_consent", "gestation_too_late")
		})

		t.Run("bad input", func(t *testing.T) {
			c := e.register(nurse, clientBody(65))
			expectProblem(t, e.do("GET", path("/api/v1/clients/%d/eligibility?slot_date=3/10", c), nurse, nil), 422, "validation")
			expectProblem(t, e.do("GET", path("/api/v1/clients/%d/eligibility", c), nurseB, nil), 404, "not_found")
		})

		t.Run("consent recorded later", func(t *testing.T) {
			body := clientBody(66)
			delete(body, "consent")
			c := e.register(nurse, body)
			check(t, c, "2026-03-10", "no_consent")
			consent := path("/api/v1/clients/%d/consent", c)
			before, total := e.auditCount("client.update"), e.totalAudit()
			p := expectProblem(t, e.do("POST", consent, nurse, map[string]any{"given": true, "text_version": "v9"}), 422, "validation")
			if !p.hasField("text_version", "invalid") {
				t.Fatalf("problem = %+v", p)
			}
			p = expectProblem(t, e.do("POST", consent, nurse, map[string]any{"text_version": "v1"}), 422, "validation")
			if !p.hasField("given", "required") {
				t.Fatalf("problem = %+v", p)
			}
			expectProblem(t, e.do("POST", consent, nurseB, map[string]any{"given": true, "text_version": "v1"}), 404, "not_found")
			if e.totalAudit() != total {
				t.Fatal("bad input wrote an audit row")
			}
			check(t, c, "2026-03-10", "no_consent")

			res := e.do("POST", consent, nurse, map[string]any{"given": true, "text_version": "v1"})
			expectStatus(t, res, http.StatusOK)
			var view lab.ClientView
			decode(t, res, &view)
			if !view.Consent.Given || view.Consent.TextVersion != "v1" || view.Consent.RecordedAt == nil || e.auditCount("client.update") != before+1 {
				t.Fatalf("consent = %+v, audit %d → %d", view.Consent, before, e.auditCount("client.update"))
			}
			check(t, c, "2026-03-10")
			if _, p := e.book(nurse, c, later.ID); p != nil {
				t.Fatalf("refused after consent: %+v", p)
			}
		})
	})
}
