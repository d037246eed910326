package compilot_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/compilot"
	"github.com/kycgate/kycgate/storage"
)

func TestFetchApprovalCarriesClaims(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.verification()
	s, err := b.p.Start(t.Context(), v)
	require.NoError(t, err)
	v.ProviderRef = s.Ref

	res, err := b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, storage.StatusCreated, res.Status, "nothing submitted yet: no change")

	b.fake.SetCustomer(t, v.ID, compilot.StatusActive, &compilot.CustomerClaims{Nationality: "deu", DateOfBirth: "1990-01-02"})
	res, err = b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, storage.StatusApproved, res.Status)
	require.Equal(t, 1, res.Level)
	require.Equal(t, "DE", res.Claims.Country, "alpha-3 as alpha-2")
	require.Equal(t, time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), res.Claims.DateOfBirth)

	b.fake.SetCustomer(t, v.ID, compilot.StatusActive, &compilot.CustomerClaims{Country: "FR", DateOfBirth: "1990-01-02"})
	res, err = b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, "FR", res.Claims.Country, "alpha-2 kept")

	b.fake.SetCustomer(t, v.ID, compilot.StatusActive, &compilot.CustomerClaims{Country: "XXX", DateOfBirth: "1990-01-02"})
	res, err = b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, storage.StatusInReview, res.Status, "an unknown country is no claim")
	require.Nil(t, res.Claims)
}

func TestFetchLaterFindingsOnAnApproval(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for status, want := range map[string]storage.VerificationStatus{
		compilot.StatusTerminated: storage.StatusRevoked,
		compilot.StatusDormant:    storage.StatusApproved,
		compilot.StatusActive:     storage.StatusApproved,
		compilot.StatusRejected:   storage.StatusRejected, // the lifecycle turns it into revoked
		"deleted":                 storage.StatusRevoked,
	} {
		v := b.verification()
		s, err := b.p.Start(t.Context(), v)
		require.NoError(t, err)
		v.ProviderRef, v.Status = s.Ref, storage.StatusApproved
		b.fake.SetCustomer(t, v.ID, compilot.StatusActive, person)
		if status == "deleted" {
			b.fake.Delete(t, v.ID)
		} else {
			b.fake.SetCustomer(t, v.ID, status, nil)
		}
		res, err := b.p.Fetch(t.Context(), v)
		require.NoError(t, err, status)
		require.Equal(t, want, res.Status, status)
	}
}

func TestFetchUnknownStatusIsNotGuessed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.verification()
	s, err := b.p.Start(t.Context(), v)
	require.NoError(t, err)
	v.ProviderRef = s.Ref
	b.fake.SetCustomer(t, v.ID, "Frozen", person)
	_, err = b.p.Fetch(t.Context(), v)
	require.Equal(t, "compilot_unmapped", fault.Code(err))
}
