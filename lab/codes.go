package lab

// Code is a stable machine word naming what went wrong. Clients and the web
// UI rely on these words (API.md); api/errors.go maps each to an HTTP status.
//
// Every code is declared in this file and listed in Codes: docs/openapi.yaml
// lists the same words as the enum of Problem.code, the web UI's types are
// generated from it, and its message tables must word each one, so that a
// code added here without its status, its place in the reference and its
// words fails a test or the frontend's build (api/codes_test.go). Add codes
// freely; never rename one.
type Code string

// The general codes of the API contract.
const (
	CodeMalformed              Code = "malformed"
	CodeUnauthenticated        Code = "unauthenticated"
	CodeInvalidCredentials     Code = "invalid_credentials"
	CodeTooManyAttempts        Code = "too_many_attempts"
	CodeForbidden              Code = "forbidden"
	CodePasswordChangeRequired Code = "password_change_required"
	CodeNotFound               Code = "not_found"
	CodeInvalidState           Code = "invalid_state"
	CodeConflict               Code = "conflict"
	CodeDuplicateUsername      Code = "duplicate_username"
	CodeDuplicateStationCode   Code = "duplicate_station_code"
	CodeLastAdmin              Code = "last_admin"
	CodeValidation             Code = "validation"
	CodeInternal               Code = "internal"
	// CodeCSRF refuses a write authenticated by the session cookie that
	// does not carry the session's anti-forgery token in X-CSRF-Token.
	CodeCSRF Code = "csrf_failed"
	// CodeUnsupportedMediaType refuses a body that is not application/json.
	CodeUnsupportedMediaType Code = "unsupported_media_type"
	// CodeTooLarge refuses a request body over the limit.
	CodeTooLarge Code = "too_large"
	// CodeUnavailable answers a request the database could not take: no
	// node of the cluster answered in time, or the connection was lost
	// while the change was being committed (lab/database_retry.go).
	CodeUnavailable Code = "unavailable"
	// CodeInvalidCharacters refuses free text holding control,
	// bidirectional-override or zero-width characters; errors[] names the
	// field (the field's code is the same word).
	CodeInvalidCharacters Code = "invalid_characters"
	// CodeImplausibleValue refuses a result value outside the plausible
	// range an admin set for its analyte; errors[] names the field.
	CodeImplausibleValue Code = "implausible_value"
)

// The eligibility codes: each names the rule that refused a booking.
const (
	CodeNoConsent         Code = "no_consent"
	CodeGestationTooLate  Code = "gestation_too_late"
	CodeAlreadyScreened   Code = "already_screened"
	CodeNotFemale         Code = "not_female"
	CodeSlotInPast        Code = "slot_in_past"
	CodeSlotFull          Code = "slot_full"
	CodeSlotClosed        Code = "slot_closed"
	CodeOpenAppointment   Code = "open_appointment_exists"
	CodeDuplicateNationID Code = "duplicate_national_id"
)

// Codes for editing and removing slots (API.md "Slots and consent"), and
// for moving an appointment.
const (
	// CodeSlotExists refuses a slot at a time the station already has.
	CodeSlotExists Code = "slot_exists"
	// CodeSlotInUse refuses deleting a slot any appointment has used.
	CodeSlotInUse Code = "slot_in_use"
	// CodeCapacityBelowBooked refuses a capacity under the places booked.
	CodeCapacityBelowBooked Code = "capacity_below_booked"
	// CodeTooEarly refuses checking in before the appointment's day, or
	// marking a no-show before the slot has started.
	CodeTooEarly Code = "too_early"
)

// The workflow codes of API.md: samples, results, release and follow-up.
const (
	CodeSampleNotReady          Code = "sample_not_ready"
	CodeIncomplete              Code = "incomplete"
	CodeSelfVerification        Code = "self_verification"
	CodeAbnormalNotAcknowledged Code = "abnormal_not_acknowledged"
	CodeLostRuleNotMet          Code = "lost_rule_not_met"
	CodeBadAccession            Code = "bad_accession"
	// CodeOpenCase refuses moving a woman to another station while a
	// follow-up case of hers is open, and reopening a case of hers while
	// another is open.
	CodeOpenCase Code = "open_followup_exists"
)

// The episode's codes (API.md, "Episodes, outcomes and reminders").
const (
	CodeRetestTooEarly      Code = "retest_too_early"
	CodeNoContact           Code = "no_contact"
	CodeRetestNotNormal     Code = "retest_not_normal"
	CodeDeltaUnacknowledged Code = "delta_unacknowledged"
	// CodePregnancyOpen refuses a second pregnancy while one of hers is
	// open (no outcome recorded).
	CodePregnancyOpen Code = "pregnancy_open"
)

// Quality control, reagent lots and plates (API.md, "Quality control and
// reagent lots").
const (
	// CodeLotUnknown and CodeLotExpired refuse a result whose lot is not
	// registered, or is past its expiry on the day the result is entered,
	// while the setting lot_required is on.
	CodeLotUnknown Code = "lot_unknown"
	CodeLotExpired Code = "lot_expired"
	// CodeQCFailed refuses releasing a sample whose run's quality control
	// failed (the run is rejected) until corrective action and a re-run.
	CodeQCFailed Code = "qc_failed"
	// CodePlateFull refuses a run with more samples than its plate has
	// wells; CodePlateInvalid an OD reading the kit's validity rules refuse
	// (or one that does not fit the plate).
	CodePlateFull    Code = "plate_full"
	CodePlateInvalid Code = "plate_invalid"
)

// Codes lists every code above; api's tests check each has an HTTP status
// and is in docs/openapi.yaml's enum, and that none is missing here.
var Codes = []Code{
	CodeMalformed, CodeUnauthenticated, CodeInvalidCredentials, CodeTooManyAttempts,
	CodeForbidden, CodePasswordChangeRequired, CodeNotFound, CodeInvalidState, CodeConflict,
	CodeDuplicateUsername, CodeDuplicateStationCode, CodeLastAdmin, CodeValidation,
	CodeInternal, CodeCSRF, CodeUnsupportedMediaType, CodeTooLarge, CodeUnavailable,
	CodeInvalidCharacters, CodeImplausibleValue,
	CodeNoConsent, CodeGestationTooLate, CodeAlreadyScreened, CodeNotFemale, CodeSlotInPast,
	CodeSlotFull, CodeSlotClosed, CodeOpenAppointment, CodeDuplicateNationID,
	CodeSlotExists, CodeSlotInUse, CodeCapacityBelowBooked, CodeTooEarly,
	CodeSampleNotReady, CodeIncomplete, CodeSelfVerification, CodeAbnormalNotAcknowledged,
	CodeLostRuleNotMet, CodeBadAccession, CodeOpenCase,
	CodeRetestTooEarly, CodeNoContact, CodeRetestNotNormal, CodeDeltaUnacknowledged, CodePregnancyOpen,
	CodeLotUnknown, CodeLotExpired, CodeQCFailed, CodePlateFull, CodePlateInvalid,
}
