package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-sql-driver/mysql"

	"torchlab/lab"
	"torchlab/lab/labtest"
)

// A panic in a handler answers a 500 problem that says nothing of the
// cause, and the cause is logged with the request ID.
func TestPanicIsRecoveredWithoutLeaking(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{log: slog.New(slog.NewJSONHandler(&logs, nil))}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.Use(s.withRequestID, recoverPanic)
	e.GET("/boom", func(c *gin.Context) { panic("secret table users_passwords is corrupt") })
	res := httptest.NewRecorder()
	e.ServeHTTP(res, httptest.NewRequest("GET", "/boom", nil))

	if res.Code != http.StatusInternalServerError || res.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("status %d, type %q", res.Code, res.Header().Get("Content-Type"))
	}
	if strings.Contains(res.Body.String(), "secret") {
		t.Fatalf("the answer leaks the cause: %s", res.Body)
	}
	var p map[string]any
	json.Unmarshal(res.Body.Bytes(), &p)
	if p["code"] != "internal" || !strings.Contains(p["detail"].(string), res.Header().Get(RequestIDHeader)) {
		t.Fatalf("problem = %v", p)
	}
	if !strings.Contains(logs.String(), "secret table") || !strings.Contains(logs.String(), res.Header().Get(RequestIDHeader)) {
		t.Fatalf("the cause was not logged with the request ID: %s", logs.String())
	}
}

// Every code the domain defines has an HTTP status in the one table.
func TestEveryCodeHasAStatus(t *testing.T) {
	for _, code := range lab.Codes {
		if _, ok := statusOf[code]; !ok {
			t.Errorf("code %s has no HTTP status in statusOf", code)
		}
	}
}

// A database that stopped answering (a node lost, no other reached) is 503
// unavailable with Retry-After, never a 500: the request was not at fault.
func TestLostDatabaseIsUnavailable(t *testing.T) {
	s := &Server{log: slog.New(slog.NewJSONHandler(&bytes.Buffer{}, nil))}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.Use(s.withRequestID)
	e.GET("/read", func(c *gin.Context) { fail(c, fmt.Errorf("list: %w", mysql.ErrInvalidConn)) })
	e.GET("/refused", func(c *gin.Context) { fail(c, errors.New("syntax error")) })
	res := httptest.NewRecorder()
	e.ServeHTTP(res, httptest.NewRequest("GET", "/read", nil))
	var p map[string]any
	json.Unmarshal(res.Body.Bytes(), &p)
	if res.Code != http.StatusServiceUnavailable || p["code"] != "unavailable" || res.Header().Get("Retry-After") == "" {
		t.Fatalf("lost connection: %d %v, Retry-After %q", res.Code, p, res.Header().Get("Retry-After"))
	}
	res = httptest.NewRecorder()
	e.ServeHTTP(res, httptest.NewRequest("GET", "/refused", nil))
	if res.Code != http.StatusInternalServerError {
		t.Fatalf("another error: %d", res.Code)
	}
}

// The access log writes one line a request with its route and request ID
// at info; at warn it writes a 500 and nothing for a request answered.
func TestAccessLogByLevel(t *testing.T) {
	serve := func(level slog.Level, path string) (string, string) {
		var logs bytes.Buffer
		s := &Server{log: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: level}))}
		gin.SetMode(gin.ReleaseMode)
		e := gin.New()
		e.Use(s.withRequestID, accessLog)
		e.GET("/ok/:id", func(c *gin.Context) { c.Status(http.StatusOK) })
		e.GET("/broken", func(c *gin.Context) { fail(c, errors.New("broken")) })
		res := httptest.NewRecorder()
		e.ServeHTTP(res, httptest.NewRequest("GET", path, nil))
		return logs.String(), res.Header().Get(RequestIDHeader)
	}
	logs, id := serve(slog.LevelInfo, "/ok/42")
	if !strings.Contains(logs, `"msg":"request"`) || !strings.Contains(logs, `"route":"/ok/:id"`) || !strings.Contains(logs, `"request_id":"`+id+`"`) {
		t.Errorf("at info, the access line: %s", logs)
	}
	if logs, _ := serve(slog.LevelWarn, "/ok/42"); logs != "" {
		t.Errorf("at warn, a request answered logged: %s", logs)
	}
	logs, id = serve(slog.LevelWarn, "/broken")
	if !strings.Contains(logs, `"msg":"request"`) || !strings.Contains(logs, `"status":500`) || !strings.Contains(logs, `"request_id":"`+id+`"`) {
		t.Errorf("at warn, a 500's access line: %s", logs)
	}
}

// A request whose client went away while its statement ran is the
// client's doing (499) even when SQLite answers it with an interrupt, not
// the context's error; the same interrupt under a request still waiting
// for its answer is a fault (500).
func TestInterruptedByTheClientIsNotAServerError(t *testing.T) {
	db, long := labtest.SlowSQLiteStatement(t)
	var logs bytes.Buffer
	s := &Server{log: slog.New(slog.NewJSONHandler(&logs, nil))}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.Use(s.withRequestID)
	e.GET("/gone", func(c *gin.Context) {
		_, err := db.SQL.ExecContext(c.Request.Context(), long)
		fail(c, err)
	})
	e.GET("/waiting", func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := db.SQL.ExecContext(ctx, long)
		fail(c, err)
	})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(50*time.Millisecond, cancel)
	res := httptest.NewRecorder()
	e.ServeHTTP(res, httptest.NewRequest("GET", "/gone", nil).WithContext(ctx))
	if res.Code != statusClientClosedRequest || strings.Contains(logs.String(), "internal error") {
		t.Fatalf("client gone mid-statement: %d, log %s", res.Code, logs.String())
	}
	res = httptest.NewRecorder()
	e.ServeHTTP(res, httptest.NewRequest("GET", "/waiting", nil))
	if res.Code != http.StatusInternalServerError || !strings.Contains(logs.String(), "interrupted") {
		t.Fatalf("an interrupt under a waiting request: %d, log %s", res.Code, logs.String())
	}
}
