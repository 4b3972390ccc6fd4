package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"gorm.io/gorm"
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
	// A retest is drawn no earlier than this many days after the draw it
	// is read against.
	RetestMinDays int `json:"retest_min_days"`
	// Pregnancy follow-up: the early-pregnancy contact is due by this many
	// days after the LMP; the outcome follow-up opens this many days after
	// the EDD and is due this many days later.
	EarlyPregnancyDays  int `json:"early_pregnancy_days"`
	OutcomeAfterEDDDays int `json:"outcome_after_edd_days"`
	OutcomeFollowupDays int `json:"outcome_followup_days"`
	// Reminders to women, one switch per event: 1 on, 0 off.
	ReminderAppointment      int `json:"reminder_appointment"`
	ReminderReportReady      int `json:"reminder_report_ready"`
	ReminderRetestDue        int `json:"reminder_retest_due"`
	ReminderPregnancyEarly   int `json:"reminder_pregnancy_early"`
	ReminderPregnancyOutcome int `json:"reminder_pregnancy_outcome"`
	// Reagent lots: 1 refuses results with an unknown or expired lot.
	LotRequired int `json:"lot_required"`
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
	{Name: "retest_min_days", Default: 14, Min: 0, Max: 28, Unit: "days",
		Doc:   "earliest day of a retest after the draw it is read against (paired sera); a redraw after a rejected tube has no such limit",
		field: func(s *Settings) *int { return &s.RetestMinDays }},
	{Name: "early_pregnancy_days", Default: 13*7 + 6, Min: 8 * 7, Max: 13*7 + 6, Unit: "days",
		Doc:   "the early-pregnancy follow-up contact is due by this many days after the last menstrual period; 97 = 13 weeks 6 days",
		field: func(s *Settings) *int { return &s.EarlyPregnancyDays }},
	{Name: "outcome_after_edd_days", Default: 42, Min: 0, Max: 90, Unit: "days",
		Doc:   "the pregnancy outcome follow-up opens this many days after the estimated date of delivery (42: after the postnatal check)",
		field: func(s *Settings) *int { return &s.OutcomeAfterEDDDays }},
	{Name: "outcome_followup_days", Default: 30, Min: 7, Max: 180, Unit: "days",
		Doc:   "days the outcome follow-up has, once open, before it is overdue and escalates",
		field: func(s *Settings) *int { return &s.OutcomeFollowupDays }},
	{Name: "reminder_appointment", Default: 1, Min: 0, Max: 1, Unit: "(1 on, 0 off)",
		Doc:   "text the woman the day before her appointment (only women who opted in get any message)",
		field: func(s *Settings) *int { return &s.ReminderAppointment }},
	{Name: "reminder_report_ready", Default: 1, Min: 0, Max: 1, Unit: "(1 on, 0 off)",
		Doc:   "text the woman when her report is first released; the message never states a result",
		field: func(s *Settings) *int { return &s.ReminderReportReady }},
	{Name: "reminder_retest_due", Default: 1, Min: 0, Max: 1, Unit: "(1 on, 0 off)",
		Doc:   "text the woman when her case's retest comes due and none is booked",
		field: func(s *Settings) *int { return &s.ReminderRetestDue }},
	{Name: "reminder_pregnancy_early", Default: 1, Min: 0, Max: 1, Unit: "(1 on, 0 off)",
		Doc:   "text the woman when her early-pregnancy follow-up contact comes due undone",
		field: func(s *Settings) *int { return &s.ReminderPregnancyEarly }},
	{Name: "reminder_pregnancy_outcome", Default: 1, Min: 0, Max: 1, Unit: "(1 on, 0 off)",
		Doc:   "text the woman when her pregnancy's outcome follow-up opens",
		field: func(s *Settings) *int { return &s.ReminderPregnancyOutcome }},
	{Name: "lot_required", Default: 1, Min: 0, Max: 1, Unit: "switch",
		Doc:   "refuse a result whose reagent lot is not registered or is past its expiry; a result without a lot takes its run's lot, else the analyte's lot in use",
		field: func(s *Settings) *int { return &s.LotRequired }},
}

// reminderOn reports whether the admins' switch of an event is on.
func (st Settings) reminderOn(ev MessageEvent) bool {
	switch ev {
	case EventAppointment:
		return st.ReminderAppointment == 1
	case EventReportReady:
		return st.ReminderReportReady == 1
	case EventRetestDue:
		return st.ReminderRetestDue == 1
	case EventPregnancyEarly:
		return st.ReminderPregnancyEarly == 1
	case EventPregnancyOutcome:
		return st.ReminderPregnancyOutcome == 1
	}
	return false
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
func loadSettings(db *gorm.DB) (Settings, error) {
	var rows []settingRow
	if err := db.Find(&rows).Error; err != nil {
		return DefaultSettings(), err
	}
	return settingsOf(rows)
}

// settingsOf is the settings in force given the stored rows (the
// defaults for those not stored), whoever read them: loadSettings, or a
// release's one read (verify_read.go).
func settingsOf(rows []settingRow) (Settings, error) {
	s := DefaultSettings()
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
		current, err := loadSettings(tx.DB)
		if err != nil {
			return err
		}
		diff := map[string]Change{}
		now := tx.now
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
		if err := bumpReference(tx); err != nil {
			return err
		}
		return s.auditKey(ctx, tx, "settings.update", "settings", "", diff)
	})
	return out, err
}
