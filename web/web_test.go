package web_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/web/webtest"
)

// fakeWallet is an EIP-1193 provider injected into the page: it answers with the test's
// address and asks the test server to sign, as a wallet extension would.
const fakeWallet = `window.ethereum = {
  request: async ({ method, params }) => {
    if (method === "eth_requestAccounts") return [%q];
    if (method === "eth_chainId") return "0x1";
    if (method === "personal_sign") {
      const res = await fetch("SIGNER/test/sign", { method: "POST", body: JSON.stringify({ hex: params[0] }) });
      return (await res.json()).signature;
    }
    throw new Error("unsupported method " + method);
  },
};`

// browserGateway is a gateway on a real port, a browser, and the wallet it will inject.
type browserGateway struct {
	gateway      servertest.Gateway
	origin       string
	ctx          context.Context
	address      common.Address
	injectWallet chromedp.Action[chromedp.Void]
}

// startBrowserGateway serves a gateway on 127.0.0.1 (its public URL) with the real
// clock (the browser's is real), and opens a browser that has a test wallet.
func startBrowserGateway(t *testing.T, cfg server.Config, opts ...server.Option) browserGateway {
	t.Helper()
	key := authtest.NewKey(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	origin := "http://" + ln.Addr().String()
	cfg.PublicURL = origin
	cfg.SignerKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	g := servertest.Start(t, cfg, nil, append([]server.Option{
		server.WithClock(time.Now),
		server.WithRoutes(func(e *gin.Engine) {
			e.POST("/test/sign", func(c *gin.Context) {
				var req struct{ Hex string }
				if err := c.BindJSON(&req); err != nil {
					return
				}
				text, err := hexutil.Decode(req.Hex)
				if err != nil {
					c.Status(http.StatusBadRequest)
					return
				}
				c.JSON(http.StatusOK, gin.H{"signature": authtest.Sign(t, key, string(text))})
			})
		})}, opts...)...)
	srv := httptest.NewUnstartedServer(g.Handler)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)

	address := authtest.Address(key)
	inject := func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
		script := strings.Replace(fakeWallet, "%q", `"`+strings.ToLower(address.Hex())+`"`, 1)
		script = strings.Replace(script, "SIGNER", origin, 1)
		_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return chromedp.Void{}, err
	}
	return browserGateway{gateway: g, origin: origin, ctx: webtest.Browser(t), address: address, injectWallet: inject}
}

func TestSignInPageWithAWallet(t *testing.T) {
	t.Parallel()
	b := startBrowserGateway(t, server.Config{})
	ctx, g, address, origin := b.ctx, b.gateway, b.address, b.origin
	require.NoError(t, chromedp.Do(ctx, b.injectWallet, chromedp.Navigate(origin+"/")))
	before := time.Now().Truncate(time.Second)
	require.NoError(t, chromedp.Do(ctx,
		clickID("signin"),
		pollVoid(`!document.getElementById("account").hidden || document.getElementById("error").textContent`),
	))
	after := time.Now()
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.body.innerText"))
	require.NoError(t, err)
	require.NotContains(t, body, "error", body)

	// The SDK signs the gateway's prepared message: the session lasts KYCGATE_SESSION_TTL
	// (24 hours by default) from sign-in, not the nonce's 5 minutes.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](
		`fetch("/v1/me").then(r => r.json()).then(j => { window.sessionEnd = j.session.expiresAt; }), true`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, pollVoid(`typeof window.sessionEnd === "string"`)))
	end, err := chromedp.Run(ctx, chromedp.Evaluate[string]("window.sessionEnd"))
	require.NoError(t, err)
	sessionEnd, err := time.Parse(time.RFC3339, end)
	require.NoError(t, err)
	require.False(t, sessionEnd.Before(before.Add(24*time.Hour)), "session ends %s, signed in after %s", sessionEnd, before)
	require.False(t, sessionEnd.After(after.Add(24*time.Hour)), "session ends %s", sessionEnd)
	require.NoError(t, chromedp.Do(ctx, pollVoid(`document.querySelectorAll("#chain option").length > 0`)))
	shown, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("address")))
	require.NoError(t, err)

	// Not approved yet: the page shows the gateway's error.
	require.NoError(t, chromedp.Do(ctx,
		clickID("attest"),
		pollVoid(`document.getElementById("error").textContent.length > 0`),
	))
	errText, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("error")))
	require.NoError(t, err)
	require.Equal(t, address.Hex(), shown)
	require.Contains(t, errText, "not_approved")

	w, err := g.Store.GetWallet(t.Context(), address.Hex())
	require.NoError(t, err)
	_, err = g.Store.UpdateSubject(t.Context(), w.SubjectID, func(s storage.Subject) (storage.Subject, error) {
		now := time.Now()
		s.ApprovedLevel, s.ApprovedAt = 1, &now
		return s, nil
	})
	require.NoError(t, err)

	require.NoError(t, chromedp.Do(ctx,
		clickID("attest"),
		pollVoid(`document.getElementById("attestation").textContent.startsWith("UID 0x")`),
	))
	attestation, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("attestation")))
	require.NoError(t, err)
	require.Contains(t, attestation, origin+"/offchain/url/#attestation=")
	list, err := g.Store.ListAttestationsBySubject(t.Context(), w.SubjectID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Contains(t, attestation, list[0].UID)
}

// clickID clicks an element by id, as a user would.
func clickID(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.ID(id))
}

// pollVoid waits until a JavaScript expression is truthy.
func pollVoid(expr string) chromedp.Action[chromedp.Void] {
	wait := chromedp.Poll[any](expr)
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := wait(ctx, t)
		return chromedp.Void{}, err
	}
}

func TestPagesAndSDKAreServedSafely(t *testing.T) {
	t.Parallel()
	g := servertest.Start(t, server.Config{}, nil)
	for path, want := range map[string]string{
		"/":                 "text/html",
		"/flow/some-token":  "text/html",
		"/admin":            "text/html",
		"/static/admin.js":  "javascript",
		"/sdk/kycgate.js":   "javascript",
		"/static/style.css": "text/css",
		"/static/flow.js":   "javascript",
	} {
		rec := authtest.Do(t, g.Handler, "GET", path, nil)
		require.Equal(t, http.StatusOK, rec.Code, path)
		require.Contains(t, rec.Header().Get("Content-Type"), want, path)
	}
	rec := authtest.Do(t, g.Handler, "GET", "/flow/some-token", nil)
	require.Equal(t, "no-referrer", rec.Header().Get("Referrer-Policy"), "flow tokens must not leak through Referer")
	require.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'self'")
	rec = authtest.Do(t, g.Handler, "GET", "/static/nope.js", nil)
	require.Equal(t, http.StatusNotFound, rec.Code)

	var cfg map[string]any
	rec = authtest.Do(t, g.Handler, "GET", "/.well-known/kycgate-configuration", nil)
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &cfg))
}
