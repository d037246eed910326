// Package sumsubtest is a fake Sumsub API for tests: an httptest server that answers as
// Sumsub documents (applicants, review status, WebSDK access tokens, document uploads,
// requesting a check, the requiredIdDocsStatus breakdown and the sandbox's testCompleted),
// refuses every request whose signature is not exactly right (401 with Sumsub's error
// body), and produces webhooks signed with each of the three digest algorithms.
//
// What only Sumsub's back office or WebSDK can do is a Go method: SetInfo (the data
// Sumsub extracted), SetReview, RejectImage, Deactivate, Remove (deletion), Reset,
// FailNext (a 429 or 5xx). The pipeline's end-to-end tests use it as well as the
// adapter's own.
package sumsubtest

import (
	"bytes"
	"crypto/hmac"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kycgate/kycgate/kyc/sumsub"
)

// Fake is a fake Sumsub. Its fields are set by New; Now and Alg may be changed before use.
type Fake struct {
	// URL is the fake's origin, for KYCGATE_SUMSUB_BASE_URL.
	URL string
	// AppToken, SecretKey and WebhookSecret are the credentials it accepts and signs with.
	AppToken, SecretKey, WebhookSecret string
	// LevelName is the only level it knows.
	LevelName string
	// Now is its clock: X-App-Access-Ts must be within a minute of it, and webhooks'
	// createdAtMs come from it.
	Now func() time.Time
	// Alg signs the webhooks its state changes produce (default HMAC_SHA256_HEX).
	Alg string

	srv        *httptest.Server
	mu         sync.Mutex
	seq        int
	applicants map[string]*applicant
	byExternal map[string]string
	tokens     map[string]string
	// deactivated lists the applicants deactivated through the API (erase.go).
	deactivated []string
	requests    []Request
	failures    []failure
	webhooks    []Delivery
}

// Request is one request the fake accepted (signature right): its method, its path and
// query exactly as received and, for an upload, what was uploaded.
type Request struct {
	Method string
	Path   string
	Upload *Upload
}

// Upload is one image the fake received.
type Upload struct {
	ImageID      string
	IDDocType    string
	IDDocSubType string
	Country      string
	Size         int
}

// Delivery is one signed webhook.
type Delivery struct {
	Header http.Header
	Body   []byte
}

type failure struct {
	status     int
	retryAfter string
}

type applicant struct {
	id, externalUserID, inspectionID, levelName, createdAt string
	deleted, removed                                       bool
	info, fixedInfo                                        *sumsub.Info
	review                                                 sumsub.ReviewStatus
	images                                                 []*image
}

type image struct {
	id                     string
	docType, side, country string
	size                   int
	review                 *sumsub.ReviewResult
}

// New starts a fake Sumsub, closed when the test ends.
func New(t testing.TB) *Fake {
	f := &Fake{
		AppToken: "sbx:fakeAppToken", SecretKey: "fake-secret-key", WebhookSecret: "fake-webhook-secret",
		LevelName: "basic-kyc-level", Now: time.Now, Alg: sumsub.AlgSHA256,
		applicants: map[string]*applicant{}, byExternal: map[string]string{}, tokens: map[string]string{},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	f.URL = f.srv.URL
	t.Cleanup(f.srv.Close)
	return f
}

// Env returns the gateway's variables pointing the sumsub provider at the fake (mode:
// websdk or api).
func (f *Fake) Env(mode string) map[string]string {
	return map[string]string{
		"KYCGATE_SUMSUB_BASE_URL": f.URL, "KYCGATE_SUMSUB_APP_TOKEN": f.AppToken,
		"KYCGATE_SUMSUB_SECRET_KEY": f.SecretKey, "KYCGATE_SUMSUB_WEBHOOK_SECRET": f.WebhookSecret,
		"KYCGATE_SUMSUB_LEVEL_NAME": f.LevelName, "KYCGATE_SUMSUB_MODE": mode,
	}
}

// ErrorBody is Sumsub's documented error answer.
type ErrorBody struct {
	Description   string `json:"description"`
	Code          int    `json:"code"`
	CorrelationID string `json:"correlationId"`
	ErrorCode     int    `json:"errorCode,omitempty"`
	ErrorName     string `json:"errorName,omitempty"`
}

func (f *Fake) nextLocked() int { f.seq++; return f.seq }

func (f *Fake) fail(w http.ResponseWriter, status int, description string) {
	f.mu.Lock()
	n := f.nextLocked()
	f.mu.Unlock()
	writeJSON(w, status, ErrorBody{Description: description, Code: status, CorrelationID: fmt.Sprintf("req-%08d", n)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// maxBody bounds a request body the fake reads.
const maxBody = 32 << 20

// serve authenticates the request exactly as Sumsub does, then routes it.
func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		f.fail(w, http.StatusBadRequest, "Cannot read the request")
		return
	}
	if !f.authentic(r, body) {
		f.fail(w, http.StatusUnauthorized, "Invalid signature")
		return
	}
	f.mu.Lock()
	if len(f.failures) > 0 {
		fl := f.failures[0]
		f.failures = f.failures[1:]
		f.mu.Unlock()
		if fl.retryAfter != "" {
			w.Header().Set("Retry-After", fl.retryAfter)
		}
		f.fail(w, fl.status, http.StatusText(fl.status))
		return
	}
	idx := len(f.requests)
	f.requests = append(f.requests, Request{Method: r.Method, Path: r.RequestURI})
	f.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	f.route(w, r, body, idx)
}

// authentic checks the app token, the timestamp (within a minute of Now) and the
// signature over ts + method + the request URI as received + the raw body.
func (f *Fake) authentic(r *http.Request, body []byte) bool {
	ts := r.Header.Get(sumsub.HeaderAccessTs)
	sig := r.Header.Get(sumsub.HeaderSig)
	if r.Header.Get(sumsub.HeaderAppToken) != f.AppToken || ts == "" || sig == "" {
		return false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if skew := f.Now().Sub(time.Unix(sec, 0)); skew > time.Minute || skew < -time.Minute {
		return false
	}
	want := sumsub.Sign([]byte(f.SecretKey), ts, r.Method, r.RequestURI, body)
	return hmac.Equal([]byte(sig), []byte(want))
}

// FailNext answers the next n authentic requests with status (a 429 or 5xx, say) and,
// when retryAfter is not empty, a Retry-After header.
func (f *Fake) FailNext(n, status int, retryAfter string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.failures = append(f.failures, failure{status: status, retryAfter: retryAfter})
	}
}

// Requests lists the requests the fake accepted, in order.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

// Uploads lists the images uploaded for applicant ref, in order (inactive ones included).
func (f *Fake) Uploads(ref string) []Upload {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Upload
	for _, rq := range f.requests {
		if rq.Upload != nil && rq.Path == "/resources/applicants/"+ref+"/info/idDoc" {
			out = append(out, *rq.Upload)
		}
	}
	return out
}

// Ref returns the id of the applicant whose externalUserId is externalID ("" if none).
func (f *Fake) Ref(externalID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.byExternal[externalID]
}

// Applicants reports how many applicants the fake holds.
func (f *Fake) Applicants() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.applicants)
}

// Webhooks returns and forgets the webhooks the fake's state changes produced (applicant
// pending, reviewed…), signed with Alg, in order.
func (f *Fake) Webhooks() []Delivery {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.webhooks
	f.webhooks = nil
	return out
}

// with runs fn on applicant ref under the lock; it fails the test when there is none.
func (f *Fake) with(t testing.TB, ref string, fn func(a *applicant)) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.applicants[ref]
	if !ok {
		t.Fatalf("sumsubtest: no applicant %q", ref)
	}
	fn(a)
}

// SetInfo sets what Sumsub extracted from applicant ref's documents (its info).
func (f *Fake) SetInfo(t testing.TB, ref string, info sumsub.Info) {
	f.with(t, ref, func(a *applicant) { a.info = &info })
}

// SetReview sets applicant ref's review status and result (nil: none) without a webhook.
func (f *Fake) SetReview(t testing.TB, ref, status string, result *sumsub.ReviewResult) {
	f.with(t, ref, func(a *applicant) { a.review = sumsub.ReviewStatus{ReviewStatus: status, ReviewResult: result} })
}

// RejectImage marks one image of applicant ref as rejected by Sumsub's checks (RED,
// RETRY), as requiredIdDocsStatus then reports it.
func (f *Fake) RejectImage(t testing.TB, ref, imageID, comment string, labels ...string) {
	f.with(t, ref, func(a *applicant) {
		for _, im := range a.images {
			if im.id == imageID {
				im.review = &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed, ReviewRejectType: sumsub.RejectRetry,
					RejectLabels: labels, ModerationComment: comment}
				return
			}
		}
		t.Fatalf("sumsubtest: applicant %q has no active image %q", ref, imageID)
	})
}

// Deactivate marks applicant ref deactivated ("deleted": true) and queues an
// applicantDeactivated webhook.
func (f *Fake) Deactivate(t testing.TB, ref string) {
	f.with(t, ref, func(a *applicant) { a.deleted = true; f.queueLocked(a, "applicantDeactivated") })
}

// Remove deletes applicant ref: Sumsub answers 404 for it from now on. It queues an
// applicantDeleted webhook.
func (f *Fake) Remove(t testing.TB, ref string) {
	f.with(t, ref, func(a *applicant) { a.removed = true; f.queueLocked(a, "applicantDeleted") })
}

// Reset resets applicant ref (its documents and review are dropped, its status is init)
// and queues an applicantReset webhook.
func (f *Fake) Reset(t testing.TB, ref string) {
	f.with(t, ref, func(a *applicant) {
		a.images, a.info = nil, nil
		a.review = sumsub.ReviewStatus{ReviewStatus: sumsub.StatusInit}
		f.queueLocked(a, "applicantReset")
	})
}
