package api_test

import (
	"strings"
	"testing"

	"torchlab/lab"
)

// The last four characters of her ID number find her among her station's
// women (a final X typed in either case); four digits of a phone still
// find by phone; another station's nurse finds nobody.
func TestSearchByLastFourOfID(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		her := e.register(nurse, clientBody(1))
		other := e.register(nurse, clientBody(2, with("phone", "13712345678")))
		withX := 0
		for n := 3; n < 400 && withX == 0; n++ {
			if strings.HasSuffix(womanID(n), "X") {
				withX = n
			}
		}
		if withX == 0 {
			t.Fatal("no test ID ends in X")
		}
		x := e.register(nurse, clientBody(withX))

		found := func(token, q string) []int64 {
			var list struct{ Items []lab.Client }
			decode(t, e.do("GET", "/api/v1/clients?q="+q, token, nil), &list)
			ids := []int64{}
			for _, c := range list.Items {
				ids = append(ids, c.ID)
			}
			return ids
		}
		tail := womanID(1)[14:]
		if got := found(nurse, tail); len(got) != 1 || got[0] != her {
			t.Fatalf("last four %s found %v, want [%d]", tail, got, her)
		}
		if got := found(nurse, strings.ToLower(womanID(withX)[14:])); len(got) != 1 || got[0] != x {
			t.Fatalf("last four with x found %v, want [%d]", got, x)
		}
		if got := found(nurse, "5678"); len(got) != 1 || got[0] != other {
			t.Fatalf("a phone's four digits found %v, want [%d]", got, other)
		}
		if got := found(nurseB, tail); len(got) != 0 {
			t.Fatalf("another station found %v", got)
		}
	})
}
