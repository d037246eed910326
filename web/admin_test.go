package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/web/webtest"
)

// TestOperatorPageReplaysAFailedDelivery: an operator signs in at /admin with the key,
// sees the readiness, the tenant's endpoint and its failed delivery, and replays it; the
// event goes out again and the replay is audited with the operator as actor.
func TestOperatorPageReplaysAFailedDelivery(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusGone) // the first attempt fails for good
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(endpoint.Close)
	b := startBrowserGateway(t, server.Config{DataKey: strings.Repeat("ef", 32), WebhookAllowHTTP: true, WebhookAllowPrivate: true})
	g, ctx := b.gateway, b.ctx
	op, opKey, err := auth.CreateOperator(t.Context(), g.Store, "Olga", time.Now())
	require.NoError(t, err)
	ten, tenantKey, err := auth.CreateTenant(t.Context(), g.Store, "Acme dApp", time.Now())
	require.NoError(t, err)
	rec := authtest.Do(t, g.Handler, "PUT", "/v1/tenant/webhook", map[string]string{"url": endpoint.URL + "/hook"}, "Authorization", "Bearer "+tenantKey)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rec = authtest.Do(t, g.Handler, "POST", "/v1/tenant/customers/cust-1/verifications", nil, "Authorization", "Bearer "+tenantKey)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	_, err = g.Server.StepWorkers(t.Context())
	require.NoError(t, err)
	require.EqualValues(t, 1, calls.Load())

	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(b.origin+"/admin"),
		pollVoid(`document.body.dataset.view === "signin"`),
		chromedp.SendKeys(chromedp.ID("key"), opKey),
		clickID("signin-button"),
		// the whole console (readiness, tenants, failures are read in parallel), not its first table
		pollVoid(`document.body.dataset.view === "console"`),
	))
	requireNoPageError(t, b)
	seen, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.getElementById("who").textContent,
		document.getElementById("ready-status").textContent,
		document.querySelector("#tenants tr[data-tenant=`+ten.ID+`]").textContent,
		document.querySelector("#failures tbody tr[data-delivery]").textContent,
		document.getElementById("jobs-link").getAttribute("href"),
		String(localStorage.length + sessionStorage.length), document.cookie]`))
	require.NoError(t, err)
	require.Equal(t, "Olga", seen[0])
	require.Equal(t, "ready", seen[1])
	require.Contains(t, seen[2], "Acme dApp")
	require.Contains(t, seen[2], endpoint.URL, "the endpoint's origin")
	require.NotContains(t, seen[2], "/hook", "the origin only")
	require.Contains(t, seen[3], "verification.updated")
	require.Contains(t, seen[3], "HTTP 410")
	require.Equal(t, "/admin/jobs/", seen[4])
	require.Equal(t, "0", seen[5], "nothing kept in the browser's storage")
	require.NotContains(t, seen[6], opKey, "the key is not in a cookie either")
	webtest.Screenshot(t, ctx, "admin-1-failure")

	// Replay: the row turns to retrying, the event goes out again.
	deliveryID, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#failures button.replay").dataset.id`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#failures button.replay")),
		pollVoid(`document.getElementById("message").textContent.startsWith("Replay queued") || document.getElementById("error").textContent`)))
	requireNoPageError(t, b)
	state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#failures tr[data-delivery] td.state").textContent`))
	require.NoError(t, err)
	require.Equal(t, "retrying", state)
	webtest.Screenshot(t, ctx, "admin-2-replayed")
	audit, err := g.Store.ListAudit(t.Context(), "outbox", deliveryID)
	require.NoError(t, err)
	require.Len(t, audit, 1)
	require.Equal(t, "operator:"+op.ID, audit[0].Actor)
	_, err = g.Server.StepWorkers(t.Context())
	require.NoError(t, err)
	require.EqualValues(t, 2, calls.Load(), "delivered again")

	// Sign-out ends the session: the page asks for the key again.
	require.NoError(t, chromedp.Do(ctx, clickID("signout"), pollVoid(`document.body.dataset.view === "signin"`)))
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](
		`fetch("/v1/operator/tenants").then((r) => { window.afterSignOut = r.status; }), true`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, pollVoid(`window.afterSignOut === 401`)))
}
