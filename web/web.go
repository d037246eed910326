// Package web serves the gateway's pages and browser SDK, embedded in the binary: the
// sign-in page (/), the hosted steps of the built-in manual-review provider
// (/flow/{token}), the attestation page that attestation URLs point at
// (/offchain/url/#attestation=…), the reviewers' back office (/review), the operators'
// page (/admin), kycgate.js (/sdk/kycgate.js), and the API's OpenAPI document
// (/openapi.json, package api/openapi) with the page that renders it (/docs).
package web

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api/openapi"
)

//go:embed static
var static embed.FS

// Files are the embedded pages, scripts and styles.
func Files() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err)
	}
	return sub
}

// FlowPath is where the hosted flow page of a flow token lives, below the public URL.
const FlowPath = "/flow/"

// AttestationPath is the attestation page, where the URL form of an attestation points
// (onchain/eas.URLPath): the page reads the package from the fragment, asks
// POST /v1/attestations/verify and shows the answer.
const AttestationPath = "/offchain/url/"

// ReviewPath is the reviewers' back office: it signs in with a reviewer API key
// (POST /v1/console/session), works GET /v1/admin/queue and decides cases.
const ReviewPath = "/review"

// AdminPath is the operators' page: tenants and their webhook endpoints, recent delivery
// failures with replay, the jobs UI's link and the readiness of each source. Its data
// comes from /v1/operator/… with the operator's console session.
const AdminPath = "/admin"

// OpenAPIPath serves the OpenAPI 3.1 document of the HTTP API (JSON); DocsPath is the
// page that renders it.
const (
	OpenAPIPath = "/openapi.json"
	DocsPath    = "/docs"
)

// Register mounts the pages on r.
func Register(r gin.IRouter) {
	files := Files()
	page := func(name string) gin.HandlerFunc {
		body, err := fs.ReadFile(files, name)
		if err != nil {
			panic(err)
		}
		return func(c *gin.Context) {
			securityHeaders(c)
			c.Data(http.StatusOK, "text/html; charset=utf-8", body)
		}
	}
	r.GET("/", page("index.html"))
	r.GET(FlowPath+":token", page("flow.html"))
	r.GET(AttestationPath, page("attestation.html"))
	r.GET(ReviewPath, page("review.html"))
	r.GET(AdminPath, page("admin.html"))
	r.GET(DocsPath, page("docs.html"))
	doc, err := openapi.Document()
	if err != nil {
		panic(err) // the embedded document does not build: a defect the tests catch
	}
	r.GET(OpenAPIPath, func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=300")
		c.Header("Access-Control-Allow-Origin", "*")
		c.Data(http.StatusOK, "application/json", doc)
	})
	r.GET("/sdk/kycgate.js", func(c *gin.Context) {
		c.Header("Access-Control-Allow-Origin", "*")
		c.Header("Cache-Control", "public, max-age=300")
		c.FileFromFS("kycgate.js", http.FS(files))
	})
	r.GET("/static/*file", func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=300")
		c.FileFromFS(c.Param("file"), http.FS(files))
	})
}

// securityHeaders keeps pages to their own origin's scripts, out of frames, and keeps
// flow tokens in URLs from leaking through the Referer header.
func securityHeaders(c *gin.Context) {
	c.Header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	c.Header("Referrer-Policy", "no-referrer")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Cache-Control", "no-store")
}
