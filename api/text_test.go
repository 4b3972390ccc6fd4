package api_test

import (
	"net/http"
	"testing"

	"torchlab/lab"
)

// A right-to-left override shows "李\u202Eabc娜" as "李cba娜", and a NUL
// reached the label printer's field data: names, addresses and notes with
// control, bidirectional or zero-width characters are refused, naming the
// field, and white space is normalised.
func TestFreeTextRefusesInvisibleCharacters(t *testing.T) {
	e := newEnv(t, "sqlite")
	admin := e.signIn("boss", lab.RoleAdmin, 0)
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	id := e.register(nurse, clientBody(1))
	user := e.addUser("nurse.b", lab.RoleNurse, e.stationA)
	tests := []struct {
		name, method, path, token string
		body                      map[string]any
		field                     string
	}{
		{"client name with an override", "POST", "/api/v1/clients", nurse, clientBody(2, with("name", "李\u202Eabc娜")), "name"},
		{"client address with NUL", "POST", "/api/v1/clients", nurse, clientBody(3, with("address", "北京市\x00海淀区")), "address"},
		{"client renamed with a zero-width space", "PATCH", path("/api/v1/clients/%d", id), nurse, map[string]any{"name": "王\u200B芳"}, "name"},
		{"client address with an isolate", "PATCH", path("/api/v1/clients/%d", id), nurse, map[string]any{"address": "\u2067北京市"}, "address"},
		{"station name with a BOM", "POST", "/api/v1/stations", admin, map[string]any{"code": "STC", "name": "\uFEFF站"}, "name"},
		{"station renamed with ESC", "PATCH", path("/api/v1/stations/%d", e.stationB), admin, map[string]any{"name": "\x1b[2J"}, "name"},
		{"display name with a joiner", "POST", "/api/v1/users", admin, map[string]any{"username": "nurse.c", "password": testPassword,
			"role": "nurse", "station_id": e.stationA, "display_name": "护\u200D士"}, "display_name"},
		{"display name changed to an override", "PATCH", path("/api/v1/users/%d", user), admin, map[string]any{"display_name": "\u202Dx"}, "display_name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := expectProblem(t, e.do(tc.method, tc.path, tc.token, tc.body), http.StatusUnprocessableEntity, "invalid_characters")
			if !p.hasField(tc.field, "invalid_characters") {
				t.Fatalf("errors = %+v; want %s named", p.Errors, tc.field)
			}
		})
	}

	var c lab.ClientView
	decode(t, e.do("PATCH", path("/api/v1/clients/%d", id), nurse, map[string]any{"name": "  王\u3000 芳 ", "address": "北京市\n海淀区  中关村"}), &c)
	if c.Name != "王 芳" || c.Address != "北京市 海淀区 中关村" {
		t.Fatalf("name %q, address %q; want white space normalised", c.Name, c.Address)
	}
}
