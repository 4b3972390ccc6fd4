package lab

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Station is a family-planning service station: it registers women, draws
// their blood and follows them up. Dates and days at a station are counted
// in its time zone.
type Station struct {
	ID       int64  `json:"id" gorm:"primaryKey"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
	// Phone is the number messages to women may give them to call ("" when
	// none is recorded).
	Phone     string    `json:"phone"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at" gorm:"autoUpdateTime:false"`
}

func (st *Station) key() int64 { return st.ID }

// Location returns the station's time zone (the default zone if the stored
// name is somehow unknown, which validation prevents).
func (st *Station) Location() *time.Location {
	return location(st.Timezone)
}

// locations keeps the zones already loaded: time.LoadLocation reads and
// parses the zone's file on every call, and a zone's rules do not change
// while the process runs.
var locations sync.Map // name → *time.Location

// location is time.LoadLocation, remembered, with UTC for an unknown name.
func location(name string) *time.Location {
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	locations.Store(name, loc)
	return loc
}

// NewStation is what an admin gives to create a station.
type NewStation struct {
	Code     string
	Name     string
	Timezone string
	Phone    string
}

// StationPatch changes a station; nil fields stay as they are.
type StationPatch struct {
	Name     *string
	Timezone *string
	Phone    *string
	Active   *bool
}

var stationCodePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{1,15}$`)

func checkStationName(v *Validation, name string) {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		v.Add("name", "required", "a station needs a name")
	case n > 100:
		v.Add("name", "too_long", "at most 100 characters")
	}
}

func checkTimezone(v *Validation, tz string) {
	if tz == "" || tz == "Local" {
		v.Add("timezone", "invalid", "an IANA time zone such as Asia/Shanghai")
		return
	}
	if _, err := time.LoadLocation(tz); err != nil {
		v.Add("timezone", "invalid", "an IANA time zone such as Asia/Shanghai")
	}
}

// checkStationPhone normalizes a station's phone; "" records none.
func checkStationPhone(v *Validation, raw string) string {
	if strings.TrimSpace(raw) == "" {
		return ""
	}
	p, ok := normalizePhone(raw)
	if !ok {
		v.Add("phone", "invalid", "a mobile number or a landline with its area code")
	}
	return p
}

// CreateStation adds a station. Admins only (CodeForbidden); CodeValidation
// for a bad code, name or time zone; CodeDuplicateStationCode when the code
// is taken.
func (s *Service) CreateStation(ctx context.Context, in NewStation) (*Station, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	if in.Timezone == "" {
		in.Timezone = s.opts.DefaultTimezone
	}
	var v Validation
	in.Name = v.text("name", in.Name, oneLine)
	if !stationCodePattern.MatchString(in.Code) {
		v.Add("code", "invalid", "2 to 16 upper-case letters, digits or hyphens")
	}
	checkStationName(&v, in.Name)
	checkTimezone(&v, in.Timezone)
	phone := checkStationPhone(&v, in.Phone)
	if err := v.Err(); err != nil {
		return nil, err
	}
	st := &Station{Code: in.Code, Name: in.Name, Timezone: in.Timezone, Phone: phone, Active: true}
	err := s.inTx(ctx, func(tx *txDB) error {
		st.CreatedAt, st.UpdatedAt = tx.now, tx.now
		if err := tx.Create(st).Error; err != nil {
			if isDuplicate(err) {
				return &Error{Code: CodeDuplicateStationCode, Message: "station code " + in.Code + " is taken",
					Fields: []FieldError{{Field: "code", Code: "taken"}}}
			}
			return err
		}
		return s.audit(ctx, tx, "station.create", "station", st.ID, st)
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// UpdateStation changes a station's name, time zone, phone or active flag. Admins
// only; CodeNotFound, CodeValidation.
func (s *Service) UpdateStation(ctx context.Context, id int64, p StationPatch) (*Station, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	if p.Name != nil {
		*p.Name = v.text("name", *p.Name, oneLine)
		checkStationName(&v, *p.Name)
	}
	if p.Timezone != nil {
		checkTimezone(&v, *p.Timezone)
	}
	if p.Phone != nil {
		*p.Phone = checkStationPhone(&v, *p.Phone)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var st Station
	err := s.inTx(ctx, func(tx *txDB) error {
		if err := tx.First(&st, id).Error; err != nil {
			if isNotFound(err) {
				return notFound("station")
			}
			return err
		}
		changes := map[string]Change{}
		if p.Name != nil && *p.Name != st.Name {
			changes["name"] = Change{st.Name, *p.Name}
			st.Name = *p.Name
		}
		if p.Timezone != nil && *p.Timezone != st.Timezone {
			changes["timezone"] = Change{st.Timezone, *p.Timezone}
			st.Timezone = *p.Timezone
		}
		if p.Phone != nil && *p.Phone != st.Phone {
			changes["phone"] = Change{st.Phone, *p.Phone}
			st.Phone = *p.Phone
		}
		if p.Active != nil && *p.Active != st.Active {
			changes["active"] = Change{st.Active, *p.Active}
			st.Active = *p.Active
		}
		if len(changes) == 0 {
			return nil
		}
		st.UpdatedAt = tx.now
		if err := tx.Save(&st).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "station.update", "station", st.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return &st, nil
}

// GetStation returns one station. A nurse or counselor asking for another
// station's record gets CodeNotFound, as for a station that does not exist.
func (s *Service) GetStation(ctx context.Context, id int64) (*Station, error) {
	if !ActorFrom(ctx).canSeeStation(id) {
		return nil, notFound("station")
	}
	var st Station
	if err := s.read(ctx).First(&st, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("station")
		}
		return nil, err
	}
	return &st, nil
}

// StationByCode finds a station by its code (CodeNotFound).
func (s *Service) StationByCode(ctx context.Context, code string) (*Station, error) {
	var st Station
	err := s.read(ctx).Where("code = ?", strings.ToUpper(strings.TrimSpace(code))).First(&st).Error
	if err != nil {
		if isNotFound(err) {
			return nil, notFound("station")
		}
		return nil, err
	}
	if !ActorFrom(ctx).canSeeStation(st.ID) {
		return nil, notFound("station")
	}
	return &st, nil
}

// ListStations returns the stations the actor may see: all for admins and
// lab technicians, her own for a nurse or counselor.
func (s *Service) ListStations(ctx context.Context, page Page) (List[Station], error) {
	a := ActorFrom(ctx)
	if err := a.require(Roles...); err != nil {
		return List[Station]{}, err
	}
	q := s.read(ctx).Model(&Station{})
	if a.Role.StationBound() {
		q = q.Where("id = ?", derefID(a.StationID))
	}
	return pageByID[Station](q, page, false, true)
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
