package api

import (
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

// serveFrontend serves the embedded web UI. Hashed build assets (under
// /assets/) never change, so browsers keep them a year; index.html is
// never cached, so a new release reaches every desk on the next load.
func serveFrontend(c *gin.Context, dist fs.FS, urlPath string) {
	name := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if st, err := fs.Stat(dist, name); name == "" || err != nil || st.IsDir() {
		name = "index.html"
	}
	body, err := fs.ReadFile(dist, name)
	if err != nil {
		failCode(c, lab.CodeNotFound, "the web UI is not built into this binary")
		return
	}
	if strings.HasPrefix(name, "assets/") {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "no-cache")
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	c.Data(http.StatusOK, ct, body)
}
