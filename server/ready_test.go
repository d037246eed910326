package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/kyc/sumsub/sumsubtest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
)

// rpcAnswering is a JSON-RPC endpoint that answers eth_blockNumber with block.
func rpcAnswering(t *testing.T, block uint64) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Method != "eth_blockNumber" {
			http.Error(w, "unexpected", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"jsonrpc":"2.0","id":%s,"result":"0x%x"}`, req.ID, block)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestReadinessShowsEachDependencyWithoutSecrets: a dead chain RPC and a provider whose
// last webhook was refused leave /readyz 200, each with its state; a live RPC shows its
// block; neither the RPC URLs' keys (path, query, userinfo) nor the provider's secrets
// appear. A closed database makes it 503.
func TestReadinessShowsEachDependencyWithoutSecrets(t *testing.T) {
	t.Parallel()
	live := rpcAnswering(t, 0x1234)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := strings.Replace(dead.URL, "http://", "http://rpcuser:rpcpass@", 1) + "/v3/deadrpckey?apikey=deadquerykey"
	dead.Close() // nothing listens there any more
	fake := sumsubtest.New(t)
	env := fake.Env(sumsub.ModeWebSDK)
	cfg := server.Config{DataKey: pii.GenerateKey(), Providers: []string{"manual", "sumsub"}, Env: mapEnv(env),
		ChainIDs: []uint64{1, 10}, RPCURLs: map[uint64]string{1: live.URL + "/v2/liverpckey", 10: deadURL}}
	g := servertest.Start(t, cfg, nil)

	rec := authtest.Do(t, g.Handler, "GET", "/readyz", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got server.Readiness
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.Equal(t, "ready", got.Status)
	require.Equal(t, "ok", got.Database.State)
	require.Len(t, got.Providers, 2)
	for _, p := range got.Providers {
		require.Equal(t, "configured", p.State, p.Name)
	}
	require.Len(t, got.Chains, 2)
	require.Equal(t, server.ChainOK, got.Chains[0].State)
	require.Equal(t, uint64(0x1234), *got.Chains[0].BlockNumber)
	require.Equal(t, strings.TrimPrefix(live.URL, "http://"), got.Chains[0].Host)
	require.Equal(t, uint64(10), got.Chains[1].ChainID)
	require.Equal(t, server.ChainUnreachable, got.Chains[1].State)
	require.Equal(t, strings.TrimPrefix(dead.URL, "http://"), got.Chains[1].Host)

	// A forged webhook: Sumsub's state turns to error, readiness does not fail.
	rec = authtest.Do(t, g.Handler, "POST", "/v1/webhooks/sumsub", `{"type":"applicantReviewed"}`,
		sumsub.HeaderDigest, "forged", sumsub.HeaderDigestAlg, "HMAC_SHA256_HEX")
	require.Equal(t, http.StatusUnauthorized, rec.Code, rec.Body.String())
	rec = authtest.Do(t, g.Handler, "GET", "/readyz", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	got = server.Readiness{}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.Equal(t, "sumsub", got.Providers[1].Name)
	require.Equal(t, "vendor", got.Providers[1].Kind)
	require.Equal(t, "error", got.Providers[1].State)
	require.NotEmpty(t, got.Providers[1].Detail)
	require.NotNil(t, got.Providers[1].LastErrorAt)
	require.Equal(t, "manual", got.Providers[0].Kind)
	require.Equal(t, "configured", got.Providers[0].State)

	body := rec.Body.String()
	for _, secret := range []string{"liverpckey", "deadrpckey", "deadquerykey", "rpcuser", "rpcpass", "/v3/", "/v2/"} {
		require.NotContains(t, body, secret)
	}
	for name, v := range env {
		if strings.Contains(name, "SECRET") || strings.Contains(name, "TOKEN") || strings.Contains(name, "KEY") {
			require.NotContains(t, body, v, name)
		}
	}

	require.NoError(t, g.Store.Close())
	rec = authtest.Do(t, g.Handler, "GET", "/readyz", nil)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "database_unavailable", envelope(t, rec).Code)
}
