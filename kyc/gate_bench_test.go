package kyc_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/sqlite"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// lookupsPerRound is how many requests of each kind one benchmark round times.
const lookupsPerRound = 2000

// BenchmarkGatingVsHealthz times GET /v1/tenant/wallets/{address} (an approved wallet
// under rules with a minimum age, so the sealed birth date is opened), the regular-mode
// lookup GET /v1/tenant/customers/{id} (an approved customer with a wallet) and GET /healthz through
// the same gateway handler, each from 4 × GOMAXPROCS goroutines in the same round, and
// reports gate/healthz: gating lookups per second over /healthz requests per second (the
// issue's goal is at least 0.5), and customer/healthz likewise. SQLite is a file database.
//
//	KYCGATE_REQUIRE_POSTGRES=1 go test ./kyc -run '^$' -bench GatingVsHealthz -benchtime 5x
func BenchmarkGatingVsHealthz(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		st, err := sqlite.OpenMigrated(b.Context(), b.TempDir()+"/k.db")
		require.NoError(b, err)
		b.Cleanup(func() { st.Close() })
		benchGate(b, st)
	})
	b.Run("postgres", func(b *testing.B) {
		st, err := server.OpenStoreConns(b.Context(), storagetest.PostgresURL(b), true, server.DefaultDBMaxConns())
		require.NoError(b, err)
		b.Cleanup(func() { st.Close() })
		benchGate(b, st)
	})
}

func benchGate(b *testing.B, st storage.Store) {
	g := setup(b, st)
	w, _ := g.approvedWallet(b, 2, g.tenantID)
	g.call(b, http.StatusOK, "PUT", "/v1/tenant/rules", map[string]any{"minLevel": 2, "blockedCountries": []string{"US"}, "minAge": 21},
		nil, g.tenant()...)
	gate := httptest.NewRequest(http.MethodGet, "/v1/tenant/wallets/"+w.address.Hex(), nil)
	gate.Header.Set("Authorization", "Bearer "+g.tenantKey)
	var alice started
	g.call(b, http.StatusCreated, "POST", "/v1/tenant/customers/alice/verifications", map[string]any{"level": 2}, &alice, g.tenant()...)
	g.completeFlow(b, alice.FlowToken, "Alice", "Liddell")
	g.decide(b, http.StatusOK, alice.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	var lt struct{ LinkToken string }
	g.call(b, http.StatusCreated, "POST", "/v1/tenant/customers/alice/link-token", nil, &lt, g.tenant()...)
	g.call(b, http.StatusOK, "POST", "/v1/kyc/link", map[string]string{"linkToken": lt.LinkToken}, nil, g.signIn(b).auth...)
	customer := httptest.NewRequest(http.MethodGet, "/v1/tenant/customers/alice", nil)
	customer.Header.Set("Authorization", "Bearer "+g.tenantKey)
	health := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	run := func(req *http.Request) time.Duration {
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range 4 * runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for next.Add(1) <= lookupsPerRound {
					rec := httptest.NewRecorder()
					g.raw.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Errorf("%s: %d %s", req.URL.Path, rec.Code, rec.Body)
						return
					}
				}
			})
		}
		wg.Wait()
		return time.Since(start)
	}
	var healthz, gating, customers time.Duration
	var rounds int
	for b.Loop() {
		healthz += run(health)
		gating += run(gate)
		customers += run(customer)
		rounds++
	}
	n := float64(rounds * lookupsPerRound)
	b.ReportMetric(n/healthz.Seconds(), "healthz/s")
	b.ReportMetric(n/gating.Seconds(), "gates/s")
	b.ReportMetric(healthz.Seconds()/gating.Seconds(), "gate/healthz")
	b.ReportMetric(healthz.Seconds()/customers.Seconds(), "customer/healthz")
}
