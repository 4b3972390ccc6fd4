package lab

import (
	"errors"
	"fmt"
)

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
