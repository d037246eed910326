package kyc_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kycgate/kycgate/api/openapitest"
	"github.com/kycgate/kycgate/screening/screeningtest"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

const (
	publicURL = servertest.PublicURL
	// dataKey seals personal data in these tests.
	dataKey = "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100"
	// signerKey signs attestations in these tests.
	signerKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
)

// syncBuffer collects the gateway's log lines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type testBundle struct {
	h     http.Handler // the gateway's handler, its answers validated against the OpenAPI document
	raw   http.Handler // the same handler unwrapped, for benchmarks
	store storage.Store
	clock *servertest.Clock
	logs  *syncBuffer
	// screen is the wallet-screening source (servertest.Screener): clear until told.
	screen *screeningtest.Fake

	tenantID, tenantKey     string
	reviewerID, reviewerKey string
}

// setup starts a gateway on store (nil: in-memory SQLite) with a tenant and a reviewer.
func setup(t testing.TB, store storage.Store, edit ...func(*server.Config)) testBundle {
	t.Helper()
	if store == nil {
		store = storagetest.OpenSQLite(t)
	}
	cfg := server.Config{PublicURL: publicURL, DataKey: dataKey, SignerKey: signerKey, LogLevel: "debug"}
	for _, e := range edit {
		e(&cfg)
	}
	clk := servertest.NewClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	logs := &syncBuffer{}
	list, screen := servertest.Screener(&cfg, clk.Now)
	srv, err := server.New(cfg, store, server.NewLogger(cfg.WithDefaults(), logs), server.WithClock(clk.Now), list)
	require.NoError(t, err)
	b := testBundle{h: openapitest.Handler(t, srv.Handler()), raw: srv.Handler(), store: store, clock: clk, logs: logs,
		screen: screen}
	tn, key, err := auth.CreateTenant(context.Background(), store, "Acme dApp", clk.Now())
	require.NoError(t, err)
	b.tenantID, b.tenantKey = tn.ID, key
	rev, rkey, err := auth.CreateReviewer(context.Background(), store, "Reviewer One", clk.Now())
	require.NoError(t, err)
	b.reviewerID, b.reviewerKey = rev.ID, rkey
	return b
}

// newTenant adds another tenant and returns its id and key.
func (b testBundle) newTenant(t testing.TB, name string) (string, string) {
	t.Helper()
	tn, key, err := auth.CreateTenant(context.Background(), b.store, name, b.clock.Now())
	require.NoError(t, err)
	return tn.ID, key
}

func bearer(token string) []string { return []string{"Authorization", "Bearer " + token} }

func (b testBundle) tenant() []string   { return bearer(b.tenantKey) }
func (b testBundle) reviewer() []string { return bearer(b.reviewerKey) }

// wallet is a signed-in wallet.
type wallet struct {
	key     *ecdsa.PrivateKey
	address common.Address
	auth    []string
}

func (b testBundle) signIn(t testing.TB) wallet {
	t.Helper()
	key := authtest.NewKey(t)
	token := authtest.SignIn(t, b.h, publicURL, key, 1, b.clock.Now())
	return wallet{key: key, address: authtest.Address(key), auth: bearer(token)}
}

// signInAgain opens a new session for a wallet (the old one expired).
func (b testBundle) signInAgain(t testing.TB, w wallet) wallet {
	t.Helper()
	w.auth = bearer(authtest.SignIn(t, b.h, publicURL, w.key, 1, b.clock.Now()))
	return w
}

func (b testBundle) subjectOf(t testing.TB, w wallet) storage.Subject {
	t.Helper()
	ww, err := b.store.GetWallet(context.Background(), w.address.Hex())
	require.NoError(t, err)
	sub, err := b.store.GetSubject(context.Background(), ww.SubjectID)
	require.NoError(t, err)
	return sub
}

// call sends a JSON request and decodes a JSON answer into out (when not nil), requiring
// the status.
func (b testBundle) call(t testing.TB, status int, method, path string, body any, out any, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	rec := authtest.Do(t, b.h, method, path, body, header...)
	require.Equal(t, status, rec.Code, "%s %s: %s", method, path, rec.Body)
	if out != nil {
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), out), rec.Body.String())
	}
	return rec
}

// fail sends a request that must fail with status and code.
func (b testBundle) fail(t testing.TB, status int, code, method, path string, body any, header ...string) {
	t.Helper()
	rec := authtest.Do(t, b.h, method, path, body, header...)
	require.Equal(t, status, rec.Code, "%s %s: %s", method, path, rec.Body)
	var env api.Envelope
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env), rec.Body.String())
	require.Equal(t, code, env.Error.Code, rec.Body.String())
}

// upload posts a multipart body with fields and a file.
func (b testBundle) upload(t testing.TB, path string, file []byte, fields ...string) *httptest.ResponseRecorder {
	t.Helper()
	return authtest.Upload(t, b.h, path, "upload.bin", file, fields...)
}

// uploadOK uploads and returns the new document id.
func (b testBundle) uploadOK(t testing.TB, path string, file []byte, fields ...string) string {
	t.Helper()
	rec := b.upload(t, path, file, fields...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ DocumentID string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.True(t, strings.HasPrefix(out.DocumentID, "doc_"))
	return out.DocumentID
}

func pngImage(t testing.TB, w, h int, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{R: shade, G: uint8(x), B: uint8(y), A: 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// noisyPNG is a w×h PNG whose first rows are random, so it does not compress: about
// rows×w×4 bytes.
func noisyPNG(t testing.TB, w, h, rows int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range rows {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(rng.Uint32()), G: uint8(rng.Uint32()), B: uint8(rng.Uint32()), A: 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

func jpegImage(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, nil))
	return buf.Bytes()
}

// pdfMarker is plain text inside the test PDF: a dump of the database must not show it.
const pdfMarker = "CONFIDENTIAL-DOCUMENT-NUMBER-X1234567"

func pdfDocument() []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + pdfMarker + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// started is the answer to a start.
type started struct {
	ID, Status, Provider, Mode, URL, FlowToken, TenantID string
	Level                                                int
	Reused                                               bool
}

// details are personal details for the flow.
func details(first, last string) map[string]string {
	return map[string]string{"firstName": first, "lastName": last, "dateOfBirth": "1990-04-17", "country": "DE"}
}

// documents is what completeFlow uploaded.
type documents struct{ front, back, selfie string }

// completeFlow fills every step of a flow (an ID card: PNG front, PDF back) and submits it.
func (b testBundle) completeFlow(t testing.TB, token, first, last string) documents {
	t.Helper()
	return b.completeFlowWith(t, token, details(first, last))
}

// completeFlowWith is completeFlow with the given personal details.
func (b testBundle) completeFlowWith(t testing.TB, token string, personal map[string]string) documents {
	t.Helper()
	flow := "/v1/flow/" + token
	b.call(t, http.StatusOK, "PUT", flow+"/personal_details", personal, nil)
	var d documents
	d.front = b.uploadOK(t, flow+"/documents", pngImage(t, 120, 80, 1), "type", "id_card", "side", "front")
	d.back = b.uploadOK(t, flow+"/documents", pdfDocument(), "type", "id_card", "side", "back")
	d.selfie = b.uploadOK(t, flow+"/selfie", jpegImage(t, 96, 96))
	var out struct{ Status string }
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, &out)
	require.Equal(t, "in_review", out.Status)
	return d
}

// decide posts a reviewer decision.
func (b testBundle) decide(t testing.TB, status int, id string, body map[string]any) map[string]any {
	t.Helper()
	var out map[string]any
	rec := authtest.Do(t, b.h, "POST", "/v1/admin/reviews/"+id+"/decision", body, b.reviewer()...)
	require.Equal(t, status, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out
}

// approvedWallet signs a wallet in and takes it through verification to approval at level.
func (b testBundle) approvedWallet(t testing.TB, level int, tenantID string) (wallet, started) {
	t.Helper()
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": tenantID, "level": level}, &st, w.auth...)
	b.completeFlow(t, st.FlowToken, "Grace", "Hopper")
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	return w, st
}

// gate asks the gating decision of a wallet for a tenant.
func (b testBundle) gate(t testing.TB, tenantKey string, address common.Address) (int, map[string]any) {
	t.Helper()
	rec := authtest.Do(t, b.h, "GET", "/v1/tenant/wallets/"+address.Hex(), nil, bearer(tenantKey)...)
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	return rec.Code, out
}

// kycService is a lifecycle service over the gateway's store, with the same data key.
func kycService(t testing.TB, b testBundle) *kyc.Service {
	t.Helper()
	key, err := pii.ParseKey(dataKey)
	require.NoError(t, err)
	sealer, err := pii.NewSealer(key)
	require.NoError(t, err)
	svc, err := kyc.NewService(kyc.Options{Store: b.store, Sealer: sealer, Now: b.clock.Now})
	require.NoError(t, err)
	return svc
}

// kycChange is a change to status to by a test actor.
func kycChange(id string, to storage.VerificationStatus) kyc.Change {
	return kyc.Change{VerificationID: id, To: to, Actor: "test", Reason: "test"}
}
