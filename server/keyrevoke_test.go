package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestRevokedKeyStopsWithinOneSecondAcrossReplicas: two gateways, each with its own
// pool, over one PostgreSQL schema. Both have just used a tenant key when it is revoked
// in the database (as `kycgate apikeys revoke` does). Each keeps accepting it for less
// than auth.KeyCacheTTL (1 s) after it last read it, by its own clock, and refuses it
// from then on; a key they never saw is refused at once, and a new key works at once.
func TestRevokedKeyStopsWithinOneSecondAcrossReplicas(t *testing.T) {
	t.Parallel()
	url := storagetest.PostgresURL(t)
	cfg := server.Config{DataKey: strings.Repeat("cd", 32)}
	replica := func() servertest.Gateway {
		st, err := server.OpenStore(t.Context(), url, true)
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		return servertest.Start(t, cfg, st)
	}
	a, b := replica(), replica()
	tn, secret, err := auth.CreateTenant(t.Context(), a.Store, "Acme dApp", a.Clock.Now())
	require.NoError(t, err)
	lookup := func(g servertest.Gateway, key string) int {
		// An unknown wallet: 404 when the key is accepted, 401 when it is refused.
		return authtest.Do(t, g.Handler, "GET", "/v1/tenant/wallets/0x00000000000000000000000000000000000000aa", nil,
			"Authorization", "Bearer "+key).Code
	}
	require.Equal(t, http.StatusNotFound, lookup(a, secret))
	require.Equal(t, http.StatusNotFound, lookup(b, secret))

	k, err := a.Store.GetAPIKeyByHash(t.Context(), auth.HashSecret(secret))
	require.NoError(t, err)
	b.Clock.Add(auth.KeyCacheTTL / 2) // revoked half a second after b read it
	require.NoError(t, b.Store.RevokeAPIKey(t.Context(), k.ID, b.Clock.Now()))

	// Within the bound each replica may still answer from what it read.
	a.Clock.Add(auth.KeyCacheTTL - time.Nanosecond)
	require.Equal(t, http.StatusNotFound, lookup(a, secret), "within 1 s of its last read")
	a.Clock.Add(time.Nanosecond)
	require.Equal(t, http.StatusUnauthorized, lookup(a, secret), "refused 1 s after its last read")
	b.Clock.Add(auth.KeyCacheTTL / 2)
	require.Equal(t, http.StatusUnauthorized, lookup(b, secret), "the other replica too")
	b.Clock.Add(time.Hour)
	require.Equal(t, http.StatusUnauthorized, lookup(b, secret), "and for good")

	// A new key works at once on both (unknown keys are never cached).
	fresh, _, err := auth.IssueAPIKey(t.Context(), a.Store, storage.OwnerTenant, tn.ID, a.Clock.Now())
	require.NoError(t, err)
	require.Equal(t, http.StatusUnauthorized, lookup(b, "kgt_neverissued"))
	require.Equal(t, http.StatusNotFound, lookup(b, fresh))
	require.Equal(t, http.StatusNotFound, lookup(a, fresh))
}
