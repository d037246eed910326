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
	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/kyc/didit/diditest"
	"github.com/kycgate/kycgate/notify/notifytest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
)

// diditE2E is a whole gateway with KYCGATE_PROVIDERS=didit pointed at a fake Didit
// (sharing the gateway's clock), a tenant whose webhook endpoint records what it is told,
// and an attestation signer. The pipeline's helpers (work, verification, audits, count,
// outbox, attest) are sumsubE2E's, which use the gateway only, never the Sumsub fake.
type diditE2E struct {
	*sumsubE2E
	didit *diditest.Fake
}

func startDiditE2E(t *testing.T, providers ...string) *diditE2E {
	t.Helper()
	if len(providers) == 0 {
		providers = []string{"didit"}
	}
	fake := diditest.New(t)
	signer, err := crypto.GenerateKey()
	require.NoError(t, err)
	cfg := server.Config{DataKey: pii.GenerateKey(), SignerKey: "0x" + hex.EncodeToString(crypto.FromECDSA(signer)),
		Providers: providers, Env: mapEnv(fake.Env()), PublicURL: servertest.PublicURL,
		WebhookAllowHTTP: true, WebhookAllowPrivate: true}
	g := servertest.Start(t, cfg, nil)
	fake.Now = g.Clock.Now
	e := &diditE2E{sumsubE2E: &sumsubE2E{Gateway: g, told: notifytest.New(t)}, didit: fake}
	tn, key, err := auth.CreateTenant(t.Context(), g.Store, "Acme dApp", g.Clock.Now())
	require.NoError(t, err)
	e.tenantID, e.tenantKey = tn.ID, key
	rec := authtest.Do(t, g.Handler, "PUT", "/v1/tenant/webhook", map[string]string{"url": e.told.URL},
		"Authorization", "Bearer "+key)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	return e
}

// start signs a new wallet in and starts a Didit verification shared with the tenant; it
// returns the wallet, the verification id and the Didit session id.
func (e *diditE2E) start(t *testing.T) (holder, string, string) {
	t.Helper()
	key := authtest.NewKey(t)
	token := authtest.SignIn(t, e.Handler, servertest.PublicURL, key, 1, e.Clock.Now())
	w := holder{key: key, bearer: []string{"Authorization", "Bearer " + token}}
	rec := authtest.Do(t, e.Handler, "POST", "/v1/kyc/verifications", map[string]any{"provider": "didit", "tenantId": e.tenantID},
		w.bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var st struct{ ID, Provider, URL string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st))
	require.Equal(t, "didit", st.Provider)
	ref := e.didit.Ref(st.ID)
	require.NotEmpty(t, ref, "the session's vendor_data is the verification id")
	require.True(t, strings.HasPrefix(st.URL, "https://verify.didit.me/session/"), "the user continues at Didit: %s", st.URL)
	return w, st.ID, ref
}

// approve gives session ref an approved ID check and moves it to Approved (queuing its
// webhook).
func (e *diditE2E) approve(t *testing.T, ref string) {
	t.Helper()
	e.didit.SetIDVerification(t, ref, didit.IDVerification{Status: didit.StatusApproved, DocumentType: "Passport",
		IssuingCountry: "DEU", DateOfBirth: "1990-01-02"})
	e.didit.SetStatus(t, ref, didit.StatusApproved)
}

// deliver posts a webhook to /v1/webhooks/didit as Didit would.
func (e *diditE2E) deliver(h http.Header, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/v1/webhooks/didit", strings.NewReader(string(body)))
	req.Header = h.Clone()
	rec := httptest.NewRecorder()
	e.Handler.ServeHTTP(rec, req)
	return rec
}

// flush delivers every webhook the fake queued, requires each stored, and runs the jobs.
func (e *diditE2E) flush(t *testing.T) {
	t.Helper()
	ds := e.didit.Webhooks()
	require.NotEmpty(t, ds)
	for _, d := range ds {
		rec := e.deliver(d.Header, d.Body)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		require.JSONEq(t, `{"received":true,"duplicate":false}`, rec.Body.String())
	}
	e.work(t)
}

// decisions counts the decision requests for session ref the fake answered.
func (e *diditE2E) decisions(ref string) int {
	return e.didit.Count("GET", "/v3/session/"+ref+"/decision/")
}

// reviewer creates a compliance reviewer and returns its Authorization header.
func (e *diditE2E) reviewer(t *testing.T) []string {
	t.Helper()
	_, key, err := auth.CreateReviewer(t.Context(), e.Store, "Rita Reviewer", e.Clock.Now())
	require.NoError(t, err)
	return []string{"Authorization", "Bearer " + key}
}

// inReview moves session ref to In Review with an ID check in review (Didit's borderline
// case) and runs its webhook through the pipeline.
func (e *diditE2E) inReview(t *testing.T, ref string) {
	t.Helper()
	e.didit.SetIDVerification(t, ref, didit.IDVerification{Status: didit.StatusInReview, DocumentType: "Identity Card",
		IssuingCountry: "ESP", DateOfBirth: "1985-07-08"})
	e.didit.SetStatus(t, ref, didit.StatusInReview)
	e.flush(t)
}

// patches returns the bodies of the update-status requests for session ref.
func (e *diditE2E) patches(ref string) []string {
	var out []string
	for _, r := range e.didit.Requests() {
		if r.Method == "PATCH" && r.Path == "/v3/session/"+ref+"/update-status/" {
			out = append(out, string(r.Body))
		}
	}
	return out
}
