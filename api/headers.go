package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// contentSecurityPolicy lets the web UI load scripts, styles, fonts and
// data only from torchlab itself, and no other site frame it. The built UI
// has no inline script or style element; Element Plus and ECharts set
// styles through the CSSOM, which style-src does not govern, and the
// charts' tooltips write style attributes, which style-src-attr allows.
// data: serves the images and fonts the stylesheets embed; blob: the
// label sheet and the downloads the UI makes in the browser.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
	"connect-src 'self'; frame-src 'self' blob:; object-src 'self' blob:; " +
	"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// securityHeaders go on every answer. Every /api/ answer may carry personal
// data, so none is stored by a browser or a proxy (no-store); the web UI's
// files keep the caching serveFrontend gives them.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		h.Set("Cache-Control", "no-store")
	}
	c.Next()
}

// Metrics is the Prometheus scrape handler. It is not on the service's own
// listener, where anyone who reaches the web UI would read it: `torchlab
// serve` serves it on TORCHLAB_METRICS_ADDR, when that is set.
func (s *Server) Metrics() http.Handler {
	return promhttp.HandlerFor(s.cfg.Registry, promhttp.HandlerOpts{})
}
