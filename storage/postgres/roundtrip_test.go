package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestSignInRoundTrips counts the round trips of a first sign-in (new wallet) and a
// returning one: the storage SignIn is one statement, where the same steps as separate
// calls in a transaction (the sign-in before issue 19) were eight.
func TestSignInRoundTrips(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, tr := storagetest.OpenCountedPostgres(t)
	now := time.Now()
	nonce := func(v string) {
		require.NoError(t, st.CreateNonce(ctx, storage.Nonce{Value: v, CreatedAt: now, ExpiresAt: now.Add(time.Minute)}))
	}
	count := func(fn func() error) int64 {
		return tr.Count(func() { require.NoError(t, fn()) })
	}

	nonce("steps")
	steps := count(func() error {
		return st.InTx(ctx, func(tx storage.Store) error {
			require.NoError(t, tx.ConsumeNonce(ctx, "steps", now))
			_, err := tx.GetWallet(ctx, "0xaa00000000000000000000000000000000000001")
			require.ErrorIs(t, err, storage.ErrNotFound)
			sub := storage.Subject{CreatedAt: now}
			require.NoError(t, tx.CreateSubject(ctx, &sub))
			require.NoError(t, tx.LinkWallet(ctx, &storage.Wallet{Address: "0xaa00000000000000000000000000000000000001",
				SubjectID: sub.ID, LinkedAt: now}))
			require.NoError(t, storage.RecordAudit(ctx, tx, now, "wallet:x", "subject.created", "subject", sub.ID, nil))
			return tx.CreateSession(ctx, &storage.Session{TokenHash: []byte("a"), SubjectID: sub.ID,
				Address: "0xaa00000000000000000000000000000000000001", ChainID: 1, CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
		})
	})
	require.EqualValues(t, 8, steps, "BEGIN, six statements, COMMIT")

	// A new wallet's sign-in with its first job (and River's insert notification) is
	// still the one statement; so is a returning one, which inserts no job.
	job := &storage.Job{Kind: "screening.screen_wallet", Args: []byte(`{"address":"0xcc","chainId":1}`), Queue: "default",
		Priority: 2, MaxAttempts: 10, NotifyTopic: "river_insert", NotifyPayload: `{"queue": "default"}`}
	for _, c := range []struct {
		nonce, addr string
		job         *storage.Job
		created     bool
	}{
		{"new", "0xbb00000000000000000000000000000000000002", nil, true},
		{"again", "0xbb00000000000000000000000000000000000002", nil, false},
		{"new-with-job", "0xcc00000000000000000000000000000000000003", job, true},
		{"again-with-job", "0xcc00000000000000000000000000000000000003", job, false},
	} {
		nonce(c.nonce)
		in := storage.SignIn{Nonce: c.nonce, Job: c.job, Session: storage.Session{TokenHash: []byte(c.nonce), Address: c.addr,
			ChainID: 1, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}}
		n := count(func() error { return st.SignIn(ctx, &in) })
		require.EqualValues(t, 1, n, "%s: one round trip", c.nonce)
		require.Equal(t, c.created, in.SubjectCreated)
	}
	var jobs int
	pool := st.(storage.DriverHandles).DriverDB().(*pgxpool.Pool)
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'screening.screen_wallet'`).Scan(&jobs))
	require.Equal(t, 1, jobs, "the new wallet's job, inserted by its sign-in")
	t.Logf("round trips per first sign-in: %d as separate steps, 1 as storage.SignIn (with its job)", steps)
}
