package lab

import (
	"errors"
	"reflect"
	"sort"
	"testing"
)

// checkClient is the one check of a woman's fields, for a registration
// (every field given, against the zero Client) and a correction (only the
// fields given, against her record): each case names the fields refused,
// with their codes, the error's code, and what the record becomes.
func TestCheckClient(t *testing.T) {
	today := Date("2026-11-28")
	woman := MakeNationalID("320102", "1995-06-15", 124)
	man := MakeNationalID("320102", "1990-01-01", 1)
	p := func(s string) *string { return &s }
	cat := func(c Category) *Category { return &c }
	lmp := Date("2026-09-01")
	old := Date("2025-09-01") // more than 44 weeks before today
	register := func(in clientInput) clientInput {
		for _, f := range []**string{&in.Name, &in.NationalID, &in.Phone, &in.Address, &in.LMPDate} {
			if *f == nil {
				*f = p("")
			}
		}
		if in.Category == nil {
			in.Category = cat("")
		}
		return in
	}
	full := clientInput{Name: p(" 李娜 "), NationalID: p(woman), Phone: p("138 0013 8000"), Address: p("南京市玄武区"),
		Category: cat(Pregnant), LMPDate: p(string(lmp))}
	her := Client{ID: 7, StationID: 2, Name: "李娜", BirthDate: "1995-06-15", Phone: "13800138000", Address: "南京市玄武区",
		Category: Pregnant, LMPDate: &old}

	tests := []struct {
		name   string
		cur    Client
		in     clientInput
		code   Code     // "" = accepted
		fields []string // "field code", sorted
		want   func(c *Client)
	}{
		{"registration accepted", Client{}, register(full), "", nil, func(c *Client) {
			c.Name, c.BirthDate, c.Phone, c.Address, c.Category, c.LMPDate = "李娜", "1995-06-15", "13800138000", "南京市玄武区", Pregnant, &lmp
		}},
		{"registration with nothing entered", Client{}, register(clientInput{}), CodeValidation,
			[]string{"address required", "category invalid", "name required", "national_id " + IDRequired, "phone required"}, nil},
		{"a man's number is the refusal's code, whatever else is wrong", Client{}, register(clientInput{Name: p("张三"), NationalID: p(man),
			Phone: p("12"), Address: p("南京"), Category: cat(Planning)}), CodeNotFemale,
			[]string{"national_id not_female", "phone invalid"}, nil},
		{"pregnant without her last period", Client{}, register(clientInput{Name: p("李娜"), NationalID: p(woman), Phone: p("13800138000"),
			Address: p("南京"), Category: cat(Pregnant)}), CodeValidation, []string{"lmp_date required"}, nil},
		{"last period in the future", Client{}, register(clientInput{Name: p("李娜"), NationalID: p(woman), Phone: p("13800138000"),
			Address: p("南京"), Category: cat(Newlywed), LMPDate: p("2026-12-01")}), CodeValidation, []string{"lmp_date in_future"}, nil},
		{"consent to an unknown text", Client{}, func() clientInput {
			in := register(full)
			in.Consent = &ConsentInput{Given: true, TextVersion: "v9"}
			return in
		}(), CodeValidation, []string{"consent.text_version invalid"}, nil},
		{"reminders need a mobile", Client{}, func() clientInput {
			in := register(full)
			in.Phone, in.Reminders = p("025-8888 6666"), &RemindersInput{OptIn: true}
			return in
		}(), CodeValidation, []string{"reminders.opt_in no_mobile"}, nil},
		{"a correction checks only what it changes", her, clientInput{Phone: p("13900139000")}, "", nil, func(c *Client) {
			c.Phone = "13900139000" // her LMP, grown old since, is not checked again
		}},
		{"a new category is checked with the LMP she has", her, clientInput{Category: cat(Newlywed)}, CodeValidation,
			[]string{"lmp_date implausible"}, nil},
		{"clearing a pregnant woman's LMP", her, clientInput{LMPDate: p("")}, CodeValidation, []string{"lmp_date required"}, nil},
		{"no longer pregnant, LMP cleared", her, clientInput{Category: cat(Planning), LMPDate: p("")}, "", nil, func(c *Client) {
			c.Category, c.LMPDate = Planning, nil
		}},
		{"a blank name is refused, not stored", her, clientInput{Name: p("  ")}, CodeValidation, []string{"name required"}, nil},
		{"reminders checked against the phone she is given", her, clientInput{Phone: p("025-8888 6666"),
			Reminders: &RemindersInput{OptIn: true}}, CodeValidation, []string{"reminders.opt_in no_mobile"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v Validation
			next, id := checkClient(&v, tc.cur, tc.in, today)
			err := clientRefusal(&v)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v (%+v)", err, v.fields)
				}
				want := tc.cur
				tc.want(&want)
				if !reflect.DeepEqual(next, want) {
					t.Fatalf("next = %+v\nwant   %+v", next, want)
				}
				if (tc.in.NationalID != nil) != (id != nil) || id != nil && id.Number != woman {
					t.Fatalf("id = %+v", id)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.code {
				t.Fatalf("err = %v, want code %s", err, tc.code)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field+" "+f.Code)
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tc.fields) {
				t.Fatalf("fields = %q, want %q", got, tc.fields)
			}
		})
	}
}
