package kyc_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkGatingLookup measures GET /v1/tenant/wallets/{address} end to end through the
// gateway's handler (tenant key check, the shared-wallet lookup, the rules and the
// decision) on in-memory SQLite, for an approved wallet under rules that include a
// minimum age (which opens the sealed date of birth).
func BenchmarkGatingLookup(b *testing.B) {
	g := setup(b, nil)
	w, _ := g.approvedWallet(b, 2, g.tenantID)
	g.call(b, http.StatusOK, "PUT", "/v1/tenant/rules", map[string]any{"minLevel": 2, "blockedCountries": []string{"US"}, "minAge": 21},
		nil, g.tenant()...)
	req := httptest.NewRequest(http.MethodGet, "/v1/tenant/wallets/"+w.address.Hex(), nil)
	req.Header.Set("Authorization", "Bearer "+g.tenantKey)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		g.raw.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("gate: %d %s", rec.Code, rec.Body)
		}
	}
}
