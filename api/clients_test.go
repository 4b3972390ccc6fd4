package api_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"torchlab/api"
	"torchlab/lab"
)

func TestRegisterClient(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)

		t.Run("registered, with masked number and phone", func(t *testing.T) {
			res := e.do("POST", "/api/v1/clients", nurse, clientBody(1, with("phone", "+86 139-0000-0001")))
			expectStatus(t, res, http.StatusCreated)
			var c lab.ClientView
			decode(t, res, &c)
			id := womanID(1)
			if c.NationalID != id[:3]+"***********"+id[14:] || c.Phone != "139****0001" || c.StationID != e.stationA ||
				c.BirthDate != lab.Date("1991-01-11") || !c.Consent.Given || c.Consent.TextVersion != "v1" ||
				c.Consent.RecordedBy == nil || c.Consent.RecordedAt == nil || c.Category != lab.Planning {
				t.Fatalf("client = %+v", c)
			}
			if strings.Contains(res.Body.String(), id) || strings.Contains(res.Body.String(), "13900000001") {
				t.Fatalf("the answer shows the full number or phone: %s", res.Body)
			}
			var row lab.AuditEntry
			e.db.Gorm.Where("action = ?", "client.register").First(&row)
			if row.ActorUsername != "nurse.a" || strings.Contains(string(row.Changes), id) {
				t.Fatalf("audit row = %+v", row)
			}
			var stored lab.Client
			e.db.Gorm.First(&stored, c.ID)
			if strings.Contains(stored.NationalIDSealed, id) || len(stored.NationalIDHash) != 64 {
				t.Fatalf("the number is stored in clear: %+v", stored)
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
			{"wrong check character", clientBody(2, with("national_id", womanID(2)[:17]+wrongCheck(womanID(2)))), 422, "validation", "national_id", "checksum"},
			{"man's number", clientBody(3, with("national_id", "440524188001010014")), 422, "not_female", "national_id", "not_female"},
			{"17 characters", clientBody(4, with("national_id", womanID(4)[:17])), 422, "validation", "national_id", "length"},
			{"old 15-digit card", clientBody(5, with("national_id", "110105491231002")), 422, "validation", "national_id", "legacy_15_digit"},
			{"impossible birth date", clientBody(6, with("national_id", "110105199502300021")), 422, "validation", "national_id", "birth_date"},
			{"pregnant without LMP", clientBody(7, with("category", "pregnant")), 422, "validation", "lmp_date", "required"},
			{"LMP in the future", clientBody(8, with("category", "pregnant"), with("lmp_date", "2026-03-05")), 422, "validation", "lmp_date", "in_future"},
			{"LMP not a date", clientBody(9, with("category", "pregnant"), with("lmp_date", "last week")), 422, "validation", "lmp_date", "invalid"},
			{"unknown category", clientBody(10, with("category", "divorced")), 422, "validation", "category", "invalid"},
			{"bad phone", clientBody(11, with("phone", "12345")), 422, "validation", "phone", "invalid"},
			{"no name", clientBody(12, with("name", " ")), 422, "validation", "name", "required"},
			{"no address", clientBody(13, with("address", "")), 422, "validation", "address", "required"},
			{"unknown consent text", clientBody(14, with("consent", map[string]any{"given": true, "text_version": "v9"})), 422, "validation", "consent.text_version", "invalid"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before := e.totalAudit()
				var n int64
				e.db.Gorm.Model(&lab.Client{}).Count(&n)
				p := expectProblem(t, e.do("POST", "/api/v1/clients", nurse, tc.body), tc.status, tc.code)
				if !p.hasField(tc.field, tc.fcode) || p.Detail == "" {
					t.Fatalf("problem = %+v", p)
				}
				var after int64
				e.db.Gorm.Model(&lab.Client{}).Count(&after)
				if e.totalAudit() != before || after != n {
					t.Fatal("a refused registration changed something")
				}
			})
		}

		t.Run("one woman is one client across stations", func(t *testing.T) {
			nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
			res := e.do("POST", "/api/v1/clients", nurseB, clientBody(1))
			p := expectProblem(t, res, http.StatusConflict, "duplicate_national_id")
			var body map[string]any
			json.Unmarshal(res.Body.Bytes(), &body)
			if body["station_code"] != "STA" || body["existing_client_id"] == nil || !p.hasField("national_id", "taken") {
				t.Fatalf("duplicate answer = %s", res.Body)
			}
		})

		t.Run("lower-case x is stored upper-case", func(t *testing.T) {
			id := e.register(nurse, clientBody(30, with("national_id", "11010519491231002x")))
			res := e.do("GET", path("/api/v1/clients/%d/national_id", id), nurse, nil)
			if !strings.Contains(res.Body.String(), `"11010519491231002X"`) {
				t.Fatalf("reveal = %s", res.Body)
			}
			var list struct{ Items []lab.ClientView }
			decode(t, e.do("GET", "/api/v1/clients?q=11010519491231002x", nurse, nil), &list)
			if len(list.Items) != 1 || list.Items[0].ID != id {
				t.Fatalf("search with lower-case x = %+v", list.Items)
			}
		})

		t.Run("registered without consent, recorded as not given", func(t *testing.T) {
			body := clientBody(20)
			delete(body, "consent")
			res := e.do("POST", "/api/v1/clients", nurse, body)
			expectStatus(t, res, http.StatusCreated)
			var c lab.ClientView
			decode(t, res, &c)
			if c.Consent.Given {
				t.Fatalf("consent = %+v", c.Consent)
			}
		})
	})
}

// wrongCheck returns a check character other than the right one.
func wrongCheck(id string) string {
	if id[17] == '1' {
		return "2"
	}
	return "1"
}

func TestClientSearchAndScope(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurseA := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		counselorA := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		li := e.register(nurseA, clientBody(1, with("name", "李秀英"), with("phone", "13912345678")))
		e.register(nurseA, clientBody(2, with("name", "张丽")))
		e.register(nurseB, clientBody(3, with("name", "李娜")))

		search := func(token, q string) []lab.ClientView {
			t.Helper()
			res := e.do("GET", "/api/v1/clients?q="+url.QueryEscape(q), token, nil)
			expectStatus(t, res, http.StatusOK)
			var list struct{ Items []lab.ClientView }
			decode(t, res, &list)
			return list.Items
		}
		if got := search(nurseA, "李"); len(got) != 1 || got[0].ID != li {
			t.Fatalf("partial name within station A: %+v", got)
		}
		if got := search(admin, "李"); len(got) != 2 {
			t.Fatalf("an admin searches every station: %+v", got)
		}
		if got := search(nurseA, "5678"); len(got) != 1 || got[0].ID != li {
			t.Fatalf("by phone digits: %+v", got)
		}
		if got := search(nurseA, womanID(1)); len(got) != 1 || got[0].ID != li {
			t.Fatalf("by full ID number: %+v", got)
		}
		if got := search(nurseB, womanID(1)); len(got) != 0 {
			t.Fatalf("another station's client found by number: %+v", got)
		}
		if got := search(nurseA, "%"); len(got) != 0 {
			t.Fatalf("%% matched everything: %+v", got)
		}
		expectProblem(t, e.do("GET", path("/api/v1/clients?station_id=%d", e.stationA), nurseB, nil), http.StatusNotFound, "not_found")

		client := path("/api/v1/clients/%d", li)
		expectStatus(t, e.do("GET", client, counselorA, nil), http.StatusOK)
		expectProblem(t, e.do("GET", client, nurseB, nil), http.StatusNotFound, "not_found")
		expectProblem(t, e.do("GET", client+"/national_id", nurseB, nil), http.StatusNotFound, "not_found")
		expectProblem(t, e.do("PATCH", client, nurseB, map[string]any{"name": "x"}), http.StatusNotFound, "not_found")

		t.Run("reveal is audited", func(t *testing.T) {
			res := e.do("GET", client+"/national_id", counselorA, nil)
			expectStatus(t, res, http.StatusOK)
			var out struct {
				NationalID string `json:"national_id"`
			}
			decode(t, res, &out)
			if out.NationalID != womanID(1) || res.Header().Get("Cache-Control") != "no-store" {
				t.Fatalf("reveal = %+v", out)
			}
			if e.auditCount("client.reveal_national_id") != 1 {
				t.Fatal("the reveal left no audit row")
			}
			res = e.do("GET", client+"/phone", counselorA, nil)
			if !strings.Contains(res.Body.String(), "13912345678") || e.auditCount("client.reveal_phone") != 1 {
				t.Fatalf("phone reveal = %s", res.Body)
			}
		})
	})
}

func TestCorrectClient(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		id := e.register(nurse, clientBody(1))
		client := path("/api/v1/clients/%d", id)

		res := e.do("PATCH", client, nurse, map[string]any{"phone": "13811112222", "category": "pregnant", "lmp_date": "2026-01-20"})
		expectStatus(t, res, http.StatusOK)
		var c lab.ClientView
		decode(t, res, &c)
		if c.Phone != "138****2222" || c.Category != lab.Pregnant || c.LMPDate == nil || *c.LMPDate != "2026-01-20" {
			t.Fatalf("client = %+v", c)
		}
		var row lab.AuditEntry
		e.db.Gorm.Where("action = ?", "client.update").First(&row)
		if !strings.Contains(string(row.Changes), "138****2222") || strings.Contains(string(row.Changes), "13811112222") {
			t.Fatalf("audit changes = %s", row.Changes)
		}

		p := expectProblem(t, e.do("PATCH", client, nurse, map[string]any{"category": "planning", "lmp_date": "2027-01-01"}),
			http.StatusUnprocessableEntity, "validation")
		if !p.hasField("lmp_date", "in_future") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		expectProblem(t, e.do("PATCH", client, nurse, map[string]any{"national_id": "440524188001010014"}),
			http.StatusUnprocessableEntity, "not_female")
		expectProblem(t, e.do("PATCH", client, nurse, map[string]any{"station_id": e.stationB}), http.StatusForbidden, "forbidden")

		res = e.do("PATCH", client, admin, map[string]any{"station_id": e.stationB})
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &c)
		if c.StationID != e.stationB {
			t.Fatalf("not moved: %+v", c)
		}
		expectProblem(t, e.do("GET", client, nurse, nil), http.StatusNotFound, "not_found")
	})
}

// No full ID number or phone reaches the logs, whatever a nurse does.
func TestNoPersonalDataInLogs(t *testing.T) {
	e := newEnv(t, "sqlite")
	var logs bytes.Buffer
	srv, err := api.New(e.svc, api.Config{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	id := e.register(nurse, clientBody(1, with("phone", "13912345678")))
	e.do("GET", "/api/v1/clients?q="+womanID(1), nurse, nil)
	e.do("GET", "/api/v1/clients?q=13912345678", nurse, nil)
	e.do("GET", path("/api/v1/clients/%d/national_id", id), nurse, nil)
	e.do("POST", "/api/v1/clients", nurse, clientBody(1, with("phone", "13912345678"))) // duplicate
	e.do("POST", "/api/v1/clients", nurse, clientBody(2, with("national_id", "440524188001010014")))
	if logs.Len() == 0 {
		t.Fatal("nothing was logged")
	}
	for _, secret := range []string{womanID(1), "13912345678", "440524188001010014", "王芳1"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the logs contain %s", secret)
		}
	}
}
