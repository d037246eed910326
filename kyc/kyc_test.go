package kyc_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
)

func TestStateMachine(t *testing.T) {
	t.Parallel()
	const (
		created  = storage.StatusCreated
		progress = storage.StatusInProgress
		review   = storage.StatusInReview
		approved = storage.StatusApproved
		rejected = storage.StatusRejected
		resubmit = storage.StatusResubmissionRequested
		expired  = storage.StatusExpired
		revoked  = storage.StatusRevoked
	)
	all := []storage.VerificationStatus{created, progress, review, approved, rejected, resubmit, expired, revoked}
	allowed := map[[2]storage.VerificationStatus]bool{}
	for _, p := range [][2]storage.VerificationStatus{
		{created, progress}, {created, review}, {created, approved}, {created, rejected}, {created, resubmit}, {created, expired},
		{progress, review}, {progress, approved}, {progress, rejected}, {progress, resubmit}, {progress, expired},
		{review, approved}, {review, rejected}, {review, resubmit},
		{resubmit, progress}, {resubmit, review}, {resubmit, approved}, {resubmit, rejected}, {resubmit, expired},
		{approved, revoked},
	} {
		allowed[p] = true
	}
	for _, from := range all {
		require.True(t, kyc.ValidStatus(from))
		for _, to := range all {
			require.Equal(t, allowed[[2]storage.VerificationStatus{from, to}], kyc.CanTransition(from, to), "%s → %s", from, to)
		}
	}
	// Nothing moves back, and the closed states stay closed.
	for _, s := range []storage.VerificationStatus{rejected, expired, revoked} {
		for _, to := range all {
			require.False(t, kyc.CanTransition(s, to), "%s is final", s)
		}
	}
	require.False(t, kyc.CanTransition(review, progress))
	require.False(t, kyc.ValidStatus("done"))
	require.True(t, kyc.IsOpen(resubmit))
	require.False(t, kyc.IsOpen(approved))
}

func TestAge(t *testing.T) {
	t.Parallel()
	dob := time.Date(2008, 2, 29, 0, 0, 0, 0, time.UTC)
	require.Equal(t, 17, gate.Age(dob, time.Date(2026, 2, 28, 23, 0, 0, 0, time.UTC)))
	require.Equal(t, 18, gate.Age(dob, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)))
	require.Equal(t, 18, gate.Age(time.Date(2008, 11, 22, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)))
	require.Equal(t, 17, gate.Age(time.Date(2008, 11, 23, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 22, 23, 59, 0, 0, time.UTC)))
}

func TestParseRules(t *testing.T) {
	t.Parallel()
	r, err := gate.ParseRules("{}")
	require.NoError(t, err)
	require.Equal(t, 1, r.MinLevel, "the default asks for level 1")
	r, err = gate.ParseRules(`{"minLevel":2,"blockedCountries":["us","DE","us"],"minAge":21}`)
	require.NoError(t, err)
	require.Equal(t, []string{"DE", "US"}, r.BlockedCountries)
	_, err = gate.ParseRules(`{"minLevel":7}`)
	require.Error(t, err)
	_, err = gate.ParseRules(`not json`)
	require.Error(t, err)
}

// fakeProvider records how it was opened.
type fakeProvider struct{ cfg *fakeConfig }

func (p *fakeProvider) Start(context.Context, storage.Verification) (kyc.Session, error) {
	return kyc.Session{URL: p.cfg.BaseURL}, nil
}

type fakeConfig struct {
	BaseURL string
}

func (c *fakeConfig) Open(name string, _ kyc.Deps) (kyc.Provider, error) {
	if c.BaseURL == "" {
		return nil, errMissingURL
	}
	return &fakeProvider{cfg: c}, nil
}

var errMissingURL = errors.New("baseURL is required")

func TestRegistryOpen(t *testing.T) {
	t.Parallel()
	reg := kyc.Registry{"fake": func() kyc.Config { return &fakeConfig{} }}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	p, err := reg.Open("fake", env(map[string]string{"KYCGATE_FAKE_BASE_URL": "https://kyc.example"}), kyc.Deps{})
	require.NoError(t, err)
	s, err := p.Start(context.Background(), storage.Verification{})
	require.NoError(t, err)
	require.Equal(t, "https://kyc.example", s.URL)
	_, ok := p.(kyc.Router)
	require.False(t, ok, "capabilities are opt-in")

	_, err = reg.Open("sumsub", env(nil), kyc.Deps{})
	require.ErrorContains(t, err, `unknown provider "sumsub"`)
	_, err = reg.Open("fake", env(map[string]string{"KYCGATE_OTHER_BASE_URL": "u"}), kyc.Deps{})
	require.ErrorIs(t, err, errMissingURL, "Open validates; only the provider's own variables count")
	require.Equal(t, []string{"fake"}, reg.Types())
}
