package web_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/compilot"
	"github.com/kycgate/kycgate/kyc/compilot/compilottest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
)

// TestStartingWithComPilotInWeb3Mode: kycgate.js starts a ComPilot verification for the
// signed-in wallet, has the wallet sign the challenge the start answers, completes
// ComPilot's verify step at the fake (compilotUrl) and hands the page ComPilot's token
// as the SDK token; ComPilot's customer then holds the wallet.
func TestStartingWithComPilotInWeb3Mode(t *testing.T) {
	t.Parallel()
	fake := compilottest.New(t)
	env := fake.Env()
	// The dApp's page on its own origin (the gateway's own pages allow no other origin).
	var gatewayOrigin atomic.Value
	page := dApp(t, &gatewayOrigin)
	b := startBrowserGateway(t, server.Config{DataKey: pii.GenerateKey(), Providers: []string{compilot.Type},
		Env: func(k string) string { return env[k] }, CORSOrigins: page.URL})
	gatewayOrigin.Store(b.origin)
	ctx := b.ctx
	require.NoError(t, chromedp.Do(ctx, b.injectWallet, chromedp.Navigate(page.URL),
		pollVoid(`typeof KYCGate === "function"`)))
	_, err := chromedp.Run(ctx, chromedp.Evaluate[any](`(async () => {
  const kyc = new KYCGate({ baseUrl: "`+b.origin+`", compilotUrl: "`+fake.URL+`" });
  await kyc.signIn(window.ethereum);
  const v = await kyc.startVerification({ provider: "compilot" });
  window.started = [v.next, v.mode, v.id, v.sdkToken].join("|");
})().catch(e => { window.started = "error: " + e.message; }), true`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, pollVoid(`typeof window.started === "string"`)))
	started, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.started`))
	require.NoError(t, err)
	parts := strings.Split(started, "|")
	require.Len(t, parts, 4, started)
	require.Equal(t, []string{"sdk", "web3"}, parts[:2], started)
	id, token := parts[2], parts[3]
	require.Equal(t, id, fake.TokenCustomer(token), "the SDK token is ComPilot's session token for this verification")

	c, err := compilotCustomer(t, fake, id)
	require.NoError(t, err)
	require.Len(t, c.CustomerWallets, 1)
	require.True(t, strings.EqualFold(b.address.Hex(), c.CustomerWallets[0].Address), "ComPilot verified the signed-in wallet")
	require.Equal(t, "1", c.CustomerWallets[0].BlockchainID, "the wallet's chain")
}

// compilotCustomer reads the fake's customer as the adapter does (it answers 404 until
// the customer has a status, so one is set first).
func compilotCustomer(t *testing.T, fake *compilottest.Fake, id string) (compilot.Customer, error) {
	t.Helper()
	fake.SetCustomer(t, id, compilot.StatusToBeReviewd, nil)
	env := fake.Env()
	p, err := kyc.Registry{compilot.Type: compilot.NewConfig}.Open(compilot.Type, func(k string) string { return env[k] }, kyc.Deps{})
	if err != nil {
		return compilot.Customer{}, err
	}
	return p.(*compilot.Provider).Customer(t.Context(), id)
}
