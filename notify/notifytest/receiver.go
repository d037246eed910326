// Package notifytest is a tenant's webhook endpoint for tests: it records every
// delivery's JSON body and counts them by type, verification and status.
package notifytest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/kycgate/kycgate/api/openapitest"
)

// Receiver is a recording webhook endpoint, closed when the test ends.
type Receiver struct {
	// URL is where to point the tenant's webhook.
	URL string

	mu  sync.Mutex
	got []map[string]any
}

// New starts a Receiver that answers 204 to every delivery. Every body is checked
// against the OpenAPI document's webhooks (api/openapitest), mismatches reported with
// t.Errorf.
func New(t testing.TB) *Receiver {
	h := &Receiver{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		for _, msg := range openapitest.Webhook(raw) {
			t.Errorf("openapitest: %s", msg)
		}
		var msg map[string]any
		if json.Unmarshal(raw, &msg) == nil {
			h.mu.Lock()
			h.got = append(h.got, msg)
			h.mu.Unlock()
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	h.URL = srv.URL
	return h
}

// Count is how many deliveries of type typ arrived about a verification (any when "")
// with a status (any when "").
func (h *Receiver) Count(typ, verificationID, status string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, m := range h.got {
		data, _ := m["data"].(map[string]any)
		if m["type"] == typ && (verificationID == "" || data["verificationId"] == verificationID) &&
			(status == "" || data["status"] == status) {
			n++
		}
	}
	return n
}
