package storagetest

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// newConsoleKey stores a reviewer's API key for console sessions to hang on.
func newConsoleKey(t *testing.T, s storage.Store, hash string) storage.APIKey {
	t.Helper()
	k := storage.APIKey{OwnerKind: storage.OwnerReviewer, OwnerID: "rev_console", Prefix: "kgr_x", Hash: []byte(hash), CreatedAt: t0}
	require.NoError(t, s.CreateAPIKey(ctx, &k))
	return k
}

func testConsoleSessions(t *testing.T, s storage.Store) {
	k := newConsoleKey(t, s, "console-key")
	idle := 15 * time.Minute
	ses := storage.ConsoleSession{TokenHash: []byte("cs-1"), Role: storage.ConsoleReviewer, OwnerID: k.OwnerID, APIKeyID: k.ID,
		CSRFToken: "csrf-1", CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateConsoleSession(ctx, ses))
	require.ErrorIs(t, s.CreateConsoleSession(ctx, ses), storage.ErrConflict, "a token hash is taken once")

	// Touched within the idle window: found, and its last use moves to now.
	at := t0.Add(10 * time.Minute)
	got, err := s.TouchConsoleSession(ctx, []byte("cs-1"), at, at.Add(-idle))
	require.NoError(t, err)
	require.Equal(t, storage.ConsoleReviewer, got.Role)
	require.Equal(t, k.OwnerID, got.OwnerID)
	require.Equal(t, k.ID, got.APIKeyID)
	require.Equal(t, "csrf-1", got.CSRFToken)
	require.True(t, got.CreatedAt.Equal(us(t0)))
	require.True(t, got.LastSeenAt.Equal(us(at)), "the lookup touched it: %s", got.LastSeenAt)
	require.True(t, got.ExpiresAt.Equal(us(t0.Add(time.Hour))))

	// 20 minutes after the first sign-in but 10 after the last use: still live.
	at2 := t0.Add(20 * time.Minute)
	_, err = s.TouchConsoleSession(ctx, []byte("cs-1"), at2, at2.Add(-idle))
	require.NoError(t, err)
	// Idle for longer than the timeout: gone, and the failed lookup does not revive it.
	late := at2.Add(idle + time.Second)
	_, err = s.TouchConsoleSession(ctx, []byte("cs-1"), late, late.Add(-idle))
	require.ErrorIs(t, err, storage.ErrNotFound)
	_, err = s.TouchConsoleSession(ctx, []byte("cs-1"), at2.Add(time.Minute), at2.Add(time.Minute-idle))
	require.NoError(t, err, "an earlier clock still finds the unrevived row (the failed touch wrote nothing)")

	// The absolute cap holds however active the session is.
	end := t0.Add(time.Hour)
	_, err = s.TouchConsoleSession(ctx, []byte("cs-1"), end, end.Add(-time.Hour))
	require.ErrorIs(t, err, storage.ErrNotFound)

	_, err = s.TouchConsoleSession(ctx, []byte("unknown"), at, at.Add(-idle))
	require.ErrorIs(t, err, storage.ErrNotFound)

	// Sign-out deletes the row.
	require.NoError(t, s.DeleteConsoleSession(ctx, []byte("cs-1")))
	_, err = s.TouchConsoleSession(ctx, []byte("cs-1"), at, at.Add(-idle))
	require.ErrorIs(t, err, storage.ErrNotFound)
	require.ErrorIs(t, s.DeleteConsoleSession(ctx, []byte("cs-1")), storage.ErrNotFound)
}

func testConsoleSessionKeyRevoked(t *testing.T, s storage.Store) {
	k := newConsoleKey(t, s, "console-key-revoked")
	other := newConsoleKey(t, s, "console-key-other")
	for _, v := range []struct {
		hash string
		key  storage.APIKey
	}{{"by-revoked", k}, {"by-other", other}} {
		require.NoError(t, s.CreateConsoleSession(ctx, storage.ConsoleSession{TokenHash: []byte(v.hash), Role: storage.ConsoleReviewer,
			OwnerID: v.key.OwnerID, APIKeyID: v.key.ID, CSRFToken: "c", CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	}
	require.NoError(t, s.RevokeAPIKey(ctx, k.ID, t0))
	_, err := s.TouchConsoleSession(ctx, []byte("by-revoked"), t0, t0.Add(-time.Minute))
	require.ErrorIs(t, err, storage.ErrNotFound, "a revoked key ends the sessions opened with it")
	_, err = s.TouchConsoleSession(ctx, []byte("by-other"), t0, t0.Add(-time.Minute))
	require.NoError(t, err, "the owner's other key keeps its own sessions")

	// DeleteExpired sweeps console sessions past their cap.
	swept, err := s.DeleteExpired(ctx, t0.Add(time.Hour))
	require.NoError(t, err)
	require.Equal(t, int64(2), swept.ConsoleSessions)
}

// testConsoleSessionConcurrentTouch: concurrent lookups of one live session all find it
// (the touch is one statement, not a read and a write that could conflict).
func testConsoleSessionConcurrentTouch(t *testing.T, s storage.Store) {
	k := newConsoleKey(t, s, "console-key-busy")
	require.NoError(t, s.CreateConsoleSession(ctx, storage.ConsoleSession{TokenHash: []byte("busy"), Role: storage.ConsoleOperator,
		OwnerID: "op_x", APIKeyID: k.ID, CSRFToken: "c", CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			at := t0.Add(time.Duration(i+1) * time.Second)
			_, errs[i] = s.TouchConsoleSession(ctx, []byte("busy"), at, at.Add(-time.Minute))
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}
