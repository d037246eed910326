package manual

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// flowPage is the hosted page of the flow: plain HTML and one inline script that drives
// the JSON API under /v1/flow/{token}.
//
//go:embed static/flow.html
var flowPage []byte

// flowPageCSP allows the page's own inline script by its hash and nothing from elsewhere.
var flowPageCSP = func() string {
	page := string(flowPage)
	start := strings.Index(page, "<script>") + len("<script>")
	end := strings.Index(page, "</script>")
	sum := sha256.Sum256([]byte(page[start:end]))
	return "default-src 'none'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; " +
		"style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}()

// page serves the hosted flow page. The token stays in the URL path (never logged: the
// access log records route patterns) and is kept from other sites by no-referrer.
func (p *Provider) page(c *gin.Context) {
	noStore(c)
	c.Header("Content-Security-Policy", flowPageCSP)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "text/html; charset=utf-8", flowPage)
}
