package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"gorm.io/gorm/clause"
)

// Settings are the programme's rules that admins change in the UI: they
// change with policy, not with deployments (DESIGN.md, "Configuration").
// Defaults are domain.md §0's. Each field has a row in settingRules, which
// gives its name, default and allowed range; a later rule is added there.
type Settings struct {
	// Eligibility.
	ScreeningsPerYear int `json:"screenings_per_year"`
	MaxGestationDays  int `json:"max_gestation_days"`
	// Follow-up due times after release, per priority.
	DueHoursUrgent  int `json:"due_hours_urgent"`
	DueHoursHigh    int `json:"due_hours_high"`
	DueHoursRoutine int `json:"due_hours_routine"`
	// Closing as lost to follow-up.
	LostMinUnreachedAttempts int `json:"lost_min_unreached_attempts"`
	LostMinDistinctDays      int `json:"lost_min_distinct_days"`
	// Rubella vaccination: days to avoid pregnancy afterwards.
	RubellaDeferralDays int `json:"rubella_deferral_days"`
	// Specimens older than this at receipt are rejected as expired.
	SpecimenStabilityDays int `json:"specimen_stability_days"`
}

// SettingRule describes one setting: its name in the API, default, range
// and meaning.
type SettingRule struct {
	Name    string `json:"name"`
	Default int    `json:"default"`
	Min     int    `json:"min"`
	Max     int    `json:"max"`
	Unit    string `json:"unit"`
	Doc     string `json:"doc"`
	field   func(*Settings) *int
}

var settingRules = []SettingRule{
	{Name: "screenings_per_year", Default: 1, Min: 1, Max: 12, Unit: "screenings",
		Doc:   "free screenings per client per calendar year",
		field: func(s *Settings) *int { return &s.ScreeningsPerYear }},
	{Name: "max_gestation_days", Default: 13*7 + 6, Min: 0, Max: 40 * 7, Unit: "days",
		Doc:   "latest gestational age (days after the last menstrual period) at which a pregnant client may be screened; 97 = 13 weeks 6 days",
		field: func(s *Settings) *int { return &s.MaxGestationDays }},
	{Name: "due_hours_urgent", Default: 24, Min: 1, Max: 24 * 30, Unit: "hours",
		Doc:   "time to act on an urgent follow-up case after release",
		field: func(s *Settings) *int { return &s.DueHoursUrgent }},
	{Name: "due_hours_high", Default: 72, Min: 1, Max: 24 * 30, Unit: "hours",
		Doc:   "time to act on a high-priority follow-up case after release",
		field: func(s *Settings) *int { return &s.DueHoursHigh }},
	{Name: "due_hours_routine", Default: 7 * 24, Min: 1, Max: 24 * 60, Unit: "hours",
		Doc:   "time to act on a routine follow-up case after release",
		field: func(s *Settings) *int { return &s.DueHoursRoutine }},
	{Name: "lost_min_unreached_attempts", Default: 3, Min: 1, Max: 20, Unit: "attempts",
		Doc:   "unreached contact attempts needed before a case may close as lost to follow-up",
		field: func(s *Settings) *int { return &s.LostMinUnreachedAttempts }},
	{Name: "lost_min_distinct_days", Default: 2, Min: 1, Max: 20, Unit: "days",
		Doc:   "different days those attempts must span",
		field: func(s *Settings) *int { return &s.LostMinDistinctDays }},
	{Name: "rubella_deferral_days", Default: 90, Min: 28, Max: 90, Unit: "days",
		Doc:   "days to avoid pregnancy after rubella vaccination, quoted in the recommendation (ACIP 28 days to the package insert's 3 months)",
		field: func(s *Settings) *int { return &s.RubellaDeferralDays }},
	{Name: "specimen_stability_days", Default: 7, Min: 1, Max: 30, Unit: "days",
		Doc:   "days a serum specimen keeps at 2–8 °C; older at receipt is expired",
		field: func(s *Settings) *int { return &s.SpecimenStabilityDays }},
}

// SettingRules lists every setting with its default and range, for the UI.
func SettingRules() []SettingRule { return settingRules }

func settingRule(name string) (SettingRule, bool) {
	for _, r := range settingRules {
		if r.Name == name {
			return r, true
		}
	}
	return SettingRule{}, false
}

// DefaultSettings returns the settings as domain.md §0 sets them.
func DefaultSettings() Settings {
	var s Settings
	for _, r := range settingRules {
		*r.field(&s) = r.Default
	}
	return s
}

// settingRow is one stored setting; settings never stored keep their default.
type settingRow struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	Value     string
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
	UpdatedBy *int64
}

func (settingRow) TableName() string { return "settings" }

// loadSettings reads the settings through db (a transaction or not).
func loadSettings(db *txDB) (Settings, error) {
	s := DefaultSettings()
	var rows []settingRow
	if err := db.Find(&rows).Error; err != nil {
		return s, err
	}
	for _, row := range rows {
		r, ok := settingRule(row.Name)
		if !ok {
			continue // a setting a newer binary knows; ignore it
		}
		v, err := strconv.Atoi(row.Value)
		if err != nil {
			return s, fmt.Errorf("setting %s: stored value %q is not a whole number", row.Name, row.Value)
		}
		*r.field(&s) = v
	}
	return s, nil
}

// Settings returns the programme's settings in force.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(s.read(ctx))
}

// UpdateSettings changes some settings, given as name → JSON value, and
// returns them all. Admins only. Every name must be known and every value a
// whole number within its range, or nothing changes (CodeValidation naming
// each bad one). The audit row lists each change from → to.
func (s *Service) UpdateSettings(ctx context.Context, changes map[string]json.RawMessage) (Settings, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleAdmin); err != nil {
		return Settings{}, err
	}
	names := make([]string, 0, len(changes))
	for name := range changes {
		names = append(names, name)
	}
	sort.Strings(names)
	var v Validation
	values := map[string]int{}
	for _, name := range names {
		r, ok := settingRule(name)
		if !ok {
			v.Add(name, "unknown", "no such setting")
			continue
		}
		var value *int
		if err := json.Unmarshal(changes[name], &value); err != nil || value == nil {
			v.Add(name, "not_integer", "a whole number")
			continue
		}
		n := *value
		if n < r.Min || n > r.Max {
			v.Add(name, "out_of_range", fmt.Sprintf("%d to %d %s", r.Min, r.Max, r.Unit))
			continue
		}
		values[name] = n
	}
	if len(changes) == 0 {
		v.Add("settings", "required", "name at least one setting to change")
	}
	if err := v.Err(); err != nil {
		return Settings{}, err
	}
	var out Settings
	err := s.inTx(ctx, func(tx *txDB) error {
		current, err := loadSettings(tx)
		if err != nil {
			return err
		}
		diff := map[string]Change{}
		now := s.now()
		for _, name := range names {
			r, _ := settingRule(name)
			old := *r.field(&current)
			if old == values[name] {
				continue
			}
			diff[name] = Change{old, values[name]}
			row := settingRow{Name: name, Value: strconv.Itoa(values[name]), UpdatedAt: now}
			if a.UserID != 0 {
				row.UpdatedBy = &a.UserID
			}
			err := tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "name"}},
				DoUpdates: clause.AssignmentColumns([]string{"value", "updated_at", "updated_by"}),
			}).Create(&row).Error
			if err != nil {
				return err
			}
			*r.field(&current) = values[name]
		}
		out = current
		if len(diff) == 0 {
			return nil
		}
		return s.auditKey(ctx, tx, "settings.update", "settings", "", diff)
	})
	return out, err
}
