package openapitest_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api/openapitest"
)

// fakeT records what the wrapped handler reports.
type fakeT struct {
	testing.TB
	errs []string
}

func (f *fakeT) Errorf(format string, args ...any) {
	f.errs = append(f.errs, format)
}

func (f *fakeT) Helper() {}

func serve(t *testing.T, method, path string, h http.HandlerFunc, header ...string) []string {
	t.Helper()
	ft := &fakeT{TB: t}
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	openapitest.Handler(ft, h).ServeHTTP(httptest.NewRecorder(), req)
	return ft.errs
}

func jsonBody(status int, body any, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Request-Id", "req_1")
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}
}

func TestTheDocumentIsValidOpenAPI(t *testing.T) {
	openapitest.Check(t)
}

func TestHandlerAcceptsWhatTheDocumentSays(t *testing.T) {
	require.Empty(t, serve(t, "GET", "/healthz", jsonBody(200, map[string]string{"status": "ok"})))
	require.Empty(t, serve(t, "GET", "/v1/tenant/webhook", jsonBody(200, map[string]string{"url": ""})))
	require.Empty(t, serve(t, "GET", "/v1/tenant/webhook/deliveries", jsonBody(200, map[string]any{"deliveries": []any{}},
		"Cache-Control", "no-store")))
	require.Empty(t, serve(t, "GET", "/v1/me", jsonBody(401, map[string]any{
		"error": map[string]string{"code": "unauthenticated", "message": "no session", "requestId": "req_1"}})))
	require.Empty(t, serve(t, "HEAD", "/healthz", jsonBody(200, nil)), "HEAD is GET without the body")
	require.Empty(t, serve(t, "GET", "/nope", jsonBody(404, map[string]any{
		"error": map[string]string{"code": "not_found", "message": "no such endpoint", "requestId": "req_1"}})),
		"the router's own 404, in the envelope")
	require.Empty(t, serve(t, "GET", "/static/a/b.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		_, _ = w.Write([]byte("body{}"))
	}), "a wildcard route takes several segments")
	require.Empty(t, serve(t, "GET", "/test/anything", jsonBody(418, "x")), "tests' own routes are not validated")
}

func TestHandlerReportsWhatTheDocumentDoesNotSay(t *testing.T) {
	cases := map[string][]string{
		"undeclared status":  serve(t, "GET", "/healthz", jsonBody(201, map[string]string{"status": "ok"})),
		"body off schema":    serve(t, "GET", "/v1/tenant/webhook", jsonBody(200, map[string]any{"url": 1})),
		"error not envelope": serve(t, "GET", "/v1/me", jsonBody(401, map[string]any{"message": "no"})),
		"unknown path, 200":  serve(t, "GET", "/v1/nope", jsonBody(200, map[string]any{})),
		"404 not envelope":   serve(t, "GET", "/nope", jsonBody(404, "not found")),
		"undeclared media":   serve(t, "GET", "/healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok")) }),
		"missing no-store":   serve(t, "GET", "/v1/me/export", jsonBody(200, map[string]any{})),
	}
	for name, errs := range cases {
		require.NotEmpty(t, errs, name)
		require.True(t, strings.HasPrefix(errs[0], "openapitest"), name)
	}
}

func TestHandlerAcceptsTheRoutersTrailingSlashRedirect(t *testing.T) {
	redirect := func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/offchain/url/", http.StatusMovedPermanently)
	}
	require.Empty(t, serve(t, "GET", "/offchain/url", redirect))
	require.NotEmpty(t, serve(t, "GET", "/elsewhere", redirect), "only to the same path with or without the slash")
}

func TestHandlerChecksTheRequestsItAccepts(t *testing.T) {
	ok := jsonBody(200, map[string]string{"url": "https://example.com/h", "secret": "whsec_x"})
	send := func(body string) []string {
		ft := &fakeT{TB: t}
		req := httptest.NewRequest("PUT", "/v1/tenant/webhook", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		openapitest.Handler(ft, ok).ServeHTTP(httptest.NewRecorder(), req)
		return ft.errs
	}
	require.Empty(t, send(`{"url":"https://example.com/h"}`))
	require.NotEmpty(t, send(`{"url":5}`), "a 2xx to a request the document does not describe")
}

func TestWebhookChecksOutboundEvents(t *testing.T) {
	ok := `{"type":"verification.updated","timestamp":"2026-11-22T10:00:00Z",
		"data":{"verificationId":"ver_1","status":"approved","level":1,"mode":"web3"}}`
	require.Empty(t, openapitest.Webhook([]byte(ok)))
	require.NotEmpty(t, openapitest.Webhook([]byte(strings.Replace(ok, `"approved"`, `"approvedish"`, 1))))
	require.NotEmpty(t, openapitest.Webhook([]byte(strings.Replace(ok, `"level":1,`, ``, 1))), "a required member")
	require.NotEmpty(t, openapitest.Webhook([]byte(strings.Replace(ok, "verification.updated", "nobody.knows", 1))))
}
