package notify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// listDeliveries asks GET /v1/tenant/webhook/deliveries with query q as the tenant of key.
func (g gateway) listDeliveries(t *testing.T, key string, q url.Values) notify.DeliveryPage {
	t.Helper()
	rec := authtest.Do(t, g.h, "GET", "/v1/tenant/webhook/deliveries?"+q.Encode(), nil, bearer(key)...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	var page notify.DeliveryPage
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &page))
	return page
}

// replay asks POST /v1/tenant/webhook/deliveries/{id}/replay as the tenant of key.
func (g gateway) replay(t *testing.T, key, id string, want int) notify.Delivery {
	t.Helper()
	rec := authtest.Do(t, g.h, "POST", "/v1/tenant/webhook/deliveries/"+id+"/replay", nil, bearer(key)...)
	require.Equal(t, want, rec.Code, rec.Body.String())
	var d notify.Delivery
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &d))
	return d
}

// startCustomerOf opens a regular-mode verification for a customer of the tenant of key.
func (g gateway) startCustomerOf(t testing.TB, key, customer string) string {
	t.Helper()
	rec := authtest.Do(t, g.h, "POST", "/v1/tenant/customers/"+customer+"/verifications", map[string]any{"level": 1}, bearer(key)...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	return jsonField(t, rec.Body.Bytes(), "id")
}

// TestDeliveriesListedAndReplayedPerTenant runs on SQLite and PostgreSQL.
func TestDeliveriesListedAndReplayedPerTenant(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// Three events go out at once below: room for them, so none waits for a slot.
			deliveriesPerTenant(t, startOn(t, open(t), func(c *server.Config) { c.WebhookConcurrency = 4 }))
		})
	}
}

func deliveriesPerTenant(t *testing.T, g gateway) {
	ctx := context.Background()
	rcv, other := newReceiver(t), newReceiver(t)
	g.setWebhook(t, g.key, rcv.srv.URL)
	_, otherKey, err := auth.CreateTenant(ctx, g.st, "Other dApp", g.clk.Now())
	require.NoError(t, err)
	g.setWebhook(t, otherKey, other.srv.URL)

	// A failed attempt, then a delivery.
	rcv.answerNext(http.StatusInternalServerError)
	g.startCustomer(t, "cust-1")
	require.Equal(t, 1, g.step(t))
	page := g.listDeliveries(t, g.key, nil)
	require.Len(t, page.Deliveries, 1)
	first := page.Deliveries[0]
	require.Equal(t, storage.OutboxPending, first.State)
	require.Equal(t, notify.TypeVerificationUpdated, first.Type)
	require.Equal(t, 1, first.Attempts)
	require.Equal(t, http.StatusInternalServerError, first.LastStatusCode)
	require.Equal(t, rcv.deliveries()[0].header.Get("webhook-id"), first.MessageID)
	require.Empty(t, page.NextCursor)
	g.clk.Add(time.Minute)
	require.Equal(t, 1, g.step(t))
	page = g.listDeliveries(t, g.key, url.Values{"status": {"delivered"}})
	require.Len(t, page.Deliveries, 1)
	require.Equal(t, first.ID, page.Deliveries[0].ID)
	require.Equal(t, 2, page.Deliveries[0].Attempts)
	require.Equal(t, http.StatusNoContent, page.Deliveries[0].LastStatusCode)
	require.NotNil(t, page.Deliveries[0].Finished)
	require.Nil(t, page.Deliveries[0].NextAttempt)
	require.Empty(t, g.listDeliveries(t, g.key, url.Values{"status": {"failed"}}).Deliveries)
	require.Empty(t, g.listDeliveries(t, g.key, url.Values{"status": {"pending"}}).Deliveries)

	// The other tenant sees its own only.
	g.startCustomerOf(t, otherKey, "theirs-1")
	require.Equal(t, 1, g.step(t))
	theirs := g.listDeliveries(t, otherKey, nil).Deliveries
	require.Len(t, theirs, 1)
	require.NotEqual(t, first.ID, theirs[0].ID)

	// Pages: newest first, a cursor continues, an insert between pages shifts nothing.
	for _, c := range []string{"cust-2", "cust-3", "cust-4"} {
		g.clk.Add(time.Second)
		g.startCustomer(t, c)
	}
	require.Equal(t, 3, g.step(t))
	page = g.listDeliveries(t, g.key, url.Values{"limit": {"3"}})
	require.Len(t, page.Deliveries, 3)
	require.NotEmpty(t, page.NextCursor)
	g.clk.Add(time.Second)
	g.startCustomer(t, "cust-5")
	rest := g.listDeliveries(t, g.key, url.Values{"limit": {"3"}, "cursor": {page.NextCursor}})
	require.Len(t, rest.Deliveries, 1)
	require.Equal(t, first.ID, rest.Deliveries[0].ID, "the oldest comes last")
	require.Empty(t, rest.NextCursor)
	seen := map[string]bool{}
	for _, d := range append(page.Deliveries, rest.Deliveries...) {
		require.False(t, seen[d.ID], "no delivery twice")
		seen[d.ID] = true
	}
	require.Len(t, seen, 4)

	// Bad input: the error envelope with 400 and a code saying which.
	for q, code := range map[string]string{"limit=0": "invalid_limit", "limit=101": "invalid_limit", "limit=x": "invalid_limit",
		"status=done": "invalid_status", "cursor=%25%25": "invalid_cursor", "cursor=e30": "invalid_cursor"} {
		rec := authtest.Do(t, g.h, "GET", "/v1/tenant/webhook/deliveries?"+q, nil, bearer(g.key)...)
		require.Equal(t, http.StatusBadRequest, rec.Code, q)
		var env api.Envelope
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env))
		require.Equal(t, code, env.Error.Code, q)
	}
	rec := authtest.Do(t, g.h, "GET", "/v1/tenant/webhook/deliveries", nil)
	require.Equal(t, http.StatusUnauthorized, rec.Code)

	// Replay: another tenant's id is not found, as an unknown one; the tenant's own goes
	// out again, once however often it is asked while pending.
	rec = authtest.Do(t, g.h, "POST", "/v1/tenant/webhook/deliveries/"+first.ID+"/replay", nil, bearer(otherKey)...)
	require.Equal(t, http.StatusNotFound, rec.Code)
	unknown := authtest.Do(t, g.h, "POST", "/v1/tenant/webhook/deliveries/obx_nope/replay", nil, bearer(otherKey)...)
	require.Equal(t, http.StatusNotFound, unknown.Code)
	require.JSONEq(t, jsonWithoutRequestID(t, unknown.Body.Bytes()), jsonWithoutRequestID(t, rec.Body.Bytes()),
		"another tenant's id reveals nothing")
	require.Equal(t, 1, g.step(t), "cust-5's event")
	before := len(rcv.deliveries())
	d := g.replay(t, g.key, first.ID, http.StatusAccepted)
	require.Equal(t, storage.OutboxPending, d.State)
	require.Equal(t, first.ID, g.replay(t, g.key, first.ID, http.StatusAccepted).ID, "idempotent while pending")
	jobs, err := queue.Waiting[notify.DeliverArgs](ctx, g.st)
	require.NoError(t, err)
	require.Len(t, jobs, 1, "one job for the replay")
	require.Equal(t, 1, g.step(t))
	got := rcv.deliveries()[before:]
	require.Len(t, got, 1)
	require.Equal(t, first.MessageID, got[0].header.Get("webhook-id"), "the same message again")
	page = g.listDeliveries(t, g.key, url.Values{"status": {"delivered"}, "limit": {"100"}})
	require.Len(t, page.Deliveries, 5)
	for _, d := range page.Deliveries {
		if d.ID == first.ID {
			require.Equal(t, 3, d.Attempts)
		}
	}
	require.Empty(t, other.deliveries()[1:], "the other tenant got its one event only")
}

// jsonWithoutRequestID is an error envelope without its request id.
func jsonWithoutRequestID(t *testing.T, body []byte) string {
	t.Helper()
	var env api.Envelope
	require.NoError(t, json.Unmarshal(body, &env))
	env.Error.RequestID = ""
	raw, err := json.Marshal(env)
	require.NoError(t, err)
	return string(raw)
}
