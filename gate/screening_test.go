package gate_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/storage"
)

func TestDecideWithWalletScreening(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	approved := storage.Subject{ApprovedLevel: 1, Country: "DE"}
	five := 5
	at := day.Add(-time.Hour)
	st := func(outcome string, mod func(*gate.ScreeningState)) gate.KYCState {
		s := &gate.ScreeningState{Outcome: outcome, Sources: []string{"ofac"}, CheckedAt: at}
		if mod != nil {
			mod(s)
		}
		return gate.KYCState{Screening: s}
	}
	for _, c := range []struct {
		name    string
		sub     storage.Subject
		kyc     gate.KYCState
		rules   gate.Rules
		want    string
		reasons []string
		outcome string
	}{
		{"clear", approved, st("clear", nil), gate.Rules{MinLevel: 1}, gate.DecisionAllow, []string{}, "clear"},
		{"sanctioned", approved, st("sanctioned", nil), gate.Rules{MinLevel: 1}, gate.DecisionDeny,
			[]string{gate.ReasonWalletSanctioned}, "sanctioned"},
		{"sanctioned and blocked", storage.Subject{Blocked: true}, st("sanctioned", nil), gate.Rules{MinLevel: 1}, gate.DecisionDeny,
			[]string{gate.ReasonBlocked, gate.ReasonWalletSanctioned}, "sanctioned"},
		{"pending, review", approved, st("review", func(s *gate.ScreeningState) { s.Pending = true }), gate.Rules{MinLevel: 1},
			gate.DecisionReview, []string{gate.ReasonScreeningPending}, "pending"},
		{"pending, deny", approved, st("deny", func(s *gate.ScreeningState) { s.Pending = true }), gate.Rules{MinLevel: 1},
			gate.DecisionDeny, []string{gate.ReasonScreeningPending}, "pending"},
		{"held", approved, st("review", func(s *gate.ScreeningState) { s.Held, s.Risk = true, 10 }), gate.Rules{MinLevel: 1},
			gate.DecisionReview, []string{gate.ReasonScreeningReview}, "review"},
		{"riskier than the rule", approved, st("clear", func(s *gate.ScreeningState) { s.Risk = 10 }),
			gate.Rules{MinLevel: 1, MaxWalletRisk: &five}, gate.DecisionDeny, []string{gate.ReasonWalletRiskTooHigh}, "clear"},
		{"at the rule", approved, st("clear", func(s *gate.ScreeningState) { s.Risk = 5 }),
			gate.Rules{MinLevel: 1, MaxWalletRisk: &five}, gate.DecisionAllow, []string{}, "clear"},
	} {
		d := gate.Decide(c.sub, c.kyc, c.rules, day)
		require.Equal(t, c.want, d.Decision, c.name)
		require.Equal(t, c.reasons, d.Reasons, c.name)
		require.NotNil(t, d.Screening, c.name)
		require.Equal(t, c.outcome, d.Screening.Outcome, c.name)
		require.Equal(t, []string{"ofac"}, d.Screening.Sources, c.name)
		require.True(t, d.Screening.CheckedAt.Equal(at), c.name)
	}
	// Not approved: no screening in the answer; screening off: none either.
	require.Nil(t, gate.Decide(storage.Subject{}, st("clear", nil), gate.Rules{MinLevel: 1}, day).Screening)
	require.Nil(t, gate.Decide(approved, gate.KYCState{}, gate.Rules{MinLevel: 1}, day).Screening)
	// The answer names no risk level or match.
	raw, err := json.Marshal(gate.Decide(approved, st("clear", func(s *gate.ScreeningState) { s.Risk = 10 }), gate.Rules{MinLevel: 1}, day))
	require.NoError(t, err)
	require.JSONEq(t, `{"decision":"allow","reasons":[],"level":1,
		"screening":{"outcome":"clear","sources":["ofac"],"checkedAt":"2026-11-28T23:00:00Z"}}`, string(raw))
}

func TestMaxWalletRiskIsOnTRMsScale(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{`{"maxWalletRisk":-1}`, `{"maxWalletRisk":16}`} {
		_, err := gate.ParseRules(raw)
		require.Error(t, err, raw)
	}
	r, err := gate.ParseRules(`{"maxWalletRisk":0}`)
	require.NoError(t, err)
	require.Equal(t, 0, *r.MaxWalletRisk, "0 allows only wallets with no risk at all")
	r, err = gate.ParseRules(`{"minLevel":2}`)
	require.NoError(t, err)
	require.Nil(t, r.MaxWalletRisk, "unset: no risk rule")
}
