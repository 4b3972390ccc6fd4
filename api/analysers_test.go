package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"torchlab/lab"
)

// Admins configure analysers; the lab reads them and their messages; an
// analyser's user is not listed as staff and cannot sign in.
func TestAnalyserRoutes(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		body := map[string]any{"name": "Cobas e411", "protocol": "hl7", "sender_id": "COBAS",
			"code_map": map[string]string{"toxo-g": "TOXO_IGG", "40677-3": "TOXO_IGM"}}
		expectProblem(t, e.do("POST", "/api/v1/analysers", tech, body), http.StatusForbidden, "forbidden")
		res := e.do("POST", "/api/v1/analysers", admin, body)
		expectStatus(t, res, http.StatusCreated)
		var an lab.Analyser
		decode(t, res, &an)
		if an.CodeMap["TOXO-G"] != "TOXO_IGG" || an.Username != fmt.Sprintf("analyser-%d", an.ID) || !an.Active {
			t.Fatalf("created %+v", an)
		}
		expectProblem(t, e.do("POST", "/api/v1/analysers", admin, body), http.StatusConflict, "conflict")
		bad := map[string]any{"name": "Other", "protocol": "hl7", "sender_id": "OTHER", "code_map": map[string]string{"X": "NOPE"}}
		if p := expectProblem(t, e.do("POST", "/api/v1/analysers", admin, bad), http.StatusUnprocessableEntity, "validation"); !p.hasField("code_map.X", "unknown_analyte") {
			t.Fatalf("%+v", p)
		}
		off := false
		res = e.do("PATCH", fmt.Sprintf("/api/v1/analysers/%d", an.ID), admin, map[string]any{"active": off})
		expectStatus(t, res, http.StatusOK)
		res = e.do("GET", "/api/v1/analysers", tech, nil)
		expectStatus(t, res, http.StatusOK)
		var list struct{ Items []lab.Analyser }
		decode(t, res, &list)
		if len(list.Items) != 1 || list.Items[0].Active {
			t.Fatalf("list %+v", list)
		}
		res = e.do("GET", fmt.Sprintf("/api/v1/analysers/%d/messages", an.ID), tech, nil)
		expectStatus(t, res, http.StatusOK)
		expectProblem(t, e.do("GET", fmt.Sprintf("/api/v1/analysers/%d/messages?ack=XX", an.ID), tech, nil), http.StatusUnprocessableEntity, "validation")
		expectProblem(t, e.do("GET", "/api/v1/analysers/999/messages", tech, nil), http.StatusNotFound, "not_found")
		res = e.do("GET", "/api/v1/users", admin, nil)
		var users struct{ Items []lab.User }
		decode(t, res, &users)
		for _, u := range users.Items {
			if u.Role == lab.RoleAnalyser {
				t.Fatalf("an analyser's user is listed as staff: %+v", u)
			}
		}
		expectProblem(t, e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": an.Username, "password": testPassword}),
			http.StatusUnauthorized, "invalid_credentials")
	})
}
