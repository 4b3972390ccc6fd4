package lab

import (
	"context"
	"strings"
)

// ClientFilter selects clients for ListClients.
type ClientFilter struct {
	// Q is a partial name, a phone number or part of one (4 digits or
	// more), or a full 18-character ID number (matched through its keyed
	// hash, never by decrypting).
	Q         string
	StationID *int64
	Page      Page
}

// ListClients searches the clients the actor may see, newest first,
// keyset-paged, without a total. A nurse or counselor sees her station's;
// naming another station in the filter answers CodeNotFound.
func (s *Service) ListClients(ctx context.Context, f ClientFilter) (List[Client], error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleCounselor, RoleAdmin); err != nil {
		return List[Client]{}, err
	}
	q := s.read(ctx).Model(&Client{})
	station, err := a.stationFilter(f.StationID)
	if err != nil {
		return List[Client]{}, err
	}
	if station != nil {
		q = q.Where("station_id = ?", *station)
	}
	term := strings.TrimSpace(f.Q)
	digits := strings.NewReplacer(" ", "", "-", "").Replace(term)
	fragment := false
	switch {
	case term == "":
	case len(term) == 18 && allDigits(term[:17]):
		seal, err := s.sealer()
		if err != nil {
			return List[Client]{}, err
		}
		q = q.Where("national_id_hash = ?", seal.lookupHash("national_id", strings.ToUpper(term)))
	case allDigits(digits) && len(digits) >= 4:
		q, fragment = q.Where("phone LIKE ?", "%"+digits+"%"), true
	default:
		q, fragment = q.Where("name LIKE ?", "%"+escapeLike(term)+"%"), true
	}
	if fragment && station != nil {
		// The (station_id, name) and (station_id, phone) indexes hold
		// what the match reads.
		return pageByIDDescFromIndex[Client](q, s.read(ctx).Model(&Client{}), f.Page)
	}
	// No total: a count is a scan of every match (a million women, or
	// every name holding a character), where a page reads fifty.
	return pageByIDDesc[Client](q, f.Page, false)
}

// escapeLike makes % and _ in a search term match themselves. Both
// dialects take backslash as LIKE's default escape character.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
