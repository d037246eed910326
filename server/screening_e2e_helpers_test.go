package server_test

import (
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/http"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/kyc/sumsub/sumsubtest"
	"github.com/kycgate/kycgate/notify/notifytest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/screening/screeningtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// screeningE2E is the Sumsub end-to-end gateway (approvals by Sumsub's fake, a tenant
// with a webhook, a signer) on a chosen store, with its wallets screened by the
// scriptable source of servertest and a reviewer.
type screeningE2E struct {
	*sumsubE2E
	list     *screeningtest.Fake
	reviewer []string
}

// backends runs fn on SQLite and on PostgreSQL (skipped without one unless
// KYCGATE_REQUIRE_POSTGRES is set).
func backends(t *testing.T, fn func(t *testing.T, store storage.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, storagetest.OpenSQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, storagetest.OpenPostgres(t))
	})
}

func startScreeningE2E(t *testing.T, store storage.Store, env map[string]string) *screeningE2E {
	t.Helper()
	fake := sumsubtest.New(t)
	signer, err := crypto.GenerateKey()
	require.NoError(t, err)
	vars := fake.Env(sumsub.ModeWebSDK)
	maps.Copy(vars, env)
	cfg := server.Config{DataKey: pii.GenerateKey(), SignerKey: "0x" + hex.EncodeToString(crypto.FromECDSA(signer)),
		Providers: []string{"manual", "sumsub"}, Env: mapEnv(vars), WebhookAllowHTTP: true, WebhookAllowPrivate: true}
	g := servertest.Start(t, cfg, store)
	fake.Now = g.Clock.Now
	e := &sumsubE2E{Gateway: g, fake: fake, told: notifytest.New(t)}
	tn, key, err := auth.CreateTenant(t.Context(), g.Store, "Acme dApp", g.Clock.Now())
	require.NoError(t, err)
	e.tenantID, e.tenantKey = tn.ID, key
	rec := authtest.Do(t, g.Handler, "PUT", "/v1/tenant/webhook", map[string]string{"url": e.told.URL},
		"Authorization", "Bearer "+key)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	_, rkey, err := auth.CreateReviewer(t.Context(), g.Store, "Rita Reviewer", g.Clock.Now())
	require.NoError(t, err)
	return &screeningE2E{sumsubE2E: e, list: g.Screener, reviewer: []string{"Authorization", "Bearer " + rkey}}
}

// approved signs a wallet in, has Sumsub approve it for the tenant and works the jobs
// (the wallet's first screening among them). It returns the wallet and its address.
func (e *screeningE2E) approved(t *testing.T) (holder, string) {
	t.Helper()
	w, id, ref := e.start(t)
	e.green(t, ref)
	e.notify(t, ref, "applicantReviewed")
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	return w, authtest.Address(w.key).Hex()
}

// gate is the tenant's gating answer about address.
type gateAnswer struct {
	Decision  string
	Reasons   []string
	Screening *struct {
		Outcome string
		Sources []string
	}
}

func (e *screeningE2E) gate(t *testing.T, address string) gateAnswer {
	t.Helper()
	rec := authtest.Do(t, e.Handler, "GET", "/v1/tenant/wallets/"+address, nil, "Authorization", "Bearer "+e.tenantKey)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out gateAnswer
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out
}

// issue asks for an attestation on Base and returns the answer's status and error code.
func (e *screeningE2E) issue(t *testing.T, w holder) (int, string) {
	t.Helper()
	rec := authtest.Do(t, e.Handler, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, w.bearer...)
	var out struct{ Error struct{ Code string } }
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out.Error.Code
}

// rescreen runs the periodic re-screening job (as River's periodic enqueuer inserts it)
// and the jobs it leads to.
func (e *screeningE2E) rescreen(t *testing.T) {
	t.Helper()
	require.NoError(t, e.Store.InTx(t.Context(), func(tx storage.Store) error {
		_, err := queue.InsertTx(t.Context(), tx, screening.RescreenArgs{}, nil)
		return err
	}))
	e.work(t)
}

// walletRisk verifies an attestation package and returns its walletRisk claim.
func (e *screeningE2E) walletRisk(t *testing.T, pkg json.RawMessage) int {
	t.Helper()
	rec := authtest.Do(t, e.Handler, "POST", "/v1/attestations/verify", map[string]any{"package": pkg})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got struct {
		Valid      bool
		WalletRisk int
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.True(t, got.Valid, rec.Body.String())
	return got.WalletRisk
}

// servertestConfigWithOFAC screens with the OFAC list alone (its embedded snapshot).
func servertestConfigWithOFAC() server.Config {
	return server.Config{Screeners: []string{"ofac"}}
}

// signIn signs the wallet in again (its session ended while the clock moved on).
func (e *screeningE2E) signIn(t *testing.T, w holder) holder {
	t.Helper()
	token := authtest.SignIn(t, e.Handler, servertest.PublicURL, w.key, 1, e.Clock.Now())
	return holder{key: w.key, bearer: []string{"Authorization", "Bearer " + token}}
}
