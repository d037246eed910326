package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/web"
)

func TestAttestationPageIsServedSafely(t *testing.T) {
	t.Parallel()
	require.True(t, strings.HasPrefix(eas.URLPath, web.AttestationPath), "attestation URLs point at the page")
	g := servertest.Start(t, server.Config{}, nil)
	rec := authtest.Do(t, g.Handler, "GET", web.AttestationPath, nil)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Header().Get("Content-Type"), "text/html")
	csp := rec.Header().Get("Content-Security-Policy")
	require.Contains(t, csp, "default-src 'self'")
	require.NotContains(t, csp, "unsafe-inline")
	require.Equal(t, "no-referrer", rec.Header().Get("Referrer-Policy"))
	require.Contains(t, rec.Body.String(), `<script type="module" src="/static/attestation.js">`)
	require.NotContains(t, rec.Body.String(), "<script>", "no inline script (the CSP would block it)")

	rec = authtest.Do(t, g.Handler, "GET", "/static/attestation.js", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Header().Get("Content-Type"), "javascript")
}

// TestAttestationPageVerifiesARealAttestation opens the url an issued attestation
// carries and sees it valid, with its claims; revoked, the same link shows it revoked.
func TestAttestationPageVerifiesARealAttestation(t *testing.T) {
	t.Parallel()
	b := startBrowserGateway(t, server.Config{})
	ctx, g, origin := b.ctx, b.gateway, b.origin

	key := authtest.NewKey(t)
	token := authtest.SignIn(t, g.Handler, origin, key, 1, time.Now())
	w, err := g.Store.GetWallet(t.Context(), authtest.Address(key).Hex())
	require.NoError(t, err)
	_, err = g.Store.UpdateSubject(t.Context(), w.SubjectID, func(s storage.Subject) (storage.Subject, error) {
		now := time.Now()
		s.ApprovedLevel, s.ApprovedAt, s.Country, s.Over18 = 2, &now, "DE", true
		return s, nil
	})
	require.NoError(t, err)
	rec := authtest.Do(t, g.Handler, "POST", "/v1/attestations", map[string]any{"chainId": 1}, "Authorization", "Bearer "+token)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var issued struct{ UID, URL string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &issued))
	require.True(t, strings.HasPrefix(issued.URL, origin+eas.URLPath), issued.URL)

	gatewayKey, err := signer.ParseKey("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	require.NoError(t, err)
	shown := func(url string) map[string]string {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url)))
		// A poll running across a navigation (the redirect) is cut off: wait again.
		for attempt := 0; ; attempt++ {
			err := chromedp.Do(ctx, pollVoid(`document.getElementById("verdict").textContent !== "checking…"`))
			if err == nil {
				break
			}
			require.Less(t, attempt, 5, "waiting for the attestation page: %v", err)
		}
		out := map[string]string{}
		for _, id := range []string{"verdict", "reason", "kycLevel", "country", "over18", "signer", "recipient", "expiresAt", "revokedAt", "uid", "error"} {
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("`+id+`").textContent`))
			require.NoError(t, err)
			out[id] = text
		}
		return out
	}

	page := shown(issued.URL)
	require.Equal(t, "valid", page["verdict"], page)
	require.Equal(t, "2", page["kycLevel"])
	require.Equal(t, "DE", page["country"])
	require.Equal(t, "yes", page["over18"])
	require.Equal(t, crypto.PubkeyToAddress(gatewayKey.PublicKey).Hex(), page["signer"])
	require.Equal(t, authtest.Address(key).Hex(), page["recipient"])
	require.Equal(t, issued.UID, page["uid"])
	require.Equal(t, "no", page["revokedAt"])
	require.NotEqual(t, "never", page["expiresAt"])

	require.NoError(t, g.Store.RevokeAttestation(t.Context(), issued.UID, "kyc_revoked", time.Now()))
	page = shown(issued.URL)
	require.Equal(t, "not valid: revoked", page["verdict"], page)
	require.Equal(t, "the attestation was revoked", page["reason"])
	require.NotEqual(t, "no", page["revokedAt"])
	require.Equal(t, "DE", page["country"], "the claims of a revoked attestation are still shown")

	// Without the trailing slash the link still works (redirected, the fragment kept);
	// a damaged one gets the gateway's reason; no fragment at all is said so.
	_, fragment, _ := strings.Cut(issued.URL, "#")
	page = shown(origin + "/offchain/url#" + fragment)
	require.Equal(t, "not valid: revoked", page["verdict"], page)
	page = shown(origin + eas.URLPath + "bm90IHpsaWI%3D")
	require.Equal(t, "not valid: invalid_package", page["verdict"], page)
	require.Contains(t, page["error"], "not zlib data")
	page = shown(origin + web.AttestationPath)
	require.Equal(t, "no attestation", page["verdict"], page)
}
