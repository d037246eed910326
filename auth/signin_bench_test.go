package auth_test

import (
	"crypto/ecdsa"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/sqlite"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// signInsPerRound is how many sign-ins of new wallets one benchmark round times.
const signInsPerRound = 400

// BenchmarkSignInVsEcrecover times POST /v1/auth/siwe end to end through the gateway's
// handler (JSON, SIWE parse and checks, the signature's ecrecover, the storage SignIn)
// for new wallets, from 4 × GOMAXPROCS goroutines, against raw ecrecover on one core
// measured in the same round, and reports signins/ecrecover: sign-ins per second over
// single-core ecrecovers per second (the goal is at least 0.25). The SQLite case
// is a file database (WAL, synchronous=NORMAL), as `make run` uses.
//
//	KYCGATE_REQUIRE_POSTGRES=1 go test ./auth -run '^$' -bench SignInVsEcrecover -benchtime 3x
func BenchmarkSignInVsEcrecover(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		st, err := sqlite.OpenMigrated(b.Context(), b.TempDir()+"/k.db")
		require.NoError(b, err)
		b.Cleanup(func() { st.Close() })
		benchSignIns(b, st)
	})
	b.Run("postgres", func(b *testing.B) {
		st, err := server.OpenStoreConns(b.Context(), storagetest.PostgresURL(b), true, server.DefaultDBMaxConns())
		require.NoError(b, err)
		b.Cleanup(func() { st.Close() })
		benchSignIns(b, st)
	})
}

func benchSignIns(b *testing.B, st storage.Store) {
	g := servertest.Start(b, server.Config{}, st)
	hash := crypto.Keccak256([]byte("ecrecover baseline"))
	key, err := crypto.GenerateKey()
	require.NoError(b, err)
	sig, err := crypto.Sign(hash, key)
	require.NoError(b, err)
	var ecrecover, signIns time.Duration
	var recovered, signedIn int
	for b.Loop() {
		// The baseline: raw ecrecover on one core.
		start := time.Now()
		for range signInsPerRound {
			if _, err := crypto.Ecrecover(hash, sig); err != nil {
				b.Fatal(err)
			}
		}
		ecrecover += time.Since(start)
		recovered += signInsPerRound

		// Untimed: new wallets, their nonces and signed messages.
		type req struct{ msg, sig string }
		reqs := make([]req, signInsPerRound)
		for i := range reqs {
			k := newKey(b)
			reqs[i].msg, reqs[i].sig = authtest.SignedMessage(b, g.Handler, publicURL, k, 1, g.Clock.Now())
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		start = time.Now()
		for range 4 * runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for i := next.Add(1) - 1; i < int64(len(reqs)); i = next.Add(1) - 1 {
					rec := authtest.Do(b, g.Handler, "POST", "/v1/auth/siwe", map[string]string{"message": reqs[i].msg, "signature": reqs[i].sig})
					if rec.Code != http.StatusOK {
						b.Errorf("sign-in: %d %s", rec.Code, rec.Body)
						return
					}
				}
			})
		}
		wg.Wait()
		signIns += time.Since(start)
		signedIn += signInsPerRound
	}
	ecrecoverRate := float64(recovered) / ecrecover.Seconds()
	signInRate := float64(signedIn) / signIns.Seconds()
	b.ReportMetric(signInRate, "signins/s")
	b.ReportMetric(ecrecoverRate, "ecrecovers/s")
	b.ReportMetric(signInRate/ecrecoverRate, "signins/ecrecover")
}

func newKey(b *testing.B) *ecdsa.PrivateKey {
	k, err := crypto.GenerateKey()
	require.NoError(b, err)
	return k
}
