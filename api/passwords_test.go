package api_test

import (
	"net/http"
	"testing"

	"torchlab/lab"
)

// "password", "12345678" and eight spaces were accepted: a new password has
// at least 10 characters, is not blank and is not a common one, wherever it
// is set.
func TestWeakPasswordsAreRefused(t *testing.T) {
	e := newEnv(t, "sqlite")
	admin := e.signIn("boss", lab.RoleAdmin, 0)
	nurse := e.addUser("nurse.a", lab.RoleNurse, e.stationA)
	tests := []struct{ password, code string }{
		{"password", "too_short"},
		{"12345678", "too_short"},
		{"        ", "blank"},
		{"          ", "blank"},
		{"qwertyuiop", "common"},
		{"woaini1314", "common"},
		{"aaaaaaaaaa", "too_simple"},
	}
	for _, tc := range tests {
		t.Run(tc.password, func(t *testing.T) {
			p := expectProblem(t, e.do("POST", "/api/v1/users", admin, map[string]any{"username": "weak.pw", "password": tc.password,
				"role": "lab_tech"}), http.StatusUnprocessableEntity, "validation")
			if !p.hasField("password", tc.code) {
				t.Errorf("create: errors %+v; want password %s", p.Errors, tc.code)
			}
			p = expectProblem(t, e.do("PATCH", path("/api/v1/users/%d", nurse), admin, map[string]any{"password": tc.password}),
				http.StatusUnprocessableEntity, "validation")
			if !p.hasField("password", tc.code) {
				t.Errorf("reset: errors %+v; want password %s", p.Errors, tc.code)
			}
			p = expectProblem(t, e.do("POST", "/api/v1/me/password", admin, map[string]any{"current_password": testPassword,
				"new_password": tc.password}), http.StatusUnprocessableEntity, "validation")
			if !p.hasField("new_password", tc.code) {
				t.Errorf("change: errors %+v; want new_password %s", p.Errors, tc.code)
			}
		})
	}
}
