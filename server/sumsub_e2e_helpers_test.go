package server_test

import (
	"context"
	"crypto/ecdsa"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/kyc/sumsub/sumsubtest"
	"github.com/kycgate/kycgate/notify/notifytest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

// sumsubE2E is a whole gateway with KYCGATE_PROVIDERS=manual,sumsub pointed at a fake
// Sumsub in websdk mode (sharing the gateway's clock), a tenant whose webhook endpoint
// records what it is told, and an attestation signer.
type sumsubE2E struct {
	servertest.Gateway
	fake      *sumsubtest.Fake
	tenantID  string
	tenantKey string
	told      *notifytest.Receiver
}

func startSumsubE2E(t *testing.T) *sumsubE2E {
	t.Helper()
	fake := sumsubtest.New(t)
	signer, err := crypto.GenerateKey()
	require.NoError(t, err)
	cfg := server.Config{DataKey: pii.GenerateKey(), SignerKey: "0x" + hex.EncodeToString(crypto.FromECDSA(signer)),
		Providers: []string{"manual", "sumsub"}, Env: mapEnv(fake.Env(sumsub.ModeWebSDK)),
		WebhookAllowHTTP: true, WebhookAllowPrivate: true}
	g := servertest.Start(t, cfg, nil)
	fake.Now = g.Clock.Now
	e := &sumsubE2E{Gateway: g, fake: fake, told: notifytest.New(t)}
	tn, key, err := auth.CreateTenant(t.Context(), g.Store, "Acme dApp", g.Clock.Now())
	require.NoError(t, err)
	e.tenantID, e.tenantKey = tn.ID, key
	rec := authtest.Do(t, g.Handler, "PUT", "/v1/tenant/webhook", map[string]string{"url": e.told.URL},
		"Authorization", "Bearer "+key)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	return e
}

// holder is a signed-in wallet.
type holder struct {
	key    *ecdsa.PrivateKey
	bearer []string
}

// start signs a new wallet in and starts a Sumsub verification shared with the tenant;
// it returns the wallet, the verification id and the Sumsub applicant id.
func (e *sumsubE2E) start(t *testing.T) (holder, string, string) {
	t.Helper()
	return e.startWith(t, authtest.NewKey(t))
}

// startWith is start with the wallet's key.
func (e *sumsubE2E) startWith(t *testing.T, key *ecdsa.PrivateKey) (holder, string, string) {
	t.Helper()
	token := authtest.SignIn(t, e.Handler, servertest.PublicURL, key, 1, e.Clock.Now())
	w := holder{key: key, bearer: []string{"Authorization", "Bearer " + token}}
	rec := authtest.Do(t, e.Handler, "POST", "/v1/kyc/verifications", map[string]any{"provider": "sumsub", "tenantId": e.tenantID},
		w.bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var st struct{ ID, Provider, SDKToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st))
	require.Equal(t, "sumsub", st.Provider)
	require.NotEmpty(t, st.SDKToken, "the browser gets the WebSDK token")
	require.Equal(t, st.ID, e.fake.TokenUser(st.SDKToken))
	ref := e.fake.Ref(st.ID)
	require.NotEmpty(t, ref)
	return w, st.ID, ref
}

// green moves applicant ref to completed + GREEN with the info Sumsub extracted.
func (e *sumsubE2E) green(t *testing.T, ref string) {
	t.Helper()
	e.fake.SetInfo(t, ref, sumsub.Info{FirstName: "Zelda", LastName: "Quokkamarker", Dob: "1990-01-02", Country: "DEU"})
	e.fake.SetReview(t, ref, sumsub.StatusCompleted, &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerGreen})
}

// deliver posts a webhook to /v1/webhooks/sumsub as Sumsub would.
func (e *sumsubE2E) deliver(h http.Header, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/v1/webhooks/sumsub", strings.NewReader(string(body)))
	req.Header = h.Clone()
	rec := httptest.NewRecorder()
	e.Handler.ServeHTTP(rec, req)
	return rec
}

// notify sends the webhook of type typ about ref, created now, signed with SHA-256, and
// requires it stored.
func (e *sumsubE2E) notify(t *testing.T, ref, typ string) {
	t.Helper()
	h, body := e.fake.Webhook(ref, typ, sumsub.AlgSHA256, "req-"+typ, e.Clock.Now())
	rec := e.deliver(h, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"received":true,"duplicate":false}`, rec.Body.String())
}

// work runs the gateway's jobs until none is due at its clock.
func (e *sumsubE2E) work(t *testing.T) {
	t.Helper()
	_, err := e.Server.StepWorkers(context.Background())
	require.NoError(t, err)
}

func (e *sumsubE2E) verification(t *testing.T, id string) storage.Verification {
	t.Helper()
	v, err := e.Store.GetVerification(t.Context(), id)
	require.NoError(t, err)
	return v
}

func (e *sumsubE2E) audits(t *testing.T, id, action string) int {
	t.Helper()
	list, err := e.Store.ListAudit(t.Context(), "verification", id)
	require.NoError(t, err)
	n := 0
	for _, a := range list {
		if a.Action == action {
			n++
		}
	}
	return n
}

// fetches counts the requests for applicant ref's review status the fake answered.
func (e *sumsubE2E) fetches(ref string) int {
	n := 0
	for _, r := range e.fake.Requests() {
		if r.Path == "/resources/applicants/"+ref+"/status" {
			n++
		}
	}
	return n
}

// attest issues an attestation on Base for the wallet and returns its uid and package.
func (e *sumsubE2E) attest(t *testing.T, w holder) (string, json.RawMessage) {
	t.Helper()
	rec := authtest.Do(t, e.Handler, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, w.bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct {
		UID     string
		Package json.RawMessage
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.NotEmpty(t, out.UID)
	return out.UID, out.Package
}

// count counts a table's rows with an optional WHERE clause ($1… placeholders).
func (e *sumsubE2E) count(t *testing.T, table, where string, args ...any) int {
	t.Helper()
	q := "SELECT count(*) FROM " + table
	if where != "" {
		q += " WHERE " + where
	}
	var n int
	var err error
	switch db := e.Store.(storage.DriverHandles).DriverDB().(type) {
	case *sql.DB:
		err = db.QueryRow(strings.ReplaceAll(q, "$", "?"), args...).Scan(&n)
	case *pgxpool.Pool:
		err = db.QueryRow(t.Context(), q, args...).Scan(&n)
	default:
		t.Fatalf("unknown database %T", db)
	}
	require.NoError(t, err)
	return n
}

// outbox returns the statuses of the verification.updated events in the tenant's
// outbox about a subject's verification id, in order.
func (e *sumsubE2E) outbox(t *testing.T, subjectID, verificationID string) []string {
	t.Helper()
	q := "SELECT payload FROM outbox WHERE key = $1 ORDER BY seq"
	key := e.tenantID + ":" + subjectID
	var payloads [][]byte
	switch db := e.Store.(storage.DriverHandles).DriverDB().(type) {
	case *sql.DB:
		rows, err := db.Query(strings.ReplaceAll(q, "$1", "?"), key)
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			var p []byte
			require.NoError(t, rows.Scan(&p))
			payloads = append(payloads, p)
		}
		require.NoError(t, rows.Err())
	case *pgxpool.Pool:
		rows, err := db.Query(t.Context(), q, key)
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			var p []byte
			require.NoError(t, rows.Scan(&p))
			payloads = append(payloads, p)
		}
		require.NoError(t, rows.Err())
	}
	var out []string
	for _, p := range payloads {
		var ev struct {
			Type string
			Data struct{ VerificationID, Status string }
		}
		require.NoError(t, json.Unmarshal(p, &ev), string(p))
		if ev.Type == "verification.updated" && ev.Data.VerificationID == verificationID {
			out = append(out, ev.Data.Status)
		}
	}
	return out
}
