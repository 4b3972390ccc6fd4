package lab

import (
	"context"
)

// EligibilityView answers "can she be booked for a screening on that
// day?" before a slot is chosen: Reasons are the codes booking would
// refuse with (an open appointment first, then the rules in
// CheckEligibility's order), empty when Bookable.
type EligibilityView struct {
	Bookable bool   `json:"bookable"`
	Date     Date   `json:"date"`
	Reasons  []Code `json:"reasons"`
	// OpenAppointmentID names her open appointment when that is a reason.
	OpenAppointmentID *int64 `json:"open_appointment_id,omitempty"`
}

// ClientEligibility applies the booking's own checks (bookingFacts: the
// open appointment and eligibilityRefusals) to a screening of hers on
// slotDate, today at her station when empty. It reads and changes
// nothing else. Nurses and admins, within their station (CodeNotFound);
// CodeValidation for a date that is not YYYY-MM-DD.
func (s *Service) ClientEligibility(ctx context.Context, clientID int64, slotDate string) (*EligibilityView, error) {
	if err := ActorFrom(ctx).require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	c, err := s.loadClient(ctx, db, clientID)
	if err != nil {
		return nil, err
	}
	loc, err := stationLocation(db, c.StationID)
	if err != nil {
		return nil, err
	}
	day := Today(s.now(), loc)
	if slotDate != "" {
		if day, err = ParseDate(slotDate); err != nil {
			var v Validation
			v.Add("slot_date", "invalid", "a YYYY-MM-DD date")
			return nil, v.Err()
		}
	}
	facts, err := loadBookingFacts(db, c.ID, day, 0)
	if err != nil {
		return nil, err
	}
	out := &EligibilityView{Date: day, Reasons: []Code{}}
	if facts.OpenID != nil {
		out.Reasons = append(out.Reasons, CodeOpenAppointment)
		out.OpenAppointmentID = facts.OpenID
		// Her open appointment would count as this year's screening;
		// judge the rest as a move of it would (Reschedule), so the
		// reasons name what stands beyond the open appointment.
		if facts, err = loadBookingFacts(db, c.ID, day, *facts.OpenID); err != nil {
			return nil, err
		}
	}
	refusals, err := facts.refusals(c, c.Category, c.LMPDate, day, KindScreening)
	if err != nil {
		return nil, err
	}
	for _, r := range refusals {
		out.Reasons = append(out.Reasons, r.Code)
	}
	out.Bookable = len(out.Reasons) == 0
	return out, nil
}

// RecordConsent records her answer to a consent text after registration
// (ClientPatch's consent, alone), audited as client.update. Roles and
// errors as UpdateClient; giving consent needs a known text version.
func (s *Service) RecordConsent(ctx context.Context, clientID int64, in ConsentInput) (*Client, error) {
	return s.UpdateClient(ctx, clientID, ClientPatch{Consent: &in})
}
