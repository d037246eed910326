package kyc_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
)

// TestTenantReadsAndErasesItsOwnCustomer: a tenant reads its regular-mode customer's
// verified details (audited, no-store) and erases them; another tenant gets 404 for
// both; after the erasure the details are gone and the decision is kyc_required.
func TestTenantReadsAndErasesItsOwnCustomer(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	_, otherKey := b.newTenant(t, "Other dApp")
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/tenant/customers/alice/verifications", nil, &st, b.tenant()...)
	b.completeFlow(t, st.FlowToken, "Alice", "Liddell")
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "ok"})

	var got kyc.DetailsView
	rec := b.call(t, http.StatusOK, "GET", "/v1/tenant/customers/alice/details", nil, &got, b.tenant()...)
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	require.Equal(t, "Alice", got.FirstName)
	require.Equal(t, "Liddell", got.LastName)
	require.Equal(t, "1990-04-17", got.DateOfBirth)
	require.Equal(t, "DE", got.Country)
	require.Equal(t, "id_card", got.DocumentType)
	require.Equal(t, st.ID, got.VerificationID)
	require.Equal(t, "allow", string(got.Decision.Decision))
	require.False(t, got.Erased)
	entries, err := b.store.ListAudit(t.Context(), "subject", got.SubjectID)
	require.NoError(t, err)
	require.Equal(t, "subject.details_read", entries[len(entries)-1].Action)
	require.Equal(t, "tenant:"+b.tenantID, entries[len(entries)-1].Actor)

	b.fail(t, http.StatusNotFound, "unknown_customer", "GET", "/v1/tenant/customers/alice/details", nil, bearer(otherKey)...)
	b.fail(t, http.StatusNotFound, "unknown_customer", "DELETE", "/v1/tenant/customers/alice/personal-data", nil, bearer(otherKey)...)

	var out kyc.ErasureResult
	b.call(t, http.StatusOK, "DELETE", "/v1/tenant/customers/alice/personal-data", nil, &out, b.tenant()...)
	require.False(t, out.Already)
	got = kyc.DetailsView{}
	b.call(t, http.StatusOK, "GET", "/v1/tenant/customers/alice/details", nil, &got, b.tenant()...)
	require.True(t, got.Erased)
	require.Empty(t, got.FirstName)
	require.Empty(t, got.DateOfBirth)
	require.Equal(t, "deny", string(got.Decision.Decision))
	b.call(t, http.StatusOK, "DELETE", "/v1/tenant/customers/alice/personal-data", nil, &out, b.tenant()...)
	require.True(t, out.Already, "erasing twice is fine")
}

// TestWalletDetailsNeedTheHoldersConsent: a tenant reads a Web3 holder's details only
// with an unexpired, unrevoked consent; without one, and for an unknown wallet, the
// answer is the same 404.
func TestWalletDetailsNeedTheHoldersConsent(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	otherID, otherKey := b.newTenant(t, "Other dApp")
	w, _ := b.approvedWallet(t, 1, b.tenantID)
	path := "/v1/tenant/wallets/" + w.address.Hex() + "/details"

	b.fail(t, http.StatusNotFound, "unknown_wallet", "GET", path, nil, bearer(otherKey)...)
	b.fail(t, http.StatusNotFound, "unknown_wallet", "GET", path, nil, b.tenant()...)
	b.fail(t, http.StatusNotFound, "unknown_wallet", "GET", "/v1/tenant/wallets/0x000000000000000000000000000000000000dEaD/details", nil, bearer(otherKey)...)
	b.fail(t, http.StatusBadRequest, "invalid_address", "GET", "/v1/tenant/wallets/nope/details", nil, bearer(otherKey)...)

	b.fail(t, http.StatusBadRequest, "invalid_scope", "POST", "/v1/me/consents", map[string]any{"tenantId": otherID,
		"scope": []string{"everything"}, "expiresAt": b.clock.Now().Add(time.Hour)}, w.auth...)
	b.fail(t, http.StatusBadRequest, "invalid_expiry", "POST", "/v1/me/consents", map[string]any{"tenantId": otherID,
		"scope": []string{"details"}, "expiresAt": b.clock.Now().Add(-time.Hour)}, w.auth...)
	b.fail(t, http.StatusBadRequest, "invalid_tenant", "POST", "/v1/me/consents", map[string]any{"tenantId": "ten_nope",
		"scope": []string{"details"}, "expiresAt": b.clock.Now().Add(time.Hour)}, w.auth...)
	var consent kyc.ConsentView
	b.call(t, http.StatusCreated, "POST", "/v1/me/consents", map[string]any{"tenantId": otherID, "scope": []string{"details"},
		"expiresAt": b.clock.Now().Add(time.Hour)}, &consent, w.auth...)

	var got kyc.DetailsView
	b.call(t, http.StatusOK, "GET", path, nil, &got, bearer(otherKey)...)
	require.Equal(t, "Hopper", got.LastName)
	b.fail(t, http.StatusNotFound, "unknown_wallet", "GET", path, nil, b.tenant()...)

	b.clock.Add(2 * time.Hour)
	b.fail(t, http.StatusNotFound, "unknown_wallet", "GET", path, nil, bearer(otherKey)...)
	b.call(t, http.StatusCreated, "POST", "/v1/me/consents", map[string]any{"tenantId": otherID, "scope": []string{"details"},
		"expiresAt": b.clock.Now().Add(time.Hour)}, &consent, w.auth...)
	b.call(t, http.StatusOK, "GET", path, nil, &got, bearer(otherKey)...)
	b.call(t, http.StatusNoContent, "DELETE", "/v1/me/consents/"+consent.ID, nil, nil, w.auth...)
	b.fail(t, http.StatusNotFound, "unknown_wallet", "GET", path, nil, bearer(otherKey)...)
}
