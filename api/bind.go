package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"

	"torchlab/lab"
)

// maxJSONBody bounds a JSON request body; no form of torchlab's comes
// near it.
const maxJSONBody = 1 << 20

func init() {
	// A misspelt field must not be silently ignored: a client that sends
	// "lmp" for "lmp_date" hears about it.
	binding.EnableDecoderDisallowUnknownFields = true
}

// bindJSON decodes the request body into dst. A body that is not JSON is a
// 400 malformed; a field of the wrong type or an unknown field is a 422
// validation naming the field. It answers the error itself and returns
// false; handlers then just return.
func bindJSON(c *gin.Context, dst any) bool {
	// A cross-site form can post text/plain without a preflight; demanding
	// JSON's media type closes that door (log-in CSRF among others).
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		failCode(c, lab.CodeUnsupportedMediaType, "send the body as application/json")
		return false
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxJSONBody)
	err := c.ShouldBindJSON(dst)
	if err == nil {
		return true
	}
	var typeErr *json.UnmarshalTypeError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		failCode(c, lab.CodeTooLarge, "the request body is over 1 MiB")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "field " + field + " has the wrong type",
			Fields: []lab.FieldError{{Field: field, Code: "type", Detail: "expected " + typeErr.Type.String()}}})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		fail(c, &lab.Error{Code: lab.CodeValidation, Message: "unknown field " + field,
			Fields: []lab.FieldError{{Field: field, Code: "unknown"}}})
	case errors.Is(err, io.EOF):
		failCode(c, lab.CodeMalformed, "the request body is empty; send a JSON object")
	default:
		failCode(c, lab.CodeMalformed, "the request body is not valid JSON")
	}
	return false
}

// pathID reads a numeric path parameter; anything else cannot name a record
// and answers 404.
func pathID(c *gin.Context, name string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		failCode(c, lab.CodeNotFound, "no such record")
		return 0, false
	}
	return id, true
}

// queryInt reads an optional integer query parameter into v.
func queryInt(c *gin.Context, name string, v *lab.Validation) int {
	raw := c.Query(name)
	if raw == "" {
		return 0
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		v.Add(name, "not_integer", "a whole number")
	}
	return n
}

// pageOf reads limit, cursor and offset (API.md, "Lists").
func pageOf(c *gin.Context, v *lab.Validation) lab.Page {
	return lab.Page{Limit: queryInt(c, "limit", v), Cursor: c.Query("cursor"), Offset: queryInt(c, "offset", v)}
}
