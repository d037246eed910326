package kyc_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/postgres"
	"github.com/kycgate/kycgate/storage/storagetest"
)

const webhookCrashChildURL = "KYCGATE_KYC_WEBHOOK_CRASH_CHILD_URL"

// openExtGateway builds a gateway with the ext provider on store, on the real clock; the
// vendor reports every applicant approved.
func openExtGateway(t testing.TB, store storage.Store) *server.Server {
	t.Helper()
	vendor := newFakeVendor()
	vendor.fallback = "green"
	registry := kyc.Registry{extName: func() kyc.Config { return &extConfig{vendor: vendor} }}
	cfg := server.Config{PublicURL: publicURL, DataKey: dataKey, Providers: []string{extName},
		Env: func(k string) string { return map[string]string{"KYCGATE_EXT_WEBHOOK_SECRET": extSecret}[k] }}
	list, _ := servertest.Screener(&cfg, time.Now)
	srv, err := server.New(cfg, store, slog.New(slog.DiscardHandler), server.WithClock(time.Now), server.WithProviders(registry), list)
	require.NoError(t, err)
	return srv
}

// TestWebhookCrashChild is the gateway TestKilledDuringAWebhookBurstLosesNothing kills:
// it serves the gateway's HTTP handler (ingestion only: the jobs wait in the database)
// and prints its address.
func TestWebhookCrashChild(t *testing.T) {
	url := os.Getenv(webhookCrashChildURL)
	if url == "" {
		t.Skip("run by TestKilledDuringAWebhookBurstLosesNothing")
	}
	st, _, err := postgres.Open(context.Background(), url)
	require.NoError(t, err)
	srv := openExtGateway(t, st)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	fmt.Printf("listening %s\n", ln.Addr())
	_ = http.Serve(ln, srv.Handler())
}

// TestKilledDuringAWebhookBurstLosesNothing: a gateway process on PostgreSQL is killed
// (SIGKILL) during a burst of 500 webhooks; after a restart, every event that was
// answered 200 is stored once and processed exactly once, and the events answered with
// an error (or not at all) are sent again, as a provider does.
func TestKilledDuringAWebhookBurstLosesNothing(t *testing.T) {
	t.Parallel()
	url := storagetest.PostgresURL(t)
	ctx := t.Context()
	st, pool, err := postgres.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = postgres.Migrate(ctx, pool)
	require.NoError(t, err)

	// 100 verifications open with ext, 5 events each (increasing times).
	const verifications, perVerification = 100, 5
	now := time.Now()
	ids := make([]string, verifications)
	for i := range verifications {
		sub := storage.Subject{ID: storage.NewID("sub"), CreatedAt: now}
		require.NoError(t, st.CreateSubject(ctx, &sub))
		v := storage.Verification{SubjectID: sub.ID, Mode: kyc.ModeWeb3, Provider: extName, ProviderRef: fmt.Sprintf("app-%d", i),
			Level: 1, Status: storage.StatusInProgress, CreatedAt: now}
		require.NoError(t, st.CreateVerification(ctx, &v))
		ids[i] = v.ID
	}
	type delivery struct {
		id   string
		h    http.Header
		body []byte
	}
	vendor := newFakeVendor()
	var events []delivery
	for j := range perVerification {
		for i := range verifications {
			id := fmt.Sprintf("evt-%d-%d", i, j)
			h, body := vendor.webhook(id, fmt.Sprintf("app-%d", i), "update", now.Add(time.Duration(j)*time.Second))
			events = append(events, delivery{id, h, body})
		}
	}

	child := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestWebhookCrashChild$", "-test.count=1")
	child.Env = append(os.Environ(), webhookCrashChildURL+"="+url)
	out, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())
	lines := bufio.NewScanner(out)
	for lines.Scan() && !strings.HasPrefix(lines.Text(), "listening ") {
	}
	addr := strings.TrimPrefix(lines.Text(), "listening ")
	require.NotEmpty(t, addr, "the child serves")

	// The burst: 8 senders; the child is killed once 150 events were answered.
	answered := make([]bool, len(events))
	var done atomic.Int32
	var kill sync.Once
	next := atomic.Int32{}
	client := &http.Client{Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(events) {
					return
				}
				req, err := http.NewRequest("POST", "http://"+addr+"/v1/webhooks/"+extName, bytes.NewReader(events[i].body))
				if err != nil {
					continue
				}
				req.Header = events[i].h.Clone()
				res, err := client.Do(req)
				if err != nil {
					continue // the gateway died: the provider will send it again
				}
				_ = res.Body.Close()
				if res.StatusCode == http.StatusOK {
					answered[i] = true
					if done.Add(1) >= 150 {
						kill.Do(func() { _ = child.Process.Kill() })
					}
				}
			}
		})
	}
	wg.Wait()
	kill.Do(func() { _ = child.Process.Kill() })
	_ = child.Wait()
	ok := 0
	for _, a := range answered {
		if a {
			ok++
		}
	}
	require.GreaterOrEqual(t, ok, 150)
	require.Less(t, ok, len(events), "killed mid-burst")
	var answeredIDs []string
	for i, a := range answered {
		if a {
			answeredIDs = append(answeredIDs, events[i].id)
		}
	}
	require.Equal(t, len(answeredIDs), countRows(t, st, "provider_events", "event_id = ANY($1)", answeredIDs),
		"every event answered 200 was stored before the answer")

	// Restart: the provider sends again what was not answered 200; the jobs run.
	srv := openExtGateway(t, st)
	for i, e := range events {
		if answered[i] {
			continue
		}
		req, err := http.NewRequest("POST", "/v1/webhooks/"+extName, bytes.NewReader(e.body))
		require.NoError(t, err)
		req.Header = e.h.Clone()
		rec := newRecorderFor(srv, req)
		require.Equal(t, http.StatusOK, rec, "resent %s", e.id)
	}
	// Answered ones sent again too (a provider retrying a lost answer): duplicates.
	for i, e := range events[:20] {
		if answered[i] {
			req, err := http.NewRequest("POST", "/v1/webhooks/"+extName, bytes.NewReader(e.body))
			require.NoError(t, err)
			req.Header = e.h.Clone()
			require.Equal(t, http.StatusOK, newRecorderFor(srv, req))
		}
	}
	_, err = srv.StepWorkers(ctx)
	require.NoError(t, err)

	require.Equal(t, len(events), countRows(t, st, "provider_events", ""), "each event stored once")
	require.Equal(t, len(events), countRows(t, st, "provider_events", "processed_at IS NOT NULL"), "and processed")
	for _, id := range ids {
		v, err := st.GetVerification(ctx, id)
		require.NoError(t, err)
		require.Equal(t, storage.StatusApproved, v.Status)
		list, err := st.ListAudit(ctx, "verification", id)
		require.NoError(t, err)
		n := 0
		for _, e := range list {
			if e.Action == "verification.approved" {
				n++
			}
		}
		require.Equal(t, 1, n, "one effect for %s", id)
	}
	waiting, err := queue.Waiting[kyc.ProcessEventArgs](ctx, st)
	require.NoError(t, err)
	require.Empty(t, waiting)
}

// newRecorderFor serves req on srv and returns the status.
func newRecorderFor(srv *server.Server, req *http.Request) int {
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return rec.Code
}

// BenchmarkWebhookIngest measures inbound webhook ingestion on PostgreSQL, per op: the
// HTTP handler, the signature check (HMAC-SHA256 of the raw body), sealing the payload,
// and the durable insert of the event and of its processing job in one transaction (the
// jobs are not run). The test signs each event too, as the vendor would.
//
//	KYCGATE_TEST_POSTGRES_URL=postgres://… go test -run '^$' -bench BenchmarkWebhookIngest ./kyc/
func BenchmarkWebhookIngest(b *testing.B) {
	// A pool as a production gateway would configure it (KYCGATE_DATABASE_URL): enough
	// connections that commits are grouped while others wait on the disk.
	url := storagetest.PostgresURL(b) + "&pool_max_conns=32"
	st, pool, err := postgres.Open(context.Background(), url)
	require.NoError(b, err)
	b.Cleanup(func() { st.Close() })
	_, err = postgres.Migrate(context.Background(), pool)
	require.NoError(b, err)
	g := setupExt(b, st)
	_, _, ref := g.start(b)
	at := g.clock.Now()
	var seq atomic.Int64
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			h, body := g.vendor.webhook(fmt.Sprintf("bench-%d", seq.Add(1)), ref, "update", at)
			req := httptest.NewRequest("POST", "/v1/webhooks/"+extName, bytes.NewReader(body))
			req.Header = h
			rec := httptest.NewRecorder()
			g.h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Errorf("status %d: %s", rec.Code, rec.Body)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "webhooks/s")
}
