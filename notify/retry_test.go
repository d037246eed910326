package notify_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
)

// TestDeliveryGivesUpAfterRetryFor: a failing delivery is retried with a growing backoff
// until KYCGATE_WEBHOOK_RETRY_FOR after its first attempt, the last attempt made at that
// very time; then it fails and the customer's next event goes out. The window, not a
// count, decides: a longer window makes more attempts.
func TestDeliveryGivesUpAfterRetryFor(t *testing.T) {
	t.Parallel()
	for retryFor, attempts := range map[time.Duration]int{time.Hour: 8, 3 * time.Hour: 10} {
		t.Run(retryFor.String(), func(t *testing.T) {
			t.Parallel()
			g := start(t, func(c *server.Config) { c.WebhookRetryFor = retryFor })
			rcv := newReceiver(t)
			g.setWebhook(t, g.key, rcv.srv.URL)
			ctx := context.Background()
			// Failing for as long as the first event is retried, then answering 204.
			rcv.answerNext(repeat(http.StatusServiceUnavailable, attempts)...)

			id := g.startCustomer(t, "cust-1")
			g.clk.Add(time.Second)
			g.move(t, id, storage.StatusInProgress)
			require.Equal(t, 1, g.step(t))
			firstAt := g.clk.Now()
			msg := rcv.deliveries()[0].header.Get("webhook-id")
			tries := func() int {
				n := 0
				for _, d := range rcv.deliveries() {
					if d.header.Get("webhook-id") == msg {
						n++
					}
				}
				return n
			}
			for i := range 100 {
				d := g.listDeliveries(t, g.key, nil).Deliveries[1]
				if d.State != storage.OutboxPending {
					break
				}
				require.NotNil(t, d.NextAttempt)
				require.False(t, d.NextAttempt.After(firstAt.Add(retryFor)), "never planned past the window")
				g.step(t)
				require.Equal(t, i+1, tries(), "not due before its time")
				g.clk.Add(d.NextAttempt.Sub(g.clk.Now()))
				g.step(t) // the retry, and the periodic jobs that came due meanwhile
				require.Equal(t, i+2, tries(), "one attempt each time")
			}
			d := g.listDeliveries(t, g.key, nil).Deliveries[1]
			require.Equal(t, storage.OutboxState(storage.OutboxFailed), d.State)
			require.Equal(t, attempts, d.Attempts)
			require.Equal(t, attempts, tries())
			require.Equal(t, http.StatusServiceUnavailable, d.LastStatusCode)
			require.True(t, d.LastAttempt.Equal(firstAt.Add(retryFor)), "the last attempt at the end of the window: %v", d.LastAttempt)
			require.Nil(t, d.NextAttempt)
			cancelled, err := g.srv.Queue().Jobs(ctx, rivertype.JobStateCancelled)
			require.NoError(t, err)
			require.Len(t, cancelled, 1, "given up, not discarded by a count")

			// The customer's next event was held back in order; it goes out once the first
			// one failed and the endpoint's breaker (open after those failures) lets a
			// probe through (the endpoint recovered meanwhile).
			require.Equal(t, attempts, len(rcv.deliveries()), "the breaker holds it back")
			g.clk.Add(notify.DefaultBreakerOpen)
			g.step(t)
			require.Equal(t, attempts+1, len(rcv.deliveries()))

			// Replayed, the failed event goes out again once, with a new window; the
			// periodic repair does not take its earlier, cancelled job for the current one.
			failed := g.listDeliveries(t, g.key, nil).Deliveries[1]
			replayed := g.replay(t, g.key, failed.ID, http.StatusAccepted)
			require.Equal(t, storage.OutboxPending, replayed.State)
			repairer := &notify.Deliverer{Store: g.st, Sealer: g.seal, Client: notify.NewClient(true), Now: g.clk.Now}
			n, err := repairer.Repair(ctx)
			require.NoError(t, err)
			require.Zero(t, n, "the replay's own job is alive")
			g.step(t)
			require.Equal(t, attempts+2, len(rcv.deliveries()))
			require.Equal(t, msg, rcv.deliveries()[attempts+1].header.Get("webhook-id"), "the same message")
			d = g.listDeliveries(t, g.key, url.Values{"status": {"delivered"}}).Deliveries[1]
			require.Equal(t, failed.ID, d.ID)
			require.Equal(t, attempts+1, d.Attempts)
			require.Equal(t, storage.OutboxState(storage.OutboxDelivered), g.listDeliveries(t, g.key, nil).Deliveries[0].State)
		})
	}
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}
