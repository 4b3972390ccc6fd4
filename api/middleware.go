package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"torchlab/lab"
)

const (
	loggerKey    = "torchlab.logger"
	requestIDKey = "torchlab.request_id"
	// RequestIDHeader carries the request ID in and out.
	RequestIDHeader = "X-Request-ID"
)

// A request ID from a proxy is kept if it looks like one; anything else is
// replaced, so that log lines cannot be forged through the header.
var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func requestID(c *gin.Context) string { return c.GetString(requestIDKey) }

// fromTrustedProxy reports whether the connection comes from one of
// Config.TrustedProxies.
func (s *Server) fromTrustedProxy(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	for _, n := range s.trusted {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// withRequestID gives every request an ID, echoes it as X-Request-ID and
// attaches a logger that carries it. An incoming ID is kept only from a
// trusted proxy: it goes into audit rows, where a client must not choose it.
func (s *Server) withRequestID(c *gin.Context) {
	id := ""
	if s.fromTrustedProxy(c.Request.RemoteAddr) {
		id = c.GetHeader(RequestIDHeader)
	}
	if !requestIDPattern.MatchString(id) {
		b := make([]byte, 12)
		rand.Read(b)
		id = hex.EncodeToString(b)
	}
	c.Set(requestIDKey, id)
	// The logger gets the ID when it logs (logger): most requests log
	// nothing at warn, and a logger With an attribute costs its
	// formatting on every request.
	c.Set(loggerKey, s.log)
	c.Header(RequestIDHeader, id)
	c.Next()
}

// accessLog logs one line per request: the route pattern, never the raw path
// or query (a query may hold a name or a phone number).
func accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	level := slog.LevelInfo
	if c.Writer.Status() >= 500 {
		level = slog.LevelError
	}
	// Below the configured level (TORCHLAB_LOG_LEVEL=warn in production)
	// the line is not even built.
	if !baseLogger(c).Enabled(c.Request.Context(), level) {
		return
	}
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	attrs := []any{
		"method", c.Request.Method, "route", route, "status", c.Writer.Status(),
		"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
	}
	if a, ok := actorOf(c); ok {
		attrs = append(attrs, "user_id", a.UserID)
	}
	logger(c).Log(c.Request.Context(), level, "request", attrs...)
}

// recoverPanic turns a panic into a 500 problem that says nothing of its
// cause, and logs the cause with the stack.
func recoverPanic(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			logger(c).Error("panic", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			fail(c, fmt.Errorf("panic: %v", r))
		}
	}()
	c.Next()
}

// metrics counts requests and their latency by route pattern and status.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "torchlab_http_requests_total",
			Help: "HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "torchlab_http_request_duration_seconds",
			Help:    "HTTP request latency by method, route pattern and status.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route", "status"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

func (m *metrics) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	status := strconv.Itoa(c.Writer.Status())
	m.requests.WithLabelValues(c.Request.Method, route, status).Inc()
	m.latency.WithLabelValues(c.Request.Method, route, status).Observe(time.Since(start).Seconds())
}

// actorOf returns the signed-in actor of the request, if any.
func actorOf(c *gin.Context) (lab.Actor, bool) {
	a := lab.ActorFrom(c.Request.Context())
	return a, a.UserID != 0
}
