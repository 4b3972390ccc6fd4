package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"torchlab/docs"
	"torchlab/lab"
)

func loadOpenAPI(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(docs.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("docs/openapi.yaml is not valid OpenAPI: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

var ginParam = regexp.MustCompile(`:(\w+)`)

// Every route of the router is in the reference, and the reference has no
// route the router lacks.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	doc, _ := loadOpenAPI(t)
	e := newEnv(t, "sqlite")
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	var missing []string
	for _, r := range e.srv.Routes() {
		key := r.Method + " " + ginParam.ReplaceAllString(r.Path, "{$1}")
		if !documented[key] {
			missing = append(missing, key)
		}
		delete(documented, key)
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes missing from docs/openapi.yaml: %v", missing)
	}
	if len(documented) > 0 {
		t.Errorf("docs/openapi.yaml documents routes the router lacks: %v", documented)
	}
	res := e.do("GET", "/api/v1/openapi.yaml", "", nil)
	if res.Code != http.StatusOK || !bytes.Equal(res.Body.Bytes(), docs.OpenAPI) {
		t.Fatalf("GET /api/v1/openapi.yaml = %d", res.Code)
	}
}

// checker validates every JSON answer a test gets against the reference.
type checker struct {
	t      *testing.T
	e      *env
	router routers.Router
	seen   map[string]bool
}

func (c *checker) do(method, path, token string, body any) *httptest.ResponseRecorder {
	c.t.Helper()
	res := c.e.do(method, path, token, body)
	req := httptest.NewRequest(method, path, nil)
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		c.t.Fatalf("%s %s: not in the reference: %v", method, path, err)
	}
	ct := res.Header().Get("Content-Type")
	if !strings.Contains(ct, "json") {
		return res
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 res.Code,
		Header:                 res.Header(),
		Body:                   io.NopCloser(bytes.NewReader(res.Body.Bytes())),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		c.t.Errorf("%s %s → %d does not match the reference: %v\n%s", method, path, res.Code, err, res.Body)
	}
	c.seen[method+" "+route.Path] = true
	return res
}

// A station's whole day, each answer checked against docs/openapi.yaml.
func TestAnswersMatchTheReference(t *testing.T) {
	_, router := loadOpenAPI(t)
	e := newEnv(t, "sqlite")
	c := &checker{t: t, e: e, router: router, seen: map[string]bool{}}
	admin := e.signIn("boss", lab.RoleAdmin, 0)
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)

	c.do("GET", "/healthz", "", nil)
	c.do("GET", "/api/v1/me", nurse, nil)
	c.do("GET", "/api/v1/stations", admin, nil)
	c.do("GET", path("/api/v1/stations/%d", e.stationA), nurse, nil)
	c.do("GET", "/api/v1/users", admin, nil)
	c.do("GET", "/api/v1/settings", admin, nil)
	c.do("GET", "/api/v1/settings/rules", admin, nil)
	c.do("GET", "/api/v1/analytes", tech, nil)
	c.do("GET", "/api/v1/panels", tech, nil)
	c.do("POST", "/api/v1/clients", nurse, clientBody(1, with("national_id", "bad"))) // a 422 problem
	res := c.do("POST", "/api/v1/clients", nurse, clientBody(1, with("category", "pregnant"), with("lmp_date", "2026-01-20")))
	var client lab.ClientView
	decode(t, res, &client)
	c.do("GET", "/api/v1/clients?q=王", nurse, nil)
	res = c.do("GET", path("/api/v1/clients/%d", client.ID), nurse, nil)
	var page struct{ Pregnancy struct{ ID int64 } }
	decode(t, res, &page)
	// Her pregnancy's worklist and a contact logged on it.
	c.do("GET", "/api/v1/pregnancies", nurse, nil)
	expectStatus(t, c.do("POST", path("/api/v1/pregnancies/%d/contacts", page.Pregnancy.ID), nurse,
		map[string]any{"task": "early_contact", "channel": "phone", "result": "no_answer"}), http.StatusCreated)
	c.do("GET", path("/api/v1/clients/%d/national_id", client.ID), nurse, nil)
	res = c.do("POST", path("/api/v1/stations/%d/slots", e.stationA), nurse, map[string]any{"date": "2026-03-02", "start": "23:00", "capacity": 10})
	var sl lab.Slot
	decode(t, res, &sl)
	c.do("GET", path("/api/v1/stations/%d/slots", e.stationA), nurse, nil)
	res = c.do("POST", "/api/v1/appointments", nurse, map[string]any{"client_id": client.ID, "slot_id": sl.ID})
	var ap lab.Appointment
	decode(t, res, &ap)
	c.do("GET", "/api/v1/appointments", nurse, nil)
	c.do("POST", path("/api/v1/appointments/%d/check-in", ap.ID), nurse, nil)
	res = c.do("POST", path("/api/v1/appointments/%d/samples", ap.ID), nurse, map[string]any{})
	var sm lab.Sample
	decode(t, res, &sm)
	c.do("GET", "/api/v1/samples/"+sm.Accession, nurse, nil)
	c.do("GET", "/api/v1/samples?status=collected", tech, nil)
	res = c.do("POST", "/api/v1/shipments", nurse, map[string]any{"accessions": []string{sm.Accession}})
	var sh lab.ShipmentDetail
	decode(t, res, &sh)
	c.do("POST", path("/api/v1/shipments/%d/dispatch", sh.ID), nurse, nil)
	c.do("POST", path("/api/v1/shipments/%d/scan", sh.ID), tech, map[string]any{"accession": sm.Accession})
	c.do("GET", path("/api/v1/shipments/%d", sh.ID), tech, nil)
	c.do("GET", "/api/v1/shipments", tech, nil)
	c.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil)
	c.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": allResults(map[string]string{"TOXO_IGM": "20"})})
	c.do("GET", "/api/v1/samples?status=resulted&include=results", tech, nil)
	c.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{}) // abnormal, not acknowledged: 409
	c.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{"acknowledge_abnormal": true})
	c.do("GET", "/api/v1/samples/"+sm.Accession+"/report", nurse, nil)
	c.do("GET", "/api/v1/samples/"+sm.Accession+"/report?version=1", nurse, nil)
	c.do("GET", "/api/v1/samples/"+sm.Accession+"/report?version=0", nurse, nil) // a 422 problem
	res = c.do("GET", "/api/v1/followups", counselor, nil)
	var q caseList
	decode(t, res, &q)
	c.do("GET", path("/api/v1/followups/%d", q.Items[0].ID), counselor, nil)
	c.do("POST", path("/api/v1/followups/%d/contacts", q.Items[0].ID), counselor, map[string]any{"channel": "phone", "result": "reached"})
	c.do("POST", path("/api/v1/followups/%d/close", q.Items[0].ID), counselor, map[string]any{"outcome": "counseled"})
	c.do("GET", "/api/v1/followups/safety-net", admin, nil)
	c.do("GET", "/api/v1/notifications", counselor, nil)
	c.do("GET", "/api/v1/recollections", nurse, nil)
	c.do("GET", "/api/v1/audit?limit=5", admin, nil)
	c.do("POST", "/api/v1/lots", tech, map[string]any{"analyte": "CMV_IGG", "kit": "k", "lot": "C1", "expires_on": "2027-01-01", "in_use": true})
	c.do("GET", "/api/v1/lots", tech, nil)
	res = c.do("POST", "/api/v1/qc/materials", tech, map[string]any{"analyte": "CMV_IGG", "lot": "Q1", "level": "low_positive",
		"target_mean": 8, "target_sd": 0.5, "valid_until": "2027-01-01"})
	var mat lab.QCMaterial
	decode(t, res, &mat)
	c.do("GET", "/api/v1/qc/materials", tech, nil)
	res = c.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"CMV_IGG"}})
	var run lab.RunDetail
	decode(t, res, &run)
	c.do("POST", path("/api/v1/runs/%d/qc", run.ID), tech, map[string]any{"material_id": mat.ID, "value": 9.3})
	c.do("GET", path("/api/v1/runs/%d", run.ID), tech, nil)
	c.do("GET", path("/api/v1/runs/%d/plate", run.ID), tech, nil)
	c.do("GET", path("/api/v1/runs/%d/plate.csv", run.ID), tech, nil)
	c.do("GET", "/api/v1/runs?date=2026-03-02", tech, nil)
	c.do("GET", path("/api/v1/qc/materials/%d/chart", mat.ID), tech, nil)
	c.do("GET", "/api/v1/qc/rejection-rates", tech, nil)
	// An analyser without a code map yet answers one (empty), as the
	// reference's required fields say.
	res = c.do("POST", "/api/v1/analysers", admin, map[string]any{"name": "Cobas e411", "protocol": "hl7", "sender_id": "COBAS"})
	var an struct{ ID int64 }
	decode(t, res, &an)
	c.do("PATCH", path("/api/v1/analysers/%d", an.ID), admin, map[string]any{"code_map": map[string]string{"toxo-g": "TOXO_IGG"}})
	c.do("GET", "/api/v1/analysers", tech, nil)
	// A message the analyser sent is listed with its answer, refused or not.
	sys := lab.SystemContext(context.Background(), "(test)")
	if _, err := e.svc.ApplyAnalyserResults(sys, an.ID, lab.InterfaceMessage{Protocol: lab.ProtocolHL7, ControlID: "C1", Raw: "MSH|^~\\&|COBAS"}); err != nil {
		t.Fatal(err)
	}
	c.do("GET", path("/api/v1/analysers/%d/messages", an.ID), tech, nil)
	// A woman not pregnant, vaccinated against rubella: the vaccination as
	// recorded and on her page.
	res = c.do("POST", "/api/v1/clients", nurse, clientBody(2))
	var her lab.ClientView
	decode(t, res, &her)
	expectStatus(t, c.do("POST", path("/api/v1/clients/%d/vaccinations", her.ID), nurse,
		map[string]any{"vaccine": "rubella", "given_on": "2026-03-01", "pregnancy_excluded": true}), http.StatusCreated)
	c.do("GET", path("/api/v1/clients/%d", her.ID), nurse, nil)
	// A kit version and a plausible range as their routes answer them.
	expectStatus(t, c.do("POST", "/api/v1/analytes/CMV_IGG/kits", admin, map[string]any{"kit": "K2", "unit": "AU/mL",
		"negative_below": 6, "positive_from": 8, "effective_from": "2026-04-01"}), http.StatusCreated)
	expectStatus(t, c.do("PUT", "/api/v1/analytes/CMV_IGG/plausible-range", admin, map[string]any{"min": 0, "max": 500}), http.StatusOK)
	if len(c.seen) < 35 {
		t.Fatalf("only %d operations checked", len(c.seen))
	}
}
