package api_test

import (
	"net/http"
	"testing"
	"time"

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

// The bell counts unread notices up to lab.UnreadCountMax and stops
// there: an admin is told of every overdue case, and an exact count
// of a hundred thousand would be read on every page of her inbox. Below
// the cap the count is exact, and reading one lowers it.
func TestUnreadCountStopsAtItsCap(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("admin.bell", lab.RoleAdmin, 0)
		var me struct{ ID int64 }
		decode(t, e.do("GET", "/api/v1/me", admin, nil), &me)
		notify := func(n int) {
			t.Helper()
			rows := make([]lab.Notification, n)
			for i := range rows {
				rows[i] = lab.Notification{UserID: me.ID, Type: lab.NotifyUnassigned, Message: "a case waits for a counselor", CreatedAt: time.Now()}
			}
			if err := e.db.Gorm.CreateInBatches(rows, 100).Error; err != nil {
				t.Fatal(err)
			}
		}
		var notes struct {
			Unread int
			Items  []struct{ ID int64 }
		}
		notify(3)
		decode(t, e.do("GET", "/api/v1/notifications?limit=1", admin, nil), &notes)
		if notes.Unread != 3 {
			t.Fatalf("unread with three notices = %d", notes.Unread)
		}
		expectStatus(t, e.do("POST", path("/api/v1/notifications/%d/read", notes.Items[0].ID), admin, nil), http.StatusNoContent)
		decode(t, e.do("GET", "/api/v1/notifications?limit=1", admin, nil), &notes)
		if notes.Unread != 2 {
			t.Fatalf("unread after reading one = %d", notes.Unread)
		}
		read := notes.Items[0].ID
		decode(t, e.do("GET", "/api/v1/notifications?unread=true&limit=5", admin, nil), &notes)
		if len(notes.Items) != 2 || notes.Items[0].ID == read || notes.Items[1].ID == read || notes.Items[0].ID < notes.Items[1].ID {
			t.Fatalf("unread list after reading %d = %+v, want the other two newest first", read, notes.Items)
		}
		notify(lab.UnreadCountMax + 50)
		decode(t, e.do("GET", "/api/v1/notifications?limit=1", admin, nil), &notes)
		if notes.Unread != lab.UnreadCountMax {
			t.Fatalf("unread with %d notices = %d, want the cap %d", lab.UnreadCountMax+52, notes.Unread, lab.UnreadCountMax)
		}
	})
}
