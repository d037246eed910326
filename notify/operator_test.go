package notify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestOperatorSeesEveryTenantsWebhooksAndReplays runs on SQLite and PostgreSQL.
func TestOperatorSeesEveryTenantsWebhooksAndReplays(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			operatorView(t, startOn(t, open(t), func(c *server.Config) { c.WebhookBreakerFailures = 1 }))
		})
	}
}

func operatorView(t *testing.T, g gateway) {
	ctx := context.Background()
	op, opKey, err := auth.CreateOperator(ctx, g.st, "Olga", g.clk.Now())
	require.NoError(t, err)
	_, reviewerKey, err := auth.CreateReviewer(ctx, g.st, "Grace", g.clk.Now())
	require.NoError(t, err)
	get := func(path string, want int) []byte {
		t.Helper()
		rec := authtest.Do(t, g.h, "GET", path, nil, bearer(opKey)...)
		require.Equal(t, want, rec.Code, rec.Body.String())
		if want == http.StatusOK {
			require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
		}
		return rec.Body.Bytes()
	}
	failures := func(q url.Values) notify.FailurePage {
		t.Helper()
		var page notify.FailurePage
		require.NoError(t, json.Unmarshal(get("/v1/operator/webhook/failures?"+q.Encode(), http.StatusOK), &page))
		return page
	}

	// Acme's endpoint fails once (its breaker opens: one failure is the threshold), and
	// carries a token in its path and query; Beta's answers 410 Gone (failed for good);
	// Gamma has no webhook.
	rcv, gone := newReceiver(t), newReceiver(t)
	secretA := g.setWebhook(t, g.key, rcv.srv.URL+"/hooks/tok-in-path?token=tok-in-query")
	beta, betaKey, err := auth.CreateTenant(ctx, g.st, "Beta dApp", g.clk.Now())
	require.NoError(t, err)
	secretB := g.setWebhook(t, betaKey, gone.srv.URL)
	gamma, _, err := auth.CreateTenant(ctx, g.st, "Gamma dApp", g.clk.Now())
	require.NoError(t, err)
	rcv.answerNext(http.StatusInternalServerError)
	gone.answerNext(http.StatusGone)
	g.startCustomer(t, "cust-1")
	g.clk.Add(time.Second)
	g.startCustomerOf(t, betaKey, "beta-1")
	require.Equal(t, 2, g.step(t))

	// Tenants and endpoints: origins only, never a secret.
	raw := get("/v1/operator/tenants", http.StatusOK)
	for _, hidden := range []string{secretA, secretB, "whsec_", "tok-in-path", "tok-in-query"} {
		require.NotContains(t, string(raw), hidden)
	}
	var tenants struct{ Tenants []notify.TenantEndpoints }
	require.NoError(t, json.Unmarshal(raw, &tenants))
	byID := map[string]notify.TenantEndpoints{}
	for _, te := range tenants.Tenants {
		byID[te.ID] = te
	}
	require.Len(t, byID, 3)
	acme := byID[g.tenID]
	require.Equal(t, "Acme dApp", acme.Name)
	require.True(t, acme.Webhook.Enabled)
	require.Equal(t, rcv.srv.URL, acme.Webhook.Origin)
	require.Equal(t, notify.CircuitOpen, acme.Webhook.Circuit.State)
	require.Equal(t, 1, acme.Webhook.Circuit.ConsecutiveFailures)
	require.NotNil(t, acme.Webhook.Circuit.OpenUntil)
	require.True(t, byID[beta.ID].Webhook.Enabled)
	require.Equal(t, notify.Endpoint{}, byID[gamma.ID].Webhook, "no webhook")

	// Failures across tenants, newest first: Beta's failed, Acme's retrying.
	page := failures(nil)
	require.Len(t, page.Failures, 2)
	failed, retrying := page.Failures[0], page.Failures[1]
	require.Equal(t, beta.ID, failed.TenantID)
	require.Equal(t, "Beta dApp", failed.TenantName)
	require.Equal(t, storage.OutboxState(storage.OutboxFailed), failed.State)
	require.Equal(t, http.StatusGone, failed.LastStatusCode)
	require.Equal(t, notify.TypeVerificationUpdated, failed.Type)
	require.Equal(t, g.tenID, retrying.TenantID)
	require.Equal(t, storage.OutboxPending, retrying.State)
	require.Equal(t, 1, retrying.Attempts)
	require.Equal(t, http.StatusInternalServerError, retrying.LastStatusCode)
	require.NotNil(t, retrying.NextAttempt)
	require.Equal(t, []string{failed.ID}, ids(failures(url.Values{"status": {"failed"}})))
	require.Equal(t, []string{retrying.ID}, ids(failures(url.Values{"status": {"retrying"}})))
	first := failures(url.Values{"limit": {"1"}})
	require.Equal(t, []string{failed.ID}, ids(first))
	require.Equal(t, []string{retrying.ID}, ids(failures(url.Values{"limit": {"1"}, "cursor": {first.NextCursor}})))
	for q, code := range map[string]string{"limit=0": "invalid_limit", "limit=101": "invalid_limit", "status=delivered": "invalid_status",
		"cursor=e30": "invalid_cursor"} {
		require.Contains(t, string(get("/v1/operator/webhook/failures?"+q, http.StatusBadRequest)), code, q)
	}

	// Only an operator: no credential, a tenant's or a reviewer's key is refused.
	for _, header := range [][]string{nil, bearer(g.key), bearer(reviewerKey)} {
		for _, r := range [][2]string{{"GET", "/v1/operator/tenants"}, {"GET", "/v1/operator/webhook/failures"},
			{"POST", "/v1/operator/webhook/deliveries/" + failed.ID + "/replay"}} {
			rec := authtest.Do(t, g.h, r[0], r[1], nil, header...)
			require.Contains(t, []int{http.StatusUnauthorized, http.StatusNotFound}, rec.Code, "%s %s %v", r[0], r[1], header)
		}
	}

	// The operator's console session reads; its writes need the CSRF token.
	rec := authtest.Do(t, g.h, "POST", auth.ConsoleSessionPath, map[string]string{"key": opKey})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var session struct{ Role, CSRFToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &session))
	require.Equal(t, "operator", session.Role)
	var cookie string
	for _, c := range rec.Result().Cookies() {
		if c.Name == auth.ConsoleCookie {
			cookie = c.Name + "=" + c.Value
		}
	}
	require.NotEmpty(t, cookie)
	rec = authtest.Do(t, g.h, "GET", "/v1/operator/tenants", nil, "Cookie", cookie)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	replayPath := "/v1/operator/webhook/deliveries/" + failed.ID + "/replay"
	rec = authtest.Do(t, g.h, "POST", replayPath, nil, "Cookie", cookie)
	require.Equal(t, http.StatusForbidden, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), auth.CodeCSRFFailed)
	rec = authtest.Do(t, g.h, "POST", replayPath, nil, "Cookie", cookie, auth.CSRFHeader, "not-the-token")
	require.Equal(t, http.StatusForbidden, rec.Code, rec.Body.String())
	audit, err := g.st.ListAudit(ctx, "outbox", failed.ID)
	require.NoError(t, err)
	require.Empty(t, audit, "nothing replayed without the token")

	// Replay: Beta's failed event goes out again, audited with the operator as actor.
	rec = authtest.Do(t, g.h, "POST", replayPath, nil, "Cookie", cookie, auth.CSRFHeader, session.CSRFToken)
	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	require.NotContains(t, rec.Body.String(), "whsec_")
	var replayed notify.Failure
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &replayed))
	require.Equal(t, failed.ID, replayed.ID)
	require.Equal(t, storage.OutboxPending, replayed.State)
	require.Equal(t, beta.ID, replayed.TenantID)
	audit, err = g.st.ListAudit(ctx, "outbox", failed.ID)
	require.NoError(t, err)
	require.Len(t, audit, 1)
	require.Equal(t, "operator:"+op.ID, audit[0].Actor)
	require.Equal(t, "operator.webhook_replayed", audit[0].Action)
	require.Contains(t, string(audit[0].Detail), beta.ID)
	before := len(gone.deliveries())
	require.Equal(t, 1, g.step(t))
	require.Len(t, gone.deliveries(), before+1, "sent again")
	require.Equal(t, []string{retrying.ID}, ids(failures(nil)), "delivered now")

	// Acme's pending event is left as it is; an unknown id is not found.
	rec = authtest.Do(t, g.h, "POST", "/v1/operator/webhook/deliveries/"+retrying.ID+"/replay", nil, bearer(opKey)...)
	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	rec = authtest.Do(t, g.h, "POST", "/v1/operator/webhook/deliveries/obx_nope/replay", nil, bearer(opKey)...)
	require.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	require.True(t, strings.Contains(rec.Body.String(), "delivery_not_found"))

	// The list looks back 30 days.
	g.clk.Add(notify.FailureWindow + time.Hour)
	require.Empty(t, failures(nil).Failures)
}

func ids(page notify.FailurePage) []string {
	out := []string{}
	for _, f := range page.Failures {
		out = append(out, f.ID)
	}
	return out
}
