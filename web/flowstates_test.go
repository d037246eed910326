package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/web/webtest"
)

// flowCase is a Web3-mode verification filled and submitted over the JSON API, as a
// holder would on another device.
type flowCase struct{ id, token string }

// submittedFlow signs a new wallet in, starts a verification with returnUrl, fills it
// with an ID card (front and back) and a selfie, and submits it.
func submittedFlow(t *testing.T, b browserGateway, returnURL string) flowCase {
	t.Helper()
	h := b.gateway.Handler
	session := authtest.SignIn(t, h, b.origin, authtest.NewKey(t), 1, time.Now())
	rec := authtest.Do(t, h, "POST", "/v1/kyc/verifications", map[string]any{"returnUrl": returnURL}, "Authorization", "Bearer "+session)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ ID, FlowToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	rec = authtest.Do(t, h, "PUT", "/v1/flow/"+out.FlowToken+"/personal_details",
		map[string]string{"firstName": "Ada", "lastName": "Lovelace", "dateOfBirth": "1990-12-10", "country": "GB"})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	for _, side := range []string{"front", "back"} {
		rec = uploadFile(t, b, "/v1/flow/"+out.FlowToken+"/documents", pngFile(t, side+".png"), "type", "id_card", "side", side)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	}
	rec = uploadFile(t, b, "/v1/flow/"+out.FlowToken+"/selfie", pngFile(t, "selfie.png"))
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	rec = authtest.Do(t, h, "POST", "/v1/flow/"+out.FlowToken+"/submit", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	return flowCase{id: out.ID, token: out.FlowToken}
}

// reviewerDecides posts a decision through the reviewer JSON API.
func reviewerDecides(t *testing.T, b browserGateway, key, id string, decision map[string]any) {
	t.Helper()
	rec := authtest.Do(t, b.gateway.Handler, "POST", "/v1/admin/reviews/"+id+"/decision", decision, "Authorization", "Bearer "+key)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

// currentDocument finds the id of a case's current document of a side.
func currentDocument(t *testing.T, b browserGateway, key, id, side string) string {
	t.Helper()
	rec := authtest.Do(t, b.gateway.Handler, "GET", "/v1/admin/reviews/"+id, nil, "Authorization", "Bearer "+key)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var c struct {
		Documents []struct {
			DocumentID, Kind, Side string
			Current                bool
		}
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &c))
	for _, d := range c.Documents {
		if d.Kind == "document" && d.Side == side && d.Current {
			return d.DocumentID
		}
	}
	t.Fatalf("no current %s side in %s", side, rec.Body)
	return ""
}

// visible lists which of the flow page's sections are shown.
const visible = `["waiting","approved","redo","closed","personal_details","document","selfie","submit"]
  .filter((id) => !document.getElementById(id).hidden).join(",")`

// TestFlowPageFollowsTheReviewersDecisions: the hosted flow page shows each state the
// reviewer leads to and updates without a reload: waiting, a resubmission of the ID card's
// back only (its comment, that one upload field), the upload and back to waiting,
// approved (back to the dApp, take an attestation); and a final rejection (the support
// message, no upload field). Screenshots of the states go to the test artefacts.
func TestFlowPageFollowsTheReviewersDecisions(t *testing.T) {
	t.Parallel()
	b := startBrowserGateway(t, server.Config{DataKey: strings.Repeat("cd", 32)})
	ctx := b.ctx
	_, reviewerKey, err := auth.CreateReviewer(t.Context(), b.gateway.Store, "Grace", time.Now())
	require.NoError(t, err)
	const returnURL = "https://dapp.example/after-kyc"
	fc := submittedFlow(t, b, returnURL)

	// Waiting for review. A marker on the window proves later that the page never reloads.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(b.origin+"/flow/"+fc.token),
		pollVoid(`!document.getElementById("waiting").hidden`)))
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](`window.sameDocument = true`))
	require.NoError(t, err)
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](visible))
	require.NoError(t, err)
	require.Equal(t, "waiting", shown)
	webtest.Screenshot(t, ctx, "flow-1-waiting")

	// The reviewer asks for the back of the card again.
	const comment = "The back side is blurred: please photograph it in daylight."
	back := currentDocument(t, b, reviewerKey, fc.id, "back")
	reviewerDecides(t, b, reviewerKey, fc.id, map[string]any{"decision": "resubmit", "reason": "blurred back",
		"documents": []map[string]string{{"documentId": back, "comment": comment}}})
	require.NoError(t, chromedp.Do(ctx, pollVoid(`!document.getElementById("redo").hidden`)))
	shown, err = chromedp.Run(ctx, chromedp.Evaluate[string](visible))
	require.NoError(t, err)
	require.Equal(t, "redo,document", shown, "only the document's upload field")
	slots, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#redo-list li")].map((li) => li.dataset.slot + "|" + li.querySelector(".redo-comment-text").textContent)`))
	require.NoError(t, err)
	require.Equal(t, []string{"document:back|" + comment}, slots)
	form, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.getElementById("docType").value,
		String(document.getElementById("docType").disabled),
		[...document.getElementById("docSide").options].map((o) => o.value).join(","),
		document.getElementById("document-redo").textContent]`))
	require.NoError(t, err)
	require.Equal(t, []string{"id_card", "true", "back", comment}, form, "the type fixed, the back side only, its comment")
	webtest.Screenshot(t, ctx, "flow-2-resubmission")

	// The user uploads the back again and submits: waiting, without a reload.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.ID("docFile"), []string{pngFile(t, "back-again.png")}),
		chromedp.Click(chromedp.CSS("#document-form button")),
		pollVoid(`!document.getElementById("submit").hidden || document.getElementById("error").textContent`),
	))
	requireNoPageError(t, b)
	require.NoError(t, chromedp.Do(ctx, clickID("submit-button"),
		pollVoid(`!document.getElementById("waiting").hidden || document.getElementById("error").textContent`)))
	requireNoPageError(t, b)
	shown, err = chromedp.Run(ctx, chromedp.Evaluate[string](visible))
	require.NoError(t, err)
	require.Equal(t, "waiting", shown)

	// The reviewer approves: the page shows it with both links.
	reviewerDecides(t, b, reviewerKey, fc.id, map[string]any{"decision": "approve", "reason": "documents match", "level": 1})
	require.NoError(t, chromedp.Do(ctx, pollVoid(`!document.getElementById("approved").hidden`)))
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
		document.getElementById("return-link").hidden ? "" : document.getElementById("return-link").href,
		document.getElementById("attest-link").hidden ? "" : document.getElementById("attest-link").href,
		document.getElementById("status").textContent, String(window.sameDocument)]`))
	require.NoError(t, err)
	require.Equal(t, []string{returnURL, b.origin + "/", "approved", "true"}, links)
	webtest.Screenshot(t, ctx, "flow-3-approved")

	// Another holder's verification is rejected for good: the support message, no upload.
	other := submittedFlow(t, b, "")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(b.origin+"/flow/"+other.token),
		pollVoid(`!document.getElementById("waiting").hidden`)))
	reviewerDecides(t, b, reviewerKey, other.id, map[string]any{"decision": "reject", "reason": "forged document"})
	require.NoError(t, chromedp.Do(ctx, pollVoid(`!document.getElementById("closed").hidden`)))
	shown, err = chromedp.Run(ctx, chromedp.Evaluate[string](visible))
	require.NoError(t, err)
	require.Equal(t, "closed", shown)
	closed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.getElementById("closed-message").textContent,
		String([...document.querySelectorAll("input[type=file]")].some((i) => i.offsetParent !== null)),
		String(document.getElementById("closed-return-link").hidden)]`))
	require.NoError(t, err)
	require.Equal(t, []string{"This verification was declined and cannot be retried. Please contact support.", "false", "true"}, closed)
	webtest.Screenshot(t, ctx, "flow-4-rejected")
}

// uploadFile posts a file (and text fields, name and value pairs) as multipart to path.
func uploadFile(t *testing.T, b browserGateway, path, file string, fields ...string) *httptest.ResponseRecorder {
	t.Helper()
	content, err := os.ReadFile(file)
	require.NoError(t, err)
	return uploadAPI(t, b.gateway.Handler, path, content, fields...)
}
