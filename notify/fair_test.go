package notify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
)

// TestHangingEndpointDoesNotDelayAnotherTenant: tenant A's endpoint hangs (its handler
// blocks until the test ends) with more events outstanding than the queue has workers;
// tenant B's events, queued after A's first request is hanging, all arrive while A's are
// all still pending and A has had one request only (its per-tenant concurrency). The
// queue runs for real (started, not stepped); the clock stands still.
// Without the per-tenant limit, A's events would take every worker and B's would wait.
func TestHangingEndpointDoesNotDelayAnotherTenant(t *testing.T) {
	t.Parallel()
	g := start(t, func(c *server.Config) { c.WebhookConcurrency, c.WebhookTimeout = 1, time.Minute })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a guard, never a measure
	defer cancel()

	release := make(chan struct{})
	arrived := make(chan struct{}, 100)
	var hung atomic.Int64
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hung.Add(1)
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	healthy := make(chan []byte, 100)
	healthySrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		healthy <- body
		w.WriteHeader(http.StatusNoContent)
	}))
	g.setWebhook(t, g.key, hanging.URL)
	_, keyB, err := auth.CreateTenant(ctx, g.st, "Healthy dApp", g.clk.Now())
	require.NoError(t, err)
	g.setWebhook(t, keyB, healthySrv.URL)

	const stuck = 12 // more than the queue's 10 workers
	for i := range stuck {
		g.startCustomer(t, fmt.Sprintf("a-%d", i))
	}
	q := g.srv.Queue()
	require.NoError(t, q.Start(ctx))
	t.Cleanup(func() {
		close(release)
		require.NoError(t, q.Stop(context.Background()))
		hanging.Close()
		healthySrv.Close()
	})
	wait(ctx, t, arrived, "A's first request")

	// B's events: four of one customer, so each waits for the one before (in order) and
	// finds B's slot free.
	id := g.startCustomerOf(t, keyB, "b-1")
	for _, to := range []storage.VerificationStatus{storage.StatusInProgress, storage.StatusInReview, storage.StatusApproved} {
		g.move(t, id, to)
	}
	var statuses []string
	for range 4 {
		select {
		case body := <-healthy:
			statuses = append(statuses, jsonData(t, body)["status"].(string))
		case <-ctx.Done():
			t.Fatalf("waiting for B's deliveries: %v", ctx.Err())
		}
	}
	require.Equal(t, []string{"created", "in_progress", "in_review", "approved"}, statuses, "in order")
	require.EqualValues(t, 1, hung.Load(), "A holds one worker; its other events gave theirs back")
	pending := g.listDeliveries(t, g.key, url.Values{"status": {"pending"}}).Deliveries
	require.Len(t, pending, stuck, "every one of A's events is still outstanding")
}

// jsonData is the data member of a delivery's body.
func jsonData(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var e event
	require.NoError(t, json.Unmarshal(body, &e))
	return e.Data
}

func wait(ctx context.Context, t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-ctx.Done():
		t.Fatalf("waiting for %s: %v", what, ctx.Err())
	}
}
