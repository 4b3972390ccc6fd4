// Package frontend embeds the built web UI (Vue 3 + Vite, sources in src/,
// built with `npm ci && npm run build`), so that `go build` and
// `go run ./cmd/torchlab` need no Node.
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
