package server_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api/openapi"
	"github.com/kycgate/kycgate/auth/authtest"
)

// ginParam matches gin's path parameters, :name and *name.
var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// anyMethods are the methods a gin Any route is documented with.
var anyMethods = []string{"get", "post", "put", "patch", "delete"}

// TestOpenAPIDocumentsEveryMountedRoute fails when a mounted route has no operation in
// the OpenAPI document (api/openapi/*.yaml), or the document has an operation no route
// serves. A gin Any route (the River UI) is documented with GET, POST, PUT, PATCH and
// DELETE and x-kycgate-any; HEAD is answered as GET everywhere and not listed.
func TestOpenAPIDocumentsEveryMountedRoute(t *testing.T) {
	t.Parallel()
	g, _ := routeGateway(t)
	methods := map[string][]string{}
	for _, r := range g.Server.Routes() {
		p := ginParam.ReplaceAllString(r.Path, "{$1}")
		methods[p] = append(methods[p], strings.ToLower(r.Method))
	}
	var mounted []string
	for p, ms := range methods {
		if len(ms) >= 9 { // gin's Any: every method
			ms = anyMethods
		}
		for _, m := range ms {
			if m != "head" {
				mounted = append(mounted, m+" "+p)
			}
		}
	}

	raw, err := openapi.Document()
	require.NoError(t, err)
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	var documented []string
	for p, item := range doc.Paths {
		for m := range item {
			switch m {
			case "get", "put", "post", "delete", "patch", "options", "head", "trace":
				documented = append(documented, m+" "+p)
			}
		}
	}
	slices.Sort(mounted)
	slices.Sort(documented)
	for _, r := range mounted {
		if !slices.Contains(documented, r) {
			t.Errorf("%s is mounted but not in the OpenAPI document (api/openapi/*.yaml)", r)
		}
	}
	for _, r := range documented {
		if !slices.Contains(mounted, r) {
			t.Errorf("%s is in the OpenAPI document but not mounted", r)
		}
	}
	require.Len(t, documented, len(mounted))
}

// TestOpenAPIIsServed: /openapi.json is the document, /docs the page that renders it
// from its own script under the pages' strict CSP.
func TestOpenAPIIsServed(t *testing.T) {
	t.Parallel()
	g, _ := routeGateway(t)
	rec := authtest.Do(t, g.Handler, "GET", "/openapi.json", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	want, err := openapi.Document()
	require.NoError(t, err)
	require.JSONEq(t, string(want), rec.Body.String())
	var doc struct {
		OpenAPI string `json:"openapi"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	require.Equal(t, "3.1.0", doc.OpenAPI)

	rec = authtest.Do(t, g.Handler, "GET", "/docs", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'self'")
	require.Contains(t, rec.Body.String(), `<script src="/static/docs.js" defer></script>`)
	require.NotRegexp(t, `<script>|\son[a-z]+=`, rec.Body.String(), "no inline script or handler")
	rec = authtest.Do(t, g.Handler, "GET", "/static/docs.js", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), `fetch("/openapi.json"`)
}
