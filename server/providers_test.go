package server_test

import (
	"context"
	"encoding/json"
	"flag"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// scratchConfig is a whole provider adapter written inside a test: its Config is its
// schema (KYCGATE_SCRATCH_*), and registering it is one registry line.
type scratchConfig struct {
	HostedURL string `env:"HOSTED_URL,required"`
	Level     int    `default:"1"`
}

func (c *scratchConfig) Validate() error {
	if c.Level < 1 || c.Level > kyc.MaxLevel {
		return conf.Invalid("Level", "want 1 to 3")
	}
	return nil
}

func (c *scratchConfig) Open(name string, _ kyc.Deps) (kyc.Provider, error) {
	return scratchProvider{url: c.HostedURL}, nil
}

type scratchProvider struct{ url string }

func (p scratchProvider) Start(_ context.Context, v storage.Verification) (kyc.Session, error) {
	return kyc.Session{Ref: "scr-" + v.ID, URL: p.url + "?ref=" + v.ID}, nil
}

var scratchRegistry = kyc.Registry{"scratch": func() kyc.Config { return &scratchConfig{} }}

func mapEnv(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestScratchProviderNeedsOnlyItsRegistryLine(t *testing.T) {
	t.Parallel()
	cfg := server.Config{DataKey: pii.GenerateKey(), Providers: []string{"scratch", "manual"},
		Env: mapEnv(map[string]string{"KYCGATE_SCRATCH_HOSTED_URL": "https://kyc.example/start"})}
	g := servertest.Start(t, cfg, nil, server.WithProviders(scratchRegistry))

	key := authtest.NewKey(t)
	token := authtest.SignIn(t, g.Handler, servertest.PublicURL, key, 1, g.Clock.Now())
	rec := authtest.Do(t, g.Handler, "POST", "/v1/kyc/verifications", map[string]any{}, "Authorization", "Bearer "+token)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var started struct {
		ID       string `json:"id"`
		Provider string `json:"provider"`
		URL      string `json:"url"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &started), rec.Body.String())
	require.Equal(t, "scratch", started.Provider, "the first listed provider is the default")
	require.Equal(t, "https://kyc.example/start?ref="+started.ID, started.URL)

	v, err := g.Store.GetVerification(t.Context(), started.ID)
	require.NoError(t, err)
	require.Equal(t, "scr-"+v.ID, v.ProviderRef)
}

func TestProviderSettingsAreCheckedAtStart(t *testing.T) {
	t.Parallel()
	st := storagetest.OpenSQLite(t)
	log := slog.New(slog.DiscardHandler)
	base := server.Config{DataKey: pii.GenerateKey(), Providers: []string{"manual", "scratch"}}

	base.Env = mapEnv(nil)
	_, err := server.New(base, st, log, server.WithProviders(scratchRegistry))
	require.ErrorContains(t, err, "KYCGATE_SCRATCH_HOSTED_URL is required")

	base.Env = mapEnv(map[string]string{"KYCGATE_SCRATCH_HOSTED_URL": "https://x", "KYCGATE_SCRATCH_LEVEL": "9"})
	_, err = server.New(base, st, log, server.WithProviders(scratchRegistry))
	require.ErrorContains(t, err, "invalid KYCGATE_SCRATCH_LEVEL: want 1 to 3")

	_, err = server.New(base, st, log)
	require.ErrorContains(t, err, `unknown provider "scratch"`, "not registered in this binary")

	bad := base
	bad.Providers = []string{"manual", "manual"}
	require.ErrorContains(t, bad.WithDefaults().Validate(), "KYCGATE_PROVIDERS")
	require.Equal(t, []string{"manual"}, server.Config{}.WithDefaults().Providers)

	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	loaded, err := server.LoadConfig(fs, nil, mapEnv(map[string]string{"KYCGATE_PROVIDERS": "manual, scratch"}))
	require.NoError(t, err)
	require.Equal(t, []string{"manual", "scratch"}, loaded.Providers)
	require.Equal(t, 15*time.Minute, loaded.ProviderPollAfter, "the default poll delay")

	loaded, err = server.LoadConfig(flag.NewFlagSet("test", flag.ContinueOnError), nil,
		mapEnv(map[string]string{"KYCGATE_PROVIDER_POLL_AFTER": "1h"}))
	require.NoError(t, err)
	require.Equal(t, time.Hour, loaded.ProviderPollAfter)
	_, err = server.LoadConfig(flag.NewFlagSet("test", flag.ContinueOnError), nil,
		mapEnv(map[string]string{"KYCGATE_PROVIDER_POLL_AFTER": "30s"}))
	require.ErrorContains(t, err, "KYCGATE_PROVIDER_POLL_AFTER")
}

func TestTenantChoosesItsDefaultProvider(t *testing.T) {
	t.Parallel()
	cfg := server.Config{DataKey: pii.GenerateKey(), Providers: []string{"manual", "scratch"},
		Env: mapEnv(map[string]string{"KYCGATE_SCRATCH_HOSTED_URL": "https://kyc.example/start"})}
	g := servertest.Start(t, cfg, nil, server.WithProviders(scratchRegistry))
	_, key, err := auth.CreateTenant(t.Context(), g.Store, "Acme", g.Clock.Now())
	require.NoError(t, err)
	bearer := []string{"Authorization", "Bearer " + key}
	startFor := func(customer string) string {
		rec := authtest.Do(t, g.Handler, "POST", "/v1/tenant/customers/"+customer+"/verifications", nil, bearer...)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		var out struct{ Provider string }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
		return out.Provider
	}
	require.Equal(t, "manual", startFor("c1"), "the gateway's default: the first listed")

	rec := authtest.Do(t, g.Handler, "GET", "/v1/tenant/settings", nil, bearer...)
	require.Equal(t, http.StatusOK, rec.Code)
	require.JSONEq(t, `{"defaultProvider":"","providers":["manual","scratch"],"gatewayDefault":"manual"}`, rec.Body.String())

	rec = authtest.Do(t, g.Handler, "PUT", "/v1/tenant/settings", map[string]string{"defaultProvider": "sumsub"}, bearer...)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Contains(t, rec.Body.String(), "unknown_provider", "only enabled providers")

	rec = authtest.Do(t, g.Handler, "PUT", "/v1/tenant/settings", map[string]string{"defaultProvider": "scratch"}, bearer...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "scratch", startFor("c2"), "the tenant's choice")

	rec = authtest.Do(t, g.Handler, "POST", "/v1/tenant/customers/c3/verifications", map[string]string{"provider": "manual"}, bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), `"provider":"manual"`, "a start that names a provider gets it")

	rec = authtest.Do(t, g.Handler, "PUT", "/v1/tenant/settings", map[string]string{"defaultProvider": ""}, bearer...)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "manual", startFor("c4"), "back to the gateway's default")
}
