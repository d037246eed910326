package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
)

// TestJobsUIIsForOperators: the River UI answers at /admin/jobs with an operator key (as
// a bearer header, or as the console session /admin/session exchanges it for) and 401 without one
// or with a tenant or reviewer key.
func TestJobsUIIsForOperators(t *testing.T) {
	t.Parallel()
	g := servertest.Start(t, server.Config{}, nil)
	now := g.Clock.Now()
	_, opKey, err := auth.CreateOperator(t.Context(), g.Store, "Platform team", now)
	require.NoError(t, err)
	_, tenantKey, err := auth.CreateTenant(t.Context(), g.Store, "Acme", now)
	require.NoError(t, err)
	_, reviewerKey, err := auth.CreateReviewer(t.Context(), g.Store, "Compliance", now)
	require.NoError(t, err)

	for _, path := range []string{"/admin/jobs", "/admin/jobs/", "/admin/jobs/api/jobs?state=available"} {
		rec := authtest.Do(t, g.Handler, "GET", path, nil)
		require.Equal(t, http.StatusUnauthorized, rec.Code, path)
		for _, key := range []string{tenantKey, reviewerKey, "kgo_forged"} {
			rec = authtest.Do(t, g.Handler, "GET", path, nil, "Authorization", "Bearer "+key)
			require.Equal(t, http.StatusUnauthorized, rec.Code, "%s with %s", path, key[:4])
		}
	}
	rec := authtest.Do(t, g.Handler, "GET", "/admin/jobs/", nil, "Authorization", "Bearer "+opKey)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), "<html", "the River UI's page")
	rec = authtest.Do(t, g.Handler, "GET", "/admin/jobs/api/jobs?state=available", nil, "Authorization", "Bearer "+opKey)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), `"data"`, "the UI's API lists jobs")

	// A browser exchanges the key for a cookie; a wrong key gets none.
	form := func(key string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/admin/session", strings.NewReader(url.Values{"key": {key}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		g.Handler.ServeHTTP(rec, req)
		return rec
	}
	rec = form(reviewerKey)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	require.Empty(t, rec.Result().Cookies())
	rec = form(opKey)
	require.Equal(t, http.StatusSeeOther, rec.Code)
	var console *http.Cookie
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == auth.ConsoleCookie {
			console = ck
		}
	}
	require.NotNil(t, console, "the form opens a console session")
	require.True(t, console.HttpOnly)
	require.Equal(t, http.SameSiteStrictMode, console.SameSite)
	require.NotContains(t, console.Value, opKey, "the key itself is never stored in the browser")
	require.True(t, strings.HasPrefix(console.Value, auth.ConsoleTokenPrefix))
	do := func(method, path string, hdr ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		req.AddCookie(console)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		g.Handler.ServeHTTP(w, req)
		return w
	}
	require.Equal(t, http.StatusOK, do("GET", "/admin/jobs/").Code)

	// The UI's writes (its own scripts cannot send X-CSRF-Token) must come from our origin.
	const retry = "/admin/jobs/api/jobs/retry"
	for _, hdr := range [][]string{nil, {"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}} {
		w := do("POST", retry, hdr...)
		require.Equal(t, http.StatusForbidden, w.Code, "%v: %s", hdr, w.Body.String())
		require.Contains(t, w.Body.String(), auth.CodeCSRFFailed)
	}
	for _, hdr := range [][]string{{"Origin", servertest.PublicURL}, {"Sec-Fetch-Site", "same-origin"}} {
		w := do("POST", retry, hdr...)
		require.NotEqual(t, http.StatusForbidden, w.Code, "%v reaches the UI: %s", hdr, w.Body.String())
		require.NotEqual(t, http.StatusUnauthorized, w.Code, "%v", hdr)
	}
}
