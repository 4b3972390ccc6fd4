package lab

import "context"

// Role is what a user does in the programme; it decides which routes she may
// call and, for nurses and counselors, that she sees only her station.
type Role string

// The four roles (DESIGN.md, "Who uses it").
const (
	RoleAdmin     Role = "admin"
	RoleNurse     Role = "nurse"
	RoleLabTech   Role = "lab_tech"
	RoleCounselor Role = "counselor"
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{RoleAdmin, RoleNurse, RoleLabTech, RoleCounselor}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// StationBound reports whether users of this role belong to one station
// and see only its records.
func (r Role) StationBound() bool { return r == RoleNurse || r == RoleCounselor }

// Actor is who is making a request, and from where. It travels in the
// context from the HTTP layer (or the command line) to the use cases, which
// check station scope with it and write it into audit rows.
type Actor struct {
	UserID    int64
	Username  string
	Role      Role
	StationID *int64
	IP        string
	RequestID string
}

type actorKey struct{}

// WithActor returns a context that carries a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor the context carries, or the zero Actor (a
// system actor with no user, such as a background job or the command line).
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// canSeeStation reports whether the actor may see records of the station:
// admins and lab technicians see every station, nurses and counselors their
// own, and a system actor (no user) everything.
func (a Actor) canSeeStation(stationID int64) bool {
	if !a.Role.StationBound() {
		return true
	}
	return a.StationID != nil && *a.StationID == stationID
}

// require refuses the actor unless she has one of the roles. Route groups
// check roles too; this is the second line, for use cases that are also
// called from elsewhere.
func (a Actor) require(roles ...Role) error {
	if a.UserID == 0 && a.Role == "" {
		return nil // the system itself: command line, background jobs
	}
	for _, r := range roles {
		if a.Role == r {
			return nil
		}
	}
	return Errorf(CodeForbidden, "the %s role may not do this", a.Role)
}
