package lab

import (
	"errors"
	"fmt"
)

// Code is a stable machine word naming what went wrong. Clients and the web
// UI rely on these words (API.md); api/errors.go maps each to an HTTP status.
type Code string

// The error codes of the API contract. Add codes freely; never rename one.
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

	// The workflow codes of API.md that later use cases return.
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

	// The episode's codes (API.md, "Episodes, outcomes and reminders").
	CodeRetestTooEarly      Code = "retest_too_early"
	CodeNoContact           Code = "no_contact"
	CodeRetestNotNormal     Code = "retest_not_normal"
	CodeDeltaUnacknowledged Code = "delta_unacknowledged"

	// CodeInvalidCharacters refuses free text holding control,
	// bidirectional-override or zero-width characters; errors[] names the
	// field (the field's code is the same word).
	CodeInvalidCharacters Code = "invalid_characters"
	// CodeImplausibleValue refuses a result value outside the plausible
	// range an admin set for its analyte; errors[] names the field.
	CodeImplausibleValue Code = "implausible_value"
	// CodeUnavailable answers a request the database could not take: no
	// node of the cluster answered in time, or the connection was lost
	// while the change was being committed (lab/dbretry.go).
	CodeUnavailable Code = "unavailable"
)

// Codes lists every code above; api's test checks each has an HTTP status.
var Codes = []Code{
	CodeMalformed, CodeUnauthenticated, CodeInvalidCredentials, CodeTooManyAttempts,
	CodeForbidden, CodePasswordChangeRequired, CodeNotFound, CodeInvalidState, CodeConflict,
	CodeDuplicateUsername, CodeDuplicateStationCode, CodeLastAdmin, CodeValidation,
	CodeInternal, CodeCSRF,
	CodeNoConsent, CodeGestationTooLate, CodeAlreadyScreened, CodeNotFemale, CodeSlotInPast,
	CodeSlotFull, CodeOpenAppointment, CodeDuplicateNationID, CodeTooEarly,
	CodeUnsupportedMediaType, CodeTooLarge, CodeSampleNotReady, CodeIncomplete,
	CodeSelfVerification, CodeAbnormalNotAcknowledged, CodeLostRuleNotMet, CodeBadAccession, CodeOpenCase,
	CodeRetestTooEarly, CodeNoContact, CodeRetestNotNormal, CodeDeltaUnacknowledged, CodePregnancyOpen,
	CodeInvalidCharacters, CodeImplausibleValue, CodeUnavailable,
	CodeSlotClosed, CodeSlotExists, CodeSlotInUse, CodeCapacityBelowBooked,
	CodeLotUnknown, CodeLotExpired, CodeQCFailed,
}

// fieldCodes are the field codes that name the whole refusal: a request
// with such a field is refused with that code rather than the general
// CodeValidation (errors[] still names every bad field).
var fieldCodes = []Code{CodeInvalidCharacters, CodeImplausibleValue, CodeLotUnknown, CodeLotExpired}

// FieldError names one bad field of a request and why it is bad, in a
// stable word such as "required", "too_long" or "not_female".
type FieldError struct {
	Field string `json:"field"`
	Code  string `json:"code"`
	// Detail is an optional sentence for people.
	Detail string `json:"detail,omitempty"`
}

// Error is a domain error: a stable code, a sentence for people, the bad
// fields of a validation failure, and extra members that a client may need
// to act on it (such as current_state or existing_client_id).
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Extra   map[string]any
}

func (e *Error) Error() string {
	if e.Message == "" {
		return string(e.Code)
	}
	return string(e.Code) + ": " + e.Message
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, and
// CodeInternal otherwise.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// notFound is the error for a record that does not exist or that lies
// outside the caller's station: both answer the same, so that the existence
// of another station's records is never revealed.
func notFound(entity string) *Error {
	return Errorf(CodeNotFound, "no such %s", entity)
}

// invalidState refuses a move that the record's state does not allow.
func invalidState(entity, current, move string) *Error {
	return &Error{
		Code:    CodeInvalidState,
		Message: fmt.Sprintf("cannot %s a %s that is %s", move, entity, current),
		Extra:   map[string]any{"current_state": current},
	}
}

// Validation collects field errors and turns them into one error.
type Validation struct{ fields []FieldError }

// Add records that field is bad for the reason code.
func (v *Validation) Add(field, code, detail string) {
	v.fields = append(v.fields, FieldError{Field: field, Code: code, Detail: detail})
}

// Err returns nil when no field was bad, and a CodeValidation error naming
// every bad field otherwise.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	msg := "invalid field " + v.fields[0].Field
	if len(v.fields) > 1 {
		msg = fmt.Sprintf("%d invalid fields", len(v.fields))
	}
	for _, c := range fieldCodes {
		for _, f := range v.fields {
			if f.Code == string(c) {
				return &Error{Code: c, Message: f.Field + ": " + f.Detail, Fields: v.fields}
			}
		}
	}
	return &Error{Code: CodeValidation, Message: msg, Fields: v.fields}
}

// has reports whether field was recorded as bad with code.
func (v *Validation) has(field, code string) bool {
	for _, f := range v.fields {
		if f.Field == field && f.Code == code {
			return true
		}
	}
	return false
}
