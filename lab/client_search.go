package lab

import (
	"context"
	"strings"

	"gorm.io/gorm"
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
	// A number typed in an input method's full-width mode is the same
	// number; a name is searched as typed.
	number := narrowWidth(term)
	digits := strings.NewReplacer(" ", "", "-", "").Replace(number)
	switch {
	case term == "":
	case len(number) == 18 && allDigits(number[:17]):
		seal, err := s.sealer()
		if err != nil {
			return List[Client]{}, err
		}
		q = q.Where("national_id_hash = ?", seal.lookupHash("national_id", strings.ToUpper(number)))
	case len(digits) == phoneGram && allDigits(digits[:3]) && (allDigits(digits[3:]) || digits[3] == 'x' || digits[3] == 'X'):
		// Four digits: a piece of her phone, or the last four of her ID number.
		return s.searchByTail(ctx, station, strings.ToUpper(digits), f.Page)
	case allDigits(digits) && len(digits) >= phoneGram:
		return s.searchByTerm(ctx, station, termPhone, digits, "phone", f.Page)
	default:
		return s.searchByTerm(ctx, station, termName, term, "name", f.Page)
	}
	// No total: a count is a scan of every match (a million women, or
	// every name holding a character), where a page reads fifty.
	return pageByIDDesc[Client](q, f.Page, false)
}

// searchByTerm pages through the clients whose name or phone (column)
// holds a fragment, newest first, without a total: at one station, or at
// every station when station is nil (an admin's search). The ids come from
// the fragment's search term (client_terms.go), newest first from an
// index of the terms (the primary key at a station,
// ix_client_terms_term across them) and confirmed with LIKE, then those
// rows. Across stations the term index (migration 00016) spares a LIKE
// row by row over every woman: half a second at a million women when few
// or none match, such as a mistyped phone number.
func (s *Service) searchByTerm(ctx context.Context, station *int64, field, fragment, column string, p Page) (List[Client], error) {
	limit, after, err := p.check()
	if err != nil {
		return List[Client]{}, err
	}
	terms := searchTerms(field, fragment)
	q := s.read(ctx).Table("client_terms").Where("client_terms.field = ? AND client_terms.term = ?", field, terms[0])
	// A name of three characters or more: she holds every pair of it, each
	// looked up in the terms' index, so that the database can start from
	// the rarest. By its first pair alone, "王秀锟" read and confirmed the
	// 2,500 names beginning "王秀" at a million women, though no name holds
	// "秀锟" (20 ms; 0.03 ms from the rare pair).
	for _, t := range terms[1:] {
		q = q.Where(`EXISTS (SELECT 1 FROM client_terms t2 WHERE t2.field = ? AND t2.term = ?
			AND t2.client_id = client_terms.client_id AND t2.station_id = client_terms.station_id)`, field, t)
	}
	q = q.Joins("JOIN clients ON clients.id = client_terms.client_id AND clients.station_id = client_terms.station_id").
		Where("clients."+column+" LIKE ?", "%"+escapeLike(fragment)+"%").
		Order("client_terms.client_id DESC").Limit(limit + 1)
	return s.termMatches(ctx, q, station, limit, after, p)
}

// searchByTail pages through the clients whose phone holds four digits or
// whose ID number ends in them, newest first, without a total: both terms
// looked up in client_terms at once, each confirmed on its own column.
func (s *Service) searchByTail(ctx context.Context, station *int64, four string, p Page) (List[Client], error) {
	limit, after, err := p.check()
	if err != nil {
		return List[Client]{}, err
	}
	q := s.read(ctx).Table("client_terms").
		Joins("JOIN clients ON clients.id = client_terms.client_id AND clients.station_id = client_terms.station_id").
		Where("(client_terms.field = ? AND client_terms.term = ? AND clients.phone LIKE ?) OR (client_terms.field = ? AND client_terms.term = ? AND clients.national_id_masked LIKE ?)",
			termPhone, four, "%"+escapeLike(four)+"%", termIDTail, four, "%"+escapeLike(four)).
		Distinct("client_terms.client_id").Order("client_terms.client_id DESC").Limit(limit + 1)
	return s.termMatches(ctx, q, station, limit, after, p)
}

// termMatches reads one page of the clients a client_terms query q
// (newest first, limit+1 ids) finds, at the station when one is given.
func (s *Service) termMatches(ctx context.Context, q *gorm.DB, station *int64, limit int, after int64, p Page) (List[Client], error) {
	if station != nil {
		q = q.Where("client_terms.station_id = ?", *station)
	}
	switch {
	case after != 0:
		q = q.Where("client_terms.client_id < ?", after)
	case p.Offset > 0:
		q = q.Offset(p.Offset)
	}
	var ids []int64
	if err := q.Pluck("client_terms.client_id", &ids).Error; err != nil {
		return List[Client]{}, err
	}
	out := List[Client]{Items: make([]Client, 0, len(ids))}
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.read(ctx).Where("id IN ?", ids).Order("id DESC").Find(&out.Items).Error; err != nil {
		return out, err
	}
	if len(out.Items) > limit {
		out.Items = out.Items[:limit]
		out.NextCursor = encodeCursor(out.Items[limit-1].ID)
	}
	return out, nil
}

// escapeLike makes % and _ in a search term match themselves. Both
// dialects take backslash as LIKE's default escape character.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
