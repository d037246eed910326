package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/kyc/didit/diditest"
)

// ProcessTB is the testing.TB that fakes written for tests (kyc/didit/diditest; the
// screening sources' fakes once they are plugged in) get in a program: Cleanup collects
// functions for Close, Helper does nothing, and Fatalf panics with a *FakeFailure, which
// callers recover into an error (see Vendor.Decide). The embedded TB is nil: a fake that
// calls anything else panics.
type ProcessTB struct {
	testing.TB
	mu       sync.Mutex
	cleanups []func()
}

// FakeFailure is what ProcessTB.Fatalf panics with: the fake's message.
type FakeFailure struct{ Msg string }

// NewProcessTB returns an empty ProcessTB.
func NewProcessTB() *ProcessTB { return &ProcessTB{} }

// Helper does nothing.
func (p *ProcessTB) Helper() {}

// Cleanup registers f for Close.
func (p *ProcessTB) Cleanup(f func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cleanups = append(p.cleanups, f)
}

// Fatalf panics with a *FakeFailure.
func (p *ProcessTB) Fatalf(format string, args ...any) {
	panic(&FakeFailure{Msg: fmt.Sprintf(format, args...)})
}

// Close runs the registered cleanups, the last first.
func (p *ProcessTB) Close() {
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

	tb  *ProcessTB
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
	tb := NewProcessTB()
	return &Vendor{Fake: diditest.New(tb), tb: tb, hc: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

// Close stops the fake.
func (v *Vendor) Close() { v.tb.Close() }

// Decide gives session ref an ID check and moves it to status (didit.StatusApproved or
// StatusDeclined), which queues its status.updated webhook at the fake.
func (v *Vendor) Decide(ref, status string) (err error) {
	defer func() {
		switch r := recover().(type) {
		case nil:
		case *FakeFailure:
			err = fmt.Errorf("diditest: %s", r.Msg)
		default:
			panic(r)
		}
	}()
	v.Fake.SetIDVerification(v.tb, ref, didit.IDVerification{Status: status, DocumentType: "Passport",
		IssuingCountry: "DEU", DateOfBirth: "1990-01-02"})
	v.Fake.SetStatus(v.tb, ref, status)
	return nil
}

// Deliver takes the webhooks the fake queued (any worker's) and posts each to the
// gateway at base, copies times at once (more than one: a provider's concurrent
// redelivery, which the proxy spreads over replicas), logging every answer. It returns
// how many webhooks were answered 200 at least once.
func (v *Vendor) Deliver(ctx context.Context, base string, copies int) (int, error) {
	ok := 0
	var first error
	for _, d := range v.Fake.Webhooks() {
		got := make([]Sent, max(copies, 1))
		var wg sync.WaitGroup
		for k := range got {
			wg.Go(func() { got[k] = v.post(ctx, base, Sent{header: d.Header, body: d.Body}) })
		}
		wg.Wait()
		answered := false
		for _, s := range got {
			answered = answered || s.Status == http.StatusOK
		}
		if answered {
			ok++
		} else if first == nil {
			first = fmt.Errorf("webhook %s: status %d", got[0].EventID, got[0].Status)
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
	// Type, VerificationID, Status and UID come from the body; Outcome, Wallet and
	// VerificationIDs (joined by commas) from a screening.flagged body.
	Type, VerificationID, Status, UID string
	Outcome, Wallet, VerificationIDs  string
}

// NewReceiver starts the recording endpoint.
func NewReceiver() *Receiver {
	r := &Receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		raw, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
		var msg struct {
			Type string
			Data struct {
				VerificationID, Status, UID, Outcome, Wallet string
				VerificationIDs                              []string
			}
		}
		if json.Unmarshal(raw, &msg) == nil {
			r.mu.Lock()
			r.got = append(r.got, Delivery{ID: req.Header.Get("webhook-id"), Type: msg.Type,
				VerificationID: msg.Data.VerificationID, Status: msg.Data.Status, UID: msg.Data.UID,
				Outcome: msg.Data.Outcome, Wallet: msg.Data.Wallet, VerificationIDs: strings.Join(msg.Data.VerificationIDs, ",")})
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
