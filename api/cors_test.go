package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
)

func TestCORS(t *testing.T) {
	t.Parallel()
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.Use(api.CORS([]string{"https://app.example"}))
	e.POST("/v1/x", func(c *gin.Context) { c.Status(http.StatusOK) })

	send := func(method, origin string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "/v1/x", nil)
		req.Header.Set("Origin", origin)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec
	}
	pre := send("OPTIONS", "https://app.example", "Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "authorization, content-type")
	require.Equal(t, http.StatusNoContent, pre.Code)
	require.Equal(t, "https://app.example", pre.Header().Get("Access-Control-Allow-Origin"))
	require.Contains(t, pre.Header().Get("Access-Control-Allow-Headers"), "Authorization")
	require.Empty(t, pre.Header().Get("Access-Control-Allow-Credentials"), "never the cookie cross-origin")

	rec := send("POST", "https://app.example")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "https://app.example", rec.Header().Get("Access-Control-Allow-Origin"))
	require.Contains(t, rec.Header().Get("Access-Control-Expose-Headers"), "X-Request-Id")

	rec = send("POST", "https://evil.example")
	require.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
	require.Equal(t, "Origin", rec.Header().Get("Vary"), "caches must not reuse it for an allowed origin")
	pre = send("OPTIONS", "https://evil.example", "Access-Control-Request-Method", "POST")
	require.NotEqual(t, http.StatusNoContent, pre.Code)
	require.Empty(t, pre.Header().Get("Access-Control-Allow-Origin"))
}

// Origins are normalised to what a browser sends in Origin, or refused with the entry named.
func TestParseOrigins(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][]string{
		"http://a.example/":                            {"http://a.example"},
		"HTTPS://App.Example.COM":                      {"https://app.example.com"},
		"https://a.example:443, http://a.example:80/":  {"https://a.example", "http://a.example"},
		"http://a.example:8080":                        {"http://a.example:8080"},
		"https://a.example:08443":                      {"https://a.example:8443"},
		"http://[0:0::1]:3000/":                        {"http://[::1]:3000"},
		"https://xn--bcher-kva.example":                {"https://xn--bcher-kva.example"},
		" *, https://a.example , https://A.example/ ,": {"*", "https://a.example"},
		"": nil,
	} {
		got, err := api.ParseOrigins(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{
		"a.example", "//a.example", "ftp://a.example", "null", "file://", "chrome-extension://abc",
		"https://a.example/app", "https://a.example//", "https://a.example/?", "https://a.example?x=1", "https://a.example#",
		"https://a.example/#top", "https://user@a.example", "https://user:pw@a.example", "https://@a.example",
		"https://", "https://:443", "https://a.example:", "https://a.example:0", "https://a.example:65536",
		"https://a.example:+443", "https://a.example:44x", "https://bücher.example", "https://a%2eexample",
		"https://a example", "https://a_b!.example", "https://[::1", "https://[fe80::1%25eth0]", "https://[1.2.3.4]",
		"https://[::1]x", "https://[::1]:", "https://a.example, https://b.example/path",
	} {
		_, err := api.ParseOrigins(in)
		require.Error(t, err, in)
	}
}

// A listed origin written with a trailing slash, upper case or its default port matches
// the browser's Origin header.
func TestCORSMatchesNormalisedOrigins(t *testing.T) {
	t.Parallel()
	origins, err := api.ParseOrigins("HTTP://App.Example/, https://b.example:443")
	require.NoError(t, err)
	e := gin.New()
	e.Use(api.CORS(origins))
	e.GET("/v1/x", func(c *gin.Context) { c.Status(http.StatusOK) })
	for _, origin := range []string{"http://app.example", "https://b.example"} {
		req := httptest.NewRequest("GET", "/v1/x", nil)
		req.Header.Set("Origin", origin)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		require.Equal(t, origin, rec.Header().Get("Access-Control-Allow-Origin"))
	}
}
