package lab

import (
	"context"
)

// ClientPatch corrects a client; nil fields stay as they are. StationID
// moves her to another station (admins only).
type ClientPatch struct {
	Name       *string
	NationalID *string
	Phone      *string
	Address    *string
	Category   *Category
	// LMPDate "" clears it.
	LMPDate   *string
	Consent   *ConsentInput
	Reminders *RemindersInput
	StationID *int64
}

// UpdateClient corrects a client's record; every change is audited (ID
// number and phone masked in the audit row). Nurses correct their own
// station's clients; only admins move a client to another station, and not
// while she has an open appointment (CodeOpenAppointment). CodeNotFound,
// CodeValidation, CodeNotFemale, CodeDuplicateNationID, CodeForbidden.
func (s *Service) UpdateClient(ctx context.Context, id int64, p ClientPatch) (*Client, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	if p.StationID != nil && a.Role != RoleAdmin && a.UserID != 0 {
		return nil, Errorf(CodeForbidden, "only an admin can move a client to another station")
	}
	seal, err := s.sealer()
	if err != nil {
		return nil, err
	}
	var c *Client
	err = s.inTx(ctx, func(tx *txDB) error {
		c, err = s.loadClientLocked(ctx, tx, id)
		if err != nil {
			return err
		}
		var st Station
		if err := tx.First(&st, c.StationID).Error; err != nil {
			return err
		}
		today := Today(s.now(), st.Location())
		changes := map[string]Change{}
		var v Validation
		if p.Name != nil {
			name := v.text("name", *p.Name, oneLine)
			checkClientName(&v, name)
			if name != c.Name {
				changes["name"] = Change{c.Name, name}
				c.Name = name
			}
		}
		if p.NationalID != nil {
			nid, fe := ParseNationalID(*p.NationalID, today)
			switch {
			case fe != nil:
				v.Add(fe.Field, fe.Code, fe.Detail)
			case !nid.Female:
				v.Add("national_id", string(CodeNotFemale), "the number is a man's; the programme screens women")
			default:
				hash := seal.lookupHash("national_id", nid.Number)
				if hash != c.NationalIDHash {
					if err := s.refuseDuplicate(tx, hash); err != nil {
						return err
					}
					changes["national_id"] = Change{c.NationalIDMasked, MaskNationalID(nid.Number)}
					c.NationalIDSealed = seal.seal("national_id", nid.Number)
					c.NationalIDHash = hash
					c.NationalIDMasked = MaskNationalID(nid.Number)
					c.BirthDate = nid.BirthDate
				}
			}
		}
		if p.Phone != nil {
			phone := checkPhone(&v, *p.Phone)
			if phone != "" && phone != c.Phone {
				changes["phone"] = Change{MaskPhone(c.Phone), MaskPhone(phone)}
				c.Phone = phone
			}
		}
		if p.Address != nil {
			addr := v.text("address", *p.Address, oneLine)
			checkAddress(&v, addr)
			if addr != c.Address {
				changes["address"] = Change{c.Address, addr}
				c.Address = addr
			}
		}
		if p.Category != nil || p.LMPDate != nil {
			cat := c.Category
			if p.Category != nil {
				cat = *p.Category
			}
			lmpRaw := ""
			if c.LMPDate != nil {
				lmpRaw = string(*c.LMPDate)
			}
			if p.LMPDate != nil {
				lmpRaw = *p.LMPDate
			}
			lmp := checkCategoryLMP(&v, cat, lmpRaw, today)
			if cat != c.Category {
				changes["category"] = Change{c.Category, cat}
				c.Category = cat
			}
			if !sameDate(lmp, c.LMPDate) {
				changes["lmp_date"] = Change{c.LMPDate, lmp}
				c.LMPDate = lmp
			}
		}
		if p.Consent != nil {
			checkConsent(&v, p.Consent)
			if p.Consent.Given != c.ConsentGiven || (p.Consent.Given && p.Consent.TextVersion != c.ConsentTextVersion) {
				changes["consent"] = Change{
					ConsentView{Given: c.ConsentGiven, TextVersion: c.ConsentTextVersion},
					ConsentView{Given: p.Consent.Given, TextVersion: p.Consent.TextVersion},
				}
				s.applyConsent(ctx, c, p.Consent, s.now())
			}
		}
		if p.Reminders != nil {
			checkReminders(&v, p.Reminders, c.Phone)
			if v.Err() == nil {
				change, err := s.applyReminders(tx, c, p.Reminders)
				if err != nil {
					return err
				}
				if change != nil {
					changes["reminders"] = *change
				}
			}
		}
		if p.StationID != nil && *p.StationID != c.StationID {
			var n int64
			if err := tx.Model(&Station{}).Where("id = ?", *p.StationID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				v.Add("station_id", "not_found", "no such station")
			} else {
				if err := refuseIfOpenAppointment(tx, c.ID); err != nil {
					return err
				}
				if err := refuseIfOpenCase(tx, c.ID); err != nil {
					return err
				}
				changes["station_id"] = Change{c.StationID, *p.StationID}
				c.StationID = *p.StationID
			}
		}
		if err := v.Err(); err != nil {
			if v.has("national_id", string(CodeNotFemale)) {
				e := err.(*Error)
				e.Code = CodeNotFemale
			}
			return err
		}
		if len(changes) == 0 {
			return nil
		}
		c.UpdatedAt = s.now()
		if err := tx.Save(c).Error; err != nil {
			if isDuplicate(err) {
				return s.duplicateRace(tx, c.NationalIDHash)
			}
			return err
		}
		_, name := changes["name"]
		_, phone := changes["phone"]
		_, station := changes["station_id"]
		_, nationalID := changes["national_id"]
		if name || phone || station || nationalID {
			if err := rewriteClientTerms(tx, c); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, "client.update", "client", c.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func sameDate(a, b *Date) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// refuseIfOpenAppointment answers CodeOpenAppointment if the client has a
// booked or checked-in appointment.
func refuseIfOpenAppointment(tx *txDB, clientID int64) error {
	var open Appointment
	err := tx.Where("open_client_id = ?", clientID).Take(&open).Error
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return &Error{
		Code:    CodeOpenAppointment,
		Message: "she already has an open appointment on " + string(open.Day) + "; reschedule or cancel it first",
		Extra:   map[string]any{"appointment_id": open.ID},
	}
}

// openAppointmentRace is the answer when the unique index, not the check
// before it, caught a second open appointment: another nurse booked her at
// the same moment. (On MySQL the check reads a snapshot that cannot see
// that booking yet.)
func openAppointmentRace() *Error {
	return Errorf(CodeOpenAppointment, "she was booked by someone else at the same moment; look at her appointments")
}

// refuseIfOpenCase keeps a woman at her station while a follow-up case of
// hers is open: its counselor there must be able to reach her, and nobody
// at the new station could see the case.
func refuseIfOpenCase(tx *txDB, clientID int64) error {
	var n int64
	if err := tx.Model(&Followup{}).Where("client_id = ? AND status <> ?", clientID, CaseClosed).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return Errorf(CodeOpenCase, "she has an open follow-up case at her station; close it before moving her")
	}
	return nil
}
