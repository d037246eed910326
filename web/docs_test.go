package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/web"
)

// TestDocsPageRendersTheDocument opens /docs in a browser, under the pages' strict CSP:
// its script fetches /openapi.json and shows the operations grouped by tag, the
// outbound webhooks and the schemas.
func TestDocsPageRendersTheDocument(t *testing.T) {
	t.Parallel()
	b := startBrowserGateway(t, server.Config{})
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Navigate(b.origin+web.DocsPath)))
	require.NoError(t, chromedp.Do(b.ctx, pollVoid(`document.getElementById("status").textContent === ""`)))
	read := func(expr string) string {
		t.Helper()
		out, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
		require.NoError(t, err)
		return out
	}
	require.Contains(t, read(`document.getElementById("toc").textContent`), "auth (")
	ops := read(`Array.from(document.querySelectorAll("#tag-verifications summary")).map(e => e.textContent).join("\n")`)
	require.Contains(t, ops, "POST/v1/kyc/verifications")
	require.Contains(t, read(`document.getElementById("webhooks").textContent`), "verification.updated")
	require.Contains(t, read(`document.getElementById("schema-Envelope").textContent`), "requestId")
	require.Contains(t, read(`document.getElementById("security").textContent`), "tenantKey")
}
