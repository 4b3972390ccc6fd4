// Package frontend embeds the built web UI, so that `go build` and
// `go run ./cmd/torchlab` need no Node. The Vue sources arrive with the web
// UI issue; until then dist/ holds a placeholder page.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built UI with index.html at its root.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}
