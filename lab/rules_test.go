package lab

import (
	"testing"
	"time"
)

func TestThrottleDelay(t *testing.T) {
	p := throttlePolicy{Free: 5, FirstDelay: 30 * time.Second, MaxDelay: 15 * time.Minute}
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {4, 0}, {5, 30 * time.Second}, {6, time.Minute}, {7, 2 * time.Minute},
		{9, 8 * time.Minute}, {10, 15 * time.Minute}, {100, 15 * time.Minute},
	}
	for _, tc := range tests {
		if got := p.delayAfter(tc.failures); got != tc.want {
			t.Errorf("delayAfter(%d) = %v, want %v", tc.failures, got, tc.want)
		}
	}
}

func TestPasswordRules(t *testing.T) {
	tests := []struct {
		name, password, code string
	}{
		{"long enough", "ten chars!", ""},
		{"too short", "nine char", "too_short"},
		{"Chinese counts in characters", "我的密码很安全的十个", ""},
		{"too long for bcrypt", string(make([]byte, 73)) + "xxxxxxxx", "too_long"},
		{"same as username", "Nurse.Li.Wang", "same_as_username"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v Validation
			checkPassword(&v, "password", "nurse.li.wang", tc.password)
			err := v.Err()
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || e.Code != CodeValidation || len(e.Fields) != 1 || e.Fields[0].Code != tc.code {
				t.Fatalf("err = %#v, want field code %s", err, tc.code)
			}
		})
	}
}

func TestRoles(t *testing.T) {
	for _, r := range Roles {
		if !r.Valid() {
			t.Errorf("%s not valid", r)
		}
	}
	if Role("doctor").Valid() {
		t.Error("doctor is not a role")
	}
	if !RoleNurse.StationBound() || !RoleCounselor.StationBound() || RoleAdmin.StationBound() || RoleLabTech.StationBound() {
		t.Error("station binding is wrong")
	}
}

func TestStationScopeRule(t *testing.T) {
	a, b := int64(1), int64(2)
	tests := []struct {
		name  string
		actor Actor
		see   bool
	}{
		{"nurse, own station", Actor{UserID: 9, Role: RoleNurse, StationID: &a}, true},
		{"nurse, other station", Actor{UserID: 9, Role: RoleNurse, StationID: &b}, false},
		{"counselor without station", Actor{UserID: 9, Role: RoleCounselor}, false},
		{"lab tech", Actor{UserID: 9, Role: RoleLabTech}, true},
		{"admin", Actor{UserID: 9, Role: RoleAdmin}, true},
	}
	for _, tc := range tests {
		if got := tc.actor.canSeeStation(a); got != tc.see {
			t.Errorf("%s: canSeeStation = %v", tc.name, got)
		}
	}
}

func TestDefaultSettingsFollowTheSpecification(t *testing.T) {
	s := DefaultSettings()
	// domain.md §0: 13 weeks 6 days; due 24 h / 72 h / 7 days; three
	// unreached attempts on two days; serum keeps 7 days.
	if s.MaxGestationDays != 97 || s.DueHoursUrgent != 24 || s.DueHoursHigh != 72 || s.DueHoursRoutine != 168 ||
		s.LostMinUnreachedAttempts != 3 || s.LostMinDistinctDays != 2 || s.SpecimenStabilityDays != 7 || s.ScreeningsPerYear != 1 {
		t.Fatalf("defaults = %+v", s)
	}
	for _, r := range settingRules {
		if r.Default < r.Min || r.Default > r.Max {
			t.Errorf("%s: default %d outside %d..%d", r.Name, r.Default, r.Min, r.Max)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	id, err := decodeCursor(encodeCursor(12345))
	if err != nil || id != 12345 {
		t.Fatalf("round trip = %d, %v", id, err)
	}
	for _, bad := range []string{"@@", encodeCursor(0), "bm90LWEtbnVtYmVy"} {
		if _, err := decodeCursor(bad); err == nil {
			t.Errorf("cursor %q accepted", bad)
		}
	}
}

func TestRandomPassword(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		p := RandomPassword(16)
		if len(p) != 16 || seen[p] {
			t.Fatalf("password %q", p)
		}
		seen[p] = true
	}
}
