package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/fault"
)

// ErrEmptyBody is what BindJSON's error wraps when the request has no body at all.
var ErrEmptyBody = errors.New("empty body")

// BindJSON decodes the request body into v strictly and returns an *Error a handler can
// pass to Abort. Refused with 400 invalid_json: unknown fields, trailing data, invalid
// UTF-8, and an object that names a member twice, or two members whose names differ only
// in case ("firstname" beside "firstName"), at any depth. Error messages name the field
// and the JSON type it takes, never a Go type.
//
// A body must be declared as JSON: Content-Type application/json or any +json type,
// compared case-insensitively, with no charset parameter or charset UTF-8 (415
// unsupported_media_type otherwise). A browser cannot send that cross-site without a
// CORS preflight, so a form on another site cannot post to a cookie-authenticated
// endpoint.
func BindJSON(c *gin.Context, v any) error {
	if c.Request.ContentLength != 0 {
		if err := CheckJSONMediaType(c.GetHeader("Content-Type")); err != nil {
			return err
		}
	}
	var body io.Reader = c.Request.Body
	if c.Request.Body == nil {
		body = nil
	}
	if err := DecodeStrict(body, v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return &Error{Kind: fault.Invalid, Code: "invalid_json", Message: "request body is not valid JSON for this endpoint: " + err.Error(), Cause: err}
	}
	return nil
}

// CheckJSONMediaType accepts a Content-Type header that declares JSON: application/json
// or a structured +json type, in any case, with UTF-8 as the only charset allowed. Any
// other value is a 415 unsupported_media_type.
func CheckJSONMediaType(header string) error {
	refuse := func(msg string) error {
		return &Error{Kind: fault.UnsupportedMedia, Code: "unsupported_media_type", Message: msg}
	}
	mt, params, err := mime.ParseMediaType(header)
	if err != nil || (mt != "application/json" && !(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))) {
		return refuse("send the body as JSON with Content-Type: application/json")
	}
	for name, value := range params {
		if name != "charset" {
			continue
		}
		if !strings.EqualFold(strings.TrimSpace(value), "utf-8") {
			return refuse("JSON bodies are UTF-8: charset " + fmt.Sprintf("%q", value) + " is not accepted")
		}
	}
	return nil
}

// DecodeStrict decodes exactly one JSON value from r into v, as BindJSON does: no
// unknown fields, no trailing data, valid UTF-8, and no duplicate member names (exact or
// differing only in case) in any object. Its errors are safe to show: they name fields
// and JSON types, not Go types.
func DecodeStrict(r io.Reader, v any) error {
	if r == nil {
		return ErrEmptyBody
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return ErrEmptyBody
	}
	if !utf8.Valid(raw) {
		return errors.New("the body is not valid UTF-8")
	}
	if err := CheckMembers(raw); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return PlainJSONError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// ErrDuplicateMember is matched (errors.Is) by CheckMembers' refusals of a member named
// twice or two members differing only in case.
var ErrDuplicateMember = errors.New("duplicate JSON member")

// duplicateMember is a CheckMembers refusal: its message, and Is(ErrDuplicateMember).
type duplicateMember string

func (d duplicateMember) Error() string        { return string(d) }
func (d duplicateMember) Is(target error) bool { return target == ErrDuplicateMember }

// CheckMembers walks the tokens of one JSON document and refuses an object that names a
// member twice, or two members whose names are equal ignoring case (encoding/json
// matches struct fields case-insensitively, so the last of them would win).
func CheckMembers(raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	type frame struct {
		object    bool
		expectKey bool
		names     map[string]string
		path      string // where this object or array is ("" at the top)
		member    string // the member whose value is being read
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return PlainJSONError(err)
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.expectKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			name, _ := tok.(string) // the decoder yields only strings in key position
			folded := foldName(name)
			if prev, dup := top.names[folded]; dup {
				where := ""
				if top.path != "" {
					where = " in " + top.path
				}
				if prev == name {
					return duplicateMember(fmt.Sprintf("member %q appears twice%s", name, where))
				}
				return duplicateMember(fmt.Sprintf("members %q and %q differ only in case%s: send one", prev, name, where))
			}
			top.names[folded] = name
			top.expectKey, top.member = false, name
			continue
		}
		// tok is a value (or the end of an array).
		childPath := ""
		if top != nil {
			if top.object {
				top.expectKey = true
				childPath = top.member
				if top.path != "" {
					childPath = top.path + "." + top.member
				}
			} else {
				childPath = top.path + "[]"
			}
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, &frame{object: true, expectKey: true, names: map[string]string{}, path: childPath})
			case '[':
				stack = append(stack, &frame{path: childPath})
			case ']':
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// foldName is the key two member names share when encoding/json would treat them as the
// same field: equal under Unicode case folding.
func foldName(name string) string { return strings.ToLower(strings.ToUpper(name)) }

// jsonTypeOf names the JSON type a Go type is decoded from.
func jsonTypeOf(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeFor[json.RawMessage]() || t == reflect.TypeFor[json.Number]() {
		return "a JSON value"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Interface:
		return "a JSON value"
	}
	return "a different JSON type"
}

// jsonValueName names what was sent, from encoding/json's description of it.
func jsonValueName(v string) string {
	switch {
	case v == "string":
		return "a string"
	case v == "bool":
		return "true or false"
	case v == "array":
		return "an array"
	case v == "object":
		return "an object"
	case v == "null":
		return "null"
	case v == "number":
		return "a number"
	case strings.HasPrefix(v, "number "):
		return "a number out of its range or not whole"
	}
	return "a value of another type"
}

// PlainJSONError turns encoding/json's errors, which name Go types and struct fields, into
// messages that name the JSON field and the JSON type it takes.
func PlainJSONError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		got := jsonValueName(typeErr.Value)
		if field == "" {
			return fmt.Errorf("the body must be %s, not %s", jsonTypeOf(typeErr.Type), got)
		}
		return fmt.Errorf("field %q must be %s, not %s", field, jsonTypeOf(typeErr.Type), got)
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("malformed JSON at byte %d: %s", syntaxErr.Offset, strings.TrimPrefix(syntaxErr.Error(), "json: "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON value is cut short")
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return fmt.Errorf("unknown field %s", name)
	}
	var invalid *json.InvalidUnmarshalError
	if errors.As(err, &invalid) {
		return errors.New("the body cannot be decoded for this endpoint")
	}
	// Errors from a type's own UnmarshalJSON: keep the message without Go's prefix.
	return errors.New(strings.TrimPrefix(msg, "json: "))
}

// NoBody refuses a request that sends a body to an endpoint that takes none (400
// unexpected_body), so nothing a client sends there is silently ignored.
func NoBody(c *gin.Context) {
	if c.Request.ContentLength > 0 || (c.Request.ContentLength < 0 && len(c.Request.TransferEncoding) > 0) {
		Abort(c, fault.InvalidError("unexpected_body", "this endpoint takes no request body"))
		return
	}
	c.Next()
}
