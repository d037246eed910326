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
