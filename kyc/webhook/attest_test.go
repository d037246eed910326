package webhook_test

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

func TestAttestationIssuedReachesSharedTenants(t *testing.T) {
	t.Parallel()
	g := start(t, func(c *server.Config) {
		c.SignerKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	})
	rcv := newReceiver(t)
	secret := g.setWebhook(t, g.key, rcv.srv.URL)

	key := authtest.NewKey(t)
	addr := strings.ToLower(authtest.Address(key).Hex())
	wallet := bearer(authtest.SignIn(t, g.h, servertest.PublicURL, key, 1, g.clk.Now()))
	rec := authtest.Do(t, g.h, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": g.tenID, "level": 1}, wallet...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	id := jsonField(t, rec.Body.Bytes(), "id")
	for _, to := range []storage.VerificationStatus{storage.StatusInProgress, storage.StatusInReview, storage.StatusApproved} {
		g.move(t, id, to)
	}
	rec = authtest.Do(t, g.h, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, wallet...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	require.Equal(t, 5, g.step(t))

	events := verified(t, secret, rcv.deliveries())
	last := events[4]
	require.Equal(t, "attestation.issued", last.Type)
	require.NotEmpty(t, last.Data["uid"])
	require.EqualValues(t, 8453, last.Data["chainId"])
	require.Equal(t, addr, strings.ToLower(last.Data["recipient"].(string)))
	require.Equal(t, "web3", events[0].Data["mode"])
	require.Equal(t, []any{addr}, events[0].Data["wallets"])
	require.NotContains(t, events[0].Data, "externalCustomerId", "a wallet holder is nobody's customer")
	noPersonalData(t, rcv.deliveries())
}
