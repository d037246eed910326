package kyc_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kycgate/kycgate/api/openapitest"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/notify/notifytest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// The fake external provider "ext": a vendor that signs its webhooks with an HMAC-SHA256
// of the raw body (hex, X-Ext-Signature), gives each event an id and a creation time,
// and answers the state of each applicant from its API (here, in memory).
const (
	extName      = "ext"
	extSecret    = "ext-webhook-secret"
	extStale     = 5 * time.Minute
	extSignature = "X-Ext-Signature"
	// extPersonal is personal data the vendor puts in its webhooks: it must never be
	// stored unsealed.
	extPersonal = "Zelda Quokkamarker"
)

// fakeVendor is the vendor's side: applicant states, and what its API does next.
type fakeVendor struct {
	mu     sync.Mutex
	states map[string]string // ref → init, pending, green, retry, final, reset
	// fail makes the next fetches fail as a vendor outage (5xx); refuse makes them fail
	// as a client error (4xx: the applicant is unknown to the vendor).
	fail    int
	refuse  bool
	fetches atomic.Int64
	// fallback is the state of applicants the vendor was not told about ("": unknown).
	fallback string
}

func newFakeVendor() *fakeVendor { return &fakeVendor{states: map[string]string{}} }

func (f *fakeVendor) set(ref, state string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.states[ref] = state
}

// webhook is a delivery of event id about ref, signed with secret at time at.
func (f *fakeVendor) webhookSigned(secret, id, ref, typ string, at time.Time) (http.Header, []byte) {
	body, err := json.Marshal(map[string]any{"id": id, "applicantId": ref, "type": typ,
		"createdAt": at.UTC().Format(time.RFC3339Nano), "applicantName": extPersonal})
	if err != nil {
		panic(err)
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(extSignature, hex.EncodeToString(mac.Sum(nil)))
	return h, body
}

func (f *fakeVendor) webhook(id, ref, typ string, at time.Time) (http.Header, []byte) {
	return f.webhookSigned(extSecret, id, ref, typ, at)
}

// extConfig is the adapter's configuration (KYCGATE_EXT_*).
type extConfig struct {
	WebhookSecret string `env:"WEBHOOK_SECRET,required"`
	vendor        *fakeVendor
}

func (c *extConfig) Open(_ string, deps kyc.Deps) (kyc.Provider, error) {
	return &extProvider{vendor: c.vendor, secret: []byte(c.WebhookSecret), now: deps.Now}, nil
}

// extProvider is the adapter: Start, VerifyWebhook and Fetch.
type extProvider struct {
	vendor *fakeVendor
	secret []byte
	now    func() time.Time
}

var (
	_ kyc.WebhookVerifier = (*extProvider)(nil)
	_ kyc.Fetcher         = (*extProvider)(nil)
)

func (p *extProvider) Start(_ context.Context, v storage.Verification) (kyc.Session, error) {
	ref := "app-" + v.ID
	p.vendor.mu.Lock()
	defer p.vendor.mu.Unlock()
	if _, ok := p.vendor.states[ref]; !ok {
		p.vendor.states[ref] = "init"
	}
	return kyc.Session{Ref: ref, SDKToken: "sdk-" + ref}, nil
}

func (p *extProvider) VerifyWebhook(h http.Header, body []byte) (kyc.WebhookEvent, error) {
	got, err := hex.DecodeString(h.Get(extSignature))
	if err != nil || len(got) == 0 {
		return kyc.WebhookEvent{}, errors.New("ext: missing or malformed signature")
	}
	mac := hmac.New(sha256.New, p.secret)
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return kyc.WebhookEvent{}, errors.New("ext: signature mismatch")
	}
	var ev struct {
		ID, ApplicantID, Type string
		CreatedAt             time.Time
	}
	if err := json.Unmarshal(body, &ev); err != nil {
		return kyc.WebhookEvent{}, fmt.Errorf("ext: body: %w", err)
	}
	if age := p.now().Sub(ev.CreatedAt); age > extStale || age < -extStale {
		return kyc.WebhookEvent{}, errors.New("ext: stale event")
	}
	return kyc.WebhookEvent{ID: ev.ID, Ref: ev.ApplicantID, At: ev.CreatedAt, Type: ev.Type}, nil
}

func (p *extProvider) Fetch(_ context.Context, v storage.Verification) (kyc.Result, error) {
	p.vendor.fetches.Add(1)
	p.vendor.mu.Lock()
	defer p.vendor.mu.Unlock()
	if p.vendor.fail > 0 {
		p.vendor.fail--
		return kyc.Result{}, errors.New("ext: 503 Service Unavailable")
	}
	state, ok := p.vendor.states[v.ProviderRef]
	if !ok && p.vendor.fallback != "" {
		state, ok = p.vendor.fallback, true
	}
	if p.vendor.refuse || !ok {
		return kyc.Result{}, fault.NotFoundError("ext_applicant_not_found", "ext: 404 applicant not found")
	}
	switch state {
	case "init":
		return kyc.Result{Status: storage.StatusInProgress}, nil
	case "pending":
		return kyc.Result{Status: storage.StatusInReview}, nil
	case "green":
		return kyc.Result{Status: storage.StatusApproved, Level: 2,
			Claims: &kyc.Claims{Country: "FR", DateOfBirth: time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC)}}, nil
	case "retry":
		return kyc.Result{Status: storage.StatusResubmissionRequested, RejectType: kyc.RejectRetry}, nil
	case "final":
		return kyc.Result{Status: storage.StatusRejected, RejectType: kyc.RejectFinal}, nil
	case "reset":
		return kyc.Result{Status: storage.StatusRevoked}, nil
	}
	return kyc.Result{}, fmt.Errorf("ext: unknown state %q", state)
}

// extBundle is a gateway with the ext provider enabled (first, so the default), its
// vendor, and the tenant's webhook endpoint registered.
type extBundle struct {
	testBundle
	srv    *server.Server
	vendor *fakeVendor
	hooks  *notifytest.Receiver
}

func setupExt(t testing.TB, store storage.Store) extBundle {
	t.Helper()
	if store == nil {
		store = storagetest.OpenSQLite(t)
	}
	vendor := newFakeVendor()
	registry := kyc.Registry{extName: func() kyc.Config { return &extConfig{vendor: vendor} }}
	cfg := server.Config{PublicURL: publicURL, DataKey: dataKey, SignerKey: signerKey, Providers: []string{extName, "manual"},
		WebhookAllowHTTP: true, WebhookAllowPrivate: true,
		Env: func(k string) string { return map[string]string{"KYCGATE_EXT_WEBHOOK_SECRET": extSecret}[k] }}
	clk := servertest.NewClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	logs := &syncBuffer{}
	list, _ := servertest.Screener(&cfg, clk.Now)
	srv, err := server.New(cfg, store, server.NewLogger(cfg.WithDefaults(), logs), server.WithClock(clk.Now),
		server.WithProviders(registry), list)
	require.NoError(t, err)
	b := extBundle{testBundle: testBundle{h: openapitest.Handler(t, srv.Handler()), raw: srv.Handler(), store: store, clock: clk, logs: logs}, srv: srv, vendor: vendor,
		hooks: notifytest.New(t)}
	tn, key, err := auth.CreateTenant(context.Background(), store, "Acme dApp", clk.Now())
	require.NoError(t, err)
	b.tenantID, b.tenantKey = tn.ID, key
	b.call(t, http.StatusOK, "PUT", "/v1/tenant/webhook", map[string]string{"url": b.hooks.URL}, nil, b.tenant()...)
	return b
}

// start opens a verification with ext for a new wallet, shared with the tenant, and
// returns the wallet, the verification id and the vendor's reference.
func (b extBundle) start(t testing.TB) (wallet, string, string) {
	t.Helper()
	w := b.signIn(t)
	var st struct{ ID, Provider, SDKToken string }
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, w.auth...)
	require.Equal(t, extName, st.Provider)
	v := b.verificationOf(t, st.ID)
	require.Equal(t, "sdk-"+v.ProviderRef, st.SDKToken, "the browser gets the vendor's SDK token")
	return w, st.ID, v.ProviderRef
}

// deliver posts a webhook and returns the answer's status.
func (b extBundle) deliver(t testing.TB, h http.Header, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("POST", "/v1/webhooks/"+extName, strings.NewReader(string(body)))
	req.Header = h.Clone()
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req)
	return rec
}

// work runs the background jobs until none is due.
func (b extBundle) work(t testing.TB) {
	t.Helper()
	_, err := b.srv.StepWorkers(context.Background())
	require.NoError(t, err)
}

// audits counts a verification's audit entries with action.
func (b extBundle) audits(t testing.TB, id, action string) int {
	t.Helper()
	list, err := b.store.ListAudit(context.Background(), "verification", id)
	require.NoError(t, err)
	n := 0
	for _, e := range list {
		if e.Action == action {
			n++
		}
	}
	return n
}

// countRows counts a table's rows with an optional WHERE clause, on either backend.
func countRows(t testing.TB, st storage.Store, table, where string, args ...any) int {
	t.Helper()
	q := "SELECT count(*) FROM " + table
	if where != "" {
		q += " WHERE " + where
	}
	var n int
	var err error
	switch db := st.(storage.DriverHandles).DriverDB().(type) {
	case *sql.DB:
		err = db.QueryRow(strings.ReplaceAll(q, "$", "?"), args...).Scan(&n)
	case *pgxpool.Pool:
		err = db.QueryRow(context.Background(), q, args...).Scan(&n)
	default:
		t.Fatalf("unknown database %T", db)
	}
	require.NoError(t, err)
	return n
}
