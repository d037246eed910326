package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/web/webtest"
)

// photoBytes is a small real PNG (uploads are checked by content).
func photoBytes(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for x := range 320 {
		for y := range 200 {
			img.Set(x, y, color.RGBA{R: shade, G: uint8(x / 2), B: uint8(y), A: 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// uploadAPI posts a file to a flow route and returns the answer.
func uploadAPI(t *testing.T, h http.Handler, path string, file []byte, fields ...string) *httptest.ResponseRecorder {
	t.Helper()
	return authtest.Upload(t, h, path, "upload.png", file, fields...)
}

func documentID(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ DocumentID string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out.DocumentID
}

// flowState is GET /v1/flow/{token}.
type flowState struct {
	Status string
	Steps  []struct{ Name, Status, Comment string }
}

func getFlow(t *testing.T, h http.Handler, token string) flowState {
	t.Helper()
	rec := authtest.Do(t, h, "GET", "/v1/flow/"+token, nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var f flowState
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &f))
	return f
}

// signInReview signs a reviewer in on the /review page of ctx. From then on the page
// records the keys that reach its document (window.keysSeen), which debugPage reports: a
// key step that fails says whether the key arrived and where.
func signInReview(origin, key string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(origin+"/review"),
		pollVoid(`document.body.dataset.view === "signin"`),
		chromedp.SendKeys(chromedp.ID("key"), key),
		chromedp.Click(chromedp.CSS("#signin-form button")),
		pollVoid(`document.body.dataset.view === "queue" && document.activeElement.matches("#queue-items tr")`),
		pollVoid(`window.keysSeen = [], document.addEventListener("keydown", (e) => window.keysSeen.push(e.key + " on " +
			(e.target.id || e.target.tagName) + " in " + document.body.dataset.view), true), true`),
	)
}

// debugPage describes the page of ctx for a failure message.
func debugPage(ctx context.Context) string {
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.body.dataset.view || "?") + " | error: " + document.getElementById("error").textContent +
		" | keys seen: " + JSON.stringify(window.keysSeen || "not recorded") +
		" | focus: " + document.activeElement.outerHTML.slice(0, 200) + " | " + document.body.innerText.slice(0, 1500)`))
	if err != nil {
		return err.Error()
	}
	return v
}

func pageText(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	require.NoError(t, err)
	return v
}

// TestReviewerWorksTheQueueInTheBrowser: a case made through the flow's JSON API; a
// reviewer signs in at /review, finds it with the keyboard and asks for one document
// again with a comment, which the flow then shows with only that slot open; the user
// uploads it again and submits; a second reviewer, who opened the case before, gets "case
// changed" for a decision on the old version and keeps the typed text; the first approves.
func TestReviewerWorksTheQueueInTheBrowser(t *testing.T) {
	t.Parallel()
	b := startBrowserGateway(t, server.Config{DataKey: strings.Repeat("ab", 32)})
	g, h, ctx, origin := b.gateway, b.gateway.Handler, b.ctx, b.origin
	now := g.Clock.Now()
	_, tenantKey, err := auth.CreateTenant(t.Context(), g.Store, "Acme", now)
	require.NoError(t, err)
	_, grace, err := auth.CreateReviewer(t.Context(), g.Store, "Grace", now)
	require.NoError(t, err)
	_, alan, err := auth.CreateReviewer(t.Context(), g.Store, "Alan", now)
	require.NoError(t, err)

	// The user's case, over the flow's JSON API.
	var started struct{ ID, FlowToken string }
	rec := authtest.Do(t, h, "POST", "/v1/tenant/customers/cust-1/verifications", map[string]any{}, "Authorization", "Bearer "+tenantKey)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &started))
	flow := "/v1/flow/" + started.FlowToken
	rec = authtest.Do(t, h, "PUT", flow+"/personal_details",
		map[string]string{"firstName": "Ada", "lastName": "Lovelace", "dateOfBirth": "1990-12-10", "country": "GB"})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	documentID(t, uploadAPI(t, h, flow+"/documents", photoBytes(t, 40), "type", "id_card", "side", "front"))
	back := documentID(t, uploadAPI(t, h, flow+"/documents", photoBytes(t, 120), "type", "id_card", "side", "back"))
	documentID(t, uploadAPI(t, h, flow+"/selfie", photoBytes(t, 220)))
	rec = authtest.Do(t, h, "POST", flow+"/submit", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	// Alan, in his own browser profile (a tablet), opens the case now: he will decide late.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800))) // starts the browser
	alanCtx, cancelAlan := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancelAlan()
	require.NoError(t, chromedp.Do(alanCtx, chromedp.EmulateViewport(768, 1024), signInReview(origin, alan)), "%s", debugPage(alanCtx))
	require.NoError(t, chromedp.Do(alanCtx, chromedp.KeyEvent(kb.Enter),
		pollVoid(`document.body.dataset.view === "case" && document.querySelectorAll("#case-documents figure").length === 3`)), "%s", debugPage(alanCtx))

	// Grace signs in at 1280 × 800; the key is in no storage, URL or readable cookie.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), signInReview(origin, grace)))
	require.Equal(t, "", pageText(t, ctx, `document.getElementById("key").value`))
	require.Equal(t, "0", pageText(t, ctx, `String(localStorage.length + sessionStorage.length)`))
	require.Equal(t, "", pageText(t, ctx, `document.cookie`), "the session cookie is HttpOnly")
	require.NotContains(t, pageText(t, ctx, `location.href`), "kgr_")
	require.Equal(t, "Grace", pageText(t, ctx, `document.getElementById("who-name").textContent`))
	require.Equal(t, "1", pageText(t, ctx, `document.querySelector('#counts li[data-kind="manual"] .count').textContent`))
	webtest.Screenshot(t, ctx, "review-queue")

	// With the keyboard: down, up, open; the case shows its three current documents.
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("j"), chromedp.KeyEvent("k"), chromedp.KeyEvent(kb.Enter),
		pollVoid(`document.body.dataset.view === "case" && document.querySelectorAll("#case-documents figure[data-current=true] img").length === 3`),
		pollVoid(`[...document.querySelectorAll("#case-documents img")].every(i => i.complete && i.naturalWidth > 0)`),
	), "%s", debugPage(ctx))
	require.Equal(t, started.ID, pageText(t, ctx, `document.getElementById("case").dataset.id`))
	require.Contains(t, pageText(t, ctx, `document.getElementById("case-details").textContent`), "Lovelace")
	// Zoom and rotate a document.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`figure[data-document-id="`+back+`"] .rotate`)),
		chromedp.Click(chromedp.CSS(`figure[data-document-id="`+back+`"] .zoom-in`))))
	require.Contains(t, pageText(t, ctx, `document.querySelector('figure[data-document-id="`+back+`"] img').style.transform`), "rotate(90deg)")

	// s: ask for the back of the ID card again, with a comment.
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("s"),
		pollVoid(`!document.getElementById("resubmit-fields").hidden`),
		chromedp.Click(chromedp.ID("redo-"+back)),
		chromedp.SendKeys(chromedp.ID("comment-"+back), "The back is blurred: photograph it again in daylight."),
		chromedp.SendKeys(chromedp.ID("reason"), "back side unreadable"),
	))
	webtest.Screenshot(t, ctx, "review-case")
	require.NoError(t, chromedp.Do(ctx, clickID("decide"),
		pollVoid(`document.body.dataset.view === "queue" && document.getElementById("message").textContent.includes("resubmission requested")`)))
	require.Equal(t, "", pageText(t, ctx, `document.getElementById("error").textContent`))

	// The flow shows the comment on the document step, and only the back may be sent again.
	f := getFlow(t, h, started.FlowToken)
	require.Equal(t, "resubmission_requested", f.Status)
	for _, s := range f.Steps {
		switch s.Name {
		case "document":
			require.Equal(t, "redo", s.Status)
			require.Contains(t, s.Comment, "The back is blurred")
		case "personal_details", "selfie":
			require.Equal(t, "done", s.Status, s.Name)
			require.Empty(t, s.Comment)
		}
	}
	rec = uploadAPI(t, h, flow+"/documents", photoBytes(t, 60), "type", "id_card", "side", "front")
	require.Equal(t, http.StatusConflict, rec.Code, "the front was not asked for: %s", rec.Body.String())
	rec = uploadAPI(t, h, flow+"/selfie", photoBytes(t, 61))
	require.Equal(t, http.StatusConflict, rec.Code, "nor the selfie: %s", rec.Body.String())
	documentID(t, uploadAPI(t, h, flow+"/documents", photoBytes(t, 160), "type", "id_card", "side", "back"))
	rec = authtest.Do(t, h, "POST", flow+"/submit", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	// Alan approves the version he read: the case changed, his text stays.
	require.NoError(t, chromedp.Do(alanCtx, chromedp.KeyEvent("a"),
		chromedp.SendKeys(chromedp.ID("reason"), "Alan's note: all good"),
		clickID("decide"),
		pollVoid(`document.getElementById("case-message").textContent.includes("This case changed")`)))
	require.Equal(t, "Alan's note: all good", pageText(t, alanCtx, `document.getElementById("reason").value`))
	webtest.Screenshot(t, alanCtx, "review-case-changed-tablet")

	// Grace reopens the queue, opens the case again (4 documents now: the old back is
	// marked replaced) and approves with a.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(origin+"/review"),
		pollVoid(`document.body.dataset.view === "queue" && document.querySelectorAll("#queue-items tr").length === 1 &&
			document.activeElement.matches("#queue-items tr")`),
		chromedp.KeyEvent(kb.Enter),
		pollVoid(`document.body.dataset.view === "case" && document.querySelectorAll("#case-documents figure").length === 4`),
	))
	require.Equal(t, "false", pageText(t, ctx, `document.querySelector('figure[data-document-id="`+back+`"]').dataset.current`))
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("a"),
		chromedp.SendKeys(chromedp.ID("reason"), "documents match"),
		clickID("decide"),
		pollVoid(`document.body.dataset.view === "queue" && document.getElementById("message").textContent.includes("approved")`)))
	require.Equal(t, "approved", getFlow(t, h, started.FlowToken).Status)

	// Alan reloads: the text is still there, and the closed case takes no decision.
	require.NoError(t, chromedp.Do(alanCtx, clickID("reload-case"),
		pollVoid(`document.body.dataset.view === "case" && document.getElementById("decision-form").hidden`)))
	require.Equal(t, "Alan's note: all good", pageText(t, alanCtx, `document.getElementById("reason").value`))

	// Sign-out ends Grace's session: the page and the API say so.
	require.NoError(t, chromedp.Do(ctx, clickID("signout"), pollVoid(`document.body.dataset.view === "signin"`)))
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](
		`fetch("/v1/admin/queue").then(r => { window.afterSignOut = r.status; }), true`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, pollVoid(`window.afterSignOut === 401`)))
}

// TestReviewPageIsServedSafely: the page is no-store with the strict CSP and no inline
// script; its data needs a reviewer session.
func TestReviewPageIsServedSafely(t *testing.T) {
	t.Parallel()
	g := servertest.Start(t, server.Config{}, nil)
	rec := authtest.Do(t, g.Handler, "GET", "/review", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	require.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'self'")
	require.NotContains(t, rec.Header().Get("Content-Security-Policy"), "unsafe-inline")
	body := rec.Body.String()
	require.NotContains(t, body, "<script>", "no inline script")
	require.NotRegexp(t, `\son[a-z]+=`, body, "no inline event handlers")
	for _, path := range []string{"/static/review.js", "/static/review-case.js", "/static/review.css"} {
		require.Equal(t, http.StatusOK, authtest.Do(t, g.Handler, "GET", path, nil).Code, path)
	}
}

// TestReviewerClearsHoldsAndIdlesOut: a held wallet and a held subject are in the queue
// with their findings; the reviewer clears both from the page (cookie and CSRF token);
// the help opens with ?; after the idle timeout the page is back at sign-in, saying why.
func TestReviewerClearsHoldsAndIdlesOut(t *testing.T) {
	t.Parallel()
	clk := servertest.NewClock(time.Now())
	b := startBrowserGateway(t, server.Config{DataKey: strings.Repeat("ab", 32)}, server.WithClock(clk.Now))
	g, ctx, origin := b.gateway, b.ctx, b.origin
	st, now := g.Store, clk.Now()
	_, key, err := auth.CreateReviewer(t.Context(), st, "Grace", now)
	require.NoError(t, err)
	const address = "0x00000000000000000000000000000000000000aa"
	heldAt := now.Add(-3 * time.Hour)
	require.NoError(t, st.AddScreening(t.Context(), &storage.Screening{Address: address, Source: "trm", Status: "flagged", Risk: 10,
		Categories: []string{"mixer"}, Reference: "trm response r-123", CheckedAt: heldAt}))
	require.NoError(t, st.PutWalletScreening(t.Context(), storage.WalletScreening{Address: address, Outcome: "review", Risk: 10,
		Sources: []string{"trm"}, CheckedAt: heldAt, Held: true, HeldAt: &heldAt, UpdatedAt: heldAt}))
	held := storage.Subject{CreatedAt: now.Add(-48 * time.Hour), ApprovedLevel: 1, Hold: "aml_review", UpdatedAt: now.Add(-time.Hour)}
	require.NoError(t, st.CreateSubject(t.Context(), &held))

	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), signInReview(origin, key)))
	count := func(kind string) string {
		return pageText(t, ctx, `document.querySelector('#counts li[data-kind="`+kind+`"] .count').textContent`)
	}
	require.Equal(t, "1", count("wallet_screening"))
	require.Equal(t, "1", count("person_screening"))

	// The wallet (held longest) is first: its findings name the source and what it consulted.
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter),
		pollVoid(`document.body.dataset.view === "case" && document.querySelectorAll("#case-wallets table tr").length === 2`)), "%s", debugPage(ctx))
	findings := pageText(t, ctx, `document.getElementById("case-wallets").innerText`)
	for _, want := range []string{"HELD", "trm", "flagged", "trm response r-123", "mixer"} {
		require.Contains(t, findings, want)
	}
	// j and k walk to the next case and back without the queue.
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("j"),
		pollVoid(`document.body.dataset.view === "case" && document.getElementById("case").dataset.kind === "person_screening"`),
		chromedp.KeyEvent("k"),
		pollVoid(`document.body.dataset.view === "case" && document.getElementById("case").dataset.kind === "wallet_screening" &&
			document.querySelectorAll("#case-wallets table tr").length === 2`)), "%s", debugPage(ctx))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("clear-reason"), "false positive: a similar name"),
		clickID("clear"),
		pollVoid(`document.body.dataset.view === "queue" && document.getElementById("message").textContent.includes("cleared")`)),
		"%s", debugPage(ctx))
	require.Equal(t, "0", count("wallet_screening"))
	ws, err := st.GetWalletScreening(t.Context(), address)
	require.NoError(t, err)
	require.False(t, ws.Held)

	// The person-screening hold, found with a filter. The queue already shows only that
	// row, so the wait is for a row drawn after the filter (renderQueue makes new rows),
	// not for the one on screen before it.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](`window.rowBeforeFilter = document.querySelector("#queue-items tr"), true`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("f-kind"), "person_screening"),
		chromedp.Click(chromedp.CSS("#filters button")),
		pollVoid(`document.body.dataset.view === "queue" && document.activeElement !== window.rowBeforeFilter &&
			document.activeElement.matches('#queue-items tr[data-kind="person_screening"]')`), // the filtered queue has the focus
		chromedp.KeyEvent(kb.Enter),
		pollVoid(`document.body.dataset.view === "case" && !document.getElementById("clear-form").hidden`),
		chromedp.SendKeys(chromedp.ID("clear-reason"), "the match is another person"),
		clickID("clear"),
		pollVoid(`document.body.dataset.view === "queue" && document.getElementById("queue-empty").hidden === false`)),
		"%s", debugPage(ctx))
	sub, err := st.GetSubject(t.Context(), held.ID)
	require.NoError(t, err)
	require.Empty(t, sub.Hold)

	// ? shows the keys, Escape hides them.
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("?"), pollVoid(`!document.getElementById("help").hidden`),
		chromedp.KeyEvent(kb.Escape), pollVoid(`document.getElementById("help").hidden`)), "%s", debugPage(ctx))

	// Left alone past the idle timeout: the next action lands on sign-in, with the reason.
	clk.Add(15*time.Minute + time.Second)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#filters button")),
		pollVoid(`document.body.dataset.view === "signin" && document.getElementById("signin-message").textContent.includes("expired")`)))
}
