// Package trmtest is a fake TRM Labs API for tests: an httptest server that answers the
// free sanctions check (POST /public/v1/sanctions/screening, [{"address"}] → 201
// [{"address","isSanctioned"}]; anonymous, or HTTP Basic auth with the key as user name)
// and wallet screening v2 (POST /public/v2/screening/addresses, Basic auth required,
// [{"address","chain","accountExternalId"}] → 201 per address "addressRiskIndicators"
// (category, categoryRiskScoreLevel, riskType) and "entities") as PROVIDERS.md documents,
// refuses a wrong key (401) and a bad body (400), and has the failure switches of
// sourcetest.Faults (FailNext, RateLimitNext, MalformedNext, Hang, Requests).
package trmtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/screening/source/sourcetest"
	"github.com/kycgate/kycgate/screening/trm"
)

// MaxBatch is the most addresses the fake accepts in one call (400 beyond).
const MaxBatch = trm.MaxBatch

// Fake is a fake TRM Labs API.
type Fake struct {
	sourcetest.Faults
	// URL is the fake's origin, for KYCGATE_TRM_URL; APIKey the only key it accepts.
	URL, APIKey string

	mu         sync.Mutex
	sanctioned map[common.Address]bool
	indicators map[common.Address][]trm.RiskIndicator
	batches    []int
}

// New starts a fake TRM API, closed when the test ends.
func New(t testing.TB) *Fake {
	f := &Fake{APIKey: "fake-trm-key", sanctioned: map[common.Address]bool{},
		indicators: map[common.Address][]trm.RiskIndicator{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	f.URL = srv.URL
	t.Cleanup(srv.Close)
	t.Cleanup(f.Close) // runs first: releases hanging requests
	return f
}

// Env returns the variables pointing the trm source at the fake in mode (sanctions
// without the key; risk with it).
func (f *Fake) Env(mode string) map[string]string {
	env := map[string]string{"KYCGATE_TRM_URL": f.URL, "KYCGATE_TRM_MODE": mode}
	if mode == trm.ModeRisk {
		env["KYCGATE_TRM_API_KEY"] = f.APIKey
	}
	return env
}

// Sanction makes addr sanctioned: isSanctioned in the sanctions check, and in wallet
// screening a "Sanctions" OWNERSHIP indicator of level 15 and a "Sanctions" entity.
func (f *Fake) Sanction(addr common.Address) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sanctioned[addr] = true
	lvl := 15
	f.indicators[addr] = append(f.indicators[addr], trm.RiskIndicator{Category: "Sanctions", CategoryRiskScoreLevel: &lvl, RiskType: "OWNERSHIP"})
}

// SetRisk adds a COUNTERPARTY indicator of category at level (0, 1, 5, 10, 15) to addr
// in wallet screening (the sanctions check does not see it).
func (f *Fake) SetRisk(addr common.Address, level int, category string) {
	f.AddIndicator(addr, trm.RiskIndicator{Category: category, CategoryRiskScoreLevel: &level, RiskType: "COUNTERPARTY"})
}

// AddIndicator adds ind to addr's addressRiskIndicators.
func (f *Fake) AddIndicator(addr common.Address, ind trm.RiskIndicator) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.indicators[addr] = append(f.indicators[addr], ind)
}

// Batches lists the number of addresses of each accepted call, in order.
func (f *Fake) Batches() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.batches...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"code": status, "message": msg})
}

// authorized checks Basic auth (the key as user name; the password is not checked, as
// integrations differ on it). Without credentials it reports whether anonymous is allowed.
func (f *Fake) authorized(r *http.Request, anonymous bool) bool {
	user, _, ok := r.BasicAuth()
	if !ok {
		return anonymous && r.Header.Get("Authorization") == ""
	}
	return user == f.APIKey
}

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	if f.Serve(w, r) {
		return
	}
	risk := r.URL.Path == "/public/v2/screening/addresses"
	switch {
	case r.Method != http.MethodPost || (!risk && r.URL.Path != "/public/v1/sanctions/screening"):
		fail(w, http.StatusNotFound, "Not Found")
		return
	case !f.authorized(r, !risk):
		fail(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	var body []trm.RiskRequest
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(raw, &body) != nil || len(body) == 0 || len(body) > MaxBatch {
		fail(w, http.StatusBadRequest, "the body must be a JSON array of 1 to 1000 objects")
		return
	}
	for _, b := range body {
		if b.Address == "" || (risk && b.Chain == "") {
			fail(w, http.StatusBadRequest, "every object needs an address (and a chain)")
			return
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.batches = append(f.batches, len(body))
	out := make([]map[string]any, len(body))
	for i, b := range body {
		a := common.HexToAddress(b.Address)
		known := common.IsHexAddress(b.Address)
		if !risk {
			out[i] = map[string]any{"address": b.Address, "isSanctioned": known && f.sanctioned[a]}
			continue
		}
		inds, entities := []trm.RiskIndicator{}, []trm.Entity{}
		if known {
			inds = append(inds, f.indicators[a]...)
			if f.sanctioned[a] {
				entities = append(entities, trm.Entity{Category: "Sanctions", Entity: "OFAC SDN (fake)"})
			}
		}
		out[i] = map[string]any{
			"address": b.Address, "chain": b.Chain, "accountExternalId": b.AccountExternalID,
			"addressRiskIndicators": inds, "entities": entities,
			"trmAppUrl": "https://app.trmlabs.com/address/" + strings.ToLower(b.Address) + "/" + b.Chain,
		}
	}
	writeJSON(w, http.StatusCreated, out)
}
