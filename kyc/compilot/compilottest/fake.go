// Package compilottest is a fake ComPilot API for tests: an httptest server that answers
// as ComPilot documents (regular-mode sessions, Web3-mode wallet challenges, customers),
// refuses every request without the right bearer API key (401), and produces webhooks
// signed exactly as Svix signs them.
//
// What only ComPilot's widget or dashboard can do is a Go method: SetCustomer (the
// customer's status and claims; it also queues the customer.updated webhook), Delete
// (customer.deleted), FailNext (a 429 or 5xx). The pipeline's end-to-end tests use it as
// well as the adapter's own.
package compilottest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kycgate/kycgate/kyc/compilot"
)

// Fake is a fake ComPilot. Its fields are set by New; Now may be changed before use.
type Fake struct {
	// URL is the fake's origin, for KYCGATE_COMPILOT_BASE_URL.
	URL string
	// APIKey, WorkflowID and WebhookSecret (whsec_…) are what it accepts and signs with.
	APIKey, WorkflowID, WebhookSecret string
	// Now is its clock: svix-timestamp comes from it.
	Now func() time.Time

	srv       *httptest.Server
	mu        sync.Mutex
	seq       int
	customers map[string]*compilot.Customer // by externalCustomerId
	tokens    map[string]string             // session token → externalCustomerId
	pending   map[string]challenge          // wallet challenge → who asked for it
	requests  []Request
	failures  []int
	webhooks  []Delivery
}

// Request is one request the fake accepted (bearer key right).
type Request struct {
	Method, Path string
	// Body is the JSON body, decoded (nil for none).
	Body map[string]any
}

// Delivery is one signed webhook.
type Delivery struct {
	Header http.Header
	Body   []byte
}

// New starts a fake ComPilot, closed when the test ends.
func New(t testing.TB) *Fake {
	t.Helper()
	key := make([]byte, 24)
	for i := range key {
		key[i] = byte(i*7 + 3)
	}
	f := &Fake{APIKey: "cp-test-key", WorkflowID: "wf_test", WebhookSecret: compilot.SecretPrefix + base64.StdEncoding.EncodeToString(key),
		Now: time.Now, customers: map[string]*compilot.Customer{}, tokens: map[string]string{},
		pending: map[string]challenge{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /auth-session/session/create", f.createSession)
	mux.HandleFunc("POST /auth-session/wallet/challenge/create", f.createChallenge)
	mux.HandleFunc("GET /customers/{id}", f.getCustomer)
	// The browser's verify step is public (no API key): the wallet's signature is the
	// credential. It answers CORS so that a page of another origin can call it.
	root := http.NewServeMux()
	root.HandleFunc("POST /public/auth-session/wallet/challenge/verify", cors(f.verifyChallenge))
	root.HandleFunc("OPTIONS /public/auth-session/wallet/challenge/verify", cors(func(http.ResponseWriter, *http.Request) {}))
	root.Handle("/", f.auth(mux))
	f.srv = httptest.NewServer(root)
	t.Cleanup(f.srv.Close)
	f.URL = f.srv.URL
	return f
}

// Env returns the KYCGATE_COMPILOT_* variables that point the adapter at the fake.
func (f *Fake) Env() map[string]string {
	return map[string]string{
		"KYCGATE_COMPILOT_BASE_URL": f.URL, "KYCGATE_COMPILOT_API_KEY": f.APIKey,
		"KYCGATE_COMPILOT_WORKFLOW_ID": f.WorkflowID, "KYCGATE_COMPILOT_WEBHOOK_SECRET": f.WebhookSecret,
	}
}

// Sign returns the svix-signature value of one delivery: "v1," + base64(HMAC-SHA256(key,
// id + "." + unix timestamp + "." + body)), key being the base64-decoded secret after
// whsec_. It is written from Svix's documentation, independently of the adapter.
func Sign(secret, id string, at time.Time, body []byte) string {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, compilot.SecretPrefix))
	if err != nil {
		panic("compilottest: the secret is not whsec_ and base64")
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + strconv.FormatInt(at.Unix(), 10) + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// Webhook returns a delivery of event typ about the customer whose externalCustomerId
// is ref, with Svix message id id, signed at at.
func (f *Fake) Webhook(typ, ref, id string, at time.Time) (http.Header, []byte) {
	body, _ := json.Marshal(map[string]any{"type": typ, "payload": map[string]any{
		"customerId": "cus_" + ref, "externalCustomerId": ref}})
	h := http.Header{}
	h.Set(compilot.HeaderID, id)
	h.Set(compilot.HeaderTimestamp, strconv.FormatInt(at.Unix(), 10))
	h.Set(compilot.HeaderSignature, Sign(f.WebhookSecret, id, at, body))
	return h, body
}

// SetCustomer sets the status (and claims, when not nil) of the customer whose
// externalCustomerId is ref, as ComPilot's widget or a reviewer would, and queues the
// customer.updated webhook.
func (f *Fake) SetCustomer(t testing.TB, ref, status string, claims *compilot.CustomerClaims) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.customers[ref]
	if !ok {
		t.Fatalf("compilottest: no customer %q (no session was opened for it)", ref)
	}
	c.Status = status
	if claims != nil {
		c.CustomerClaims = claims
	}
	f.queue(compilot.EventCustomerUpdated, ref)
}

// SetWallets replaces the wallets of the customer whose externalCustomerId is ref (as if
// ComPilot had verified other wallets for it). It queues no webhook.
func (f *Fake) SetWallets(t testing.TB, ref string, addresses ...string) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.customers[ref]
	if !ok {
		t.Fatalf("compilottest: no customer %q", ref)
	}
	c.CustomerWallets = nil
	for _, a := range addresses {
		c.CustomerWallets = append(c.CustomerWallets, compilot.Wallet{Address: a, Namespace: "eip155", BlockchainID: "1"})
	}
}

// VerifyChallenge posts a signed challenge to the public verify endpoint, as the
// browser does, and returns ComPilot's session token.
func (f *Fake) VerifyChallenge(t testing.TB, message, address, blockchainID, signature string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"address": address, "namespace": "eip155", "blockchainId": blockchainID,
		"message": message, "signature": signature})
	resp, err := http.Post(f.URL+"/public/auth-session/wallet/challenge/verify", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("compilottest: verify: %v", err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK || out.Token == "" {
		t.Fatalf("compilottest: verify answered %d", resp.StatusCode)
	}
	return out.Token
}

// Delete deletes the customer whose externalCustomerId is ref and queues customer.deleted.
func (f *Fake) Delete(t testing.TB, ref string) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.customers[ref]; !ok {
		t.Fatalf("compilottest: no customer %q", ref)
	}
	delete(f.customers, ref)
	f.queue(compilot.EventCustomerDeleted, ref)
}

func (f *Fake) queue(typ, ref string) {
	f.seq++
	h, body := f.Webhook(typ, ref, fmt.Sprintf("msg_%06d", f.seq), f.Now())
	f.webhooks = append(f.webhooks, Delivery{Header: h, Body: body})
}

// Webhooks returns and forgets the webhooks queued since the last call.
func (f *Fake) Webhooks() []Delivery {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.webhooks
	f.webhooks = nil
	return out
}

// TokenCustomer returns the externalCustomerId a session token was issued for ("" if none).
func (f *Fake) TokenCustomer(token string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokens[token]
}

// Requests returns the requests the fake accepted, in order.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

// FailNext makes the next accepted request fail with status (429 with Retry-After: 1).
func (f *Fake) FailNext(status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, status)
}

// auth refuses a request without the API key as bearer, records the others and serves
// queued failures.
func (f *Fake) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+f.APIKey {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Unauthorized"})
			return
		}
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &body); err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]any{"message": "body is not JSON"})
				return
			}
		}
		r.Body = io.NopCloser(strings.NewReader(string(raw)))
		f.mu.Lock()
		f.requests = append(f.requests, Request{Method: r.Method, Path: r.URL.Path, Body: body})
		var fail int
		if len(f.failures) > 0 {
			fail, f.failures = f.failures[0], f.failures[1:]
		}
		f.mu.Unlock()
		if fail != 0 {
			if fail == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "1")
			}
			writeJSON(w, fail, map[string]any{"message": http.StatusText(fail)})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
