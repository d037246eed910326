package server_test

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc/compilot"
	"github.com/kycgate/kycgate/kyc/compilot/compilottest"
	"github.com/kycgate/kycgate/notify/notifytest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
)

// compilotE2E is a whole gateway with KYCGATE_PROVIDERS=compilot pointed at a fake
// ComPilot (sharing the gateway's clock), a tenant whose webhook endpoint records what it
// is told, and an attestation signer. It reuses the Sumsub harness's database helpers
// (verification, audits, count, outbox, work, attest), which know no provider.
type compilotE2E struct {
	*sumsubE2E
	fake *compilottest.Fake
}

func startCompilotE2E(t *testing.T) *compilotE2E {
	t.Helper()
	fake := compilottest.New(t)
	signer, err := crypto.GenerateKey()
	require.NoError(t, err)
	cfg := server.Config{DataKey: pii.GenerateKey(), SignerKey: "0x" + hex.EncodeToString(crypto.FromECDSA(signer)),
		Providers: []string{"compilot"}, Env: mapEnv(fake.Env()), WebhookAllowHTTP: true, WebhookAllowPrivate: true}
	g := servertest.Start(t, cfg, nil)
	fake.Now = g.Clock.Now
	e := &compilotE2E{sumsubE2E: &sumsubE2E{Gateway: g, told: notifytest.New(t)}, fake: fake}
	tn, key, err := auth.CreateTenant(t.Context(), g.Store, "Acme dApp", g.Clock.Now())
	require.NoError(t, err)
	e.tenantID, e.tenantKey = tn.ID, key
	rec := authtest.Do(t, g.Handler, "PUT", "/v1/tenant/webhook", map[string]string{"url": e.told.URL},
		"Authorization", "Bearer "+key)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	return e
}

func (e *compilotE2E) tenant() []string { return []string{"Authorization", "Bearer " + e.tenantKey} }

// start has the tenant start a regular-mode ComPilot verification for its customer and
// returns the verification id, which is ComPilot's externalCustomerId and the reference.
func (e *compilotE2E) start(t *testing.T, customer string) string {
	t.Helper()
	rec := authtest.Do(t, e.Handler, "POST", "/v1/tenant/customers/"+customer+"/verifications",
		map[string]any{"provider": "compilot"}, e.tenant()...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var st struct{ ID, Provider, Mode, SDKToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st))
	require.Equal(t, "compilot", st.Provider)
	require.Equal(t, "regular", st.Mode)
	require.Equal(t, st.ID, e.fake.TokenCustomer(st.SDKToken), "the browser gets ComPilot's session token for this customer")
	require.NotContains(t, e.fake.Requests()[len(e.fake.Requests())-1].Body["externalCustomerId"], customer,
		"ComPilot gets the opaque id, not the tenant's customer id")
	return st.ID
}

// link has the customer link a fresh wallet (link token, sign-in, /v1/kyc/link).
func (e *compilotE2E) link(t *testing.T, customer string) holder {
	t.Helper()
	rec := authtest.Do(t, e.Handler, "POST", "/v1/tenant/customers/"+customer+"/link-token", nil, e.tenant()...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var lt struct{ LinkToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &lt))
	key := authtest.NewKey(t)
	token := authtest.SignIn(t, e.Handler, servertest.PublicURL, key, 1, e.Clock.Now())
	w := holder{key: key, bearer: []string{"Authorization", "Bearer " + token}}
	rec = authtest.Do(t, e.Handler, "POST", "/v1/kyc/link", map[string]string{"linkToken": lt.LinkToken}, w.bearer...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	return w
}

// customer is the tenant's view of its customer.
func (e *compilotE2E) customer(t *testing.T, customer string) (status string, decision string) {
	t.Helper()
	rec := authtest.Do(t, e.Handler, "GET", "/v1/tenant/customers/"+customer, nil, e.tenant()...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct {
		Status   string
		Decision struct{ Decision string }
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out.Status, out.Decision.Decision
}

// deliver posts a webhook to /v1/webhooks/compilot as Svix would.
func (e *compilotE2E) deliver(h http.Header, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/v1/webhooks/compilot", strings.NewReader(string(body)))
	req.Header = h.Clone()
	rec := httptest.NewRecorder()
	e.Handler.ServeHTTP(rec, req)
	return rec
}

// flush delivers the webhooks the fake queued (each stored once) and runs the jobs.
func (e *compilotE2E) flush(t *testing.T) {
	t.Helper()
	ds := e.fake.Webhooks()
	require.NotEmpty(t, ds)
	for _, d := range ds {
		rec := e.deliver(d.Header, d.Body)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		require.JSONEq(t, `{"received":true,"duplicate":false}`, rec.Body.String())
	}
	e.work(t)
}

// active sets customer ref Active with claims ComPilot returns (alpha-3 country).
func (e *compilotE2E) active(t *testing.T, ref string) {
	t.Helper()
	e.fake.SetCustomer(t, ref, compilot.StatusActive, &compilot.CustomerClaims{Country: "DEU", DateOfBirth: "1990-01-02"})
}
