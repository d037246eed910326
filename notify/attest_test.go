package notify_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

// A tenant a wallet holder verified for (Web3 mode) hears about its verification, but not
// which wallets the holder has nor the attestations those wallets take.
func TestWeb3TenantLearnsNoWallets(t *testing.T) {
	t.Parallel()
	g := start(t, func(c *server.Config) {
		c.SignerKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	})
	rcv := newReceiver(t)
	secret := g.setWebhook(t, g.key, rcv.srv.URL)

	key := authtest.NewKey(t)
	addr := strings.ToLower(authtest.Address(key).Hex())
	wallet := bearer(authtest.SignIn(t, g.h, servertest.PublicURL, key, 1, g.clk.Now()))
	g.step(t) // the new wallet's screening job
	rec := authtest.Do(t, g.h, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": g.tenID, "level": 1}, wallet...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	id := jsonField(t, rec.Body.Bytes(), "id")
	for _, to := range []storage.VerificationStatus{storage.StatusInProgress, storage.StatusInReview, storage.StatusApproved} {
		g.move(t, id, to)
	}
	rec = authtest.Do(t, g.h, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, wallet...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	require.Equal(t, 4, g.step(t), "created, in_progress, in_review, approved; no attestation event")

	events := verified(t, secret, rcv.deliveries())
	for _, e := range events {
		require.Equal(t, "verification.updated", e.Type)
		require.Equal(t, "web3", e.Data["mode"])
		require.NotContains(t, e.Data, "wallets", "the holder's wallets are not the tenant's to list")
		require.NotContains(t, e.Data, "externalCustomerId", "a wallet holder is nobody's customer")
	}
	require.Equal(t, "approved", events[3].Data["status"])
	for _, d := range rcv.deliveries() {
		require.NotContains(t, strings.ToLower(string(d.body)), addr[2:], "no wallet address in any payload")
	}
	noPersonalData(t, rcv.deliveries())
}
