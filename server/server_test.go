package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

type testBundle struct {
	store storage.Store
	srv   *server.Server
}

func setup(t *testing.T, opts ...server.Option) testBundle {
	t.Helper()
	st := storagetest.OpenSQLite(t)
	srv, err := server.New(server.Config{BodyLimit: 2048}, st, slog.New(slog.DiscardHandler), opts...)
	require.NoError(t, err)
	return testBundle{store: st, srv: srv}
}

func envelope(t *testing.T, rec *httptest.ResponseRecorder) api.EnvelopeError {
	t.Helper()
	var env api.Envelope
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env), rec.Body.String())
	require.NotEmpty(t, env.Error.Code)
	require.Equal(t, rec.Header().Get(api.RequestIDHeader), env.Error.RequestID)
	return env.Error
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	b := setup(t)
	rec := authtest.Do(t, b.srv.Handler(), "GET", "/healthz", "")
	require.Equal(t, http.StatusOK, rec.Code)
	require.NotEmpty(t, rec.Header().Get(api.RequestIDHeader))

	rec = authtest.Do(t, b.srv.Handler(), "GET", "/readyz", "")
	require.Equal(t, http.StatusOK, rec.Code)

	require.NoError(t, b.store.Close())
	rec = authtest.Do(t, b.srv.Handler(), "GET", "/readyz", "")
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "database_unavailable", envelope(t, rec).Code)
	rec = authtest.Do(t, b.srv.Handler(), "GET", "/healthz", "")
	require.Equal(t, http.StatusOK, rec.Code, "liveness does not depend on the database")
}

func TestErrorEnvelopeFor404And405(t *testing.T) {
	t.Parallel()
	b := setup(t)
	rec := authtest.Do(t, b.srv.Handler(), "GET", "/nope", "")
	require.Equal(t, http.StatusNotFound, rec.Code)
	require.Equal(t, "not_found", envelope(t, rec).Code)

	rec = authtest.Do(t, b.srv.Handler(), "DELETE", "/healthz", "")
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	require.Equal(t, "method_not_allowed", envelope(t, rec).Code)
}

func TestRequestIDIsEchoedWhenWellFormed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	rec := authtest.Do(t, b.srv.Handler(), "GET", "/nope", "", api.RequestIDHeader, "client-trace-1234")
	require.Equal(t, "client-trace-1234", rec.Header().Get(api.RequestIDHeader))
	require.Equal(t, "client-trace-1234", envelope(t, rec).RequestID)

	rec = authtest.Do(t, b.srv.Handler(), "GET", "/healthz", "", api.RequestIDHeader, "bad id\nwith newline")
	require.NotContains(t, rec.Header().Get(api.RequestIDHeader), "bad")
	require.True(t, strings.HasPrefix(rec.Header().Get(api.RequestIDHeader), "req_"))
}

func TestBodyLimitAndPanics(t *testing.T) {
	t.Parallel()
	b := setup(t, server.WithRoutes(func(e *gin.Engine) {
		e.POST("/test/echo", func(c *gin.Context) {
			var v map[string]any
			if err := api.BindJSON(c, &v); err != nil {
				api.Abort(c, err)
				return
			}
			c.JSON(http.StatusOK, v)
		})
		e.GET("/test/panic", func(*gin.Context) { panic("handler bug") })
	}))
	h := b.srv.Handler()

	rec := authtest.Do(t, h, "POST", "/test/echo", `{"a":1}`)
	require.Equal(t, http.StatusOK, rec.Code)

	big := `{"a":"` + strings.Repeat("x", 4096) + `"}`
	rec = authtest.Do(t, h, "POST", "/test/echo", big)
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	require.Equal(t, "body_too_large", envelope(t, rec).Code)

	// A body with no declared length is cut off while reading.
	req := httptest.NewRequest("POST", "/test/echo", io.MultiReader(strings.NewReader(big)))
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)

	rec = authtest.Do(t, h, "POST", "/test/echo", `{"a":1}`, "Content-Type", "text/plain")
	require.Equal(t, http.StatusUnsupportedMediaType, rec.Code, "a cross-site form cannot post JSON")
	require.Equal(t, "unsupported_media_type", envelope(t, rec).Code)
	rec = authtest.Do(t, h, "POST", "/test/echo", `{"a":1}`, "Content-Type", "application/json; charset=utf-8")
	require.Equal(t, http.StatusOK, rec.Code)

	rec = authtest.Do(t, h, "POST", "/test/echo", `{"a":1} trailing`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "invalid_json", envelope(t, rec).Code)

	rec = authtest.Do(t, h, "GET", "/test/panic", "")
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	e := envelope(t, rec)
	require.Equal(t, "internal_error", e.Code)
	require.NotContains(t, e.Message, "handler bug", "internal causes are not shown")
}

func TestGracefulShutdownFinishesInFlightRequests(t *testing.T) {
	t.Parallel()
	entered := make(chan struct{})
	release := make(chan struct{})
	b := setup(t, server.WithRoutes(func(e *gin.Engine) {
		e.GET("/test/slow", func(c *gin.Context) {
			close(entered)
			<-release
			c.String(http.StatusOK, "finished")
		})
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.srv.Run(ctx, ln) }()

	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/test/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		got <- result{status: resp.StatusCode, body: string(body)}
	}()
	<-entered
	cancel() // SIGTERM arrives while /slow is in flight
	// Shutdown closes the listener first: once dialling fails, shutdown is under way and
	// the request is still in flight. Only then may it finish.
	for i := 0; ; i++ {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			break
		}
		conn.Close()
		require.Less(t, i, 1_000_000, "the listener never closed")
	}
	close(release)
	r := <-got
	require.NoError(t, r.err)
	require.Equal(t, http.StatusOK, r.status)
	require.Equal(t, "finished", r.body)
	require.NoError(t, <-done)

	_, err = http.Get("http://" + ln.Addr().String() + "/healthz")
	require.Error(t, err, "no new connections after shutdown")
}

func TestSweepDeletesExpiredNonces(t *testing.T) {
	t.Parallel()
	st := storagetest.OpenSQLite(t)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	srv, err := server.New(server.Config{}, st, slog.New(slog.DiscardHandler), server.WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	require.NoError(t, st.CreateNonce(t.Context(), storage.Nonce{Value: "old", CreatedAt: now.Add(-time.Hour), ExpiresAt: now.Add(-time.Minute)}))
	require.NoError(t, st.CreateNonce(t.Context(), storage.Nonce{Value: "live", CreatedAt: now, ExpiresAt: now.Add(time.Minute)}))
	n, err := srv.Sweep(t.Context())
	require.NoError(t, err)
	require.EqualValues(t, 1, n.Nonces)
	require.NoError(t, st.ConsumeNonce(t.Context(), "live", now))
}

func TestSweepExpiresAbandonedFlows(t *testing.T) {
	t.Parallel()
	g := servertest.Start(t, server.Config{DataKey: strings.Repeat("cd", 32)}, nil)
	key := authtest.NewKey(t)
	bearer := []string{"Authorization", "Bearer " + authtest.SignIn(t, g.Handler, servertest.PublicURL, key, 1, g.Clock.Now())}
	rec := authtest.Do(t, g.Handler, "POST", "/v1/kyc/verifications", map[string]any{}, bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var v struct{ ID string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))

	r, err := g.Server.Sweep(t.Context())
	require.NoError(t, err)
	require.Zero(t, r.ExpiredVerifications, "a fresh flow stays")

	g.Clock.Add(31 * 24 * time.Hour)
	r, err = g.Server.Sweep(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, r.ExpiredVerifications)
	got, err := g.Store.GetVerification(t.Context(), v.ID)
	require.NoError(t, err)
	require.Equal(t, storage.StatusExpired, got.Status)
	audit, err := g.Store.ListAudit(t.Context(), "verification", v.ID)
	require.NoError(t, err)
	require.Equal(t, "system", audit[len(audit)-1].Actor, "the expiry is audited")
	require.Contains(t, audit[len(audit)-1].Detail, "expired")
}
