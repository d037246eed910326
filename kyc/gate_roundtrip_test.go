package kyc_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage/postgres"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// queryCounter counts the statements a PostgreSQL pool sends: each is one round trip.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TestGatingLookupIsOneQuery: with wallet screening on (the default), a tenant's gating
// lookup of a shared, screened wallet under rules with a minimum age is one statement:
// the API key and the tenant come from their caches, and the subject, the share, the
// latest verification's status and every wallet's screening state from one query
// (storage GetGateView). A wallet never screened is screened on the spot, once.
func TestGatingLookupIsOneQuery(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	tr := &queryCounter{}
	store, pool, err := postgres.OpenWith(ctx, storagetest.PostgresURL(t), postgres.Options{Tracer: tr})
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	_, err = postgres.Migrate(ctx, pool)
	require.NoError(t, err)

	g := setup(t, store)
	w, _ := g.approvedWallet(t, 2, g.tenantID)
	g.call(t, http.StatusOK, "PUT", "/v1/tenant/rules", map[string]any{"minLevel": 2, "minAge": 21}, nil, g.tenant()...)
	path := "/v1/tenant/wallets/" + w.address.Hex()
	lookup := func() (int64, map[string]any) {
		before := tr.n.Load()
		var out map[string]any
		g.call(t, http.StatusOK, "GET", path, nil, &out, g.tenant()...)
		return tr.n.Load() - before, out
	}
	first, _ := lookup() // warms the key and tenant caches; screens the wallet if its job has not run
	n, out := lookup()
	require.EqualValues(t, 1, n, "a warm gating lookup is one query (the first took %d)", first)
	raw, err := json.Marshal(out)
	require.NoError(t, err)
	require.Contains(t, string(raw), `"screening":{"checkedAt":`)
	require.Contains(t, string(raw), `"outcome":"clear"`)
	require.Contains(t, string(raw), `"decision":"allow"`)
	t.Logf("queries per gating lookup: %d cold, %d warm", first, n)

	// A regular-mode customer's lookup (GET /v1/tenant/customers/{id}) is one query too
	// (storage GetCustomerGateView), with the same decision as before.
	var st started
	g.call(t, http.StatusCreated, "POST", "/v1/tenant/customers/alice/verifications", map[string]any{"level": 2}, &st, g.tenant()...)
	g.completeFlow(t, st.FlowToken, "Alice", "Liddell")
	g.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	customer := func() (int64, map[string]any) {
		before := tr.n.Load()
		var out map[string]any
		g.call(t, http.StatusOK, "GET", "/v1/tenant/customers/alice", nil, &out, g.tenant()...)
		return tr.n.Load() - before, out
	}
	customer()
	n, out = customer()
	require.EqualValues(t, 1, n, "a warm customer lookup is one query")
	require.Equal(t, "approved", out["status"])
	require.Equal(t, st.ID, out["verification"].(map[string]any)["id"])
	require.Equal(t, "allow", out["decision"].(map[string]any)["decision"], "%v", out)
	require.Equal(t, []any{}, out["wallets"])
}
