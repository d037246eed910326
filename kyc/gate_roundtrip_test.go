package kyc_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// gateAnswer is the part of a gating answer (a wallet's, or a customer's decision) the
// round-trip test reads.
type gateAnswer struct {
	Decision  string
	Reasons   []string
	Screening struct {
		Outcome   string
		Sources   []string
		CheckedAt *time.Time
	}
}

// TestGatingLookupIsOneQuery: with wallet screening on (the default), a tenant's gating
// lookup of a shared wallet under rules with a minimum age, and its lookup of a
// regular-mode customer with two wallets, are one statement each once the API key and
// the tenant are cached: the subject, the share, the latest verification and every
// wallet's screening state come from one query (storage GetGateView,
// GetCustomerGateView), and the answers decide on those states (a held wallet answers
// review in that one query). A wallet never screened is screened on the spot by the
// first lookup, unless its job got there first.
func TestGatingLookupIsOneQuery(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	store, tr := storagetest.OpenCountedPostgres(t)
	count := tr.Count
	stored := func(addr string) storage.WalletScreening {
		ws, err := store.GetWalletScreening(ctx, addr)
		require.NoError(t, err, "the lookup (or the job) screened %s", addr)
		return ws
	}

	g := setup(t, store)
	w, _ := g.approvedWallet(t, 2, g.tenantID)
	g.call(t, http.StatusOK, "PUT", "/v1/tenant/rules", map[string]any{"minLevel": 2, "minAge": 21}, nil, g.tenant()...)
	var out struct{ gateAnswer }
	lookup := func() {
		g.call(t, http.StatusOK, "GET", "/v1/tenant/wallets/"+w.address.Hex(), nil, &out, g.tenant()...)
	}
	cold := count(lookup) // warms the key and tenant caches
	ws := stored(w.address.Hex())
	require.EqualValues(t, 1, count(lookup), "a warm gating lookup is one query (the cold one took %d)", cold)
	require.Equal(t, "allow", out.Decision)
	require.Equal(t, "clear", out.Screening.Outcome)
	require.Equal(t, []string{servertest.ScreenerName}, out.Screening.Sources)
	require.NotNil(t, out.Screening.CheckedAt)
	require.True(t, ws.CheckedAt.Equal(*out.Screening.CheckedAt), "the stored screening's time")

	// A reviewer's hold written to the store shows in the next lookup's one query.
	heldAt := g.clock.Now()
	ws.Held, ws.HeldAt, ws.Risk = true, &heldAt, 10
	require.NoError(t, store.PutWalletScreening(ctx, ws))
	require.EqualValues(t, 1, count(lookup))
	require.Equal(t, "review", out.Decision)
	require.Equal(t, []string{"screening_review"}, out.Reasons)

	// A regular-mode customer (GET /v1/tenant/customers/{id}) with two linked wallets,
	// the second flagged high-risk by the source (held for review).
	var st started
	g.call(t, http.StatusCreated, "POST", "/v1/tenant/customers/alice/verifications", map[string]any{"level": 2}, &st, g.tenant()...)
	g.completeFlow(t, st.FlowToken, "Alice", "Liddell")
	g.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	var linked []string
	for i := range 2 {
		var lt struct{ LinkToken string }
		g.call(t, http.StatusCreated, "POST", "/v1/tenant/customers/alice/link-token", nil, &lt, g.tenant()...)
		cw := g.signIn(t)
		if i == 1 {
			g.screen.Flag(cw.address.Hex(), source.RiskHigh)
		}
		g.call(t, http.StatusOK, "POST", "/v1/kyc/link", map[string]string{"linkToken": lt.LinkToken}, nil, cw.auth...)
		linked = append(linked, cw.address.Hex())
		g.clock.Add(time.Second)
	}
	var cust struct {
		Status       string
		Wallets      []string
		Verification struct{ ID string }
		Decision     gateAnswer
	}
	customer := func() { g.call(t, http.StatusOK, "GET", "/v1/tenant/customers/alice", nil, &cust, g.tenant()...) }
	customer()
	require.False(t, stored(linked[0]).Held)
	require.True(t, stored(linked[1]).Held)
	require.EqualValues(t, 1, count(customer), "a warm customer lookup is one query")
	require.Equal(t, "approved", cust.Status)
	require.Equal(t, st.ID, cust.Verification.ID)
	require.Equal(t, linked, cust.Wallets, "in the order they were linked")
	require.Equal(t, "review", cust.Decision.Decision)
	require.Equal(t, []string{"screening_review"}, cust.Decision.Reasons)
	require.Equal(t, "review", cust.Decision.Screening.Outcome)
	require.NotNil(t, cust.Decision.Screening.CheckedAt)
}
