package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
)

// Who may call a route. A route's row lists every credential that reaches its handler;
// any other answers 401 or 404 (TestRoutesRefuseCredentialsNotInTheirRow).
const (
	anonymous = "anonymous" // no credential at all
	wallet    = "wallet"    // a SIWE session (bearer token or cookie)
	tenant    = "tenant"    // a tenant API key (kgt_)
	reviewer  = "reviewer"  // a compliance reviewer API key (kgr_)
	operator  = "operator"  // an operator API key
	provider  = "provider"  // a KYC provider's signed webhook
	flow      = "flow"      // the bearer of a hosted-flow token (in the path)
	// reviewerConsole and operatorConsole are console session cookies (/review, /admin),
	// sent with their CSRF token.
	reviewerConsole = "reviewerConsole"
	operatorConsole = "operatorConsole"
)

// routeTable is every route the gateway mounts and who may call it. Adding a route
// without a row here fails TestRouteTableIsComplete.
var routeTable = []struct {
	method, path string
	who          []string
}{
	{"GET", "/", []string{anonymous}},
	{"GET", "/healthz", []string{anonymous}},
	{"GET", "/readyz", []string{anonymous}},
	{"GET", "/metrics", []string{anonymous}},
	{"GET", "/openapi.json", []string{anonymous}},
	{"GET", "/docs", []string{anonymous}},
	{"GET", "/sdk/kycgate.js", []string{anonymous}},
	{"GET", "/static/*file", []string{anonymous}},
	{"GET", "/.well-known/kycgate-configuration", []string{anonymous}},
	{"GET", "/flow/:token", []string{anonymous}},
	{"GET", "/review", []string{anonymous}}, // the page; its data needs a reviewer session
	{"GET", "/offchain/url/", []string{anonymous}},

	{"POST", "/v1/auth/nonce", []string{anonymous}},
	{"POST", "/v1/auth/siwe", []string{anonymous}},
	{"POST", "/v1/auth/logout", []string{wallet}},
	{"GET", "/v1/me", []string{wallet}},
	{"POST", "/v1/me/wallets", []string{wallet}},
	{"DELETE", "/v1/me/wallets/:address", []string{wallet}},
	{"GET", "/v1/me/export", []string{wallet}},
	{"GET", "/v1/me/documents/:id", []string{wallet}},
	{"POST", "/v1/me/consents", []string{wallet}},
	{"DELETE", "/v1/me/consents/:id", []string{wallet}},
	{"GET", "/v1/tenant/customers/:externalCustomerId/details", []string{tenant}},
	{"DELETE", "/v1/tenant/customers/:externalCustomerId/personal-data", []string{tenant}},
	{"GET", "/v1/tenant/wallets/:address/details", []string{tenant}},

	{"POST", "/v1/attestations", []string{wallet}},
	{"GET", "/v1/attestations/:uid", []string{anonymous}},
	{"POST", "/v1/attestations/verify", []string{anonymous}},

	{"POST", "/v1/kyc/verifications", []string{wallet}},
	{"GET", "/v1/kyc/verifications/:id", []string{wallet, tenant}},
	{"POST", "/v1/kyc/link", []string{wallet}},

	{"GET", "/v1/flow/:token", []string{flow}},
	{"PUT", "/v1/flow/:token/personal_details", []string{flow}},
	{"POST", "/v1/flow/:token/documents", []string{flow}},
	{"POST", "/v1/flow/:token/selfie", []string{flow}},
	{"POST", "/v1/flow/:token/submit", []string{flow}},

	{"POST", "/v1/tenant/customers/:externalCustomerId/verifications", []string{tenant}},
	{"POST", "/v1/tenant/customers/:externalCustomerId/link-token", []string{tenant}},
	{"GET", "/v1/tenant/customers/:externalCustomerId", []string{tenant}},
	{"GET", "/v1/tenant/wallets/:address", []string{tenant}},
	{"GET", "/v1/tenant/rules", []string{tenant}},
	{"GET", "/v1/tenant/settings", []string{tenant}},
	{"PUT", "/v1/tenant/settings", []string{tenant}},
	{"PUT", "/v1/tenant/rules", []string{tenant}},
	{"GET", "/v1/tenant/webhook", []string{tenant}},
	{"PUT", "/v1/tenant/webhook", []string{tenant}},
	{"DELETE", "/v1/tenant/webhook", []string{tenant}},
	{"GET", "/v1/tenant/webhook/deliveries", []string{tenant}},
	{"POST", "/v1/tenant/webhook/deliveries/:id/replay", []string{tenant}},

	{"POST", "/v1/webhooks/:provider", []string{provider}},

	{"GET", "/v1/admin/reviews", []string{reviewer, reviewerConsole}},
	{"GET", "/v1/admin/reviews/:verificationId", []string{reviewer, reviewerConsole}},
	{"POST", "/v1/admin/reviews/:verificationId/decision", []string{reviewer, reviewerConsole}},
	{"GET", "/v1/admin/reviews/:verificationId/report", []string{reviewer, reviewerConsole}},
	{"GET", "/v1/admin/documents/:documentId", []string{reviewer, reviewerConsole}},
	{"POST", "/v1/admin/verifications/:id/revoke", []string{reviewer, reviewerConsole}},
	{"POST", "/v1/admin/subjects/:id/block", []string{reviewer, reviewerConsole}},
	{"POST", "/v1/admin/subjects/:id/unblock", []string{reviewer, reviewerConsole}},
	{"GET", "/v1/admin/subjects/:id/person-screenings", []string{reviewer, reviewerConsole}},
	{"POST", "/v1/admin/subjects/:id/clear-hold", []string{reviewer, reviewerConsole}},
	{"GET", "/v1/admin/holds", []string{reviewer, reviewerConsole}},
	{"GET", "/v1/admin/queue", []string{reviewer, reviewerConsole}},
	{"POST", "/v1/admin/subjects/:id/erase", []string{reviewer, reviewerConsole}},
	{"GET", "/v1/admin/screenings/held", []string{reviewer, reviewerConsole}},
	{"GET", "/v1/admin/wallets/:address/screenings", []string{reviewer, reviewerConsole}},
	{"POST", "/v1/admin/wallets/:address/screenings/clear", []string{reviewer, reviewerConsole}},

	{"GET", "/admin", []string{anonymous}}, // the operator page; its data needs the operator's session
	{"GET", "/v1/operator/tenants", []string{operator, operatorConsole}},
	{"GET", "/v1/operator/webhook/failures", []string{operator, operatorConsole}},
	{"POST", "/v1/operator/webhook/deliveries/:id/replay", []string{operator, operatorConsole}},
	{"ANY", "/admin/jobs", []string{operator, operatorConsole}},
	{"ANY", "/admin/jobs/*path", []string{operator, operatorConsole}},
	{"POST", "/v1/console/session", []string{anonymous}}, // checks the reviewer or operator key it is sent
	{"GET", "/v1/console/session", []string{reviewerConsole, operatorConsole}},
	{"DELETE", "/v1/console/session", []string{reviewerConsole, operatorConsole}},
	{"GET", "/admin/session", []string{anonymous}},
	{"POST", "/admin/session", []string{anonymous}}, // checks the operator key it is sent
}

// routeGateway is a gateway with every feature on (KYC, issuing) and one credential of
// each kind, as the request headers that present it.
func routeGateway(t *testing.T) (servertest.Gateway, map[string][]string) {
	t.Helper()
	dir := t.TempDir()
	g := servertest.Start(t, server.Config{Dev: true, DataDir: dir, DataKey: pii.GenerateKey()}, nil)
	ten, _, err := server.EnsureDevTenant(t.Context(), g.Store, dir, g.Clock.Now())
	require.NoError(t, err)
	rev, _, err := server.EnsureDevReviewer(t.Context(), g.Store, dir, g.Clock.Now())
	require.NoError(t, err)
	_, opKey, err := auth.CreateOperator(t.Context(), g.Store, "Ops", g.Clock.Now())
	require.NoError(t, err)
	token := authtest.SignIn(t, g.Handler, servertest.PublicURL, authtest.NewKey(t), 1, g.Clock.Now())
	bearer := func(secret string) []string { return []string{"Authorization", "Bearer " + secret} }
	return g, map[string][]string{
		anonymous:       nil,
		wallet:          bearer(token),
		tenant:          bearer(ten.APIKey),
		reviewer:        bearer(rev.APIKey),
		operator:        bearer(opKey),
		reviewerConsole: consoleCookie(t, g, rev.APIKey),
		operatorConsole: consoleCookie(t, g, opKey),
	}
}

// consoleCookie opens a console session with key and returns the headers a page sends
// with it: the cookie and the session's CSRF token.
func consoleCookie(t *testing.T, g servertest.Gateway, key string) []string {
	t.Helper()
	rec := authtest.Do(t, g.Handler, "POST", auth.ConsoleSessionPath, map[string]string{"key": key})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct{ CSRFToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == auth.ConsoleCookie {
			return []string{"Cookie", ck.Name + "=" + ck.Value, auth.CSRFHeader, out.CSRFToken}
		}
	}
	t.Fatal("no console cookie")
	return nil
}

func TestRouteTableIsComplete(t *testing.T) {
	t.Parallel()
	g, _ := routeGateway(t)
	var mounted, listed []string
	methods := map[string][]string{}
	for _, r := range g.Server.Routes() {
		methods[r.Path] = append(methods[r.Path], r.Method)
	}
	for path, ms := range methods {
		if len(ms) >= 9 { // gin's Any: every method
			mounted = append(mounted, "ANY "+path)
			continue
		}
		for _, m := range ms {
			if m != http.MethodHead { // HEAD answers as GET on every GET route
				mounted = append(mounted, m+" "+path)
			}
		}
	}
	for _, r := range routeTable {
		listed = append(listed, r.method+" "+r.path)
	}
	slices.Sort(mounted)
	slices.Sort(listed)
	require.Equal(t, mounted, listed, "every mounted route has a row in routeTable, and every row a route")
}

// concrete fills a route pattern's parameters with values that name nothing.
func concrete(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		switch {
		case strings.HasPrefix(p, ":address"):
			parts[i] = "0x000000000000000000000000000000000000dEaD"
		case strings.HasPrefix(p, ":token"):
			parts[i] = "kgf_unknownflowtoken0000000000"
		case strings.HasPrefix(p, ":"), strings.HasPrefix(p, "*"):
			parts[i] = "unknown1"
		}
	}
	return strings.Join(parts, "/")
}

func TestRoutesRefuseCredentialsNotInTheirRow(t *testing.T) {
	t.Parallel()
	g, creds := routeGateway(t)
	for _, r := range routeTable {
		if slices.Contains(r.who, anonymous) {
			continue
		}
		for kind, header := range creds {
			if slices.Contains(r.who, kind) {
				continue
			}
			name := fmt.Sprintf("%s %s as %s", r.method, r.path, kind)
			hdr := append([]string{"Origin", servertest.PublicURL}, header...)
			method := r.method
			if method == "ANY" {
				method = http.MethodGet
			}
			var body any
			if method != http.MethodGet && method != http.MethodDelete {
				body = map[string]any{}
			}
			rec := authtest.Do(t, g.Handler, method, concrete(r.path), body, hdr...)
			require.Contains(t, []int{http.StatusUnauthorized, http.StatusNotFound}, rec.Code, "%s: %s", name, rec.Body.String())
			require.Contains(t, rec.Body.String(), `"error"`, name)
		}
	}
}

// TestNoBodyRoutesRefuseABody: what a client sends to an endpoint that takes no body is
// refused, not silently ignored; the operator session form takes exactly one key.
func TestNoBodyRoutesRefuseABody(t *testing.T) {
	t.Parallel()
	g, creds := routeGateway(t)
	for _, r := range []struct{ method, path, who string }{
		{"POST", "/v1/auth/logout", wallet},
		{"DELETE", "/v1/me/wallets/0x000000000000000000000000000000000000dEaD", wallet},
		{"POST", "/v1/tenant/customers/c1/link-token", tenant},
		{"DELETE", "/v1/tenant/webhook", tenant},
		{"DELETE", "/v1/console/session", reviewerConsole},
	} {
		rec := authtest.Do(t, g.Handler, r.method, r.path, map[string]any{"ttl": "999h"},
			append([]string{"Origin", servertest.PublicURL}, creds[r.who]...)...)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%s %s: %s", r.method, r.path, rec.Body.String())
		require.Contains(t, rec.Body.String(), "unexpected_body")
	}
	_, opKey, err := auth.CreateOperator(t.Context(), g.Store, "Ops2", g.Clock.Now())
	require.NoError(t, err)
	for _, form := range []string{"key=" + opKey + "&key=other", "key=" + opKey + "&next=/x"} {
		req := httptest.NewRequest("POST", "/admin/session", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		g.Handler.ServeHTTP(rec, req)
		require.Equal(t, http.StatusBadRequest, rec.Code, form)
	}
	req := httptest.NewRequest("POST", "/admin/session", strings.NewReader("key="+opKey))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	g.Handler.ServeHTTP(rec, req)
	require.Equal(t, http.StatusSeeOther, rec.Code)
}
