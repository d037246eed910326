package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/web/webtest"
)

// TestUserAndReviewerInTheBrowser is the whole round between the user's hosted flow page
// and the reviewers' back office, each in its own browser profile: the user fills the
// flow in the page; a reviewer signs in at /review, finds the case with the keyboard and
// asks for the document again with a comment; the user's page, without a reload, shows
// that comment and only that upload field; the user uploads it and submits; a second
// reviewer who read the case before gets "this case changed"; the first reviewer approves;
// the user's page shows approved with the link back to the dApp.
func TestUserAndReviewerInTheBrowser(t *testing.T) {
	t.Parallel()
	b := startBrowserGateway(t, server.Config{DataKey: strings.Repeat("ef", 32)})
	g, h, user, origin := b.gateway, b.gateway.Handler, b.ctx, b.origin
	now := time.Now()
	_, tenantKey, err := auth.CreateTenant(t.Context(), g.Store, "Acme", now)
	require.NoError(t, err)
	_, grace, err := auth.CreateReviewer(t.Context(), g.Store, "Grace", now)
	require.NoError(t, err)
	_, alan, err := auth.CreateReviewer(t.Context(), g.Store, "Alan", now)
	require.NoError(t, err)

	// The dApp's back end starts a verification for its customer and sends them the link.
	const returnURL = "https://dapp.example/after-kyc"
	rec := authtest.Do(t, h, "POST", "/v1/tenant/customers/cust-7/verifications", map[string]any{"returnUrl": returnURL},
		"Authorization", "Bearer "+tenantKey)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var started struct{ ID, FlowToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &started))

	// The user fills the flow in the page: details, passport, selfie, submit.
	require.NoError(t, chromedp.Do(user, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(origin+"/flow/"+started.FlowToken),
		pollVoid(`!document.getElementById("personal_details").hidden`)))
	fillFlowInPage(t, b)
	// A marker on the window: the page must follow the reviewer without a reload.
	_, err = chromedp.Run(user, chromedp.Evaluate[any](`window.sameDocument = true`))
	require.NoError(t, err)

	// Alan opens the case first, on a tablet, and leaves it open.
	alanCtx, cancelAlan := chromedp.NewContext(user, chromedp.WithNewBrowserContext())
	defer cancelAlan()
	require.NoError(t, chromedp.Do(alanCtx, chromedp.EmulateViewport(768, 1024), signInReview(origin, alan),
		chromedp.KeyEvent(kb.Enter), pollVoid(`document.body.dataset.view === "case"`)), "%s", debugPage(alanCtx))

	// Grace finds it with the keyboard and asks for the passport again, with a comment.
	graceCtx, cancelGrace := chromedp.NewContext(user, chromedp.WithNewBrowserContext())
	defer cancelGrace()
	passport := currentDocument(t, b, grace, started.ID, "front")
	const comment = "The photo page is cut off: photograph the whole page."
	require.NoError(t, chromedp.Do(graceCtx, chromedp.EmulateViewport(1280, 800), signInReview(origin, grace),
		chromedp.KeyEvent(kb.Enter),
		pollVoid(`document.body.dataset.view === "case" && document.getElementById("case").dataset.id === "`+started.ID+`"`),
		chromedp.KeyEvent("s"),
		pollVoid(`!document.getElementById("resubmit-fields").hidden`),
		chromedp.Click(chromedp.ID("redo-"+passport)),
		chromedp.SendKeys(chromedp.ID("comment-"+passport), comment),
		chromedp.SendKeys(chromedp.ID("reason"), "passport cut off"),
		clickID("decide"),
		pollVoid(`document.body.dataset.view === "queue" && document.getElementById("message").textContent.includes("resubmission requested")`),
	), "%s", debugPage(graceCtx))

	// The user's page shows the comment and the document's upload field only.
	require.NoError(t, chromedp.Do(user, pollVoid(`!document.getElementById("redo").hidden`)))
	require.Equal(t, "redo,document", pageText(t, user, visible), "only the document's upload field")
	slots, err := chromedp.Run(user, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#redo-list li")].map((li) => li.dataset.slot + "|" + li.querySelector(".redo-comment-text").textContent)`))
	require.NoError(t, err)
	require.Equal(t, []string{"document:front|" + comment}, slots)
	webtest.Screenshot(t, user, "journey-user-resubmission")

	// The user uploads the passport again and submits.
	require.NoError(t, chromedp.Do(user,
		chromedp.SetUploadFiles(chromedp.ID("docFile"), []string{pngFile(t, "passport-again.png")}),
		chromedp.Click(chromedp.CSS("#document-form button")),
		pollVoid(`!document.getElementById("submit").hidden || document.getElementById("error").textContent`),
		clickID("submit-button"),
		pollVoid(`!document.getElementById("waiting").hidden || document.getElementById("error").textContent`),
	))
	requireNoPageError(t, b)
	require.Equal(t, "waiting", pageText(t, user, visible))
	webtest.Screenshot(t, user, "journey-user-waiting")

	// Alan approves what he read before: the case changed, and his note stays.
	require.NoError(t, chromedp.Do(alanCtx, chromedp.KeyEvent("a"),
		chromedp.SendKeys(chromedp.ID("reason"), "looks fine"),
		clickID("decide"),
		pollVoid(`document.getElementById("case-message").textContent.includes("This case changed")`)), "%s", debugPage(alanCtx))
	require.Equal(t, "looks fine", pageText(t, alanCtx, `document.getElementById("reason").value`))

	// Grace opens the resubmitted case from the queue and approves it.
	require.NoError(t, chromedp.Do(graceCtx, chromedp.Navigate(origin+"/review"),
		pollVoid(`document.body.dataset.view === "queue" && document.activeElement.matches("#queue-items tr")`),
		chromedp.KeyEvent(kb.Enter),
		pollVoid(`document.body.dataset.view === "case" && document.querySelectorAll("#case-documents figure").length === 3`),
		chromedp.KeyEvent("a"),
		chromedp.SendKeys(chromedp.ID("reason"), "documents match"),
		clickID("decide"),
		pollVoid(`document.body.dataset.view === "queue" && document.getElementById("message").textContent.includes("approved")`),
	), "%s", debugPage(graceCtx))

	// The user's page shows approved, with the way back to the dApp, in the same document.
	require.NoError(t, chromedp.Do(user, pollVoid(`!document.getElementById("approved").hidden`)))
	require.Equal(t, "approved", pageText(t, user, visible))
	links, err := chromedp.Run(user, chromedp.Evaluate[[]string](`[document.getElementById("return-link").href,
		document.getElementById("status").textContent, String(window.sameDocument)]`))
	require.NoError(t, err)
	require.Equal(t, []string{returnURL, "approved", "true"}, links)
	webtest.Screenshot(t, user, "journey-user-approved")
}
