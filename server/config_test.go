package server_test

import (
	"flag"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/server"
)

func load(t *testing.T, env map[string]string, args ...string) (server.Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return server.LoadConfig(fs, args, func(k string) string { return env[k] })
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	c, err := load(t, nil)
	require.NoError(t, err)
	require.Equal(t, ":8080", c.Listen)
	require.Equal(t, "http://localhost:8080", c.PublicURL)
	require.Equal(t, "sqlite://./data/kycgate.db", c.DatabaseURL)
	require.Equal(t, []uint64{1, 10, 8453}, c.ChainIDs)
	require.True(t, c.CookieSecure)
	require.Equal(t, 5*time.Minute, c.NonceTTL)
	require.Equal(t, 15*time.Minute, c.ConsoleIdleTimeout)
	require.Equal(t, 8*time.Hour, c.ConsoleMaxAge)
	require.NoError(t, server.Config{}.WithDefaults().Validate())
}

func TestConfigEnvironmentAndFlags(t *testing.T) {
	t.Parallel()
	c, err := load(t, map[string]string{
		"KYCGATE_LISTEN":        ":9000",
		"KYCGATE_PUBLIC_URL":    "https://kyc.example.com",
		"KYCGATE_DATABASE_URL":  "postgres://postgres@127.0.0.1:5432/test",
		"KYCGATE_CHAIN_IDS":     "1, 8453",
		"KYCGATE_RPC_URLS":      "1=https://rpc.example/1,8453=https://rpc.example/base",
		"KYCGATE_COOKIE_SECURE": "false",

		"KYCGATE_WEBHOOK_ALLOW_HTTP":    "true",
		"KYCGATE_WEBHOOK_ALLOW_PRIVATE": "true",
	}, "--listen", ":9100")
	require.NoError(t, err)
	require.Equal(t, ":9100", c.Listen, "flags win over the environment")
	require.Equal(t, "https://kyc.example.com", c.PublicURL)
	require.Equal(t, []uint64{1, 8453}, c.ChainIDs)
	require.Equal(t, map[uint64]string{1: "https://rpc.example/1", 8453: "https://rpc.example/base"}, c.RPCURLs)
	require.False(t, c.CookieSecure)
	require.True(t, c.WebhookAllowHTTP)
	require.True(t, c.WebhookAllowPrivate)
}

func TestConfigErrorsNameTheSetting(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{env: map[string]string{"KYCGATE_PUBLIC_URL": "kyc.example.com"}, want: "KYCGATE_PUBLIC_URL"},
		{env: map[string]string{"KYCGATE_PUBLIC_URL": "https://kyc.example.com/app"}, want: "KYCGATE_PUBLIC_URL"},
		{env: map[string]string{"KYCGATE_DATABASE_URL": "mysql://x"}, want: "KYCGATE_DATABASE_URL"},
		{env: map[string]string{"KYCGATE_DATABASE_URL": "sqlite://"}, want: "KYCGATE_DATABASE_URL"},
		{env: map[string]string{"KYCGATE_LISTEN": "8080"}, want: "KYCGATE_LISTEN"},
		{env: map[string]string{"KYCGATE_CHAIN_IDS": "1,abc"}, want: "KYCGATE_CHAIN_IDS"},
		{env: map[string]string{"KYCGATE_RPC_URLS": "1"}, want: "KYCGATE_RPC_URLS"},
		{env: map[string]string{"KYCGATE_COOKIE_SECURE": "maybe"}, want: "KYCGATE_COOKIE_SECURE"},
		{env: map[string]string{"KYCGATE_WEBHOOK_ALLOW_HTTP": "maybe"}, want: "KYCGATE_WEBHOOK_ALLOW_HTTP"},
		{env: map[string]string{"KYCGATE_WEBHOOK_ALLOW_PRIVATE": "yes please"}, want: "KYCGATE_WEBHOOK_ALLOW_PRIVATE"},
		{env: map[string]string{"KYCGATE_NONCE_TTL": "5"}, want: "KYCGATE_NONCE_TTL"},
		{env: map[string]string{"KYCGATE_NONCE_TTL": "3h"}, want: "KYCGATE_NONCE_TTL"},
		{env: map[string]string{"KYCGATE_LOG_LEVEL": "loud"}, want: "KYCGATE_LOG_LEVEL"},
		{args: []string{"--body-limit", "10"}, want: "KYCGATE_BODY_LIMIT"},
		{env: map[string]string{"KYCGATE_CORS_ORIGINS": "https://app.example/path"}, want: "KYCGATE_CORS_ORIGINS"},
		{env: map[string]string{"KYCGATE_CORS_ORIGINS": "app.example"}, want: "KYCGATE_CORS_ORIGINS"},
		{env: map[string]string{"KYCGATE_CORS_ORIGINS": "https://app.example?x"}, want: "KYCGATE_CORS_ORIGINS"},
		{env: map[string]string{"KYCGATE_CORS_ORIGINS": "https://app.example#"}, want: "KYCGATE_CORS_ORIGINS"},
		{env: map[string]string{"KYCGATE_CORS_ORIGINS": "https://evil@app.example"}, want: "KYCGATE_CORS_ORIGINS"},
		{env: map[string]string{"KYCGATE_CORS_ORIGINS": "https://app.example:99999"}, want: "KYCGATE_CORS_ORIGINS"},
		{env: map[string]string{"KYCGATE_CORS_ORIGINS": "null"}, want: "KYCGATE_CORS_ORIGINS"},
		{env: map[string]string{"KYCGATE_MAX_WALLETS": "0x"}, want: "KYCGATE_MAX_WALLETS"},
		{env: map[string]string{"KYCGATE_MAX_WALLETS": "-1"}, want: "KYCGATE_MAX_WALLETS"},
		{env: map[string]string{"KYCGATE_MAX_WALLETS": "100000"}, want: "KYCGATE_MAX_WALLETS"},
		{env: map[string]string{"KYCGATE_CONSOLE_IDLE_TIMEOUT": "30s"}, want: "KYCGATE_CONSOLE_IDLE_TIMEOUT"},
		{env: map[string]string{"KYCGATE_CONSOLE_IDLE_TIMEOUT": "soon"}, want: "KYCGATE_CONSOLE_IDLE_TIMEOUT"},
		{env: map[string]string{"KYCGATE_CONSOLE_IDLE_TIMEOUT": "2h", "KYCGATE_CONSOLE_MAX_AGE": "1h"}, want: "KYCGATE_CONSOLE_MAX_AGE"},
		{env: map[string]string{"KYCGATE_CONSOLE_MAX_AGE": "200h"}, want: "KYCGATE_CONSOLE_MAX_AGE"},
	} {
		_, err := load(t, tc.env, tc.args...)
		require.ErrorContains(t, err, tc.want, "%v %v", tc.env, tc.args)
	}
}

func TestParseDatabaseURL(t *testing.T) {
	t.Parallel()
	d, err := server.ParseDatabaseURL("memory")
	require.NoError(t, err)
	require.Equal(t, "sqlite", d.Backend)
	d, err = server.ParseDatabaseURL("sqlite://./data/x.db")
	require.NoError(t, err)
	require.Equal(t, "./data/x.db", d.Location)
	d, err = server.ParseDatabaseURL("postgresql://u@h/db")
	require.NoError(t, err)
	require.Equal(t, "postgres", d.Backend)
}

func TestDevListensOnLoopbackUnlessToldOtherwise(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"production default", nil, nil, ":8080"},
		{"--dev", nil, []string{"--dev"}, server.DevListen},
		{"KYCGATE_DEV", map[string]string{"KYCGATE_DEV": "true"}, nil, server.DevListen},
		{"--dev with KYCGATE_LISTEN", map[string]string{"KYCGATE_LISTEN": ":9000"}, []string{"--dev"}, ":9000"},
		{"--dev with --listen", nil, []string{"--dev", "--listen", "0.0.0.0:8080"}, "0.0.0.0:8080"},
		{"--dev with an explicit :8080", map[string]string{"KYCGATE_DEV": "1"}, []string{"--listen", ":8080"}, ":8080"},
	} {
		c, err := load(t, tc.env, tc.args...)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.want, c.Listen, tc.name)
	}
	require.Equal(t, "127.0.0.1:8080", server.DevListen)
	require.Equal(t, server.DevListen, server.Config{Dev: true}.WithDefaults().Listen)
}

// KYCGATE_CORS_ORIGINS is normalised to the form browsers send (so a trailing slash, upper
// case or a spelled-out default port still matches); KYCGATE_MAX_WALLETS defaults to 100.
func TestCORSOriginsAreNormalisedAndMaxWallets(t *testing.T) {
	t.Parallel()
	c, err := load(t, map[string]string{"KYCGATE_CORS_ORIGINS": "http://a.example/, HTTPS://B.Example:443", "KYCGATE_MAX_WALLETS": "7"})
	require.NoError(t, err)
	require.Equal(t, []string{"http://a.example", "https://b.example"}, c.CORSList())
	require.Equal(t, 7, c.MaxWallets)
	c, err = load(t, nil)
	require.NoError(t, err)
	require.Equal(t, 100, c.MaxWallets)
	require.Empty(t, c.CORSList())
}
