package gate_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/storage"
)

func TestDecideCombinesKYCStateAndRules(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	adult := gate.KYCState{BirthDate: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), HasBirthDate: true}
	teen := gate.KYCState{BirthDate: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), HasBirthDate: true}
	approved := storage.Subject{ApprovedLevel: 2, Country: "DE"}
	for _, c := range []struct {
		name    string
		sub     storage.Subject
		kyc     gate.KYCState
		rules   gate.Rules
		want    string
		reasons []string
	}{
		{"never verified", storage.Subject{}, gate.KYCState{}, gate.Rules{MinLevel: 1}, gate.DecisionDeny, []string{gate.ReasonKYCRequired}},
		{"pending", storage.Subject{}, gate.KYCState{Pending: true}, gate.Rules{MinLevel: 1}, gate.DecisionReview, []string{gate.ReasonKYCPending}},
		{"rejected", storage.Subject{}, gate.KYCState{Rejected: true}, gate.Rules{MinLevel: 1}, gate.DecisionDeny, []string{gate.ReasonKYCRejected}},
		{"blocked", storage.Subject{Blocked: true, ApprovedLevel: 3}, adult, gate.Rules{MinLevel: 1}, gate.DecisionDeny, []string{gate.ReasonBlocked}},
		{"allowed", approved, adult, gate.Rules{MinLevel: 2, MinAge: 18, BlockedCountries: []string{"US"}}, gate.DecisionAllow, []string{}},
		{"level", approved, adult, gate.Rules{MinLevel: 3}, gate.DecisionDeny, []string{gate.ReasonLevelTooLow}},
		{"country", approved, adult, gate.Rules{MinLevel: 1, BlockedCountries: []string{"DE"}}, gate.DecisionDeny, []string{gate.ReasonCountryBlocked}},
		{"under age", approved, teen, gate.Rules{MinLevel: 1, MinAge: 18}, gate.DecisionDeny, []string{gate.ReasonUnderMinAge}},
		{"age unknown", approved, gate.KYCState{}, gate.Rules{MinLevel: 1, MinAge: 16}, gate.DecisionReview, []string{gate.ReasonAgeUnknown}},
	} {
		d := gate.Decide(c.sub, c.kyc, c.rules, day)
		require.Equal(t, c.want, d.Decision, c.name)
		require.Equal(t, c.reasons, d.Reasons, c.name)
		require.Equal(t, c.sub.ApprovedLevel, d.Level, c.name)
	}
}

func TestAgeCountsWholeYearsOnTheCalendarDate(t *testing.T) {
	t.Parallel()
	dob := time.Date(2008, 3, 1, 0, 0, 0, 0, time.UTC)
	require.Equal(t, 17, gate.Age(dob, time.Date(2026, 2, 28, 23, 0, 0, 0, time.UTC)))
	require.Equal(t, 18, gate.Age(dob, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)))
}
