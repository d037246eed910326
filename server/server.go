// Package server assembles the gateway: configuration, the store, the gin engine with
// the shared middleware, every feature's routes, and a graceful HTTP lifecycle.
// cmd/kycgate only parses the command line and calls into it; tests start whole servers
// through it.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"riverqueue.com/riverui"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// Server is one gateway replica.
type Server struct {
	cfg   Config
	store storage.Store
	// keys is store's API keys as the key middlewares read them: live keys cached for
	// auth.KeyCacheTTL, the bound on a revocation reaching this replica.
	keys *auth.CachedKeys
	// console is the reviewers' and operators' browser sessions (/review, /admin).
	console *auth.Console
	log     *slog.Logger
	now     func() time.Time
	engine  *gin.Engine
	// handler is engine with HEAD answered as GET (headAsGet).
	handler http.Handler

	kyc          *kyc.Service // nil when the KYC feature is off (no data key)
	extraRoutes  []func(*gin.Engine)
	chainClients map[uint64]bind.ContractCaller
	// chains checks chainClients' RPCs for /readyz (ready.go).
	chains     *chainProbe
	bodyLimits *api.BodyLimits

	// signer is the address attestations are signed with; zero when none are issued.
	signer common.Address

	// queue runs the background jobs on River (worker.go); clockInjected stubs its
	// clock with now.
	queue              *queue.Queue
	clockInjected      bool
	jobsUI             *riverui.Handler
	revocationBackends map[uint64]verifier.Backend
	// providers is the KYC provider registry (Providers unless WithProviders added some).
	providers kyc.Registry
	// screeners is the screening source registry (Screeners unless WithScreeners added
	// some); screening is the wallet-screening service.
	screeners source.Registry
	screening *screening.Service
	// metrics is the Prometheus registry /metrics serves; features register their own.
	metrics *prometheus.Registry
}

// Option adjusts a Server for tests.
type Option func(*Server)

// WithClock injects the clock.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now, s.clockInjected = now, true }
}

// WithRoutes lets a test add routes to the engine after the built-in ones.
func WithRoutes(register func(*gin.Engine)) Option {
	return func(s *Server) { s.extraRoutes = append(s.extraRoutes, register) }
}

// New builds a server on store. The caller owns store and closes it after Run returns.
func New(cfg Config, store storage.Store, log *slog.Logger, opts ...Option) (*Server, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: store, log: log, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	s.keys = auth.NewCachedKeys(store, s.now)
	s.console = auth.NewConsole(store, s.keys, auth.ConsoleConfig{IdleTimeout: cfg.ConsoleIdleTimeout, MaxAge: cfg.ConsoleMaxAge,
		CookieSecure: cfg.CookieSecure, PublicOrigin: cfg.PublicURL}, s.now)
	reg := prometheus.NewRegistry()
	s.metrics = reg
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	e := gin.New()
	// Client IPs (rate limits) come from the connection, not from spoofable headers.
	if err := e.SetTrustedProxies(nil); err != nil {
		return nil, err
	}
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	// One body limit for every route; features raise it for the routes that take uploads.
	s.bodyLimits = api.NewBodyLimits(cfg.BodyLimit)
	e.Use(api.RequestIDMiddleware(), api.Recover(), api.AccessLog(log), api.NewMetrics(reg).Middleware(), api.CORS(cfg.CORSList()),
		s.bodyLimits.Middleware())
	e.NoRoute(func(c *gin.Context) { api.Abort(c, fault.NotFoundError("not_found", "no such endpoint")) })
	e.NoMethod(func(c *gin.Context) {
		api.Abort(c, fault.New(fault.MethodNotAllowed, "method_not_allowed", "method not allowed on this endpoint"))
	})

	e.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	e.GET("/readyz", s.ready)
	e.GET("/metrics", gin.WrapH(promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})))
	if err := s.newQueue(); err != nil {
		return nil, err
	}
	if err := s.registerFeatures(e); err != nil {
		return nil, err
	}
	if err := s.queue.Build(); err != nil {
		return nil, err
	}
	if err := s.registerJobsUI(e); err != nil {
		return nil, err
	}
	for _, register := range s.extraRoutes {
		register(e)
	}
	s.engine = e
	s.handler = headAsGet(e)
	return s, nil
}

// SignerAddress is the address new attestations are signed with (the active key), or
// the zero address when this gateway has no signing key and only verifies.
func (s *Server) SignerAddress() common.Address { return s.signer }

// Metrics is the Prometheus registry /metrics serves, which every feature registers its
// metrics with (tests and tools list them: Describe).
func (s *Server) Metrics() *prometheus.Registry { return s.metrics }

// Handler is the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// headAsGet answers HEAD on every GET route (API, pages, scripts) as GET would, without
// the body (RFC 9110 §9.3.2): gin routes by method, so a HEAD request is routed as GET and
// its body discarded. Everything else passes through.
func headAsGet(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		h.ServeHTTP(headWriter{w}, get)
	})
}

// headWriter keeps a response's status and headers and drops its body.
type headWriter struct{ http.ResponseWriter }

func (w headWriter) Write(p []byte) (int, error) { return len(p), nil }

func (w headWriter) WriteString(s string) (int, error) { return len(s), nil }

// Unwrap gives http.ResponseController the connection's writer.
func (w headWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Route is one mounted route: its method and gin path pattern.
type Route struct{ Method, Path string }

// Routes lists every mounted route, for the route table test and documentation.
func (s *Server) Routes() []Route {
	infos := s.engine.Routes()
	out := make([]Route, len(infos))
	for i, r := range infos {
		out[i] = Route{Method: r.Method, Path: r.Path}
	}
	return out
}

// Run serves on ln and runs the background jobs (River) until ctx is done, then stops
// accepting connections and lets in-flight requests and jobs finish within the configured
// shutdown timeout.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	// Background jobs run beside HTTP; on shutdown they stop fetching and finish what they
	// hold, within the same grace period (then they are cancelled and retried later).
	if err := s.screening.InsertRefreshes(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	if err := s.queue.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	defer s.stopQueue()
	if s.jobsUI != nil {
		uiCtx, stopUI := context.WithCancel(context.WithoutCancel(ctx))
		defer stopUI()
		if err := s.jobsUI.Start(uiCtx); err != nil {
			return err
		}
	}
	pprofCtx, stopPprof := context.WithCancel(context.WithoutCancel(ctx))
	defer stopPprof()
	if err := s.servePprof(pprofCtx); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: finishing in-flight requests", "timeout", s.cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// SweepReport counts what one Sweep did.
type SweepReport struct {
	storage.Swept
	// ExpiredVerifications are abandoned verification flows moved to expired.
	ExpiredVerifications int
}

// Sweep deletes what has expired and is no use to anyone (SIWE nonces, link tokens,
// ended sessions), so tables a client can grow stay bounded, and expires abandoned
// verification flows (audited, and tenants are told).
func (s *Server) Sweep(ctx context.Context) (SweepReport, error) {
	var r SweepReport
	var err error
	if r.Swept, err = s.store.DeleteExpired(ctx, s.now()); err != nil {
		return r, err
	}
	if s.kyc != nil {
		r.ExpiredVerifications, err = s.kyc.ExpireStale(ctx)
	}
	return r, err
}

// stopQueue stops the background jobs within the shutdown timeout.
func (s *Server) stopQueue() {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := s.queue.Stop(ctx); err != nil {
		s.log.Warn("background jobs still running at shutdown were cancelled; River runs them again", "error", err)
	}
}

// NewLogger builds the process logger from the configuration: slog with the request id
// of the context added to every line.
func NewLogger(cfg Config, w interface{ Write([]byte) (int, error) }) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewJSONHandler(w, opts)
	if cfg.LogFormat == "text" {
		h = slog.NewTextHandler(w, opts)
	}
	return slog.New(api.LogHandler{Handler: h})
}
