// Package openapitest checks, in tests, that the gateway answers as its OpenAPI document
// (package api/openapi) says: Handler wraps an http.Handler and validates every
// request/response pair it serves - the path and method must be in the document, the
// status declared for the operation, the declared headers present and well-formed, the
// body of the declared media type and valid against its schema, and a request answered
// 2xx valid against the operation's parameters and body - reporting each mismatch
// with t.Errorf. servertest.Start and authtest.Do wrap the handlers they are given, so
// the HTTP tests validate what they receive without being edited.
//
// It uses github.com/pb33f/libopenapi-validator (OpenAPI 3.1, JSON Schema 2020-12); the
// document is parsed and the validator built once per test binary. Test-only: nothing
// outside tests imports this package.
//
// Exempt, by design: routes a test mounts itself under TestPrefix; answers of the router
// to paths or methods the gateway does not serve (404 not_found, 405
// method_not_allowed), which must still be the error envelope, and its trailing-slash
// redirects; CORS preflights (OPTIONS
// with Access-Control-Request-Method, 204); and the methods of the River UI's catch-all
// routes the document does not list (HEAD, OPTIONS). HEAD on a GET route is validated as
// GET without the body.
package openapitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi-validator/paths"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/api/openapi"
)

// TestPrefix is where tests mount routes of their own (server.WithRoutes); they are not
// part of the API and not validated.
const TestPrefix = "/test/"

// maxBody is how much of a response body is kept for validation; a longer body (a
// document download) is validated for its status and headers only.
const maxBody = 4 << 20

type spec struct {
	model     *v3.Document
	opts      *config.ValidationOptions
	validator validator.Validator
	// schemas validates outbound webhook bodies (Webhook).
	schemas schema_validation.SchemaValidator
	// wildcards are the paths whose last parameter takes several segments (gin's *name),
	// marked x-kycgate-wildcard: their prefix up to the parameter.
	wildcards []string
	// anyMethod are the paths of gin's Any routes (x-kycgate-any).
	anyMethod map[string]bool
	// mu serialises validations: the validator's caches are shared by parallel tests.
	mu sync.Mutex
}

var load = sync.OnceValues(func() (*spec, error) {
	raw, err := openapi.Document()
	if err != nil {
		return nil, err
	}
	doc, err := libopenapi.NewDocument(raw)
	if err != nil {
		return nil, fmt.Errorf("openapitest: parse the document: %w", err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		return nil, fmt.Errorf("openapitest: build the model: %w", err)
	}
	v, errs := validator.NewValidator(doc, config.WithoutSecurityValidation())
	if len(errs) > 0 {
		return nil, fmt.Errorf("openapitest: build the validator: %v", errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		msgs := make([]string, 0, len(verrs))
		for _, e := range verrs {
			msgs = append(msgs, e.Error())
		}
		return nil, fmt.Errorf("openapitest: the document is not valid OpenAPI: %s", strings.Join(msgs, "; "))
	}
	s := &spec{model: &model.Model, opts: config.NewValidationOptions(), validator: v, anyMethod: map[string]bool{},
		schemas: schema_validation.NewSchemaValidator()}
	var generic map[string]map[string]any
	var top struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, err
	}
	generic = top.Paths
	for p, item := range generic {
		if item["x-kycgate-wildcard"] == true {
			s.wildcards = append(s.wildcards, p[:strings.LastIndex(p, "{")])
		}
		if item["x-kycgate-any"] == true {
			s.anyMethod[p] = true
		}
	}
	return s, nil
})

// Check parses the document and builds the validator (once per test binary), failing t
// when the document is not valid OpenAPI 3.1.
func Check(t testing.TB) {
	t.Helper()
	if _, err := load(); err != nil {
		t.Fatal(err)
	}
}

// Handler wraps h: every request it serves is passed through and its response checked
// against the document; mismatches are reported with t.Errorf (the test goes on). A
// handler already wrapped is returned as it is.
func Handler(t testing.TB, h http.Handler) http.Handler {
	if _, ok := h.(*checked); ok {
		return h
	}
	return &checked{t: t, next: h}
}

type checked struct {
	t    testing.TB
	next http.Handler
}

func (c *checked) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.t.Helper()
	req := r.Clone(r.Context())
	var body []byte
	if r.Body != nil && r.Body != http.NoBody && !strings.HasPrefix(r.URL.Path, TestPrefix) {
		// Kept for the request's validation; the handler reads the same bytes.
		body, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	rec := &recorder{ResponseWriter: w, header: w.Header()}
	c.next.ServeHTTP(rec, r)
	s, err := load()
	if err != nil {
		c.t.Errorf("openapitest: %v", err)
		return
	}
	for _, msg := range s.check(req, body, rec.response(), rec.truncated) {
		c.t.Errorf("openapitest: %s %s → %d: %s", req.Method, req.URL.Path, rec.status(), msg)
	}
}

// check returns what is wrong with resp as the answer to req.
// A bodyless answer (HEAD, or a body too long to keep) is checked for its status only.
func (s *spec) check(req *http.Request, body []byte, resp *http.Response, bodyless bool) []string {
	if strings.HasPrefix(req.URL.Path, TestPrefix) {
		return nil
	}
	if req.Method == http.MethodOptions && req.Header.Get("Access-Control-Request-Method") != "" &&
		resp.StatusCode == http.StatusNoContent {
		return nil // a CORS preflight (api.CORS)
	}
	lookup := req.Clone(req.Context())
	lookup.URL.Path = s.lookupPath(req.URL.Path)
	lookup.URL.RawPath = ""
	head := req.Method == http.MethodHead
	if head {
		lookup.Method = http.MethodGet
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	item, _, template := paths.FindPath(lookup, s.model, s.opts)
	var op *v3.Operation
	if item != nil {
		op = item.GetOperations().GetOrZero(strings.ToLower(lookup.Method))
	}
	if op == nil {
		if item != nil && s.anyMethod[template] && (req.Method == http.MethodHead || req.Method == http.MethodOptions) {
			return nil
		}
		return unrouted(req, resp, head)
	}
	if head || bodyless {
		if op.Responses == nil || op.Responses.Codes.GetOrZero(fmt.Sprint(resp.StatusCode)) == nil {
			return []string{fmt.Sprintf("status %d is not declared for %s %s", resp.StatusCode, lookup.Method, template)}
		}
		return nil
	}
	_, errs := s.validator.ValidateHttpResponse(lookup, resp)
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		// An accepted request must be one the document describes (parameters, body). A
		// body without a media type is application/octet-stream (RFC 9110 §8.3).
		if len(body) > 0 && lookup.Header.Get("Content-Type") == "" {
			lookup.Header = lookup.Header.Clone()
			lookup.Header.Set("Content-Type", "application/octet-stream")
		}
		_, reqErrs := s.validator.ValidateHttpRequestSync(lookup)
		for _, e := range reqErrs {
			e.Message = "request: " + e.Message
		}
		errs = append(errs, reqErrs...)
	}
	if len(errs) > 0 {
		out := make([]string, 0, len(errs))
		for _, e := range errs {
			msg := e.Message
			if e.Reason != "" {
				msg += ": " + e.Reason
			}
			for _, se := range e.SchemaValidationErrors {
				msg += fmt.Sprintf(" [%s: %s]", se.FieldPath, se.Reason)
			}
			out = append(out, msg)
		}
		return out
	}
	return nil
}

// lookupPath is the path as the document knows it: the rest of a wildcard route's path
// (several segments) made one segment.
func (s *spec) lookupPath(p string) string {
	for _, prefix := range s.wildcards {
		if strings.HasPrefix(p, prefix) && len(p) > len(prefix) {
			return prefix + strings.ReplaceAll(p[len(prefix):], "/", "~")
		}
	}
	return p
}

// unrouted checks the answer to a path or method the document does not have: only the
// router's own 404 and 405, in the error envelope, are expected there.
//
// The router also redirects a path that differs from a route's by a trailing slash
// (gin's RedirectTrailingSlash: 301 for GET, 307 otherwise) to that route.
func unrouted(req *http.Request, resp *http.Response, head bool) []string {
	if resp.StatusCode == http.StatusMovedPermanently || resp.StatusCode == http.StatusTemporaryRedirect {
		loc := resp.Header.Get("Location")
		if loc == req.URL.Path+"/" || loc+"/" == req.URL.Path {
			return nil
		}
	}
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
		return []string{"the path and method are not in the OpenAPI document (api/openapi/*.yaml)"}
	}
	if head {
		return nil // the envelope's body is dropped
	}
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	var env api.Envelope
	if err := dec.Decode(&env); err != nil || env.Error.Code == "" {
		return []string{fmt.Sprintf("a %d for an unrouted path is not the error envelope: %q", resp.StatusCode, buf.String())}
	}
	return nil
}

// Webhook checks one outbound webhook body (notify's message) against the document's
// webhooks: its type must be one of them and the body valid against its schema. It
// returns what is wrong; nil when nothing is.
func Webhook(body []byte) []string {
	s, err := load()
	if err != nil {
		return []string{err.Error()}
	}
	var msg struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(body, &msg); err != nil {
		return []string{"the body is not a JSON object: " + err.Error()}
	}
	var item *v3.PathItem
	if s.model.Webhooks != nil {
		item = s.model.Webhooks.GetOrZero(msg.Type)
	}
	if item == nil || item.Post == nil || item.Post.RequestBody == nil {
		return []string{fmt.Sprintf("event type %q is not in the document's webhooks", msg.Type)}
	}
	mt := item.Post.RequestBody.Content.GetOrZero("application/json")
	if mt == nil || mt.Schema == nil {
		return []string{fmt.Sprintf("webhook %q has no JSON body schema", msg.Type)}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, errs := s.schemas.ValidateSchemaBytes(mt.Schema.Schema(), body)
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		m := fmt.Sprintf("webhook %s: %s", msg.Type, e.Message)
		for _, se := range e.SchemaValidationErrors {
			m += fmt.Sprintf(" [%s: %s]", se.FieldPath, se.Reason)
		}
		out = append(out, m)
	}
	return out
}
