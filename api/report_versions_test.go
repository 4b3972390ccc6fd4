package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"torchlab/lab"
)

// reportBody reads a report's answer as sent, byte for byte.
func reportBody(t *testing.T, e *env, token, accession, query string) string {
	t.Helper()
	res := e.do("GET", "/api/v1/samples/"+accession+"/report"+query, token, nil)
	expectStatus(t, res, http.StatusOK)
	return res.Body.String()
}

// rubellaText is the English advice of her RUBV finding.
func rubellaText(t *testing.T, body string) (version int, text string, settings map[string]int, frozen bool) {
	t.Helper()
	var rep lab.Report
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Pathogen == "RUBV" {
			text = f.RecommendationEn
		}
	}
	return rep.Version, text, rep.Settings, rep.Frozen
}

// A released report is frozen (domain.md §0, Follow-up): a change of
// settings or of her name afterwards leaves every released version as it
// was; an amendment releases the next version with the settings then in
// force, and the earlier one stays retrievable, in JSON and as PDF.
func TestReleasedReportIsFrozen(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		// Not pregnant, not immune to rubella: the advice quotes the
		// deferral after vaccination.
		acc := e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"RUBV_IGG": "1"})
		var sm lab.SampleDetail
		decode(t, e.do("GET", "/api/v1/samples/"+acc, nurse, nil), &sm)

		v1 := reportBody(t, e, nurse, acc, "")
		version, text, settings, frozen := rubellaText(t, v1)
		if version != 1 || !frozen || settings["rubella_deferral_days"] != 90 || !strings.Contains(text, "avoid pregnancy for 90 days") {
			t.Fatalf("released report: version %d, frozen %v, settings %v, RUBV %q", version, frozen, settings, text)
		}
		if got := reportBody(t, e, nurse, acc, "?version=1"); got != v1 {
			t.Fatalf("?version=1 is not the current report:\n%s\n%s", got, v1)
		}

		t.Run("settings change", func(t *testing.T) {
			expectStatus(t, e.do("PUT", "/api/v1/settings", admin, map[string]any{"rubella_deferral_days": 28}), http.StatusOK)
			e.clock.Advance(time.Hour)
			for _, q := range []string{"", "?version=1"} {
				if got := reportBody(t, e, nurse, acc, q); got != v1 {
					t.Fatalf("report%s changed with the settings:\n%s\nwas\n%s", q, got, v1)
				}
			}
		})

		t.Run("name corrected", func(t *testing.T) {
			res := e.do("PATCH", path("/api/v1/clients/%d", sm.ClientID), nurse, map[string]any{"name": "王芳芳"})
			expectStatus(t, res, http.StatusOK)
			if got := reportBody(t, e, nurse, acc, ""); got != v1 {
				t.Fatalf("report changed with her name:\n%s\nwas\n%s", got, v1)
			}
		})

		t.Run("amendment", func(t *testing.T) {
			expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/results/TOXO_IGG/amend", tech, map[string]any{"value": "0.3", "reason": "re-run"}), http.StatusOK)
			// Pending: the released version is still the current one.
			if got := reportBody(t, e, nurse, acc, ""); got != v1 {
				t.Fatalf("a pending amendment changed the report:\n%s", got)
			}
			expectProblem(t, e.do("GET", "/api/v1/samples/"+acc+"/report?version=2", nurse, nil), http.StatusNotFound, "not_found")
			expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)

			v2 := reportBody(t, e, nurse, acc, "")
			version, text, settings, frozen := rubellaText(t, v2)
			if version != 2 || !frozen || settings["rubella_deferral_days"] != 28 || !strings.Contains(text, "avoid pregnancy for 28 days") {
				t.Fatalf("version 2: version %d, frozen %v, settings %v, RUBV %q", version, frozen, settings, text)
			}
			var rep lab.Report
			decode(t, e.do("GET", "/api/v1/samples/"+acc+"/report", nurse, nil), &rep)
			if rep.Name != "王芳芳" || len(rep.Amendments) != 1 || rep.Amendments[0].Version != 2 {
				t.Fatalf("version 2 = %+v", rep)
			}
			if got := reportBody(t, e, nurse, acc, "?version=2"); got != v2 {
				t.Fatalf("?version=2 is not the current report:\n%s\n%s", got, v2)
			}
			if got := reportBody(t, e, nurse, acc, "?version=1"); got != v1 {
				t.Fatalf("version 1 changed with the amendment:\n%s\nwas\n%s", got, v1)
			}
		})

		t.Run("PDF of each version", func(t *testing.T) {
			printed := e.auditCount("report.print")
			for _, c := range []struct {
				query, want, not, name string
			}{
				{"?lang=en&version=1", "90 days", "28 days", "王芳1"},
				{"?lang=en", "28 days", "90 days", "王芳芳"},
				{"?version=1", "90天", "28天", "王芳1"},
			} {
				res := e.do("GET", "/api/v1/samples/"+acc+"/report.pdf"+c.query, nurse, nil)
				expectStatus(t, res, http.StatusOK)
				text := strings.Join(strings.Fields(pdfToText(t, res.Body.Bytes())), " ")
				if text != "" && (!strings.Contains(text, c.want) || strings.Contains(text, c.not) || !strings.Contains(text, c.name)) {
					t.Errorf("report.pdf%s should say %q and %q, not %q:\n%s", c.query, c.want, c.name, c.not, text)
				}
			}
			var rows []lab.AuditEntry
			if err := e.db.Gorm.Where("action = ?", "report.print").Order("id").Find(&rows).Error; err != nil {
				t.Fatal(err)
			}
			if int64(len(rows)) != printed+3 {
				t.Fatalf("%d prints audited, want %d", len(rows), printed+3)
			}
			for i, want := range []int{1, 2, 1} {
				var ch struct{ Version int }
				if err := json.Unmarshal(rows[len(rows)-3+i].Changes, &ch); err != nil || ch.Version != want {
					t.Errorf("print %d audited %s, want version %d", i, rows[len(rows)-3+i].Changes, want)
				}
			}
		})

		t.Run("bad versions", func(t *testing.T) {
			for _, route := range []string{"/report", "/report.pdf"} {
				for _, c := range []struct{ version, code string }{{"0", "out_of_range"}, {"-1", "out_of_range"}, {"x", "not_integer"}, {"1.5", "not_integer"}} {
					p := expectProblem(t, e.do("GET", "/api/v1/samples/"+acc+route+"?version="+c.version, nurse, nil), http.StatusUnprocessableEntity, "validation")
					if !p.hasField("version", c.code) {
						t.Errorf("%s?version=%s: errors = %+v", route, c.version, p.Errors)
					}
				}
				expectProblem(t, e.do("GET", "/api/v1/samples/"+acc+route+"?version=3", nurse, nil), http.StatusNotFound, "not_found")
			}
		})
	})
}

// A sample released before reports were stored has no frozen version: its
// current report is built from today's records and says so; its earlier
// versions are not kept, and its next release is frozen as usual.
func TestReportReleasedBeforeFreezing(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		acc := e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"RUBV_IGG": "1"})
		if err := e.db.Gorm.Exec("DELETE FROM report_versions").Error; err != nil {
			t.Fatal(err)
		}
		expectStatus(t, e.do("PUT", "/api/v1/settings", admin, map[string]any{"rubella_deferral_days": 28}), http.StatusOK)
		for _, q := range []string{"", "?version=1"} {
			version, text, settings, frozen := rubellaText(t, reportBody(t, e, nurse, acc, q))
			if version != 1 || frozen || settings["rubella_deferral_days"] != 28 || !strings.Contains(text, "avoid pregnancy for 28 days") {
				t.Fatalf("report%s: version %d, frozen %v, settings %v, RUBV %q", q, version, frozen, settings, text)
			}
		}
		expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/results/TOXO_IGG/amend", tech, map[string]any{"value": "0.3", "reason": "re-run"}), http.StatusOK)
		expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
		if version, _, _, frozen := rubellaText(t, reportBody(t, e, nurse, acc, "")); version != 2 || !frozen {
			t.Fatalf("the amendment's release: version %d, frozen %v", version, frozen)
		}
		expectProblem(t, e.do("GET", "/api/v1/samples/"+acc+"/report?version=1", nurse, nil), http.StatusNotFound, "not_found")
	})
}
