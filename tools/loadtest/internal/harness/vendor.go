package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/kyc/didit/diditest"
)

// procTB is the testing.TB the vendor fake (kyc/didit/diditest, written for tests) gets
// in a program: Cleanup collects functions for Close, and Fatalf (the fake's answer to
// an unknown session) panics with a *fakeFailure, which the calls below turn back into
// an error. The embedded nil TB is never called: the fake uses only these three.
type procTB struct {
	testing.TB
	mu       sync.Mutex
	cleanups []func()
}

type fakeFailure struct{ msg string }

func (p *procTB) Helper() {}

func (p *procTB) Cleanup(f func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cleanups = append(p.cleanups, f)
}

func (p *procTB) Fatalf(format string, args ...any) {
	panic(&fakeFailure{msg: fmt.Sprintf(format, args...)})
}

func (p *procTB) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := len(p.cleanups) - 1; i >= 0; i-- {
		p.cleanups[i]()
	}
	p.cleanups = nil
}

// Vendor is the external KYC provider the load goes through: the fake Didit
// (kyc/didit/diditest) in this process, whose webhooks the harness posts to the gateway's
// POST /v1/webhooks/didit as Didit would, keeping a log of every delivery and its answer.
type Vendor struct {
	// Fake is the fake Didit; its Env points the gateway's didit provider at it.
	Fake *diditest.Fake

	tb  *procTB
	mu  sync.Mutex
	log []Sent
	hc  *http.Client
}

// Sent is one webhook delivery: the event id, and the status the gateway answered (0:
// no answer, e.g. the replica was killed).
type Sent struct {
	EventID string
	Status  int
	header  http.Header
	body    []byte
}

// NewVendor starts the fake Didit.
func NewVendor() *Vendor {
	tb := &procTB{}
	return &Vendor{Fake: diditest.New(tb), tb: tb, hc: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

// Close stops the fake.
func (v *Vendor) Close() { v.tb.close() }

// Decide gives session ref an ID check and moves it to status (didit.StatusApproved or
// StatusDeclined), which queues its status.updated webhook at the fake.
func (v *Vendor) Decide(ref, status string) (err error) {
	defer func() {
		if f, ok := recover().(*fakeFailure); ok {
			err = fmt.Errorf("diditest: %s", f.msg)
		}
	}()
	v.Fake.SetIDVerification(v.tb, ref, didit.IDVerification{Status: status, DocumentType: "Passport",
		IssuingCountry: "DEU", DateOfBirth: "1990-01-02"})
	v.Fake.SetStatus(v.tb, ref, status)
	return nil
}

// Deliver takes the webhooks the fake queued (any worker's) and posts each to the
// gateway at base, logging the answer. It returns how many were answered 200.
func (v *Vendor) Deliver(ctx context.Context, base string) (int, error) {
	ok := 0
	var first error
	for _, d := range v.Fake.Webhooks() {
		s := v.post(ctx, base, Sent{header: d.Header, body: d.Body})
		if s.Status == http.StatusOK {
			ok++
		} else if first == nil {
			first = fmt.Errorf("webhook %s: status %d", s.EventID, s.Status)
		}
	}
	return ok, first
}

func (v *Vendor) post(ctx context.Context, base string, s Sent) Sent {
	var ev struct {
		EventID string `json:"event_id"`
	}
	_ = json.Unmarshal(s.body, &ev)
	s.EventID = ev.EventID
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/v1/webhooks/didit", bytes.NewReader(s.body))
	if err == nil {
		req.Header = s.header.Clone()
		res, err := v.hc.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			_ = res.Body.Close()
			s.Status = res.StatusCode
		}
	}
	v.mu.Lock()
	v.log = append(v.log, s)
	v.mu.Unlock()
	return s
}

// Redeliver posts again, once, every delivery never answered 200 (as Didit retries), and
// reports how many are still unanswered.
func (v *Vendor) Redeliver(ctx context.Context, base string) int {
	v.mu.Lock()
	answered := map[string]bool{}
	for _, s := range v.log {
		answered[s.EventID] = answered[s.EventID] || s.Status == http.StatusOK
	}
	var again []Sent
	seen := map[string]bool{}
	for _, s := range v.log {
		if !answered[s.EventID] && !seen[s.EventID] {
			seen[s.EventID] = true
			again = append(again, s)
		}
	}
	v.mu.Unlock()
	left := 0
	for _, s := range again {
		if v.post(ctx, base, Sent{header: s.header, body: s.body}).Status != http.StatusOK {
			left++
		}
	}
	return left
}

// Answered lists the event ids the gateway answered 200 at least once.
func (v *Vendor) Answered() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, s := range v.log {
		if s.Status == http.StatusOK && !seen[s.EventID] {
			seen[s.EventID] = true
			out = append(out, s.EventID)
		}
	}
	return out
}

// Receiver is the tenant's webhook endpoint: it records every delivery's webhook-id and
// body and answers 204.
type Receiver struct {
	// URL is where the tenant's webhook points.
	URL string

	srv *httptest.Server
	mu  sync.Mutex
	got []Delivery
}

// Delivery is one outbound webhook the tenant received.
type Delivery struct {
	// ID is the Standard Webhooks webhook-id (one per outbox event).
	ID string
	// Type, VerificationID, Status and UID come from the body.
	Type, VerificationID, Status, UID string
}

// NewReceiver starts the recording endpoint.
func NewReceiver() *Receiver {
	r := &Receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		raw, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
		var msg struct {
			Type string
			Data struct{ VerificationID, Status, UID string }
		}
		if json.Unmarshal(raw, &msg) == nil {
			r.mu.Lock()
			r.got = append(r.got, Delivery{ID: req.Header.Get("webhook-id"), Type: msg.Type,
				VerificationID: msg.Data.VerificationID, Status: msg.Data.Status, UID: msg.Data.UID})
			r.mu.Unlock()
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	r.URL = r.srv.URL
	return r
}

// Deliveries returns what arrived, in order.
func (r *Receiver) Deliveries() []Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Delivery(nil), r.got...)
}

// Close stops the endpoint.
func (r *Receiver) Close() { r.srv.Close() }
