// Package chainalysistest is a fake of Chainalysis' sanctions API for tests: an httptest
// server that answers GET /api/v1/address/{address} as PROVIDERS.md documents (200
// {"identifications":[{"category","name","description","url"}]}, an empty array for an
// address not sanctioned), refuses a request without the right X-API-Key (403) or without
// Accept: application/json (406), and has the failure switches of sourcetest.Faults
// (FailNext, RateLimitNext, MalformedNext, Hang, Requests).
package chainalysistest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/screening/chainalysis"
	"github.com/kycgate/kycgate/screening/source/sourcetest"
)

// Fake is a fake sanctions API.
type Fake struct {
	sourcetest.Faults
	// URL is the fake's origin, for KYCGATE_CHAINALYSIS_API_URL; APIKey the only key it
	// accepts.
	URL, APIKey string

	mu  sync.Mutex
	ids map[common.Address][]chainalysis.Identification
}

// New starts a fake sanctions API, closed when the test ends.
func New(t testing.TB) *Fake {
	f := &Fake{APIKey: "fake-chainalysis-key", ids: map[common.Address][]chainalysis.Identification{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	f.URL = srv.URL
	t.Cleanup(srv.Close)
	t.Cleanup(f.Close) // runs first: releases hanging requests
	return f
}

// Env returns the variables pointing chainalysis-api at the fake.
func (f *Fake) Env() map[string]string {
	return map[string]string{"KYCGATE_CHAINALYSIS_API_URL": f.URL, "KYCGATE_CHAINALYSIS_API_KEY": f.APIKey}
}

// Sanction adds an OFAC identification (category "sanctions") named name to addr.
func (f *Fake) Sanction(addr common.Address, name string) {
	f.Identify(addr, chainalysis.Identification{Category: "sanctions", Name: name,
		Description: "Sanctioned by OFAC (fake).", URL: "https://home.treasury.gov/"})
}

// Identify adds id to addr's identifications.
func (f *Fake) Identify(addr common.Address, id chainalysis.Identification) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ids[addr] = append(f.ids[addr], id)
}

// Clear removes addr's identifications.
func (f *Fake) Clear(addr common.Address) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.ids, addr)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	if f.Serve(w, r) {
		return
	}
	raw, ok := strings.CutPrefix(r.URL.Path, "/api/v1/address/")
	switch {
	case r.Method != http.MethodGet || !ok || raw == "":
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	case r.Header.Get("X-API-Key") != f.APIKey:
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Forbidden"})
		return
	case r.Header.Get("Accept") != "application/json":
		writeJSON(w, http.StatusNotAcceptable, map[string]string{"message": "Not Acceptable"})
		return
	}
	ids := []chainalysis.Identification{}
	if common.IsHexAddress(raw) {
		f.mu.Lock()
		ids = append(ids, f.ids[common.HexToAddress(raw)]...)
		f.mu.Unlock()
	}
	writeJSON(w, http.StatusOK, map[string]any{"identifications": ids})
}
