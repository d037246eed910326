package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
)

// Every GET route (API, pages, scripts, static files) answers HEAD as GET: the same
// status and headers, no body. Routes only for other methods still answer 405.
func TestHeadAnswersEveryGetRouteAsGet(t *testing.T) {
	t.Parallel()
	var routes gin.RoutesInfo
	g := servertest.Start(t, server.Config{DataKey: strings.Repeat("cd", 32)}, nil,
		server.WithRoutes(func(e *gin.Engine) { routes = e.Routes() }))
	paths := map[string]bool{}
	for _, r := range routes {
		if r.Method != http.MethodGet {
			continue
		}
		path := r.Path
		path = strings.ReplaceAll(path, "*file", "style.css")
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "*") {
				path = strings.Replace(path, seg, "x", 1)
			}
		}
		paths[path] = true
	}
	for _, must := range []string{"/", "/healthz", "/readyz", "/metrics", "/sdk/kycgate.js", "/static/style.css", "/v1/me"} {
		require.True(t, paths[must], "GET %s is a route", must)
	}
	do := func(method, path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		rec := httptest.NewRecorder()
		g.Handler.ServeHTTP(rec, req)
		return rec
	}
	for path := range paths {
		get, head := do(http.MethodGet, path), do(http.MethodHead, path)
		require.NotEqual(t, http.StatusMethodNotAllowed, head.Code, path)
		require.Equal(t, get.Code, head.Code, path)
		require.Equal(t, get.Header().Get("Content-Type"), head.Header().Get("Content-Type"), path)
		require.Equal(t, get.Header().Get("Cache-Control"), head.Header().Get("Cache-Control"), path)
		require.Empty(t, head.Body.Bytes(), path)
	}
	require.Equal(t, http.StatusOK, do(http.MethodHead, "/").Code)
	require.Equal(t, http.StatusOK, do(http.MethodHead, "/sdk/kycgate.js").Code)

	// Not a GET route: HEAD is refused as GET would be.
	require.Equal(t, http.StatusMethodNotAllowed, do(http.MethodHead, "/v1/auth/nonce").Code)
	require.Equal(t, http.StatusNotFound, do(http.MethodHead, "/nope").Code)
	require.Empty(t, do(http.MethodHead, "/nope").Body.Bytes())
}

// Over a real connection a HEAD response carries headers only, and the connection
// stays usable.
func TestHeadOverTheWire(t *testing.T) {
	t.Parallel()
	g := servertest.Start(t, server.Config{}, nil)
	srv := httptest.NewServer(g.Handler)
	t.Cleanup(srv.Close)
	for _, path := range []string{"/healthz", "/", "/sdk/kycgate.js"} {
		res, err := http.Head(srv.URL + path)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		require.NotEmpty(t, res.Header.Get("Content-Type"), path)
		require.NoError(t, res.Body.Close())
	}

}
