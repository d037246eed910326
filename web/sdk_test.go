package web_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
)

// embeddedConfig is an external provider whose users continue in the vendor's embedded
// SDK: its start answers an SDK token and no URL.
type embeddedConfig struct{}

func (*embeddedConfig) Open(string, kyc.Deps) (kyc.Provider, error) { return embeddedProvider{}, nil }

type embeddedProvider struct{}

func (embeddedProvider) Start(_ context.Context, v storage.Verification) (kyc.Session, error) {
	return kyc.Session{Ref: "app-" + v.ID, SDKToken: "sdk-token-" + v.ID}, nil
}

// TestStartingWithAnEmbeddedSDKProvider: the sign-in page starts a verification with a
// provider that has an embedded SDK; kycgate.js hands the page the provider and its SDK
// token (the "kycgate:sdk" event) instead of navigating away.
func TestStartingWithAnEmbeddedSDKProvider(t *testing.T) {
	t.Parallel()
	b := startBrowserGateway(t, server.Config{DataKey: pii.GenerateKey(), Providers: []string{"embedded"}},
		server.WithProviders(kyc.Registry{"embedded": func() kyc.Config { return &embeddedConfig{} }}))
	ctx := b.ctx
	require.NoError(t, chromedp.Do(ctx, b.injectWallet, chromedp.Navigate(b.origin+"/")))
	_, err := chromedp.Run(ctx, chromedp.Evaluate[any](`window.addEventListener("kycgate:sdk", e => {
  window.sdk = e.detail.provider + " " + e.detail.sdkToken + " " + e.detail.verificationId;
}), true`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx,
		clickID("signin"),
		pollVoid(`!document.getElementById("account").hidden || document.getElementById("error").textContent`),
		clickID("verify"),
		pollVoid(`typeof window.sdk === "string" || document.getElementById("error").textContent`),
	))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.sdk || document.getElementById("error").textContent`))
	require.NoError(t, err)
	w, err := b.gateway.Store.GetWallet(t.Context(), b.address.Hex())
	require.NoError(t, err)
	list, err := b.gateway.Store.ListVerificationsBySubject(t.Context(), w.SubjectID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Equal(t, "embedded sdk-token-"+list[0].ID+" "+list[0].ID, got)
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("verification-status")))
	require.NoError(t, err)
	require.Contains(t, status, "embedded")
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	require.NoError(t, err)
	require.Equal(t, "/", page, "no navigation away")

	// The SDK's answer itself, as a dApp's own page reads it.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](`new KYCGate().startVerification({}).then(v => {
  window.started = [v.next, v.provider, v.sdkToken, v.url].join("|");
}), true`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, pollVoid(`typeof window.started === "string"`)))
	started, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.started`))
	require.NoError(t, err)
	require.Equal(t, "sdk|embedded|sdk-token-"+list[0].ID+"|", started, "resumed: same verification, its SDK token again")
}
