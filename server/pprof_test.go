package server_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
)

// TestPprofOnlyOnItsOwnListener: the public handler has no /debug/pprof (404, the JSON
// envelope), while the operators' handler serves the index and the profiles.
func TestPprofOnlyOnItsOwnListener(t *testing.T) {
	t.Parallel()
	g := servertest.Start(t, server.Config{PprofListen: "127.0.0.1:6060"}, nil)
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap", "/debug/pprof/cmdline"} {
		rec := httptest.NewRecorder()
		g.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		require.Equal(t, http.StatusNotFound, rec.Code, path)
		require.Contains(t, rec.Body.String(), `"code":"not_found"`, path)
	}

	h := server.PprofHandler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/debug/pprof/", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), "goroutine")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/debug/pprof/goroutine?debug=1", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.True(t, strings.HasPrefix(rec.Body.String(), "goroutine profile:"), rec.Body.String()[:min(80, rec.Body.Len())])
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	require.Equal(t, http.StatusNotFound, rec.Code, "the pprof listener serves nothing else")
}

func TestDBMaxConnsAndPprofSettings(t *testing.T) {
	t.Parallel()
	c, err := load(t, nil)
	require.NoError(t, err)
	require.Equal(t, max(8, 4*runtime.GOMAXPROCS(0)), c.DBMaxConns)
	require.Empty(t, c.PprofListen, "pprof is off unless asked for")

	c, err = load(t, map[string]string{"KYCGATE_DB_MAX_CONNS": "40", "KYCGATE_PPROF_LISTEN": "127.0.0.1:6060"})
	require.NoError(t, err)
	require.Equal(t, 40, c.DBMaxConns)
	require.Equal(t, "127.0.0.1:6060", c.PprofListen)

	for env, value := range map[string]string{
		"KYCGATE_DB_MAX_CONNS": "1",
		"KYCGATE_PPROF_LISTEN": "nowhere",
	} {
		_, err := load(t, map[string]string{env: value})
		require.ErrorContains(t, err, env)
	}
	_, err = load(t, map[string]string{"KYCGATE_LISTEN": "127.0.0.1:7000", "KYCGATE_PPROF_LISTEN": "127.0.0.1:7000"})
	require.ErrorContains(t, err, "KYCGATE_PPROF_LISTEN", "never on the public listener")
}
