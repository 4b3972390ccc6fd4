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
	// System marks torchlab itself acting: the command line, background
	// jobs, the first start. Only the system passes role and station checks
	// without a user; an actor with neither is refused everything.
	System    bool
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

// ActorFrom returns the actor the context carries, or the zero Actor, which
// may do nothing that needs a role.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// canSeeStation reports whether the actor may see records of the station:
// admins and lab technicians see every station, nurses and counselors their
// own, an analyser (entering what it measured) and the system everything.
func (a Actor) canSeeStation(stationID int64) bool {
	switch {
	case a.System, a.Role == RoleAdmin, a.Role == RoleLabTech, a.Role == RoleAnalyser:
		return true
	case a.Role.StationBound():
		return a.StationID != nil && *a.StationID == stationID
	}
	return false
}

// SystemContext returns a context in which torchlab itself acts, named for
// the audit log (such as "(command line)").
func SystemContext(ctx context.Context, name string) context.Context {
	return WithActor(ctx, Actor{System: true, Username: name})
}

// require refuses the actor unless she has one of the roles. Route groups
// check roles too; this is the second line, for use cases that are also
// called from elsewhere.
func (a Actor) require(roles ...Role) error {
	if a.System {
		return nil
	}
	if a.UserID == 0 {
		return Errorf(CodeUnauthenticated, "sign in first")
	}
	for _, r := range roles {
		if a.Role == r {
			return nil
		}
	}
	return Errorf(CodeForbidden, "the %s role may not do this", a.Role)
}

// stationFilter applies station scope to a list's station filter: a nurse
// or counselor always gets her own station, and naming another one is
// CodeNotFound (API.md: a record of another station, named in a filter,
// answers 404); admins and lab technicians get what they named (nil: all).
func (a Actor) stationFilter(named *int64) (*int64, error) {
	if !a.Role.StationBound() {
		return named, nil
	}
	if a.StationID == nil || (named != nil && *named != *a.StationID) {
		return nil, notFound("station") // a station-bound user without one sees nothing
	}
	return a.StationID, nil
}
