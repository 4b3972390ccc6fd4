package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

// problemType is the RFC 9457 "type" of every torchlab problem: a URN with
// the stable code, which names the problem without pretending to be a page.
const problemTypePrefix = "urn:torchlab:problem:"

// statusOf is the one table that turns domain error codes into HTTP
// statuses. A code missing here is a 500: add it when you add a code.
var statusOf = map[lab.Code]int{
	lab.CodeMalformed:               http.StatusBadRequest,
	lab.CodeUnauthenticated:         http.StatusUnauthorized,
	lab.CodeInvalidCredentials:      http.StatusUnauthorized,
	lab.CodeTooManyAttempts:         http.StatusTooManyRequests,
	lab.CodeForbidden:               http.StatusForbidden,
	lab.CodePasswordChangeRequired:  http.StatusForbidden,
	lab.CodeCSRF:                    http.StatusForbidden,
	lab.CodeNotFound:                http.StatusNotFound,
	lab.CodeInvalidState:            http.StatusConflict,
	lab.CodeConflict:                http.StatusConflict,
	lab.CodeDuplicateUsername:       http.StatusConflict,
	lab.CodeDuplicateStationCode:    http.StatusConflict,
	lab.CodeLastAdmin:               http.StatusConflict,
	lab.CodeValidation:              http.StatusUnprocessableEntity,
	lab.CodeInternal:                http.StatusInternalServerError,
	lab.CodeNotFemale:               http.StatusUnprocessableEntity,
	lab.CodeNoConsent:               http.StatusUnprocessableEntity,
	lab.CodeGestationTooLate:        http.StatusUnprocessableEntity,
	lab.CodeAlreadyScreened:         http.StatusUnprocessableEntity,
	lab.CodeSlotInPast:              http.StatusUnprocessableEntity,
	lab.CodeSlotFull:                http.StatusConflict,
	lab.CodeSlotClosed:              http.StatusConflict,
	lab.CodeSlotExists:              http.StatusConflict,
	lab.CodeSlotInUse:               http.StatusConflict,
	lab.CodeCapacityBelowBooked:     http.StatusConflict,
	lab.CodeOpenAppointment:         http.StatusConflict,
	lab.CodeDuplicateNationID:       http.StatusConflict,
	lab.CodeTooEarly:                http.StatusConflict,
	lab.CodeUnsupportedMediaType:    http.StatusUnsupportedMediaType,
	lab.CodeTooLarge:                http.StatusRequestEntityTooLarge,
	lab.CodeSampleNotReady:          http.StatusConflict,
	lab.CodeIncomplete:              http.StatusConflict,
	lab.CodeSelfVerification:        http.StatusConflict,
	lab.CodeAbnormalNotAcknowledged: http.StatusConflict,
	lab.CodeLostRuleNotMet:          http.StatusConflict,
	lab.CodeBadAccession:            http.StatusUnprocessableEntity,
	lab.CodeOpenCase:                http.StatusConflict,
	lab.CodeRetestTooEarly:          http.StatusUnprocessableEntity,
	lab.CodeNoContact:               http.StatusConflict,
	lab.CodeRetestNotNormal:         http.StatusConflict,
	lab.CodeDeltaUnacknowledged:     http.StatusConflict,
	lab.CodePregnancyOpen:           http.StatusConflict,
	lab.CodeInvalidCharacters:       http.StatusUnprocessableEntity,
	lab.CodeImplausibleValue:        http.StatusUnprocessableEntity,
	lab.CodeUnavailable:             http.StatusServiceUnavailable,
	lab.CodeLotUnknown:              http.StatusUnprocessableEntity,
	lab.CodeLotExpired:              http.StatusUnprocessableEntity,
	lab.CodeQCFailed:                http.StatusConflict,
	lab.CodePlateFull:               http.StatusUnprocessableEntity,
	lab.CodePlateInvalid:            http.StatusUnprocessableEntity,
}

// statusClientClosedRequest is recorded (never sent: nobody listens) for a
// request whose client disconnected, as nginx does, so that metrics and
// logs do not count it as a server error.
const statusClientClosedRequest = 499

// Problem is an RFC 9457 problem document as torchlab writes it.
type Problem struct {
	Type   string           `json:"type"`
	Title  string           `json:"title"`
	Status int              `json:"status"`
	Code   lab.Code         `json:"code"`
	Detail string           `json:"detail,omitempty"`
	Errors []lab.FieldError `json:"errors,omitempty"`
}

// fail answers err as problem+json and stops the request. Domain errors get
// their status from statusOf; anything else is logged with the request ID
// and answered as a 500 that says nothing of its cause.
func fail(c *gin.Context, err error) {
	// A client that went away (a page left before its answer came) is not
	// a fault of the server: nobody reads the answer, and it is no error.
	// Its statement stops with the context's error, or on SQLite with an
	// interrupt when the request ended while the statement ran.
	if c.Request.Context().Err() != nil && lab.Interrupted(err) {
		logger(c).Debug("client went away", "err", err)
		c.AbortWithStatus(statusClientClosedRequest)
		return
	}
	var e *lab.Error
	// A database that stopped answering while the request read (writes
	// are retried first, lab/database_retry.go) is no fault of the request: 503.
	if !errors.As(err, &e) && lab.DatabaseUnavailable(err) {
		e = &lab.Error{Code: lab.CodeUnavailable, Message: "the database does not answer; try again in a moment"}
	}
	if e != nil && e.Code == lab.CodeUnavailable {
		logger(c).Warn("database unavailable", "err", err)
		c.Header("Retry-After", "2")
	}
	if e == nil {
		logger(c).Error("internal error", "err", err)
		e = &lab.Error{Code: lab.CodeInternal, Message: "an internal error occurred; quote request " + requestID(c) + " to the administrator"}
	}
	status, ok := statusOf[e.Code]
	if !ok {
		logger(c).Error("error code with no HTTP status", "code", e.Code, "err", err)
		status = http.StatusInternalServerError
	}
	if e.Code == lab.CodeTooManyAttempts {
		if secs, ok := e.Extra["retry_after"].(int); ok {
			c.Header("Retry-After", strconv.Itoa(secs))
		}
	}
	body := gin.H{
		"type":   problemTypePrefix + string(e.Code),
		"title":  http.StatusText(status),
		"status": status,
		"code":   e.Code,
	}
	if e.Message != "" {
		body["detail"] = e.Message
	}
	if len(e.Fields) > 0 {
		body["errors"] = e.Fields
	}
	for k, v := range e.Extra {
		if _, taken := body[k]; !taken {
			body[k] = v
		}
	}
	writeProblem(c, status, body)
}

func writeProblem(c *gin.Context, status int, body gin.H) {
	// gin keeps a Content-Type that is already set, so this one stands.
	c.Header("Content-Type", "application/problem+json")
	c.Header("Cache-Control", "no-store")
	c.AbortWithStatusJSON(status, body)
}

func failCode(c *gin.Context, code lab.Code, detail string) {
	fail(c, &lab.Error{Code: code, Message: detail})
}

// logger is the request's logger: the server's, with the request's ID.
func logger(c *gin.Context) *slog.Logger {
	l := baseLogger(c)
	if id, ok := c.Get(requestIDKey); ok {
		return l.With("request_id", id)
	}
	return l
}

// baseLogger is the server's logger, without the request's ID.
func baseLogger(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(loggerKey); ok {
		return l.(*slog.Logger)
	}
	return slog.Default()
}
