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
// while she has an open appointment (CodeOpenAppointment) or an open case
// (CodeOpenCase). The fields are checked as a registration's (checkClient)
// before anything is looked up against others: CodeValidation or
// CodeNotFemale naming every bad field, then CodeDuplicateNationID.
// CodeNotFound, CodeForbidden.
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
		var v Validation
		next, nid := checkClient(&v, *c, clientInput{Name: p.Name, NationalID: p.NationalID, Phone: p.Phone, Address: p.Address,
			Category: p.Category, LMPDate: p.LMPDate, Consent: p.Consent, Reminders: p.Reminders}, Today(tx.now, st.Location()))
		moved := p.StationID != nil && *p.StationID != c.StationID
		if moved {
			var n int64
			if err := tx.Model(&Station{}).Where("id = ?", *p.StationID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				v.Add("station_id", "not_found", "no such station")
			}
		}
		if err := clientRefusal(&v); err != nil {
			return err
		}
		changes := clientChanges(c, &next)
		if nid != nil {
			if hash := seal.lookupHash("national_id", nid.Number); hash != c.NationalIDHash {
				if err := s.refuseDuplicate(tx.DB, hash); err != nil {
					return err
				}
				changes["national_id"] = Change{c.NationalIDMasked, MaskNationalID(nid.Number)}
				next.NationalIDSealed, next.NationalIDHash, next.NationalIDMasked = seal.seal("national_id", nid.Number), hash, MaskNationalID(nid.Number)
			}
		}
		if moved {
			if err := refuseIfOpenAppointment(tx, c.ID); err != nil {
				return err
			}
			if err := refuseIfOpenCase(tx, c.ID); err != nil {
				return err
			}
			changes["station_id"] = Change{c.StationID, *p.StationID}
			next.StationID = *p.StationID
		}
		if p.Consent != nil && (p.Consent.Given != c.ConsentGiven || (p.Consent.Given && p.Consent.TextVersion != c.ConsentTextVersion)) {
			changes["consent"] = Change{
				ConsentView{Given: c.ConsentGiven, TextVersion: c.ConsentTextVersion},
				ConsentView{Given: p.Consent.Given, TextVersion: p.Consent.TextVersion},
			}
			s.applyConsent(ctx, &next, p.Consent, tx.now)
		}
		*c = next
		change, err := s.applyReminders(tx, c, p.Reminders)
		if err != nil {
			return err
		}
		if change != nil {
			changes["reminders"] = *change
		}
		if len(changes) == 0 {
			return nil
		}
		c.UpdatedAt = tx.now
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

// clientChanges lists, for the audit row, the checked fields in which
// next differs from c (the phone masked).
func clientChanges(c, next *Client) map[string]Change {
	changes := map[string]Change{}
	if next.Name != c.Name {
		changes["name"] = Change{c.Name, next.Name}
	}
	if next.Phone != c.Phone {
		changes["phone"] = Change{MaskPhone(c.Phone), MaskPhone(next.Phone)}
	}
	if next.Address != c.Address {
		changes["address"] = Change{c.Address, next.Address}
	}
	if next.Category != c.Category {
		changes["category"] = Change{c.Category, next.Category}
	}
	if !sameDate(next.LMPDate, c.LMPDate) {
		changes["lmp_date"] = Change{c.LMPDate, next.LMPDate}
	}
	return changes
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
