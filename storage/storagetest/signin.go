package storagetest

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testNonces(t *testing.T, s storage.Store) {
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "n1", CreatedAt: t0, ExpiresAt: t0.Add(5 * time.Minute)}))
	require.ErrorIs(t, s.CreateNonce(ctx, storage.Nonce{Value: "n1", CreatedAt: t0, ExpiresAt: t0}), storage.ErrConflict)

	require.NoError(t, s.ConsumeNonce(ctx, "n1", t0.Add(time.Minute)))
	require.ErrorIs(t, s.ConsumeNonce(ctx, "n1", t0.Add(time.Minute)), storage.ErrNotFound, "a nonce is single-use")
	require.ErrorIs(t, s.ConsumeNonce(ctx, "never-issued", t0), storage.ErrNotFound)

	// A nonce is expired at its expiry instant, not one tick later.
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "n2", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	require.ErrorIs(t, s.ConsumeNonce(ctx, "n2", us(t0.Add(time.Minute))), storage.ErrNotFound)

	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "old", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "fresh", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	swept, err := s.DeleteExpired(ctx, t0.Add(2*time.Minute))
	require.NoError(t, err)
	require.EqualValues(t, 1, swept.Nonces)
	require.NoError(t, s.ConsumeNonce(ctx, "fresh", t0.Add(2*time.Minute)))
}

func testNonceConcurrency(t *testing.T, s storage.Store) {
	for round := range 5 {
		value := fmt.Sprintf("race-%d", round)
		require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: value, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		var wins, losses atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range 8 {
			wg.Go(func() {
				<-start
				err := s.ConsumeNonce(ctx, value, t0)
				switch {
				case err == nil:
					wins.Add(1)
				case errors.Is(err, storage.ErrNotFound):
					losses.Add(1)
				default:
					t.Errorf("consume: unexpected error %v", err)
				}
			})
		}
		close(start)
		wg.Wait()
		require.EqualValues(t, 1, wins.Load(), "exactly one consumer wins")
		require.EqualValues(t, 7, losses.Load())
	}
}

func testSessions(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	ses := storage.Session{TokenHash: []byte("tok"), SubjectID: sub.ID, Address: "0xAA00000000000000000000000000000000000001",
		ChainID: 8453, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateSession(ctx, &ses))

	got, err := s.GetSessionByTokenHash(ctx, []byte("tok"), t0.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, ses.ID, got.ID)
	require.EqualValues(t, 8453, got.ChainID)
	require.Equal(t, "0xaa00000000000000000000000000000000000001", got.Address)

	_, err = s.GetSessionByTokenHash(ctx, []byte("tok"), t0.Add(time.Hour))
	require.ErrorIs(t, err, storage.ErrNotFound, "expired at its expiry instant")
	_, err = s.GetSessionByTokenHash(ctx, []byte("other"), t0)
	require.ErrorIs(t, err, storage.ErrNotFound)

	require.NoError(t, s.RevokeSession(ctx, ses.ID, t0.Add(time.Second)))
	_, err = s.GetSessionByTokenHash(ctx, []byte("tok"), t0.Add(time.Minute))
	require.ErrorIs(t, err, storage.ErrNotFound)
	require.ErrorIs(t, s.RevokeSession(ctx, ses.ID, t0), storage.ErrNotFound)

	// Every session of one wallet on one subject ends at once; others stay.
	other := newSubject(t, s)
	for i, v := range []struct {
		sub, addr string
	}{{sub.ID, "0xAA00000000000000000000000000000000000001"}, {sub.ID, "0xaa00000000000000000000000000000000000001"},
		{sub.ID, "0xBB00000000000000000000000000000000000002"}, {other.ID, "0xAA00000000000000000000000000000000000001"}} {
		x := storage.Session{TokenHash: []byte(fmt.Sprint("w", i)), SubjectID: v.sub, Address: v.addr, ChainID: 1,
			CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
		require.NoError(t, s.CreateSession(ctx, &x))
	}
	n, err := s.RevokeWalletSessions(ctx, sub.ID, "0xAA00000000000000000000000000000000000001", t0)
	require.NoError(t, err)
	require.EqualValues(t, 2, n)
	for i, live := range []bool{false, false, true, true} {
		_, err := s.GetSessionByTokenHash(ctx, []byte(fmt.Sprint("w", i)), t0.Add(time.Minute))
		require.Equal(t, live, err == nil, "session %d", i)
	}
}
