package kyc_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/gate"
)

// setRules puts a tenant's rules.
func (b testBundle) setRules(t testing.TB, tenantKey string, r map[string]any) {
	t.Helper()
	b.call(t, http.StatusOK, "PUT", "/v1/tenant/rules", r, nil, bearer(tenantKey)...)
}

// share makes the holder share its result with a tenant again (a start that reuses the
// approval): the holder's own action.
func (b testBundle) share(t testing.TB, w wallet, tenantID string) {
	t.Helper()
	var st started
	b.call(t, http.StatusOK, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": tenantID}, &st, w.auth...)
	require.True(t, st.Reused)
}

// lookup is a gating lookup that must succeed; it returns the decision and reasons.
func (b testBundle) lookup(t testing.TB, tenantKey string, w wallet) (string, []any) {
	t.Helper()
	code, gate := b.gate(t, tenantKey, w.address)
	require.Equal(t, http.StatusOK, code, gate)
	reasons, _ := gate["reasons"].([]any)
	return gate["decision"].(string), reasons
}

func TestTenantRulesDecide(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	var rules map[string]any
	b.call(t, http.StatusOK, "GET", "/v1/tenant/rules", nil, &rules, b.tenant()...)
	require.EqualValues(t, 1, rules["minLevel"])

	b.setRules(t, b.tenantKey, map[string]any{"minLevel": 1, "blockedCountries": []string{"us", "IR"}, "minAge": 21})
	w, _ := b.approvedWallet(t, 1, b.tenantID) // born 1990-04-17, DE
	decision, reasons := b.lookup(t, b.tenantKey, w)
	require.Equal(t, "allow", decision)
	require.Empty(t, reasons)
	b.call(t, http.StatusOK, "GET", "/v1/tenant/rules", nil, &rules, b.tenant()...)
	require.Equal(t, []any{"IR", "US"}, rules["blockedCountries"], "stored normalised")

	// A second dApp with stricter rules: the holder shares with it and is denied.
	strictID, strictKey := b.newTenant(t, "Strict dApp")
	b.setRules(t, strictKey, map[string]any{"minLevel": 2, "blockedCountries": []string{"de"}, "minAge": 18})
	b.share(t, w, strictID)
	decision, reasons = b.lookup(t, strictKey, w)
	require.Equal(t, "deny", decision)
	require.Equal(t, []any{"level_too_low", "country_blocked"}, reasons)

	// Its rules change: the wallet is still judged under the rules it was shared under,
	// until its holder shares again.
	b.setRules(t, strictKey, map[string]any{"minLevel": 1})
	decision, _ = b.lookup(t, strictKey, w)
	require.Equal(t, "deny", decision, "a rule change alone does not re-evaluate a shared wallet")
	b.share(t, w, strictID)
	decision, _ = b.lookup(t, strictKey, w)
	require.Equal(t, "deny", decision, "re-sharing at once (which the tenant's page can do) keeps the snapshot")

	// Ages are taken when the rules were (or at the approval, if later), not at each
	// lookup: this holder turns 21 on 2026-12-01 and stays under age for the tenant until
	// it shares again.
	b.setRules(t, b.tenantKey, map[string]any{"minAge": 21})
	young := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, young.auth...)
	born := details("Grace", "Hopper")
	born["dateOfBirth"] = "2005-12-01"
	b.completeFlowWith(t, st.FlowToken, born)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	decision, reasons = b.lookup(t, b.tenantKey, young)
	require.Equal(t, "deny", decision)
	require.Equal(t, []any{"under_minimum_age"}, reasons)
	b.clock.Add(9 * 24 * time.Hour) // 2026-12-01
	decision, _ = b.lookup(t, b.tenantKey, young)
	require.Equal(t, "deny", decision, "looking up again over days does not reveal the birthday")
	young = b.signInAgain(t, young)
	b.share(t, young, b.tenantID)
	decision, _ = b.lookup(t, b.tenantKey, young)
	require.Equal(t, "deny", decision, "a re-share within gate.SnapshotMinAge keeps the snapshot")
	b.clock.Add(gate.SnapshotMinAge)
	young = b.signInAgain(t, young)
	b.share(t, young, b.tenantID)
	decision, _ = b.lookup(t, b.tenantKey, young)
	require.Equal(t, "allow", decision, "a snapshot that old is replaced when the holder shares again")
	w = b.signInAgain(t, w)
	b.share(t, w, strictID)
	decision, _ = b.lookup(t, strictKey, w)
	require.Equal(t, "allow", decision, "the holder shared again after gate.SnapshotMinAge: today's rules apply")

	for _, bad := range []map[string]any{{"minLevel": 9}, {"blockedCountries": []string{"Germany"}}, {"minAge": -1},
		{"minAge": 37}, {"maxRisk": 3}} {
		rec := authtest.Do(t, b.h, "PUT", "/v1/tenant/rules", bad, b.tenant()...)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%v: %s", bad, rec.Body)
	}

	// A pending verification is a review; none at all is a deny.
	pending := b.signIn(t)
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, nil, pending.auth...)
	decision, reasons = b.lookup(t, b.tenantKey, pending)
	require.Equal(t, "review", decision)
	require.Equal(t, []any{"kyc_pending"}, reasons)
}

// TestRulesRefuseUnassignedCountries: blockedCountries takes assigned ISO 3166-1 alpha-2
// codes only, the list the flow checks personal details against.
func TestRulesRefuseUnassignedCountries(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	for _, bad := range [][]string{{"XX"}, {"AA"}, {"DE", "ZZ"}, {"QM"}, {"EU"}, {"UK"}, {"D"}, {"DEU"}, {"1A"}, {""}, {"É"}} {
		b.fail(t, http.StatusBadRequest, "invalid_rules", "PUT", "/v1/tenant/rules", map[string]any{"blockedCountries": bad}, b.tenant()...)
	}
	var rules map[string]any
	b.call(t, http.StatusOK, "GET", "/v1/tenant/rules", nil, &rules, b.tenant()...)
	require.Empty(t, rules["blockedCountries"], "nothing refused was stored")
	b.call(t, http.StatusOK, "PUT", "/v1/tenant/rules", map[string]any{"blockedCountries": []string{"gb", " KP ", "ZW", "AX"}}, &rules, b.tenant()...)
	require.Equal(t, []any{"AX", "GB", "KP", "ZW"}, rules["blockedCountries"])
	for _, c := range gate.Countries() {
		require.True(t, gate.IsCountry(c))
	}
	require.Len(t, gate.Countries(), 249)
	require.False(t, gate.IsCountry("XX"))
	require.False(t, gate.IsCountry("de"))
}

// bisect is a tenant's attempt to learn a holder's country: it blocks half of the
// candidates, looks the wallet up, keeps the half the answer points to, and repeats. It
// returns what it concluded and every decision it saw.
func bisect(t *testing.T, b testBundle, tenantKey string, look func() (string, []any)) ([]string, []string) {
	t.Helper()
	candidates := gate.Countries()
	var seen []string
	for round := 0; len(candidates) > 1 && round < 12; round++ {
		half := candidates[:len(candidates)/2]
		b.setRules(t, tenantKey, map[string]any{"blockedCountries": half})
		decision, reasons := look()
		seen = append(seen, decision)
		if slices.Contains(reasons, any("country_blocked")) {
			candidates = half
		} else {
			candidates = candidates[len(candidates)/2:]
		}
	}
	return candidates, seen
}

// TestRulesBisectionCannotLearnCountry is the outside review's probe: about 8 rule
// changes, each followed by a lookup, used to pin a holder's country down. Every lookup
// must give the same answer, so the probe learns nothing.
func TestRulesBisectionCannotLearnCountry(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w, _ := b.approvedWallet(t, 1, b.tenantID) // DE
	got, seen := bisect(t, b, b.tenantKey, func() (string, []any) { return b.lookup(t, b.tenantKey, w) })
	require.NotEqual(t, []string{"DE"}, got, "the probe found the country")
	require.GreaterOrEqual(t, len(seen), 7)
	for _, d := range seen {
		require.Equal(t, "allow", d, "every lookup answers as under the rules the wallet was shared with")
	}

	// The same through a regular-mode customer: the tenant reads the customer's decision,
	// and starting a verification for it again (which reuses the approval) does not take
	// a new snapshot of the rules either.
	b.setRules(t, b.tenantKey, map[string]any{})
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/tenant/customers/carol/verifications", nil, &st, b.tenant()...)
	b.completeFlow(t, st.FlowToken, "Carol", "Danvers")
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	customer := func() (string, []any) {
		b.call(t, http.StatusOK, "POST", "/v1/tenant/customers/carol/verifications", nil, nil, b.tenant()...)
		var view struct {
			Decision struct {
				Decision string
				Reasons  []any
			}
		}
		b.call(t, http.StatusOK, "GET", "/v1/tenant/customers/carol", nil, &view, b.tenant()...)
		return view.Decision.Decision, view.Decision.Reasons
	}
	got, seen = bisect(t, b, b.tenantKey, customer)
	require.NotEqual(t, []string{"DE"}, got, "the probe found the customer's country")
	for _, d := range seen {
		require.Equal(t, "allow", d)
	}
}

// TestRulesProbeAgeAndLevel: the same kind of probe on the age and the level rules, and
// lookups repeated across a birthday, all answer as the first lookup did.
func TestRulesProbeAgeAndLevel(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	// Shared under the default rules; 20 years old at approval (born 2005-11-30, so
	// turning 21 eight days later).
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID, "level": 2}, &st, w.auth...)
	born := details("Ada", "Lovelace")
	born["dateOfBirth"] = "2005-11-30"
	b.completeFlowWith(t, st.FlowToken, born)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	first, firstReasons := b.lookup(t, b.tenantKey, w)
	require.Equal(t, "allow", first)

	probes := []map[string]any{
		{"minAge": 16}, {"minAge": 18}, {"minAge": 21}, {"minAge": 0},
		{"minLevel": 1}, {"minLevel": 2}, {"minLevel": 3},
		{"minAge": 21, "minLevel": 3, "blockedCountries": []string{"DE"}},
	}
	for _, r := range probes {
		b.setRules(t, b.tenantKey, r)
		decision, reasons := b.lookup(t, b.tenantKey, w)
		require.Equal(t, first, decision, "%v", r)
		require.Equal(t, firstReasons, reasons, "%v", r)
	}
	// The age rule of the snapshot is judged on a fixed day: daily lookups across the
	// holder's 21st birthday do not flip the answer.
	strictID, strictKey := b.newTenant(t, "Over-21 dApp")
	b.setRules(t, strictKey, map[string]any{"minAge": 21})
	b.share(t, w, strictID)
	var answers []string
	for range 10 {
		decision, _ := b.lookup(t, strictKey, w)
		answers = append(answers, decision)
		b.clock.Add(24 * time.Hour)
	}
	for _, a := range answers {
		require.Equal(t, "deny", a, "the birthday must not show: %v", answers)
	}

	// A new approval made for the tenant is the other moment its current rules apply:
	// the rules at the approval count, not those at the start.
	b.setRules(t, b.tenantKey, map[string]any{"blockedCountries": []string{"DE"}})
	w = b.signInAgain(t, w)
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID, "level": 3}, &st, w.auth...)
	b.completeFlowWith(t, st.FlowToken, born)
	b.setRules(t, b.tenantKey, map[string]any{"minLevel": 3})
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	b.setRules(t, b.tenantKey, map[string]any{"blockedCountries": []string{"DE"}})
	decision, reasons := b.lookup(t, b.tenantKey, w)
	require.Equal(t, "allow", decision, "judged under minLevel 3, the rules at the approval")
	require.Empty(t, reasons)
}
