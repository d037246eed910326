package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/sqlite"
)

// TestReadsDoNotWaitForTheWriter: with the read-only pool, a read outside a transaction
// is answered while the one writer connection is held by an open write transaction
// (without the pool it would queue behind it). The deadline only keeps a regression
// from hanging the run.
func TestReadsDoNotWaitForTheWriter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, db, err := sqlite.OpenWith(ctx, filepath.Join(t.TempDir(), "k.db"), true, 2)
	require.NoError(t, err)
	defer st.Close()
	_, err = sqlite.Migrate(ctx, db)
	require.NoError(t, err)
	tn := storage.Tenant{Name: "dApp", CreatedAt: time.Now()}
	require.NoError(t, st.CreateTenant(ctx, &tn))

	tx, err := db.BeginTx(ctx, nil) // holds the writer
	require.NoError(t, err)
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `UPDATE tenants SET name = 'uncommitted' WHERE id = ?`, tn.ID)
	require.NoError(t, err)

	rctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	got, err := st.GetTenant(rctx, tn.ID)
	require.NoError(t, err)
	require.Equal(t, "dApp", got.Name, "readers see committed data only")
	require.NoError(t, tx.Commit())
	got, err = st.GetTenant(ctx, tn.ID)
	require.NoError(t, err)
	require.Equal(t, "uncommitted", got.Name, "and a commit at once")
}

// BenchmarkSQLiteSignIn measures storage SignIn of new wallets on a file database
// (WAL, synchronous=NORMAL), with the statement cache and read pool off (baseline) and
// on, and on with each new wallet's first-screening job (storage.Job, as queue.Queue.Job
// describes it) inserted in the sign-in's transaction, in one run: compare their ns/op.
func BenchmarkSQLiteSignIn(b *testing.B) {
	for _, c := range []struct {
		name    string
		prepare bool
		job     bool
	}{{"compiled-each-call", false, false}, {"prepared", true, false}, {"prepared-with-job", true, true}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			st, db, err := sqlite.OpenWith(ctx, filepath.Join(b.TempDir(), "k.db"), c.prepare, 0)
			require.NoError(b, err)
			defer st.Close()
			_, err = sqlite.Migrate(ctx, db)
			require.NoError(b, err)
			now := time.Now()
			var n atomic.Int64
			b.ReportAllocs()
			for b.Loop() {
				i := n.Add(1)
				nonce := fmt.Sprintf("n%d", i)
				if err := st.CreateNonce(ctx, storage.Nonce{Value: nonce, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
					b.Fatal(err)
				}
				in := storage.SignIn{Nonce: nonce, Session: storage.Session{TokenHash: []byte(nonce),
					Address: fmt.Sprintf("0x%040x", i), ChainID: 1, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}}
				if c.job {
					in.Job = &storage.Job{Kind: "screening.screen_wallet", Queue: "default", Priority: 2, MaxAttempts: 10,
						Args: fmt.Appendf(nil, `{"address":"0x%040x","chainId":1}`, i)}
				}
				if err := st.SignIn(ctx, &in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSQLiteParallelReads measures a session lookup (the read behind every wallet
// request) from GOMAXPROCS goroutines at once: on the writer alone, then on the
// read-only pool, in one run.
func BenchmarkSQLiteParallelReads(b *testing.B) {
	for _, c := range []struct {
		name    string
		readers int
	}{{"writer-only", 0}, {"read-pool", 4}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			st, db, err := sqlite.OpenWith(ctx, filepath.Join(b.TempDir(), "k.db"), true, c.readers)
			require.NoError(b, err)
			defer st.Close()
			_, err = sqlite.Migrate(ctx, db)
			require.NoError(b, err)
			now := time.Now()
			require.NoError(b, st.CreateNonce(ctx, storage.Nonce{Value: "n", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))
			in := storage.SignIn{Nonce: "n", Session: storage.Session{TokenHash: []byte("tok"),
				Address: "0x00000000000000000000000000000000000000aa", ChainID: 1, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}}
			require.NoError(b, st.SignIn(ctx, &in))
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := st.GetSessionByTokenHash(ctx, []byte("tok"), now); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
