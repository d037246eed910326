package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/server"
)

// dAppPage is a dApp front end on its own origin that signs in through the gateway with
// kycgate.js and reads the account with the bearer token.
const dAppPage = `<!doctype html>
<title>loading</title>
<script src="GATEWAY/sdk/kycgate.js"></script>
<script>
window.run = async () => {
  const kyc = new KYCGate({ baseUrl: "GATEWAY" });
  try {
    await kyc.signIn(window.ethereum);
    const me = await kyc.me();
    document.title = "ok " + me.session.address;
  } catch (e) {
    document.title = "error " + (e.code || e.message);
  }
};
</script>`

// dApp serves dAppPage on a new origin once the gateway's origin is known.
func dApp(t *testing.T, gateway *atomic.Value) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, strings.ReplaceAll(dAppPage, "GATEWAY", gateway.Load().(string)))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestADAppOnAnotherOriginSignsIn runs the SDK from a dApp's own origin: allowed origins
// sign in and read the account with the bearer token; others are stopped by the browser.
func TestADAppOnAnotherOriginSignsIn(t *testing.T) {
	t.Parallel()
	var gatewayOrigin atomic.Value
	allowed, other := dApp(t, &gatewayOrigin), dApp(t, &gatewayOrigin)
	b := startBrowserGateway(t, server.Config{CORSOrigins: allowed.URL})
	gatewayOrigin.Store(b.origin)

	run := func(page string) string {
		require.NoError(t, chromedp.Do(b.ctx, b.injectWallet, chromedp.Navigate(page),
			pollVoid(`typeof window.run === "function" && typeof KYCGate === "function"`)))
		_, err := chromedp.Run(b.ctx, chromedp.Evaluate[any](`window.run(), true`))
		require.NoError(t, err)
		require.NoError(t, chromedp.Do(b.ctx, pollVoid(`document.title !== "loading"`)))
		title, err := chromedp.Run(b.ctx, chromedp.Title())
		require.NoError(t, err)
		return title
	}
	require.Equal(t, "ok "+b.address.Hex(), run(allowed.URL))
	require.True(t, strings.HasPrefix(run(other.URL), "error "), "an origin that is not listed cannot read the API")
}
