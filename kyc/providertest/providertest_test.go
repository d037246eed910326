package providertest_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/providertest"
	"github.com/kycgate/kycgate/storage"
)

// example is a small external provider that signs its webhooks with HMAC-SHA256 over
// "timestamp.body" and reports statuses from its own API: the shape the suite expects of
// Sumsub, Didit and ComPilot adapters, kept here so the suite's webhook and fetch parts
// run in this package too.
type example struct {
	secret []byte
	now    func() time.Time
	mu     sync.Mutex
	status map[string]string
	next   int
}

func (e *example) Start(_ context.Context, v storage.Verification) (kyc.Session, error) {
	if v.ProviderRef != "" {
		return kyc.Session{Ref: v.ProviderRef, SDKToken: "tok-" + v.ProviderRef}, nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.next++
	ref := fmt.Sprintf("app-%d", e.next)
	return kyc.Session{Ref: ref, SDKToken: "tok-" + ref}, nil
}

func sign(secret []byte, ts string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts + "."))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

func (e *example) VerifyWebhook(h http.Header, body []byte) (kyc.WebhookEvent, error) {
	ts := h.Get("X-Timestamp")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return kyc.WebhookEvent{}, errors.New("no timestamp")
	}
	got, err := hex.DecodeString(h.Get("X-Signature"))
	if err != nil || !hmac.Equal(got, mustHex(sign(e.secret, ts, body))) {
		return kyc.WebhookEvent{}, errors.New("bad signature")
	}
	if d := e.now().Sub(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return kyc.WebhookEvent{}, errors.New("stale")
	}
	var ev struct{ ID, Ref string }
	if err := json.Unmarshal(body, &ev); err != nil {
		return kyc.WebhookEvent{}, err
	}
	return kyc.WebhookEvent{ID: ev.ID, Ref: ev.Ref}, nil
}

func mustHex(s string) []byte { b, _ := hex.DecodeString(s); return b }

func (e *example) Fetch(_ context.Context, v storage.Verification) (kyc.Result, error) {
	e.mu.Lock()
	st := e.status[v.ProviderRef]
	e.mu.Unlock()
	switch st {
	case "GREEN":
		return kyc.Result{Status: storage.StatusApproved, Claims: &kyc.Claims{Country: "DE"}}, nil
	case "RED_RETRY":
		return kyc.Result{Status: storage.StatusRejected, RejectType: kyc.RejectRetry}, nil
	case "PENDING":
		return kyc.Result{Status: storage.StatusInReview}, nil
	}
	return kyc.Result{}, fmt.Errorf("unknown status %q", st)
}

func TestSuiteOnAnExampleProvider(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	p := &example{secret: []byte("s3cret"), now: func() time.Time { return now }, status: map[string]string{}}
	n := 0
	providertest.Run(t, providertest.Harness{
		Provider: p,
		Verification: func(t *testing.T) storage.Verification {
			n++
			return storage.Verification{ID: fmt.Sprintf("ver_%d", n), SubjectID: "sub_1", Provider: "example", Level: 1}
		},
		Webhook: func(t *testing.T, id, ref string, at time.Time) (http.Header, []byte) {
			body, _ := json.Marshal(map[string]string{"id": id, "ref": ref})
			ts := strconv.FormatInt(at.Unix(), 10)
			return http.Header{"X-Timestamp": {ts}, "X-Signature": {sign(p.secret, ts, body)}}, body
		},
		Forge: func(t *testing.T, h http.Header, body []byte) []providertest.Delivery {
			other := h.Clone()
			other.Set("X-Signature", sign([]byte("guess"), h.Get("X-Timestamp"), body))
			moved := h.Clone()
			moved.Set("X-Timestamp", strconv.FormatInt(now.Unix()+1, 10))
			return []providertest.Delivery{
				{"another secret", other, body},
				{"timestamp changed", moved, body},
				{"body changed", h, []byte(`{"id":"evt-1","ref":"ref-2"}`)},
			}
		},
		Now:        func() time.Time { return now },
		StaleAfter: 5 * time.Minute,
		SetStatus: func(t *testing.T, ref, status string) {
			p.mu.Lock()
			p.status[ref] = status
			p.mu.Unlock()
		},
		Statuses: []providertest.Status{
			{Vendor: "GREEN", Want: storage.StatusApproved, Claims: true},
			{Vendor: "RED_RETRY", Want: storage.StatusRejected, RejectType: kyc.RejectRetry},
			{Vendor: "PENDING", Want: storage.StatusInReview},
		},
	})
}
