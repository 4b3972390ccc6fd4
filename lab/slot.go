package lab

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"gorm.io/gorm"
)

// Slot is a bookable time at a station: a day, a start time of day in the
// station's zone, and how many women it takes. Booked counts the open and
// attended bookings; it never exceeds Capacity.
type Slot struct {
	ID        int64     `json:"id" gorm:"primaryKey"`
	StationID int64     `json:"station_id"`
	Day       Date      `json:"date"`
	StartTime string    `json:"start"`
	EndTime   string    `json:"end,omitempty"`
	StartsAt  time.Time `json:"starts_at"`
	DayEndsAt time.Time `json:"-"`
	Capacity  int       `json:"capacity"`
	Booked    int       `json:"booked"`
	// Closed slots take no new booking; the bookings they have stand.
	Closed    bool      `json:"closed"`
	CreatedBy *int64    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

func (sl *Slot) key() int64 { return sl.ID }

// Slot limits (API.md).
const (
	MinSlotCapacity = 1
	MaxSlotCapacity = 100_000
	// maxSlotRangeDays and maxSlotsPerRange keep one request from making an
	// unbounded number of rows.
	maxSlotRangeDays = 366
	maxSlotsPerRange = 5_000
	// maxSlotListDays bounds a slot listing.
	maxSlotListDays = 92
	// maxSlotAheadDays is how far ahead slots may be made.
	maxSlotAheadDays = 2 * 366
)

var timeOfDay = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// NewSlot is one slot to create.
type NewSlot struct {
	Date     string
	Start    string
	End      string
	Capacity int
}

// SlotRange creates a slot at each of Times on every day from From to To
// (inclusive) whose ISO weekday (1 = Monday … 7 = Sunday) is in Weekdays.
type SlotRange struct {
	From     string
	To       string
	Weekdays []int
	Times    []string
	End      string
	Capacity int
}

// SlotBatch is what a range made: the new slots, and how many it skipped
// because they existed already or had already started.
type SlotBatch struct {
	Items   []Slot `json:"items"`
	Total   int    `json:"total"`
	Skipped int    `json:"skipped"`
}

func checkCapacity(v *Validation, c int) {
	if c < MinSlotCapacity || c > MaxSlotCapacity {
		v.Add("capacity", "out_of_range", "1 to 100,000")
	}
}

func checkTimes(v *Validation, field, start, end string) {
	if !timeOfDay.MatchString(start) {
		v.Add(field, "invalid", "a time of day HH:MM")
	}
	if end != "" && (!timeOfDay.MatchString(end) || end <= start) {
		v.Add("end", "invalid", "a time of day HH:MM after the start")
	}
}

// slotScope loads the station slots are made for, refusing another
// station's (CodeNotFound) and roles that do not manage slots.
func (s *Service) slotStation(ctx context.Context, db *gorm.DB, stationID int64) (*Station, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleAdmin, RoleNurse); err != nil {
		return nil, err
	}
	return s.visibleStation(ctx, db, stationID)
}

// visibleStation loads a station the actor may see (CodeNotFound otherwise).
func (s *Service) visibleStation(ctx context.Context, db *gorm.DB, stationID int64) (*Station, error) {
	if !ActorFrom(ctx).canSeeStation(stationID) {
		return nil, notFound("station")
	}
	var st Station
	if err := db.First(&st, stationID).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("station")
		}
		return nil, err
	}
	return &st, nil
}

// newSlotAt builds a slot of the station; it computes the UTC instants of
// its start and of the end of its day (when unattended bookings become
// no-shows) from the station's zone.
func (s *Service) newSlotAt(ctx context.Context, now time.Time, st *Station, day Date, start, end string, capacity int) Slot {
	loc := st.Location()
	midnight := day.Time(loc)
	hh, mm := 0, 0
	fmt.Sscanf(start, "%d:%d", &hh, &mm)
	sl := Slot{
		StationID: st.ID, Day: day, StartTime: start, EndTime: end, Capacity: capacity,
		StartsAt:  time.Date(midnight.Year(), midnight.Month(), midnight.Day(), hh, mm, 0, 0, loc).UTC(),
		DayEndsAt: day.AddDays(1).Time(loc).UTC(),
		CreatedAt: now,
	}
	if a := ActorFrom(ctx); a.UserID != 0 {
		sl.CreatedBy = &a.UserID
	}
	return sl
}

// CreateSlot makes one slot. Admins, and nurses for their own station
// (CodeNotFound for another). CodeValidation for bad fields, CodeSlotInPast
// for a start that has passed, CodeSlotExists for a slot that exists.
func (s *Service) CreateSlot(ctx context.Context, stationID int64, in NewSlot) (*Slot, error) {
	var sl Slot
	err := s.inTx(ctx, func(tx *txDB) error {
		st, err := s.slotStation(ctx, tx.DB, stationID)
		if err != nil {
			return err
		}
		var v Validation
		day, derr := ParseDate(in.Date)
		if derr != nil {
			v.Add("date", "invalid", "a YYYY-MM-DD date")
		}
		checkTimes(&v, "start", in.Start, in.End)
		checkCapacity(&v, in.Capacity)
		if err := v.Err(); err != nil {
			return err
		}
		sl = s.newSlotAt(ctx, tx.now, st, day, in.Start, in.End, in.Capacity)
		if day.After(Today(tx.now, st.Location()).AddDays(maxSlotAheadDays)) {
			return &Error{Code: CodeValidation, Message: "slots are made at most two years ahead",
				Fields: []FieldError{{Field: "date", Code: "too_far"}}}
		}
		if !sl.StartsAt.After(tx.now) {
			return &Error{Code: CodeSlotInPast, Message: "that time has already passed at the station",
				Fields: []FieldError{{Field: "date", Code: string(CodeSlotInPast)}}}
		}
		if err := tx.Create(&sl).Error; err != nil {
			if isDuplicate(err) {
				return &Error{Code: CodeSlotExists, Message: fmt.Sprintf("the station already has a slot on %s at %s", day, in.Start),
					Fields: []FieldError{{Field: "start", Code: "taken"}}}
			}
			return err
		}
		return s.audit(ctx, tx, "slot.create", "slot", sl.ID, map[string]any{
			"station_id": st.ID, "date": sl.Day, "start": sl.StartTime, "capacity": sl.Capacity})
	})
	if err != nil {
		return nil, err
	}
	return &sl, nil
}

// CreateSlots makes a range of slots in one transaction, skipping those that
// exist already and times that have passed today. Same roles and errors as
// CreateSlot; a range that starts before today is CodeSlotInPast.
func (s *Service) CreateSlots(ctx context.Context, stationID int64, r SlotRange) (*SlotBatch, error) {
	out := &SlotBatch{Items: []Slot{}}
	err := s.inTx(ctx, func(tx *txDB) error {
		*out = SlotBatch{Items: []Slot{}} // a retry starts afresh
		st, err := s.slotStation(ctx, tx.DB, stationID)
		if err != nil {
			return err
		}
		var v Validation
		from, ferr := ParseDate(r.From)
		to, terr := ParseDate(r.To)
		if ferr != nil {
			v.Add("from", "invalid", "a YYYY-MM-DD date")
		}
		if terr != nil {
			v.Add("to", "invalid", "a YYYY-MM-DD date")
		}
		if ferr == nil && terr == nil {
			switch days := to.DaysSince(from); {
			case days < 0:
				v.Add("to", "before_from", "the range ends before it starts")
			case days >= maxSlotRangeDays:
				v.Add("to", "too_far", "a range covers at most 366 days")
			}
		}
		weekdays := map[int]bool{}
		if len(r.Weekdays) == 0 {
			v.Add("weekdays", "required", "ISO weekdays 1 (Monday) to 7 (Sunday)")
		}
		for _, w := range r.Weekdays {
			if w < 1 || w > 7 {
				v.Add("weekdays", "invalid", "ISO weekdays 1 (Monday) to 7 (Sunday)")
				break
			}
			weekdays[w] = true
		}
		if len(r.Times) == 0 {
			v.Add("times", "required", "one or more times of day HH:MM")
		}
		for _, t := range r.Times {
			if !timeOfDay.MatchString(t) {
				v.Add("times", "invalid", "times of day HH:MM")
				break
			}
		}
		if r.End != "" {
			v.Add("end", "not_allowed", "a range takes start times only")
		}
		checkCapacity(&v, r.Capacity)
		if err := v.Err(); err != nil {
			return err
		}
		if today := Today(tx.now, st.Location()); today.After(from) {
			return &Error{Code: CodeSlotInPast, Message: "the range starts before today",
				Fields: []FieldError{{Field: "from", Code: string(CodeSlotInPast)}}}
		}
		var existing []Slot
		if err := tx.Where("station_id = ? AND day BETWEEN ? AND ?", st.ID, from, to).Find(&existing).Error; err != nil {
			return err
		}
		taken := map[string]bool{}
		for _, e := range existing {
			taken[string(e.Day)+" "+e.StartTime] = true
		}
		now := tx.now
		if horizon := Today(now, st.Location()).AddDays(maxSlotAheadDays); to.After(horizon) {
			return &Error{Code: CodeValidation, Message: "slots are made at most two years ahead",
				Fields: []FieldError{{Field: "to", Code: "too_far"}}}
		}
		days := to.DaysSince(from)
		for i := 0; i <= days; i++ {
			day := from.AddDays(i)
			if !weekdays[day.Weekday()] {
				continue
			}
			for _, t := range r.Times {
				sl := s.newSlotAt(ctx, tx.now, st, day, t, "", r.Capacity)
				if taken[string(day)+" "+t] || !sl.StartsAt.After(now) {
					out.Skipped++
					continue
				}
				taken[string(day)+" "+t] = true
				out.Items = append(out.Items, sl)
			}
		}
		if len(out.Items) > maxSlotsPerRange {
			return &Error{Code: CodeValidation, Message: fmt.Sprintf("the range makes %d slots; at most %d at once", len(out.Items), maxSlotsPerRange),
				Fields: []FieldError{{Field: "to", Code: "too_many_slots"}}}
		}
		if len(out.Items) == 0 {
			return nil
		}
		if err := tx.CreateInBatches(&out.Items, 500).Error; err != nil {
			return err
		}
		out.Total = len(out.Items)
		return s.audit(ctx, tx, "slot.create_range", "station", st.ID, map[string]any{
			"from": from, "to": to, "weekdays": r.Weekdays, "times": r.Times,
			"capacity": r.Capacity, "created": out.Total, "skipped": out.Skipped})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListSlots returns a station's slots from one date to another (at most 92
// days; from defaults to today at the station, to to two weeks on), in time
// order. Every role may look, within its station scope.
func (s *Service) ListSlots(ctx context.Context, stationID int64, from, to string) ([]Slot, error) {
	st, err := s.visibleStation(ctx, s.read(ctx), stationID)
	if err != nil {
		return nil, err
	}
	var v Validation
	start := Today(s.now(), st.Location())
	if from != "" {
		if start, err = ParseDate(from); err != nil {
			v.Add("from", "invalid", "a YYYY-MM-DD date")
		}
	}
	end := start.AddDays(13)
	if to != "" {
		if end, err = ParseDate(to); err != nil {
			v.Add("to", "invalid", "a YYYY-MM-DD date")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if days := end.DaysSince(start); days < 0 || days >= maxSlotListDays {
		v.Add("to", "out_of_range", "from 0 to 91 days after from")
		return nil, v.Err()
	}
	slots := []Slot{}
	err = s.read(ctx).Where("station_id = ? AND day BETWEEN ? AND ?", st.ID, start, end).
		Order("day, start_time").Find(&slots).Error
	return slots, err
}
