package lab

import (
	"strings"
	"unicode/utf8"
)

// clientInput is what a nurse entered for a woman: every field of a
// registration, or the fields a correction changes (nil: left as it is).
type clientInput struct {
	Name, NationalID, Phone, Address *string
	Category                         *Category
	// LMPDate "" clears it.
	LMPDate   *string
	Consent   *ConsentInput
	Reminders *RemindersInput
}

// checkClient is the one check of a woman's fields, for RegisterClient
// and UpdateClient alike. cur is her record as it stands (the zero Client
// for a registration); today is the day at her station, which bounds her
// birth date and her last menstrual period. Every bad field is added to
// v; next is cur with the fields that were given applied (name, phone,
// address, category, LMP, and the birth date of a new ID number), and id
// is her parsed ID number when one was given and is valid. Sealing the
// number, consent and reminders are the use case's, which has the actor
// and the transaction.
//
// A category or an LMP given alone is checked with the other as it
// stands; fields not given are not checked again, so a correction of her
// phone is not refused for an LMP that has since grown old.
func checkClient(v *Validation, cur Client, in clientInput, today Date) (next Client, id *NationalID) {
	next = cur
	if in.Name != nil {
		next.Name = v.text("name", *in.Name, oneLine)
		checkClientName(v, next.Name)
	}
	if in.NationalID != nil {
		nid, fe := ParseNationalID(*in.NationalID, today)
		switch {
		case fe != nil:
			v.Add(fe.Field, fe.Code, fe.Detail)
		case !nid.Female:
			v.Add("national_id", string(CodeNotFemale), "the number is a man's (its 17th digit is odd); the programme screens women")
		default:
			id = &nid
			next.BirthDate = nid.BirthDate
		}
	}
	if in.Phone != nil {
		if phone := checkPhone(v, *in.Phone); phone != "" {
			next.Phone = phone
		}
	}
	if in.Address != nil {
		next.Address = v.text("address", *in.Address, oneLine)
		checkAddress(v, next.Address)
	}
	if in.Category != nil || in.LMPDate != nil {
		if in.Category != nil {
			next.Category = *in.Category
		}
		lmp := ""
		if cur.LMPDate != nil {
			lmp = string(*cur.LMPDate)
		}
		if in.LMPDate != nil {
			lmp = *in.LMPDate
		}
		next.LMPDate = checkCategoryLMP(v, next.Category, lmp, today)
	}
	checkConsent(v, in.Consent)
	checkReminders(v, in.Reminders, next.Phone)
	return next, id
}

// clientRefusal is the error of a woman's bad fields, nil when there are
// none. A man's ID number is CodeNotFemale whatever else is wrong: the
// programme's rule refused her, and errors[] still names every field.
func clientRefusal(v *Validation) error {
	if v.has("national_id", string(CodeNotFemale)) {
		return &Error{Code: CodeNotFemale, Message: "the ID number is a man's; the programme screens women", Fields: v.fields}
	}
	return v.Err()
}

func checkClientName(v *Validation, name string) {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		v.Add("name", "required", "her name is required")
	case n > 50:
		v.Add("name", "too_long", "at most 50 characters")
	}
}

func checkAddress(v *Validation, addr string) {
	switch n := utf8.RuneCountInString(addr); {
	case n == 0:
		v.Add("address", "required", "her address is required")
	case n > 200:
		v.Add("address", "too_long", "at most 200 characters")
	}
}

func checkPhone(v *Validation, raw string) string {
	if strings.TrimSpace(raw) == "" {
		v.Add("phone", "required", "a phone number to reach her is required")
		return ""
	}
	p, ok := normalizePhone(raw)
	if !ok {
		v.Add("phone", "invalid", "an 11-digit mobile number (1xx…) or a landline with its area code (0xx…)")
	}
	return p
}

// checkCategoryLMP validates the category and the last menstrual period
// that goes with it, and returns the parsed date.
func checkCategoryLMP(v *Validation, cat Category, lmp string, today Date) *Date {
	if !cat.Valid() {
		v.Add("category", "invalid", "one of newlywed, planning, pregnant")
	}
	if lmp == "" {
		if cat == Pregnant {
			v.Add("lmp_date", "required", "the last menstrual period is required for a pregnant woman")
		}
		return nil
	}
	d, err := ParseDate(lmp)
	switch {
	case err != nil:
		v.Add("lmp_date", "invalid", "a YYYY-MM-DD date")
		return nil
	case d.After(today):
		v.Add("lmp_date", "in_future", "the last menstrual period cannot be in the future")
		return nil
	case today.DaysSince(d) > maxLMPDays:
		v.Add("lmp_date", "implausible", "more than 44 weeks ago")
		return nil
	}
	return &d
}

func checkConsent(v *Validation, c *ConsentInput) {
	if c != nil && c.Given {
		if _, ok := ConsentTexts[c.TextVersion]; !ok {
			v.Add("consent.text_version", "invalid", "the version of the consent text she agreed to, such as v1")
		}
	}
}
