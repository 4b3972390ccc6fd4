package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"torchlab/lab"
)

func TestStations(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)

		t.Run("create", func(t *testing.T) {
			res := e.do("POST", "/api/v1/stations", admin, map[string]string{"code": "hd-01", "name": "海淀区计生服务站"})
			expectStatus(t, res, http.StatusCreated)
			var st lab.Station
			decode(t, res, &st)
			if st.Code != "HD-01" || st.Name != "海淀区计生服务站" || st.Timezone != "Asia/Shanghai" || !st.Active || st.ID == 0 {
				t.Fatalf("station = %+v", st)
			}
			var rows []lab.AuditEntry
			e.db.Gorm.Where("action = ? AND entity_id = ?", "station.create", strconv.FormatInt(st.ID, 10)).Find(&rows)
			if len(rows) != 1 || rows[0].ActorUsername != "boss" || rows[0].IP != "192.0.2.10" || rows[0].RequestID == "" {
				t.Fatalf("audit rows = %+v", rows)
			}
		})

		t.Run("duplicate code", func(t *testing.T) {
			res := e.do("POST", "/api/v1/stations", admin, map[string]string{"code": "HD-01", "name": "again"})
			p := expectProblem(t, res, http.StatusConflict, "duplicate_station_code")
			if !p.hasField("code", "taken") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})

		t.Run("bad fields change nothing", func(t *testing.T) {
			before := e.totalAudit()
			res := e.do("POST", "/api/v1/stations", admin, map[string]string{"code": "x", "name": "", "timezone": "Mars/Olympus"})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			for _, f := range []string{"code", "name", "timezone"} {
				if len(p.Errors) != 3 || !(p.hasField(f, "invalid") || p.hasField(f, "required")) {
					t.Fatalf("errors = %+v", p.Errors)
				}
			}
			if e.totalAudit() != before {
				t.Fatal("a refused change left an audit row")
			}
		})

		t.Run("unknown field", func(t *testing.T) {
			res := e.do("POST", "/api/v1/stations", admin, map[string]string{"code": "ZZ", "name": "Z", "tz": "UTC"})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("tz", "unknown") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})

		t.Run("wrong type", func(t *testing.T) {
			res := e.do("POST", "/api/v1/stations", admin, `{"code": 12, "name": "Z"}`)
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("code", "type") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})

		t.Run("update and list", func(t *testing.T) {
			path := "/api/v1/stations/" + strconv.FormatInt(e.stationB, 10)
			res := e.do("PATCH", path, admin, map[string]any{"name": "Station B (new site)", "timezone": "Asia/Urumqi", "active": false})
			expectStatus(t, res, http.StatusOK)
			var st lab.Station
			decode(t, res, &st)
			if st.Name != "Station B (new site)" || st.Timezone != "Asia/Urumqi" || st.Active {
				t.Fatalf("station = %+v", st)
			}
			var list struct {
				Items []lab.Station `json:"items"`
				Total int64         `json:"total"`
			}
			res = e.do("GET", "/api/v1/stations?limit=2", admin, nil)
			expectStatus(t, res, http.StatusOK)
			decode(t, res, &list)
			if list.Total != 3 || len(list.Items) != 2 {
				t.Fatalf("list = %+v", list)
			}
		})
	})
}

func TestUsers(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		var nurseID int64

		t.Run("create", func(t *testing.T) {
			res := e.do("POST", "/api/v1/users", admin, map[string]any{"username": "Nurse.Wu", "password": "initial pass",
				"role": "nurse", "station_id": e.stationA, "display_name": "吴护士"})
			expectStatus(t, res, http.StatusCreated)
			var u map[string]any
			decode(t, res, &u)
			if u["username"] != "nurse.wu" || u["must_change_password"] != true || u["display_name"] != "吴护士" {
				t.Fatalf("user = %v", u)
			}
			if _, leaked := u["password_hash"]; leaked {
				t.Fatal("the answer shows the password hash")
			}
			nurseID = int64(u["id"].(float64))
			var row lab.AuditEntry
			e.db.Gorm.Where("action = ?", "user.create").Order("id DESC").First(&row)
			if string(row.Changes) == "" || json.Valid(row.Changes) == false || containsAny(string(row.Changes), "initial pass", "$2a$") {
				t.Fatalf("audit changes = %s", row.Changes)
			}
		})

		tests := []struct {
			name   string
			body   map[string]any
			status int
			code   string
			field  string
			fcode  string
		}{
			{"duplicate username", map[string]any{"username": "nurse.wu", "password": "whatever-12", "role": "nurse", "station_id": e.stationA},
				http.StatusConflict, "duplicate_username", "username", "taken"},
			{"nurse without station", map[string]any{"username": "n2", "password": "whatever-12", "role": "nurse"},
				http.StatusUnprocessableEntity, "validation", "station_id", "required"},
			{"lab tech with station", map[string]any{"username": "t2x", "password": "whatever-12", "role": "lab_tech", "station_id": e.stationA},
				http.StatusUnprocessableEntity, "validation", "station_id", "must_be_empty"},
			{"unknown station", map[string]any{"username": "n3x", "password": "whatever-12", "role": "counselor", "station_id": 9999},
				http.StatusUnprocessableEntity, "validation", "station_id", "not_found"},
			{"unknown role", map[string]any{"username": "n4x", "password": "whatever-12", "role": "doctor"},
				http.StatusUnprocessableEntity, "validation", "role", "invalid"},
			{"short password", map[string]any{"username": "n5x", "password": "short", "role": "lab_tech"},
				http.StatusUnprocessableEntity, "validation", "password", "too_short"},
			{"bad username", map[string]any{"username": "a b", "password": "whatever-12", "role": "lab_tech"},
				http.StatusUnprocessableEntity, "validation", "username", "invalid"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before := e.totalAudit()
				p := expectProblem(t, e.do("POST", "/api/v1/users", admin, tc.body), tc.status, tc.code)
				if !p.hasField(tc.field, tc.fcode) {
					t.Fatalf("errors = %+v", p.Errors)
				}
				if e.totalAudit() != before {
					t.Fatal("a refused change left an audit row")
				}
			})
		}

		t.Run("deactivate ends her sessions", func(t *testing.T) {
			id := e.addUser("leaving", lab.RoleCounselor, e.stationA)
			token := e.login("leaving", testPassword)
			res := e.do("PATCH", "/api/v1/users/"+strconv.FormatInt(id, 10), admin, map[string]any{"active": false, "display_name": "已离职"})
			expectStatus(t, res, http.StatusOK)
			expectProblem(t, e.do("GET", "/api/v1/me", token, nil), http.StatusUnauthorized, "unauthenticated")
			var row lab.AuditEntry
			err := e.db.Gorm.Where("action = ? AND entity_id = ?", "user.update", strconv.FormatInt(id, 10)).First(&row).Error
			var changes map[string]lab.Change
			json.Unmarshal(row.Changes, &changes)
			if err != nil || changes["active"].From != true || changes["active"].To != false || changes["display_name"].To != "已离职" {
				t.Fatalf("audit row %+v (%v)", row, err)
			}
		})

		t.Run("password too long for bcrypt", func(t *testing.T) {
			res := e.do("POST", "/api/v1/users", admin, map[string]any{"username": "longpw", "password": strings.Repeat("密", 30), "role": "lab_tech"})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("password", "too_long") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})

		t.Run("created switched off", func(t *testing.T) {
			res := e.do("POST", "/api/v1/users", admin, map[string]any{"username": "later", "password": "whatever-12", "role": "lab_tech", "active": false})
			expectStatus(t, res, http.StatusCreated)
			var u lab.User
			decode(t, res, &u)
			if u.Active {
				t.Fatal("active: false was ignored")
			}
		})

		t.Run("admin reset forces a change", func(t *testing.T) {
			res := e.do("PATCH", "/api/v1/users/"+strconv.FormatInt(nurseID, 10), admin, map[string]any{"password": "reset by boss"})
			expectStatus(t, res, http.StatusOK)
			token := e.login("nurse.wu", "reset by boss")
			expectProblem(t, e.do("GET", "/api/v1/stations/"+strconv.FormatInt(e.stationA, 10), token, nil),
				http.StatusForbidden, "password_change_required")
		})

		t.Run("role change to lab tech drops the station", func(t *testing.T) {
			res := e.do("PATCH", "/api/v1/users/"+strconv.FormatInt(nurseID, 10), admin, map[string]any{"role": "lab_tech"})
			expectStatus(t, res, http.StatusOK)
			var u lab.User
			decode(t, res, &u)
			if u.Role != lab.RoleLabTech || u.StationID != nil {
				t.Fatalf("user = %+v", u)
			}
		})

		t.Run("last admin stays", func(t *testing.T) {
			var me struct{ ID int64 }
			decode(t, e.do("GET", "/api/v1/me", admin, nil), &me)
			path := "/api/v1/users/" + strconv.FormatInt(me.ID, 10)
			expectProblem(t, e.do("PATCH", path, admin, map[string]any{"active": false}), http.StatusConflict, "last_admin")
			expectProblem(t, e.do("PATCH", path, admin, map[string]any{"role": "lab_tech"}), http.StatusConflict, "last_admin")
			e.addUser("boss2", lab.RoleAdmin, 0)
			expectStatus(t, e.do("PATCH", path, admin, map[string]any{"role": "lab_tech"}), http.StatusOK)
		})

		t.Run("get and list", func(t *testing.T) {
			admin2 := e.login("boss2", testPassword)
			expectStatus(t, e.do("GET", "/api/v1/users/"+strconv.FormatInt(nurseID, 10), admin2, nil), http.StatusOK)
			expectProblem(t, e.do("GET", "/api/v1/users/999999", admin2, nil), http.StatusNotFound, "not_found")
			var list struct {
				Items []lab.User `json:"items"`
				Total int64      `json:"total"`
			}
			res := e.do("GET", "/api/v1/users?role=counselor", admin2, nil)
			expectStatus(t, res, http.StatusOK)
			decode(t, res, &list)
			if list.Total != 1 || len(list.Items) != 1 || list.Items[0].Username != "leaving" {
				t.Fatalf("list = %+v", list)
			}
			expectProblem(t, e.do("GET", "/api/v1/users?role=doctor", admin2, nil), http.StatusUnprocessableEntity, "validation")
			expectProblem(t, e.do("GET", "/api/v1/users?limit=500", admin2, nil), http.StatusUnprocessableEntity, "validation")
		})
	})
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestSettings(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		var st lab.Settings
		res := e.do("GET", "/api/v1/settings", admin, nil)
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &st)
		if st != lab.DefaultSettings() || st.MaxGestationDays != 97 || st.DueHoursUrgent != 24 || st.SpecimenStabilityDays != 7 {
			t.Fatalf("defaults = %+v", st)
		}

		t.Run("bad values change nothing", func(t *testing.T) {
			before := e.totalAudit()
			res := e.do("PUT", "/api/v1/settings", admin, map[string]any{
				"max_gestation_days": 90, "due_hours_urgent": 0, "rubella_deferral_days": "three months", "no_such_rule": 1,
				"due_hours_high": nil})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("due_hours_urgent", "out_of_range") || !p.hasField("rubella_deferral_days", "not_integer") ||
				!p.hasField("no_such_rule", "unknown") || !p.hasField("due_hours_high", "not_integer") || len(p.Errors) != 4 {
				t.Fatalf("errors = %+v", p.Errors)
			}
			var now lab.Settings
			decode(t, e.do("GET", "/api/v1/settings", admin, nil), &now)
			if now.MaxGestationDays != 97 {
				t.Fatal("a refused update changed a setting")
			}
			if e.totalAudit() != before {
				t.Fatal("a refused update left an audit row")
			}
		})

		t.Run("change", func(t *testing.T) {
			res := e.do("PUT", "/api/v1/settings", admin, map[string]any{"max_gestation_days": 90, "due_hours_high": 48})
			expectStatus(t, res, http.StatusOK)
			var got lab.Settings
			decode(t, res, &got)
			if got.MaxGestationDays != 90 || got.DueHoursHigh != 48 || got.DueHoursUrgent != 24 {
				t.Fatalf("settings = %+v", got)
			}
			// and again, so the stored row is updated rather than inserted
			expectStatus(t, e.do("PUT", "/api/v1/settings", admin, map[string]any{"max_gestation_days": 91}), http.StatusOK)
			var rows []lab.AuditEntry
			e.db.Gorm.Where("action = ?", "settings.update").Order("id").Find(&rows)
			if len(rows) != 2 {
				t.Fatalf("audit rows = %d", len(rows))
			}
			var changes map[string]lab.Change
			json.Unmarshal(rows[0].Changes, &changes)
			if changes["max_gestation_days"].From != float64(97) || changes["max_gestation_days"].To != float64(90) ||
				changes["due_hours_high"].To != float64(48) {
				t.Fatalf("audited changes = %s", rows[0].Changes)
			}
			decode(t, e.do("GET", "/api/v1/settings", admin, nil), &got)
			if got.MaxGestationDays != 91 {
				t.Fatalf("settings = %+v", got)
			}
		})

		t.Run("rules", func(t *testing.T) {
			var out struct{ Items []lab.SettingRule }
			decode(t, e.do("GET", "/api/v1/settings/rules", admin, nil), &out)
			if len(out.Items) != len(lab.SettingRules()) || out.Items[0].Name == "" {
				t.Fatalf("rules = %+v", out)
			}
		})
	})
}

func TestAuditLog(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		for i := 0; i < 3; i++ {
			e.do("PATCH", "/api/v1/stations/"+strconv.FormatInt(e.stationA, 10), admin, map[string]any{"name": "A" + strconv.Itoa(i)})
		}
		var page struct {
			Items      []lab.AuditEntry `json:"items"`
			NextCursor string           `json:"next_cursor"`
		}
		res := e.do("GET", "/api/v1/audit?entity=station&entity_id="+strconv.FormatInt(e.stationA, 10)+"&actor=boss&limit=2", admin, nil)
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &page)
		if len(page.Items) != 2 || page.NextCursor == "" || page.Items[0].ID < page.Items[1].ID || page.Items[0].Action != "station.update" {
			t.Fatalf("page = %+v", page)
		}
		var changes map[string]lab.Change
		json.Unmarshal(page.Items[0].Changes, &changes)
		if changes["name"].From != "A1" || changes["name"].To != "A2" {
			t.Fatalf("changes = %s", page.Items[0].Changes)
		}
		res = e.do("GET", "/api/v1/audit?entity=station&entity_id="+strconv.FormatInt(e.stationA, 10)+"&actor=boss&limit=2&cursor="+page.NextCursor, admin, nil)
		var next struct {
			Items      []lab.AuditEntry `json:"items"`
			NextCursor string           `json:"next_cursor"`
		}
		decode(t, res, &next)
		if len(next.Items) != 1 || next.NextCursor != "" || next.Items[0].ID >= page.Items[1].ID {
			t.Fatalf("second page = %+v", next)
		}
		expectProblem(t, e.do("GET", "/api/v1/audit?cursor=@@", admin, nil), http.StatusUnprocessableEntity, "validation")
		expectProblem(t, e.do("GET", "/api/v1/audit?from=yesterday", admin, nil), http.StatusUnprocessableEntity, "validation")
	})
}
