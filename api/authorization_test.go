package api_test

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"torchlab/lab"
)

// adminRoutes are the routes only admins may call. Every route the router
// knows must be in one of the tables below (TestEveryRouteIsClassified), so
// a new route cannot slip in without its access being decided.
var adminRoutes = []string{
	"POST /api/v1/runs/:id/override",
	"GET /api/v1/stations",
	"POST /api/v1/stations",
	"POST /api/v1/analysers",
	"PATCH /api/v1/analysers/:id",
	"PATCH /api/v1/stations/:id",
	"GET /api/v1/users",
	"POST /api/v1/users",
	"GET /api/v1/users/:id",
	"PATCH /api/v1/users/:id",
	"GET /api/v1/settings",
	"PUT /api/v1/settings",
	"GET /api/v1/settings/rules",
	"GET /api/v1/settings/message-templates",
	"PUT /api/v1/settings/message-templates/:event/:lang",
	"DELETE /api/v1/settings/message-templates/:event/:lang",
	"GET /api/v1/settings/calendar",
	"PUT /api/v1/settings/calendar",
	"GET /api/v1/audit",
	"POST /api/v1/analytes/:code/kits",
	"PUT /api/v1/analytes/:code/plausible-range",
	"GET /api/v1/followups/safety-net",
	"PATCH /api/v1/followups/:id",
	"POST /api/v1/followups/:id/reopen",
}

// counselRoutes are the counselors' work: counselors and admins.
var counselRoutes = []string{
	"GET /api/v1/followups",
	"GET /api/v1/followups/:id",
	"POST /api/v1/followups/:id/contacts",
	"POST /api/v1/followups/:id/retest",
	"POST /api/v1/followups/:id/close",
	"POST /api/v1/followups/:id/external-results",
}

// deskRoutes are the reception desk's work: nurses and admins.
var deskRoutes = []string{
	"POST /api/v1/stations/:id/slots",
	"PATCH /api/v1/slots/:id",
	"DELETE /api/v1/slots/:id",
	"GET /api/v1/clients/:id/eligibility",
	"POST /api/v1/clients/:id/consent",
	"POST /api/v1/clients",
	"PATCH /api/v1/clients/:id",
	"POST /api/v1/appointments",
	"POST /api/v1/appointments/:id/check-in",
	"POST /api/v1/appointments/:id/no-show",
	"POST /api/v1/appointments/:id/cancel",
	"POST /api/v1/appointments/:id/reschedule",
	"POST /api/v1/appointments/:id/samples",
	"POST /api/v1/shipments",
	"POST /api/v1/shipments/:id/dispatch",
}

// benchRoutes are the lab bench's work: lab technicians and admins.
var benchRoutes = []string{
	"POST /api/v1/samples/:accession/receive",
	"GET /api/v1/samples/:accession/review",
	"POST /api/v1/samples/:accession/reject",
	"POST /api/v1/shipments/:id/scan",
	"PUT /api/v1/samples/:accession/results",
	"POST /api/v1/samples/:accession/results/:analyte/amend",
	"POST /api/v1/samples/:accession/verify",
	"POST /api/v1/results/import",
	"GET /api/v1/results/imports/:id/errors.csv",
	"GET /api/v1/analysers",
	"GET /api/v1/analysers/:id",
	"GET /api/v1/analysers/:id/messages",
	"GET /api/v1/lots",
	"POST /api/v1/lots",
	"POST /api/v1/lots/:id/use",
	"GET /api/v1/qc/materials",
	"POST /api/v1/qc/materials",
	"GET /api/v1/qc/materials/:id/chart",
	"GET /api/v1/qc/rejection-rates",
	"GET /api/v1/runs",
	"POST /api/v1/runs",
	"GET /api/v1/runs/:id",
	"POST /api/v1/runs/:id/samples",
	"POST /api/v1/runs/:id/qc",
	"POST /api/v1/runs/:id/corrective-action",
	"GET /api/v1/runs/:id/plate",
	"PUT /api/v1/runs/:id/plate",
	"GET /api/v1/runs/:id/plate.csv",
	"POST /api/v1/runs/:id/plate/od",
}

// printingRoutes print tube labels: nurses, lab technicians and admins.
var printingRoutes = []string{
	"GET /api/v1/samples/:accession/label.png",
	"GET /api/v1/samples/:accession/label.zpl",
	"GET /api/v1/labels.pdf",
	"POST /api/v1/samples/:accession/label/printed",
	"POST /api/v1/labels/printed",
}

// stationRoutes read a station's women: nurses, counselors and admins.
var stationRoutes = []string{
	"GET /api/v1/clients",
	"GET /api/v1/clients/:id",
	"GET /api/v1/clients/:id/national_id",
	"GET /api/v1/clients/:id/phone",
	"GET /api/v1/appointments",
	"GET /api/v1/appointments/:id",
	"GET /api/v1/recollections",
	"POST /api/v1/clients/:id/pregnancies",
	"GET /api/v1/clients/:id/pregnancies",
	"POST /api/v1/clients/:id/vaccinations",
	"GET /api/v1/clients/:id/vaccinations",
	"GET /api/v1/pregnancies",
	"POST /api/v1/pregnancies/:id/outcome",
	"PUT /api/v1/pregnancies/:id/outcome",
	"POST /api/v1/pregnancies/:id/contacts",
	"GET /api/v1/pregnancies/:id/contacts",
	"PUT /api/v1/clients/:id/reminders",
	"GET /api/v1/messages",
}

// signedInRoutes need a session, of any role.
var signedInRoutes = []string{
	"POST /api/v1/auth/logout",
	"GET /api/v1/me",
	"POST /api/v1/me/password",
	"GET /api/v1/stations/:id",
	"GET /api/v1/stations/:id/slots",
	"GET /api/v1/panels",
	"GET /api/v1/samples",
	"GET /api/v1/samples/:accession",
	"GET /api/v1/shipments",
	"GET /api/v1/shipments/:id",
	"GET /api/v1/analytes",
	"GET /api/v1/samples/:accession/report",
	"GET /api/v1/samples/:accession/report.pdf",
	"GET /api/v1/notifications",
	"POST /api/v1/notifications/:id/read",
	"GET /api/v1/fhir/DiagnosticReport/:accession",
	"GET /api/v1/fhir/DiagnosticReport/:accession/$everything",
	"GET /api/v1/reports/summary",
	"GET /api/v1/reports/summary.csv",
	"GET /api/v1/reports/summary.xlsx",
}

// publicRoutes need no session. The gateway's delivery receipts carry a
// secret token in their path instead (api/messages.go).
var publicRoutes = []string{
	"POST /api/v1/auth/login",
	"POST /api/v1/messages/receipts/:token",
	"GET /healthz",
	"GET /readyz",
	"GET /api/v1/openapi.yaml",
}

func TestEveryRouteIsClassified(t *testing.T) {
	e := newEnv(t, "sqlite")
	known := map[string]bool{}
	for _, list := range [][]string{adminRoutes, deskRoutes, stationRoutes, benchRoutes, printingRoutes, counselRoutes, signedInRoutes, publicRoutes} {
		for _, r := range list {
			known[r] = true
		}
	}
	var missing []string
	for _, r := range e.srv.Routes() {
		key := r.Method + " " + r.Path
		if !known[key] {
			missing = append(missing, key)
		}
		delete(known, key)
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes with no access class in authorization_test.go: %v", missing)
	}
	if len(known) > 0 {
		t.Errorf("classified routes the router does not have: %v", known)
	}
}

// concrete turns a route pattern into a path with a real id.
func concrete(route string, id int64) (method, path string) {
	method, path, _ = strings.Cut(route, " ")
	return method, strings.ReplaceAll(path, ":id", strconv.FormatInt(id, 10))
}

func TestAdminRoutesRefuseOtherRoles(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		tokens := map[lab.Role]string{
			lab.RoleNurse:     e.signIn("nurse", lab.RoleNurse, e.stationA),
			lab.RoleLabTech:   e.signIn("labtech", lab.RoleLabTech, 0),
			lab.RoleCounselor: e.signIn("counselor", lab.RoleCounselor, e.stationA),
		}
		before := e.totalAudit()
		for _, route := range adminRoutes {
			method, path := concrete(route, e.stationA)
			for role, token := range tokens {
				t.Run(string(role)+" "+route, func(t *testing.T) {
					expectProblem(t, e.do(method, path, token, map[string]any{}), http.StatusForbidden, "forbidden")
				})
			}
			t.Run("anonymous "+route, func(t *testing.T) {
				expectProblem(t, e.do(method, path, "", map[string]any{}), http.StatusUnauthorized, "unauthenticated")
			})
		}
		if after := e.totalAudit(); after != before {
			t.Fatalf("refused requests wrote %d audit rows", after-before)
		}
	})
}

// The desk's routes refuse lab technicians and counselors; the station's
// reading routes refuse lab technicians.
func TestStationRoutesRefuseOtherRoles(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		tech := e.signIn("labtech", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor", lab.RoleCounselor, e.stationA)
		for _, route := range deskRoutes {
			method, path := concrete(route, e.stationA)
			for _, token := range []string{tech, counselor} {
				expectProblem(t, e.do(method, path, token, map[string]any{}), http.StatusForbidden, "forbidden")
			}
		}
		for _, route := range stationRoutes {
			method, path := concrete(route, e.stationA)
			expectProblem(t, e.do(method, path, tech, nil), http.StatusForbidden, "forbidden")
		}
		nurse := e.signIn("nurse", lab.RoleNurse, e.stationA)
		for _, route := range benchRoutes {
			method, path := concrete(route, e.stationA)
			for _, token := range []string{nurse, counselor} {
				expectProblem(t, e.do(method, path, token, map[string]any{}), http.StatusForbidden, "forbidden")
			}
		}
		for _, route := range printingRoutes {
			method, path := concrete(route, e.stationA)
			expectProblem(t, e.do(method, path, counselor, nil), http.StatusForbidden, "forbidden")
		}
		for _, route := range counselRoutes {
			method, path := concrete(route, e.stationA)
			for _, token := range []string{nurse, tech} {
				expectProblem(t, e.do(method, path, token, map[string]any{}), http.StatusForbidden, "forbidden")
			}
		}
	})
}

func TestSignedInRoutesRefuseAnonymous(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		var routes []string
		for _, list := range [][]string{signedInRoutes, deskRoutes, stationRoutes, benchRoutes, printingRoutes, counselRoutes} {
			routes = append(routes, list...)
		}
		for _, route := range routes {
			method, path := concrete(route, e.stationA)
			expectProblem(t, e.do(method, path, "", map[string]any{}), http.StatusUnauthorized, "unauthenticated")
		}
	})
}

func TestStationScope(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		stationA := "/api/v1/stations/" + strconv.FormatInt(e.stationA, 10)
		stationB := "/api/v1/stations/" + strconv.FormatInt(e.stationB, 10)
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)

		tests := []struct {
			name   string
			token  string
			path   string
			status int
		}{
			{"nurse sees her station", nurse, stationA, http.StatusOK},
			{"nurse: another station is not found", nurse, stationB, http.StatusNotFound},
			{"counselor sees her station", counselor, stationA, http.StatusOK},
			{"counselor: another station is not found", counselor, stationB, http.StatusNotFound},
			{"lab tech sees every station", tech, stationB, http.StatusOK},
			{"admin sees every station", admin, stationB, http.StatusOK},
			{"no such station", admin, "/api/v1/stations/999999", http.StatusNotFound},
			{"not an id", admin, "/api/v1/stations/abc", http.StatusNotFound},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				res := e.do("GET", tc.path, tc.token, nil)
				if tc.status == http.StatusNotFound {
					p := expectProblem(t, res, http.StatusNotFound, "not_found")
					// Another station's record answers exactly like a missing one.
					if p.Detail != "no such station" && p.Detail != "no such record" {
						t.Fatalf("detail = %q", p.Detail)
					}
					return
				}
				expectStatus(t, res, tc.status)
			})
		}
	})
}
