package notify_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

var dataKey = pii.GenerateKey()

// delivery is one request a receiver got.
type delivery struct {
	header http.Header
	body   []byte
}

// event is a delivery's decoded body.
type event struct {
	Type      string         `json:"type"`
	Timestamp string         `json:"timestamp"`
	Data      map[string]any `json:"data"`
}

// receiver is a tenant's webhook endpoint: it records every request and answers the
// queued statuses first, then 204.
type receiver struct {
	srv *httptest.Server

	mu     sync.Mutex
	got    []delivery
	answer []int
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	r := &receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got = append(r.got, delivery{header: req.Header.Clone(), body: body})
		status := http.StatusNoContent
		if len(r.answer) > 0 {
			status, r.answer = r.answer[0], r.answer[1:]
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

// answerNext queues statuses for the next requests.
func (r *receiver) answerNext(statuses ...int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.answer = append(r.answer, statuses...)
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// verified checks every delivery with the Standard Webhooks library and decodes them.
func verified(t *testing.T, secret string, ds []delivery) []event {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(secret)
	require.NoError(t, err)
	out := make([]event, 0, len(ds))
	for _, d := range ds {
		require.NoError(t, wh.Verify(d.body, d.header), "a valid Standard Webhooks signature")
		require.True(t, strings.HasPrefix(d.header.Get("webhook-signature"), "v1,"))
		var raw map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(d.body, &raw))
		require.Len(t, raw, 3, "exactly type, timestamp and data: %s", d.body)
		var e event
		require.NoError(t, json.Unmarshal(d.body, &e))
		out = append(out, e)
	}
	return out
}

// noPersonalData requires that no delivery carries the personal details the test used.
func noPersonalData(t *testing.T, ds []delivery) {
	t.Helper()
	for _, d := range ds {
		for _, pd := range []string{"Grace", "Hopper", "1990-04-17", "dateOfBirth", "firstName", "birth"} {
			require.NotContains(t, string(d.body), pd, "no personal data in webhooks")
		}
	}
}

type gateway struct {
	srv   *server.Server
	h     http.Handler
	st    storage.Store
	clk   *servertest.Clock
	kyc   *kyc.Service
	seal  *pii.Sealer
	key   string
	tenID string
}

// start builds a gateway whose clock starts now (the receivers verify timestamps
// against the real clock), with a tenant. Private addresses and http are allowed unless
// edit says otherwise.
func start(t testing.TB, edit ...func(*server.Config)) gateway {
	t.Helper()
	return startOn(t, storagetest.OpenSQLite(t), edit...)
}

// startOn is start on the given store.
func startOn(t testing.TB, st storage.Store, edit ...func(*server.Config)) gateway {
	t.Helper()
	cfg := server.Config{PublicURL: servertest.PublicURL, DataKey: dataKey, WebhookAllowHTTP: true, WebhookAllowPrivate: true}
	for _, e := range edit {
		e(&cfg)
	}
	clk := servertest.NewClock(time.Now().UTC().Truncate(time.Second))
	screeners, _ := servertest.Screener(&cfg, clk.Now) // wallets screen clear
	srv, err := server.New(cfg, st, slog.New(slog.DiscardHandler), server.WithClock(clk.Now), screeners)
	require.NoError(t, err)
	tn, key, err := auth.CreateTenant(context.Background(), st, "Acme dApp", clk.Now())
	require.NoError(t, err)
	k, err := pii.ParseKey(dataKey)
	require.NoError(t, err)
	sealer, err := pii.NewSealer(k)
	require.NoError(t, err)
	svc, err := kyc.NewService(kyc.Options{Store: st, Sealer: sealer, Now: clk.Now})
	require.NoError(t, err)
	return gateway{srv: srv, h: srv.Handler(), st: st, clk: clk, kyc: svc, seal: sealer, key: key, tenID: tn.ID}
}

func bearer(key string) []string { return []string{"Authorization", "Bearer " + key} }

// setWebhook registers url for the tenant with key and returns the secret.
func (g gateway) setWebhook(t testing.TB, key, url string) string {
	t.Helper()
	rec := authtest.Do(t, g.h, "PUT", "/v1/tenant/webhook", map[string]string{"url": url}, bearer(key)...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct{ URL, Secret string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.Equal(t, url, out.URL)
	require.True(t, strings.HasPrefix(out.Secret, "whsec_"), out.Secret)
	return out.Secret
}

// startCustomer opens a regular-mode verification for a customer of the tenant.
func (g gateway) startCustomer(t *testing.T, customer string) string {
	t.Helper()
	rec := authtest.Do(t, g.h, "POST", "/v1/tenant/customers/"+customer+"/verifications", map[string]any{"level": 1}, bearer(g.key)...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var v struct{ ID string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))
	return v.ID
}

func (g gateway) move(t *testing.T, id string, to storage.VerificationStatus) {
	t.Helper()
	c := kyc.Change{VerificationID: id, To: to, Actor: "test", Reason: "test"}
	switch to {
	case storage.StatusInProgress:
		c.Data = func(storage.Verification) ([]byte, error) {
			return []byte(`{"firstName":"Grace","lastName":"Hopper","dateOfBirth":"1990-04-17"}`), nil
		}
	case storage.StatusApproved:
		c.Level = 1
		c.Claims = &kyc.Claims{Country: "DE", DateOfBirth: time.Date(1990, 4, 17, 0, 0, 0, 0, time.UTC)}
	}
	_, err := g.kyc.Apply(context.Background(), c)
	require.NoError(t, err)
}

func (g gateway) step(t *testing.T) int {
	t.Helper()
	n, err := g.srv.StepWorkers(context.Background())
	require.NoError(t, err)
	return n
}

// TestDeliversVerificationUpdatesInOrderSigned runs on SQLite and PostgreSQL (River on both).
func TestDeliversVerificationUpdatesInOrderSigned(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			deliversInOrderSigned(t, startOn(t, open(t)))
		})
	}
}

func deliversInOrderSigned(t *testing.T, g gateway) {
	rcv, other := newReceiver(t), newReceiver(t)
	secret := g.setWebhook(t, g.key, rcv.srv.URL+"/hooks")

	rec := authtest.Do(t, g.h, "GET", "/v1/tenant/webhook", nil, bearer(g.key)...)
	require.Equal(t, http.StatusOK, rec.Code)
	require.JSONEq(t, `{"url":"`+rcv.srv.URL+`/hooks"}`, rec.Body.String(), "the secret is never shown again")

	// Another tenant, with a webhook, that the customer is not shared with.
	_, otherKey, err := auth.CreateTenant(context.Background(), g.st, "Other dApp", g.clk.Now())
	require.NoError(t, err)
	g.setWebhook(t, otherKey, other.srv.URL)

	id := g.startCustomer(t, "cust-42")
	for _, to := range []storage.VerificationStatus{storage.StatusInProgress, storage.StatusInReview, storage.StatusApproved} {
		g.clk.Add(time.Second)
		g.move(t, id, to)
	}
	require.Equal(t, 4, g.step(t))
	require.Zero(t, g.step(t), "each event once")

	ds := rcv.deliveries()
	events := verified(t, secret, ds)
	var statuses []string
	ids := map[string]bool{}
	for i, e := range events {
		require.Equal(t, "verification.updated", e.Type)
		require.Equal(t, id, e.Data["verificationId"])
		require.Equal(t, "cust-42", e.Data["externalCustomerId"], "the tenant's own customer")
		require.Equal(t, "regular", e.Data["mode"])
		require.EqualValues(t, 1, e.Data["level"])
		require.Equal(t, []any{}, e.Data["wallets"])
		statuses = append(statuses, e.Data["status"].(string))
		ids[ds[i].header.Get("webhook-id")] = true
	}
	require.Equal(t, []string{"created", "in_progress", "in_review", "approved"}, statuses, "in order")
	require.Len(t, ids, 4, "one webhook-id per message")
	noPersonalData(t, ds)
	require.Empty(t, other.deliveries(), "a tenant the subject is not shared with gets nothing")

	// Rotation: a new secret signs from now on; the old one no longer verifies.
	newSecret := g.setWebhook(t, g.key, rcv.srv.URL+"/hooks")
	require.NotEqual(t, secret, newSecret)
	sub, err := g.st.GetSubjectByCustomer(context.Background(), g.tenID, "cust-42")
	require.NoError(t, err)
	att := storage.Attestation{UID: "0x" + strings.Repeat("ab", 32), SubjectID: sub.ID,
		Recipient: "0x00000000000000000000000000000000000000a1", ChainID: 8453, Signer: "0x01", Package: []byte("{}"),
		IssuedAt: g.clk.Now(), ExpiresAt: g.clk.Now().Add(time.Hour)}
	require.NoError(t, g.st.CreateAttestation(context.Background(), &att))
	g.clk.Add(time.Second)
	_, err = g.kyc.Revoke(context.Background(), id, "reviewer:test", "fraud found later")
	require.NoError(t, err)
	require.Equal(t, 2, g.step(t))
	later := rcv.deliveries()[4:]
	events = verified(t, newSecret, later)
	require.Equal(t, "verification.updated", events[0].Type)
	require.Equal(t, "revoked", events[0].Data["status"])
	require.Equal(t, "attestation.revoked", events[1].Type)
	require.Equal(t, att.UID, events[1].Data["uid"])
	require.EqualValues(t, 8453, events[1].Data["chainId"])
	require.Equal(t, att.Recipient, events[1].Data["recipient"])
	require.Equal(t, kyc.RevokedReversed, events[1].Data["reason"])
	require.NotContains(t, string(later[1].body), "fraud found later", "the reviewer's words stay in the audit log")
	old, err := standardwebhooks.NewWebhook(secret)
	require.NoError(t, err)
	for _, d := range later {
		require.ErrorIs(t, old.Verify(d.body, d.header), standardwebhooks.ErrNoMatchingSignature)
	}
	noPersonalData(t, later)
	require.Empty(t, other.deliveries())

	// Removed: pending deliveries complete without sending.
	rec = authtest.Do(t, g.h, "DELETE", "/v1/tenant/webhook", nil, bearer(g.key)...)
	require.Equal(t, http.StatusNoContent, rec.Code)
	rec = authtest.Do(t, g.h, "GET", "/v1/tenant/webhook", nil, bearer(g.key)...)
	require.JSONEq(t, `{"url":""}`, rec.Body.String())
	g.startCustomer(t, "cust-43")
	require.Zero(t, g.step(t), "no webhook: nothing is enqueued")
	require.Len(t, rcv.deliveries(), 6)
}

// TestDeliveryRetriesThenGivesUpOnGone runs on SQLite and PostgreSQL (River on both).
func TestDeliveryRetriesThenGivesUpOnGone(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			retriesThenGivesUpOnGone(t, startOn(t, open(t)))
		})
	}
}

func retriesThenGivesUpOnGone(t *testing.T, g gateway) {
	rcv := newReceiver(t)
	secret := g.setWebhook(t, g.key, rcv.srv.URL)

	rcv.answerNext(http.StatusInternalServerError)
	id := g.startCustomer(t, "cust-1")
	require.Equal(t, 1, g.step(t))
	require.Len(t, rcv.deliveries(), 1)
	require.Zero(t, g.step(t), "the retry waits for its backoff")
	g.clk.Add(time.Minute)
	require.Equal(t, 1, g.step(t))
	ds := rcv.deliveries()
	require.Len(t, ds, 2)
	require.Equal(t, ds[0].header.Get("webhook-id"), ds[1].header.Get("webhook-id"), "a retry is the same message")
	verified(t, secret, ds)

	rcv.answerNext(http.StatusGone)
	g.move(t, id, storage.StatusInProgress)
	require.Equal(t, 1, g.step(t))
	g.clk.Add(2 * time.Minute) // past any retry's backoff (the receiver checks timestamps against the real clock)
	require.Zero(t, g.step(t), "410 Gone: failed for good")
	require.Len(t, rcv.deliveries(), 3)

	g.move(t, id, storage.StatusInReview)
	require.Equal(t, 1, g.step(t), "a failed job does not hold the customer's later events")
	events := verified(t, secret, rcv.deliveries()[3:])
	require.Equal(t, "in_review", events[0].Data["status"])
}

func TestRegistrationRefusesPrivateAddresses(t *testing.T) {
	t.Parallel()
	g := start(t, func(c *server.Config) { c.WebhookAllowHTTP, c.WebhookAllowPrivate = false, false })
	for _, u := range []string{"https://127.0.0.1/hook", "https://[::1]/hook", "https://10.1.2.3/hook",
		"https://169.254.169.254/latest", "https://0.0.0.0/", "https://localhost/hook", "http://93.184.216.34/hook",
		"ftp://example.com/", "https://user:pw@93.184.216.34/", "not a url"} {
		rec := authtest.Do(t, g.h, "PUT", "/v1/tenant/webhook", map[string]string{"url": u}, bearer(g.key)...)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%s: %s", u, rec.Body)
		var env api.Envelope
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env))
		require.Equal(t, "invalid_webhook_url", env.Error.Code, u)
	}
	rec := authtest.Do(t, g.h, "PUT", "/v1/tenant/webhook", map[string]string{"url": "https://93.184.216.34/hook"}, bearer(g.key)...)
	require.Equal(t, http.StatusOK, rec.Code, "a public address literal: %s", rec.Body)
	rec = authtest.Do(t, g.h, "PUT", "/v1/tenant/webhook", map[string]string{"url": "https://93.184.216.34/hook"})
	require.Equal(t, http.StatusUnauthorized, rec.Code, "a tenant key is required")
}

// jsonField is a string field of a JSON object.
func jsonField(t testing.TB, body []byte, name string) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(body, &m), string(body))
	s, _ := m[name].(string)
	return s
}

// TestCancelledDeliveryDoesNotHoldTheCustomerBack: an operator cancels a failing delivery
// in the jobs UI; the periodic repair finishes its event as failed, so the customer's
// later events go out (in order) instead of waiting for ever.
func TestCancelledDeliveryDoesNotHoldTheCustomerBack(t *testing.T) {
	t.Parallel()
	g := start(t)
	rcv := newReceiver(t)
	secret := g.setWebhook(t, g.key, rcv.srv.URL)
	ctx := context.Background()

	rcv.answerNext(http.StatusInternalServerError)
	id := g.startCustomer(t, "cust-7")
	require.Equal(t, 1, g.step(t))
	g.move(t, id, storage.StatusInProgress)
	require.Zero(t, g.step(t), "the second event waits for the first")

	retrying, err := g.srv.Queue().Jobs(ctx, rivertype.JobStateRetryable)
	require.NoError(t, err)
	require.Len(t, retrying, 1)
	require.NoError(t, g.srv.Queue().Cancel(ctx, retrying[0].ID))
	g.clk.Add(time.Minute) // past the retry's backoff (receivers check timestamps against the real clock)
	require.Zero(t, g.step(t), "cancelled: the first event is not finished, so the second still waits")
	require.Len(t, rcv.deliveries(), 1)

	d := &notify.Deliverer{Store: g.st, Sealer: g.seal, Client: notify.NewClient(true), Now: g.clk.Now}
	n, err := d.Repair(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, 1, g.step(t))
	events := verified(t, secret, rcv.deliveries()[1:])
	require.Equal(t, "in_progress", events[0].Data["status"], "the later event went out")
	n, err = d.Repair(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "repair is idempotent")
}
