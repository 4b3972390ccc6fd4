package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	fhirmodels "github.com/samply/golang-fhir-models/fhir-models/fhir"

	"torchlab/lab"
)

// An avidity, PCR or referral result is recorded on her case, audited, and
// exported; a high avidity before 12 weeks lowers a pregnant woman's
// IgM-positive case to routine and says why.
func TestExternalHighAvidityLowersPriority(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		// 7 weeks 2 days pregnant on 2 March, the test clock's day.
		acc := e.released(nurse, tech, tech2, 1, clientBody(1, with("category", "pregnant"), with("lmp_date", "2026-01-10")),
			map[string]string{"TOXO_IGG": "45", "TOXO_IGM": "15"})
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
		c := q.Items[0]
		if c.Priority != lab.Urgent {
			t.Fatalf("an IgM- and IgG-positive pregnant woman's case is %s", c.Priority)
		}
		url := path("/api/v1/followups/%d/external-results", c.ID)

		refused := []struct {
			name        string
			body        map[string]any
			field, code string
		}{
			{"unknown kind", map[string]any{"kind": "elisa", "result": "high", "performed_on": "2026-03-01"}, "kind", "invalid"},
			{"a result of another kind", map[string]any{"kind": "avidity", "result": "detected", "performed_on": "2026-03-01"}, "result", "invalid"},
			{"not a date", map[string]any{"kind": "avidity", "result": "high", "performed_on": "1 March"}, "performed_on", "invalid"},
			{"in the future", map[string]any{"kind": "avidity", "result": "high", "performed_on": "2026-03-03"}, "performed_on", "in_future"},
			{"HSV takes no avidity", map[string]any{"kind": "avidity", "pathogen": "HSV", "result": "high", "performed_on": "2026-03-01"}, "pathogen", "invalid"},
			{"a referral is not about a pathogen", map[string]any{"kind": "obstetric_referral", "pathogen": "TOXO", "result": "seen", "performed_on": "2026-03-01"}, "pathogen", "not_allowed"},
			{"a next action in the past", map[string]any{"kind": "pcr", "result": "not_detected", "performed_on": "2026-03-01",
				"next_action": map[string]any{"kind": "contact", "due_on": "2026-03-01"}}, "next_action.due_on", "in_past"},
		}
		for _, tc := range refused {
			t.Run(tc.name, func(t *testing.T) {
				before := e.totalAudit()
				p := expectProblem(t, e.do("POST", url, counselor, tc.body), http.StatusUnprocessableEntity, "validation")
				if !p.hasField(tc.field, tc.code) {
					t.Fatalf("errors = %+v", p.Errors)
				}
				if e.totalAudit() != before {
					t.Fatal("a refused result changed something")
				}
			})
		}

		// The pathogen is the case's only one with an IgM finding.
		res := e.do("POST", url, counselor, map[string]any{"kind": "avidity", "result": "high", "performed_on": "2026-03-02", "note": "hospital lab"})
		expectStatus(t, res, http.StatusCreated)
		var x lab.ExternalResult
		decode(t, res, &x)
		if x.Pathogen != "TOXO" || x.Effect != lab.EffectPriorityLowered {
			t.Fatalf("recorded %+v", x)
		}
		var d lab.CaseDetail
		decode(t, e.do("GET", path("/api/v1/followups/%d", c.ID), counselor, nil), &d)
		if d.Priority != lab.Routine || len(d.ExternalResults) != 1 || d.NextAction == nil || d.NextAction.Kind != lab.ActionContact ||
			d.NextAction.DueOn != "2026-03-09" {
			t.Fatalf("case after a high avidity: priority %s, next %+v, results %+v", d.Priority, d.NextAction, d.ExternalResults)
		}
		var why string
		for _, ev := range d.Timeline {
			if ev.Event == "external_result" {
				why = ev.Detail
			}
		}
		if !strings.Contains(why, "7+2 weeks") || !strings.Contains(why, "from urgent to routine") {
			t.Fatalf("the timeline says %q", why)
		}
		if e.auditCount("followup.external_result") != 1 {
			t.Fatal("the result was not audited")
		}

		// The bundle carries it as an Observation with no invented code.
		res = e.do("GET", "/api/v1/fhir/DiagnosticReport/"+acc+"/$everything", tech, nil)
		expectStatus(t, res, http.StatusOK)
		var bundle struct {
			Entry []struct {
				Resource json.RawMessage `json:"resource"`
			} `json:"entry"`
		}
		decode(t, res, &bundle)
		found := false
		for _, en := range bundle.Entry {
			var head struct{ ResourceType string }
			json.Unmarshal(en.Resource, &head)
			if head.ResourceType != "Observation" || !strings.Contains(string(en.Resource), "IgG avidity") {
				continue
			}
			var o fhirmodels.Observation
			strict(t, en.Resource, &o)
			if o.Code.Text == nil || *o.Code.Text != "Toxoplasma gondii IgG avidity" || len(o.Code.Coding) != 0 ||
				o.ValueCodeableConcept == nil || *o.ValueCodeableConcept.Text != "high" || *o.EffectiveDateTime != "2026-03-02" {
				t.Fatalf("avidity observation %s", en.Resource)
			}
			found = true
		}
		if !found {
			t.Fatalf("no avidity observation in %s", res.Body)
		}
	})
}

// High avidity from 12 weeks on cannot place the infection before the
// pregnancy: the priority stays.
func TestExternalAvidityTooLateKeepsPriority(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		// 12 weeks 0 days on 2 March.
		e.released(nurse, tech, tech2, 1, clientBody(1, with("category", "pregnant"), with("lmp_date", "2025-12-08")),
			map[string]string{"CMV_IGG": "45", "CMV_IGM": "3"})
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
		res := e.do("POST", path("/api/v1/followups/%d/external-results", q.Items[0].ID), counselor,
			map[string]any{"kind": "avidity", "pathogen": "cmv", "result": "high", "performed_on": "2026-03-02",
				"next_action": map[string]any{"kind": "external_result", "due_on": "2026-03-20"}})
		expectStatus(t, res, http.StatusCreated)
		var x lab.ExternalResult
		decode(t, res, &x)
		var d lab.CaseDetail
		decode(t, e.do("GET", path("/api/v1/followups/%d", q.Items[0].ID), counselor, nil), &d)
		if x.Effect != "" || x.Pathogen != "CMV" || d.Priority != lab.Urgent || d.NextAction.Kind != lab.ActionExternalResult ||
			d.NextAction.DueOn != "2026-03-20" {
			t.Fatalf("at 12 weeks: %+v, case %s %+v", x, d.Priority, d.NextAction)
		}
	})
}
