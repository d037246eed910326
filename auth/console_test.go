package auth_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

// consoleBundle is a gateway with KYC on (the /v1/admin routes), a reviewer, an operator
// and a tenant.
type consoleBundle struct {
	servertest.Gateway
	reviewer                 storage.Reviewer
	reviewerKey, operatorKey string
	tenantKey                string
}

func consoleSetup(t *testing.T) consoleBundle {
	t.Helper()
	g := servertest.Start(t, server.Config{CookieSecure: true, DataKey: pii.GenerateKey()}, nil)
	now := g.Clock.Now()
	rev, revKey, err := auth.CreateReviewer(t.Context(), g.Store, "Compliance One", now)
	require.NoError(t, err)
	_, opKey, err := auth.CreateOperator(t.Context(), g.Store, "Platform team", now)
	require.NoError(t, err)
	_, tenKey, err := auth.CreateTenant(t.Context(), g.Store, "Acme", now)
	require.NoError(t, err)
	return consoleBundle{Gateway: g, reviewer: rev, reviewerKey: revKey, operatorKey: opKey, tenantKey: tenKey}
}

type consoleSession struct {
	Role, Name, CSRFToken, ExpiresAt string
	IdleTimeoutSeconds               int64
	cookie                           *http.Cookie
}

// signInConsole opens a console session with key and returns it with its cookie.
func signInConsole(t *testing.T, h http.Handler, key string) consoleSession {
	t.Helper()
	rec := authtest.Do(t, h, "POST", auth.ConsoleSessionPath, map[string]string{"key": key})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	var s consoleSession
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &s))
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == auth.ConsoleCookie {
			s.cookie = ck
		}
	}
	require.NotNil(t, s.cookie)
	return s
}

// withCookie sends a request with the session's cookie and the header pairs.
func withCookie(t *testing.T, h http.Handler, s consoleSession, method, path string, body any, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	return authtest.Do(t, h, method, path, body, append([]string{"Cookie", s.cookie.Name + "=" + s.cookie.Value}, header...)...)
}

func TestConsoleSignInSetsAStrictCookieWithoutTheKey(t *testing.T) {
	t.Parallel()
	b := consoleSetup(t)
	s := signInConsole(t, b.Handler, b.reviewerKey)
	require.Equal(t, "reviewer", s.Role)
	require.Equal(t, "Compliance One", s.Name)
	require.EqualValues(t, 15*60, s.IdleTimeoutSeconds)
	require.Equal(t, b.Clock.Now().Add(8*time.Hour).UTC().Format(time.RFC3339), s.ExpiresAt)
	require.NotEmpty(t, s.CSRFToken)
	ck := s.cookie
	require.True(t, ck.HttpOnly)
	require.True(t, ck.Secure)
	require.Equal(t, http.SameSiteStrictMode, ck.SameSite)
	require.Equal(t, "/", ck.Path)
	require.True(t, strings.HasPrefix(ck.Value, auth.ConsoleTokenPrefix))
	require.NotContains(t, ck.Value, b.reviewerKey)

	rec := withCookie(t, b.Handler, s, "GET", auth.ConsoleSessionPath, nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	require.Empty(t, rec.Result().Cookies(), "GET sets no new cookie")
	require.Contains(t, rec.Body.String(), s.CSRFToken)

	op := signInConsole(t, b.Handler, b.operatorKey)
	require.Equal(t, "operator", op.Role)
	require.Equal(t, "Platform team", op.Name)
}

func TestConsoleRefusesOtherKeys(t *testing.T) {
	t.Parallel()
	b := consoleSetup(t)
	for _, key := range []string{b.tenantKey, "kgr_forged", "kgo_forged", "", "  "} {
		rec := authtest.Do(t, b.Handler, "POST", auth.ConsoleSessionPath, map[string]string{"key": key})
		require.Equal(t, http.StatusUnauthorized, rec.Code, rec.Body.String())
		require.Equal(t, "unauthenticated", errorCode(t, rec))
		require.Empty(t, rec.Result().Cookies(), "no cookie for a refused key")
		require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	}
	// A tenant key cannot read the reviewers' queue either.
	rec := authtest.Do(t, b.Handler, "GET", "/v1/admin/reviews", nil, "Authorization", "Bearer "+b.tenantKey)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	rec = authtest.Do(t, b.Handler, "GET", auth.ConsoleSessionPath, nil)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	rec = authtest.Do(t, b.Handler, "GET", auth.ConsoleSessionPath, nil, "Cookie", auth.ConsoleCookie+"=kgc_forged")
	require.Equal(t, http.StatusUnauthorized, rec.Code)
}

// TestConsoleCookieWritesNeedTheCSRFToken: a cookie-authenticated write without the
// session's token, or with a wrong one, is 403 csrf_failed; with it, it goes through.
func TestConsoleCookieWritesNeedTheCSRFToken(t *testing.T) {
	t.Parallel()
	b := consoleSetup(t)
	s := signInConsole(t, b.Handler, b.reviewerKey)
	sub := storage.Subject{CreatedAt: b.Clock.Now()}
	require.NoError(t, b.Store.CreateSubject(t.Context(), &sub))
	block := "/v1/admin/subjects/" + sub.ID + "/block"
	body := map[string]string{"reason": "test block"}

	rec := withCookie(t, b.Handler, s, "POST", block, body)
	require.Equal(t, http.StatusForbidden, rec.Code, rec.Body.String())
	require.Equal(t, auth.CodeCSRFFailed, errorCode(t, rec))
	rec = withCookie(t, b.Handler, s, "POST", block, body, auth.CSRFHeader, s.CSRFToken+"x")
	require.Equal(t, http.StatusForbidden, rec.Code)
	rec = withCookie(t, b.Handler, s, "POST", block, body, auth.CSRFHeader, s.CSRFToken)
	require.NotEqual(t, http.StatusForbidden, rec.Code, rec.Body.String())
	require.NotEqual(t, http.StatusUnauthorized, rec.Code, rec.Body.String())
	// Reads need no token.
	rec = withCookie(t, b.Handler, s, "GET", "/v1/admin/reviews", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	// Sign-out is a write too.
	rec = withCookie(t, b.Handler, s, "DELETE", auth.ConsoleSessionPath, nil)
	require.Equal(t, http.StatusForbidden, rec.Code)
	rec = withCookie(t, b.Handler, s, "GET", "/v1/admin/reviews", nil)
	require.Equal(t, http.StatusOK, rec.Code, "a refused sign-out leaves the session")
}

// TestConsoleCookieIsNotATenantOrWalletCredential: the reviewer's and the operator's
// cookies open nothing outside their roles.
func TestConsoleCookieIsNotATenantOrWalletCredential(t *testing.T) {
	t.Parallel()
	b := consoleSetup(t)
	rev := signInConsole(t, b.Handler, b.reviewerKey)
	op := signInConsole(t, b.Handler, b.operatorKey)
	for _, s := range []consoleSession{rev, op} {
		for _, r := range []struct{ method, path string }{
			{"GET", "/v1/tenant/rules"},
			{"GET", "/v1/tenant/customers/c1"},
			{"POST", "/v1/tenant/customers/c1/verifications"},
			{"GET", "/v1/tenant/wallets/0x000000000000000000000000000000000000dEaD"},
			{"GET", "/v1/me"},
			{"POST", "/v1/attestations"},
			{"POST", "/v1/kyc/verifications"},
			{"POST", "/v1/auth/logout"},
		} {
			var body any
			if r.method == "POST" {
				body = map[string]any{}
			}
			rec := withCookie(t, b.Handler, s, r.method, r.path, body, auth.CSRFHeader, s.CSRFToken, "Origin", servertest.PublicURL)
			require.Equal(t, http.StatusUnauthorized, rec.Code, "%s %s as %s: %s", r.method, r.path, s.Role, rec.Body.String())
		}
	}
	// Each role's cookie opens only its own routes.
	rec := withCookie(t, b.Handler, op, "GET", "/v1/admin/reviews", nil)
	require.Equal(t, http.StatusUnauthorized, rec.Code, "an operator session is not a reviewer's")
	rec = withCookie(t, b.Handler, rev, "GET", "/admin/jobs/", nil)
	require.Equal(t, http.StatusUnauthorized, rec.Code, "a reviewer session is not an operator's")
	rec = withCookie(t, b.Handler, op, "GET", "/admin/jobs/", nil)
	require.Equal(t, http.StatusOK, rec.Code)
}

func TestConsoleSessionIdlesOutAndHasACap(t *testing.T) {
	t.Parallel()
	b := consoleSetup(t)
	s := signInConsole(t, b.Handler, b.reviewerKey)
	get := func() int { return withCookie(t, b.Handler, s, "GET", "/v1/admin/reviews", nil).Code }

	// Used every 14 minutes, it lives on past its idle timeout...
	for range 4 {
		b.Clock.Add(14 * time.Minute)
		require.Equal(t, http.StatusOK, get())
	}
	// ...until it is left alone for longer than it.
	b.Clock.Add(15*time.Minute + time.Second)
	require.Equal(t, http.StatusUnauthorized, get())
	rec := withCookie(t, b.Handler, s, "GET", auth.ConsoleSessionPath, nil)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	require.Equal(t, "session_expired", errorCode(t, rec))

	// However active, a session ends at its absolute cap (8h).
	s = signInConsole(t, b.Handler, b.reviewerKey)
	for range 8 * 60 / 10 {
		b.Clock.Add(10 * time.Minute)
		if b.Clock.Now().Before(mustTime(t, s.ExpiresAt)) {
			require.Equal(t, http.StatusOK, get())
		}
	}
	require.Equal(t, http.StatusUnauthorized, get())
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}

func TestConsoleSignOutEndsTheSession(t *testing.T) {
	t.Parallel()
	b := consoleSetup(t)
	s := signInConsole(t, b.Handler, b.reviewerKey)
	other := signInConsole(t, b.Handler, b.reviewerKey)
	rec := withCookie(t, b.Handler, s, "DELETE", auth.ConsoleSessionPath, nil, auth.CSRFHeader, s.CSRFToken)
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	cleared := rec.Result().Cookies()
	require.Len(t, cleared, 1)
	require.Equal(t, auth.ConsoleCookie, cleared[0].Name)
	require.Empty(t, cleared[0].Value)
	require.Negative(t, cleared[0].MaxAge)

	require.Equal(t, http.StatusUnauthorized, withCookie(t, b.Handler, s, "GET", "/v1/admin/reviews", nil).Code,
		"the signed-out cookie, replayed, opens nothing")
	require.Equal(t, http.StatusOK, withCookie(t, b.Handler, other, "GET", "/v1/admin/reviews", nil).Code,
		"the reviewer's other browser stays signed in")
}

func TestRevokedReviewerKeyEndsItsSessions(t *testing.T) {
	t.Parallel()
	b := consoleSetup(t)
	s := signInConsole(t, b.Handler, b.reviewerKey)
	require.Equal(t, http.StatusOK, withCookie(t, b.Handler, s, "GET", "/v1/admin/reviews", nil).Code)
	k, err := b.Store.GetAPIKeyByHash(t.Context(), auth.HashSecret(b.reviewerKey))
	require.NoError(t, err)
	require.NoError(t, b.Store.RevokeAPIKey(t.Context(), k.ID, b.Clock.Now()))
	require.Equal(t, http.StatusUnauthorized, withCookie(t, b.Handler, s, "GET", "/v1/admin/reviews", nil).Code)
	require.Equal(t, http.StatusUnauthorized, withCookie(t, b.Handler, s, "GET", auth.ConsoleSessionPath, nil).Code)
}
