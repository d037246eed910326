package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
)

// pngFile writes a small real PNG (uploads are checked by content), shaded by its name,
// and returns its path.
func pngFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, photoBytes(t, uint8(len(name)*37)), 0o600))
	return path
}

// TestWholeKYCInTheBrowser is a wallet holder's whole journey through the pages: sign in,
// start a verification, fill the hosted flow, submit; a reviewer approves over the API;
// back on the sign-in page the holder gets an attestation.
func TestWholeKYCInTheBrowser(t *testing.T) {
	t.Parallel()
	b := startBrowserGateway(t, server.Config{DataKey: strings.Repeat("ab", 32)})
	ctx := b.ctx
	require.NoError(t, chromedp.Do(ctx, b.injectWallet, chromedp.Navigate(b.origin+"/"),
		clickID("signin"),
		pollVoid(`!document.getElementById("account").hidden || document.getElementById("error").textContent`),
		clickID("verify"),
	))
	// The click navigates to the hosted flow; a poll running across the navigation is
	// cut off, so wait again in the new document.
	for attempt := 0; ; attempt++ {
		err := chromedp.Do(ctx, pollVoid(`location.pathname.startsWith("/flow/") && !document.getElementById("personal_details").hidden`))
		if err == nil {
			break
		}
		require.Less(t, attempt, 5, "waiting for the flow page: %v", err)
	}

	fillFlowInPage(t, b)
	require.NoError(t, chromedp.Do(ctx,
		pollVoid(`document.getElementById("status").textContent === "in review" || document.getElementById("error").textContent`)))
	requireNoPageError(t, b)

	// A reviewer approves.
	_, reviewerKey, err := auth.CreateReviewer(t.Context(), b.gateway.Store, "Grace", b.gateway.Clock.Now())
	require.NoError(t, err)
	rec := authtest.Do(t, b.gateway.Handler, "GET", "/v1/admin/reviews?status=in_review", nil, "Authorization", "Bearer "+reviewerKey)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var queue struct {
		Items []struct{ VerificationID string }
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &queue))
	require.Len(t, queue.Items, 1)
	rec = authtest.Do(t, b.gateway.Handler, "POST", "/v1/admin/reviews/"+queue.Items[0].VerificationID+"/decision",
		map[string]any{"decision": "approve", "reason": "documents match", "level": 1}, "Authorization", "Bearer "+reviewerKey)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	// Back on the main page: approved, and an attestation to take away.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(b.origin+"/"),
		pollVoid(`!document.getElementById("account").hidden`),
		pollVoid(`document.getElementById("verification-status").textContent === "approved"`),
		pollVoid(`document.querySelectorAll("#chain option").length > 0`),
		clickID("attest"),
		pollVoid(`document.getElementById("attestation").textContent.startsWith("UID 0x") || document.getElementById("error").textContent`),
	))
	requireNoPageError(t, b)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("attestation")))
	require.NoError(t, err)
	require.Contains(t, text, "/offchain/url/#attestation=")
}

// fillFlowInPage fills the open flow page of b as a user does (details, a passport, a
// selfie) and submits it: the page then waits for review.
func fillFlowInPage(t *testing.T, b browserGateway) {
	t.Helper()
	require.NoError(t, chromedp.Do(b.ctx,
		chromedp.SendKeys(chromedp.ID("firstName"), "Ada"),
		chromedp.SendKeys(chromedp.ID("lastName"), "Lovelace"),
		chromedp.SetValue(chromedp.ID("dateOfBirth"), "1990-12-10"),
		chromedp.SendKeys(chromedp.ID("country"), "gb"),
		chromedp.Click(chromedp.CSS("#details-form button")),
		pollVoid(`!document.getElementById("document").hidden || document.getElementById("error").textContent`),
	))
	requireNoPageError(t, b)
	require.NoError(t, chromedp.Do(b.ctx,
		chromedp.SetUploadFiles(chromedp.ID("docFile"), []string{pngFile(t, "passport.png")}),
		chromedp.Click(chromedp.CSS("#document-form button")),
		pollVoid(`!document.getElementById("selfie").hidden || document.getElementById("error").textContent`),
	))
	requireNoPageError(t, b)
	require.NoError(t, chromedp.Do(b.ctx,
		chromedp.SetUploadFiles(chromedp.ID("selfieFile"), []string{pngFile(t, "selfie.png")}),
		chromedp.Click(chromedp.CSS("#selfie-form button")),
		pollVoid(`!document.getElementById("submit").hidden || document.getElementById("error").textContent`),
		clickID("submit-button"),
		pollVoid(`!document.getElementById("waiting").hidden || document.getElementById("error").textContent`),
	))
	requireNoPageError(t, b)
}

func requireNoPageError(t *testing.T, b browserGateway) {
	t.Helper()
	msg, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.getElementById("error").textContent`))
	require.NoError(t, err)
	require.Empty(t, msg, "the page shows an error")
}
