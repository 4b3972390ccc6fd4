package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

// healthz answers while the process runs; it touches nothing else.
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz answers 200 when the database is reachable and its schema is the
// one this binary expects, so a load balancer sends traffic only then.
func (s *Server) readyz(c *gin.Context) {
	if s.cfg.Ready != nil {
		if err := s.cfg.Ready(c.Request.Context()); err != nil {
			logger(c).Warn("not ready", "err", err)
			// The cause is logged, not shown: it can name database hosts.
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable"})
			return
		}
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}

// noRoute answers unknown API paths with a problem, and every other path
// with the web UI: a file of the build if there is one, else index.html,
// so that the UI's own routes survive a reload.
func (s *Server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || s.cfg.Frontend == nil {
		failCode(c, lab.CodeNotFound, "no such route")
		return
	}
	if p == "/metrics" {
		failCode(c, lab.CodeNotFound, "the metrics are served on their own address (TORCHLAB_METRICS_ADDR)")
		return
	}
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		failCode(c, lab.CodeNotFound, "no such route")
		return
	}
	serveFrontend(c, s.cfg.Frontend, p)
}
