// Package docs carries torchlab's API reference, openapi.yaml, into the
// binary, which serves it at GET /api/v1/openapi.yaml.
package docs

import _ "embed"

// OpenAPI is the API reference (OpenAPI 3.0, YAML).
//
//go:embed openapi.yaml
var OpenAPI []byte
