package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage/storagetest"
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

// logSignal is a log writer that closes ready at the first line containing want.
type logSignal struct {
	want  string
	ready chan struct{}
	once  sync.Once
}

func (l *logSignal) Write(p []byte) (int, error) {
	if strings.Contains(string(p), l.want) {
		l.once.Do(func() { close(l.ready) })
	}
	return len(p), nil
}

// TestRunServesPprofOnItsOwnListener: a running gateway with KYCGATE_PPROF_LISTEN
// answers /debug/pprof/ there, and 404 on its public listener.
func TestRunServesPprofOnItsOwnListener(t *testing.T) {
	t.Parallel()
	free, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	pprofAddr := free.Addr().String()
	require.NoError(t, free.Close())
	public, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)

	sig := &logSignal{want: "pprof serving", ready: make(chan struct{})}
	cfg := server.Config{PprofListen: pprofAddr, LogFormat: "text"}
	srv, err := server.New(cfg, storagetest.OpenSQLite(t), slog.New(slog.NewTextHandler(sig, nil)))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, public) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	select {
	case <-sig.ready:
	case err := <-done:
		t.Fatalf("Run returned before serving pprof: %v", err)
	}

	res, err := http.Get("http://" + pprofAddr + "/debug/pprof/")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, string(body), "goroutine")

	res, err = http.Get("http://" + public.Addr().String() + "/debug/pprof/")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}
