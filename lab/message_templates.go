package lab

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// MessageEvent is what a message to a woman is about.
type MessageEvent string

// The events that write a message to a woman.
const (
	// EventAppointment: the day before an appointment of hers.
	EventAppointment MessageEvent = "appointment_reminder"
	// EventReportReady: a sample of hers is released for the first time.
	EventReportReady MessageEvent = "report_ready"
	// EventRetestDue: her case waits for a retest coming due, none booked.
	EventRetestDue MessageEvent = "retest_due"
	// EventPregnancyEarly: her early-pregnancy contact is coming due.
	EventPregnancyEarly MessageEvent = "pregnancy_early"
	// EventPregnancyOutcome: her pregnancy's outcome follow-up is open.
	EventPregnancyOutcome MessageEvent = "pregnancy_outcome"
)

// MessageEvents lists the events in the order the UI shows them.
var MessageEvents = []MessageEvent{EventAppointment, EventReportReady, EventRetestDue, EventPregnancyEarly, EventPregnancyOutcome}

// The languages a woman can choose for her messages: Chinese unless she
// chose English.
const (
	LangZh = "zh"
	LangEn = "en"
)

// MessageLangs lists the languages, the default first.
var MessageLangs = []string{LangZh, LangEn}

// The placeholders a template may use. The list is fixed and none of
// them carries a result: her name, the first character of it (the
// surname of a Chinese name), the day and time the message is about, and
// her station's name and phone.
const (
	phName         = "name"
	phSurname      = "surname"
	phDate         = "date"
	phTime         = "time"
	phStation      = "station"
	phStationPhone = "station_phone"
)

// eventPlaceholders are the placeholders each event fills: {date} is the
// appointment's day, or the day the retest or the early contact is due;
// {time} is the appointment's.
var eventPlaceholders = map[MessageEvent][]string{
	EventAppointment:      {phName, phSurname, phDate, phTime, phStation, phStationPhone},
	EventReportReady:      {phName, phSurname, phStation, phStationPhone},
	EventRetestDue:        {phName, phSurname, phDate, phStation, phStationPhone},
	EventPregnancyEarly:   {phName, phSurname, phDate, phStation, phStationPhone},
	EventPregnancyOutcome: {phName, phSurname, phStation, phStationPhone},
}

// defaultTemplates are the wordings a message has until an admin changes
// them. They give the station's name and not its phone, which a station
// may not have recorded; an admin adds {station_phone} where it has.
var defaultTemplates = map[MessageEvent]map[string]string{
	EventAppointment: {
		LangZh: "{name}您好：提醒您{date} {time}在{station}有预约，请按时前来。如需改期，请联系{station}。",
		LangEn: "Dear {name}, a reminder of your appointment at {station} on {date} at {time}. To change it, please contact the station.",
	},
	EventReportReady: {
		LangZh: "{name}您好：您在{station}的检查报告已出，请到站领取，或等候工作人员与您联系。",
		LangEn: "Dear {name}, your screening report at {station} is ready. Please collect it at the station, or wait for the staff to contact you.",
	},
	EventRetestDue: {
		LangZh: "{name}您好：{station}提醒您，请于{date}前回站复查采血，请尽早预约。",
		LangEn: "Dear {name}, {station} reminds you to come back for your follow-up blood test by {date}. Please book a time soon.",
	},
	EventPregnancyEarly: {
		LangZh: "{name}您好：{station}提醒您，请于{date}前与我站联系，完成孕早期随访。",
		LangEn: "Dear {name}, {station} asks you to contact the station by {date} for your early-pregnancy follow-up.",
	},
	EventPregnancyOutcome: {
		LangZh: "{name}您好：{station}希望了解您这次妊娠的情况，请方便时与我站联系，谢谢。",
		LangEn: "Dear {name}, {station} would like to hear how your pregnancy went. Please contact the station when convenient. Thank you.",
	},
}

// maxTemplateRunes bounds a template: three SMS parts of 70 characters,
// with room for the values.
const maxTemplateRunes = 210

var placeholderPattern = regexp.MustCompile(`\{([^{}]*)\}`)

// CheckTemplate checks a template for an event: not empty, at most 210
// characters, braces only around the event's placeholders, and none of
// the words that would state a result (ForbiddenTemplateWords).
// CodeValidation on the field "body" with code required, too_long,
// unknown_placeholder or forbidden_word, naming the culprit.
func CheckTemplate(event MessageEvent, body string) error {
	var v Validation
	switch n := utf8.RuneCountInString(strings.TrimSpace(body)); {
	case n == 0:
		v.Add("body", "required", "a message needs its text")
	case n > maxTemplateRunes:
		v.Add("body", "too_long", fmt.Sprintf("at most %d characters", maxTemplateRunes))
	}
	allowed := eventPlaceholders[event]
	for _, m := range placeholderPattern.FindAllStringSubmatch(body, -1) {
		if !oneOf(m[1], allowed) {
			v.Add("body", "unknown_placeholder", fmt.Sprintf("{%s} is not one of {%s}", m[1], strings.Join(allowed, "}, {")))
		}
	}
	if rest := placeholderPattern.ReplaceAllString(body, ""); strings.ContainsAny(rest, "{}") {
		v.Add("body", "unknown_placeholder", "a brace outside a placeholder")
	}
	if w := forbiddenWordIn(placeholderPattern.ReplaceAllString(body, " ")); w != "" {
		v.Add("body", "forbidden_word", fmt.Sprintf("%q: a message to her never states a result or names what she was tested for", w))
	}
	return v.Err()
}

// messageValues are the values a message's placeholders take.
type messageValues map[string]string

// renderTemplate fills a template's placeholders in one pass, so that a
// value holding braces is never read as a placeholder.
func renderTemplate(body string, vals messageValues) string {
	return placeholderPattern.ReplaceAllStringFunc(body, func(m string) string {
		return vals[m[1:len(m)-1]]
	})
}

// formatDay writes a day as her language reads it.
func formatDay(d Date, lang string) string {
	t := d.Time(time.UTC)
	if lang == LangEn {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// surnameOf is the first character of her name: the surname of most
// Chinese names (a two-character surname such as 欧阳 is cut short).
func surnameOf(name string) string {
	r, _ := utf8.DecodeRuneInString(name)
	if r == utf8.RuneError {
		return ""
	}
	return string(r)
}

// MessageTemplate is the wording of one event's message in one language.
type MessageTemplate struct {
	Event        MessageEvent `json:"event"`
	Lang         string       `json:"lang"`
	Body         string       `json:"body"`
	DefaultBody  string       `json:"default_body"`
	Customized   bool         `json:"customized"`
	Placeholders []string     `json:"placeholders"`
	UpdatedAt    *time.Time   `json:"updated_at,omitempty"`
	UpdatedBy    *int64       `json:"updated_by,omitempty"`
}

// templateRow is an admin's wording; an event and language without one
// uses the default.
type templateRow struct {
	ID        int64 `gorm:"primaryKey"`
	Event     MessageEvent
	Lang      string
	Body      string
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
	UpdatedBy *int64
}

func (templateRow) TableName() string { return "message_templates" }

// templateSet is every template in force, by event and language.
type templateSet map[MessageEvent]map[string]MessageTemplate

func loadTemplates(db *gorm.DB) (templateSet, error) {
	var rows []templateRow
	if err := db.Find(&rows).Error; err != nil {
		return nil, err
	}
	return templatesOf(rows), nil
}

// templatesOf is the template set in force given the stored wordings.
func templatesOf(rows []templateRow) templateSet {
	set := templateSet{}
	for _, ev := range MessageEvents {
		set[ev] = map[string]MessageTemplate{}
		for _, lang := range MessageLangs {
			def := defaultTemplates[ev][lang]
			set[ev][lang] = MessageTemplate{Event: ev, Lang: lang, Body: def, DefaultBody: def, Placeholders: eventPlaceholders[ev]}
		}
	}
	for _, r := range rows {
		t, ok := set[r.Event][r.Lang]
		if !ok {
			continue // an event or language a newer binary knows
		}
		t.Body, t.Customized, t.UpdatedBy = r.Body, true, r.UpdatedBy
		at := r.UpdatedAt
		t.UpdatedAt = &at
		set[r.Event][r.Lang] = t
	}
	return set
}

// body is the template of an event in her language.
func (ts templateSet) body(ev MessageEvent, lang string) string {
	if t, ok := ts[ev][lang]; ok {
		return t.Body
	}
	return ts[ev][LangZh].Body
}

// MessageTemplates lists every event's template in every language, with
// its default and its placeholders. Admins only.
func (s *Service) MessageTemplates(ctx context.Context) ([]MessageTemplate, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	set, err := loadTemplates(s.read(ctx))
	if err != nil {
		return nil, err
	}
	out := make([]MessageTemplate, 0, len(MessageEvents)*len(MessageLangs))
	for _, ev := range MessageEvents {
		for _, lang := range MessageLangs {
			out = append(out, set[ev][lang])
		}
	}
	return out, nil
}

func checkTemplateName(ev MessageEvent, lang string) error {
	if _, ok := defaultTemplates[ev][lang]; !ok {
		return notFound("message template")
	}
	return nil
}

// SetMessageTemplate changes the wording of an event's message in a
// language, for the messages written from then on; audited with the
// wording before and after. Admins only. CodeNotFound (no such event or
// language), CodeValidation (CheckTemplate).
func (s *Service) SetMessageTemplate(ctx context.Context, ev MessageEvent, lang, body string) (*MessageTemplate, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleAdmin); err != nil {
		return nil, err
	}
	if err := checkTemplateName(ev, lang); err != nil {
		return nil, err
	}
	body = strings.TrimSpace(body)
	if err := CheckTemplate(ev, body); err != nil {
		return nil, err
	}
	var out MessageTemplate
	err := s.inTx(ctx, func(tx *txDB) error {
		set, err := loadTemplates(tx.DB)
		if err != nil {
			return err
		}
		old := set[ev][lang]
		out = old
		if old.Body == body && old.Customized {
			return nil
		}
		now := tx.now
		row := templateRow{Event: ev, Lang: lang, Body: body, UpdatedAt: now, UpdatedBy: nilIfZero(a.UserID)}
		if err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "event"}, {Name: "lang"}},
			DoUpdates: clause.AssignmentColumns([]string{"body", "updated_at", "updated_by"}),
		}).Create(&row).Error; err != nil {
			return err
		}
		out.Body, out.Customized, out.UpdatedAt, out.UpdatedBy = body, true, &now, row.UpdatedBy
		return s.auditKey(ctx, tx, "message_template.update", "message_template", string(ev)+"."+lang,
			map[string]Change{"body": {old.Body, body}})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ResetMessageTemplate gives an event's message in a language its default
// wording again; audited. Admins only. CodeNotFound.
func (s *Service) ResetMessageTemplate(ctx context.Context, ev MessageEvent, lang string) (*MessageTemplate, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	if err := checkTemplateName(ev, lang); err != nil {
		return nil, err
	}
	var out MessageTemplate
	err := s.inTx(ctx, func(tx *txDB) error {
		set, err := loadTemplates(tx.DB)
		if err != nil {
			return err
		}
		old := set[ev][lang]
		out = old
		out.Body, out.Customized, out.UpdatedAt, out.UpdatedBy = old.DefaultBody, false, nil, nil
		if !old.Customized {
			return nil
		}
		if err := tx.Where("event = ? AND lang = ?", ev, lang).Delete(&templateRow{}).Error; err != nil {
			return err
		}
		return s.auditKey(ctx, tx, "message_template.reset", "message_template", string(ev)+"."+lang,
			map[string]Change{"body": {old.Body, old.DefaultBody}})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
