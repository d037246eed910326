// Package servertest starts whole gateways for tests: an in-memory SQLite store (or the
// one given), a settable clock, and the server's handler.
package servertest

import (
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/kycgate/kycgate/api/openapitest"
	"github.com/kycgate/kycgate/screening/screeningtest"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// PublicURL is the origin test gateways answer as.
const PublicURL = "http://localhost:8080"

// Clock is a settable clock, safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock forward by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Gateway is a started test gateway.
type Gateway struct {
	Server *server.Server
	// Handler is the server's handler, every answer of which is validated against the
	// OpenAPI document (api/openapitest), mismatches reported with the test's t.Errorf.
	Handler http.Handler
	Store   storage.Store
	Clock   *Clock
	Config  server.Config
	// Screener is the scriptable screening source the gateway screens wallets with
	// (named ScreenerName) when cfg lists no KYCGATE_SCREENERS; nil otherwise.
	Screener *screeningtest.Fake
}

// ScreenerName is the registry name of Gateway.Screener.
const ScreenerName = "testlist"

// Start builds a gateway on store (nil: a fresh in-memory SQLite store) with cfg, whose
// PublicURL defaults to PublicURL, and a clock at 2026-11-22T10:00:00Z. Unless cfg lists
// screening sources, wallets are screened by one scriptable fake (Gateway.Screener,
// clear for every address until told otherwise) instead of the OFAC list, whose embedded
// snapshot is older than its maximum age at the test clock.
func Start(t testing.TB, cfg server.Config, store storage.Store, opts ...server.Option) Gateway {
	t.Helper()
	if store == nil {
		store = storagetest.OpenSQLite(t)
	}
	if cfg.PublicURL == "" {
		cfg.PublicURL = PublicURL
	}
	clk := NewClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	var fake *screeningtest.Fake
	if len(cfg.Screeners) == 0 {
		var opt server.Option
		opt, fake = Screener(&cfg, clk.Now)
		opts = append([]server.Option{opt}, opts...)
	}
	srv, err := server.New(cfg, store, slog.New(slog.DiscardHandler), append([]server.Option{server.WithClock(clk.Now)}, opts...)...)
	if err != nil {
		t.Fatalf("start gateway: %v", err)
	}
	return Gateway{Server: srv, Handler: openapitest.Handler(t, srv.Handler()), Store: store, Clock: clk, Config: cfg, Screener: fake}
}

// Screener makes cfg screen wallets with one scriptable fake source named ScreenerName
// (clear for every address until told otherwise, results stamped by now) instead of the
// OFAC list: pass the option to server.New.
func Screener(cfg *server.Config, now func() time.Time) (server.Option, *screeningtest.Fake) {
	fake := screeningtest.New(ScreenerName, now)
	cfg.Screeners = []string{ScreenerName}
	return server.WithScreeners(source.Registry{ScreenerName: fake.Entry()}), fake
}
