package api_test

import (
	"net/http"
	"testing"

	"torchlab/lab"
)

// Closing a case settles its unread notices: the counselor's bell count
// drops without her opening each one.
func TestClosingCaseClearsItsNotices(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		e.released(nurse, tech, tech2, 1, clientBody(1, with("category", "pregnant"), with("lmp_date", "2026-01-10")),
			map[string]string{"TOXO_IGM": "15", "TOXO_IGG": "0.2"})
		var notes struct{ Unread int }
		decode(t, e.do("GET", "/api/v1/notifications?unread=true", counselor, nil), &notes)
		if notes.Unread != 1 {
			t.Fatalf("unread before = %d", notes.Unread)
		}
		var queue caseList
		decode(t, e.do("GET", "/api/v1/followups?assignee=me", counselor, nil), &queue)
		c := queue.Items[0]
		expectStatus(t, e.do("POST", path("/api/v1/followups/%d/contacts", c.ID), counselor, map[string]any{"channel": "phone", "result": "reached"}), http.StatusCreated)
		expectStatus(t, e.do("POST", path("/api/v1/followups/%d/close", c.ID), counselor, map[string]any{"outcome": "counseled"}), http.StatusOK)
		decode(t, e.do("GET", "/api/v1/notifications?unread=true", counselor, nil), &notes)
		if notes.Unread != 0 {
			t.Fatalf("unread after the case closed = %d", notes.Unread)
		}
	})
}
