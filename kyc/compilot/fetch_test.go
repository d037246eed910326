package compilot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"

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
	require.Equal(t, storage.StatusApproved, res.Status, "an unknown country leaves the claim unknown")
	require.Empty(t, res.Claims.Country)
	require.Equal(t, time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), res.Claims.DateOfBirth, "the other claim stays")
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

// web3Start opens a Web3-mode verification for a fresh wallet and completes ComPilot's
// verify step with the wallet's signature, as kycgate.js does in the browser.
func (b *testBundle) web3Start(t *testing.T) (storage.Verification, string) {
	t.Helper()
	key := authtest.NewKey(t)
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	v := b.verification()
	v.Mode = kyc.ModeWeb3
	s, err := b.p.StartForWallet(t.Context(), v, kyc.Starter{Address: addr, ChainID: 1})
	require.NoError(t, err)
	v.ProviderRef, v.Data = s.Ref, s.Data
	token := b.fake.VerifyChallenge(t, s.Challenge, addr, "1", authtest.Sign(t, key, s.Challenge))
	require.Equal(t, v.ID, b.fake.TokenCustomer(token))
	return v, addr
}

func TestFetchWeb3ModeChecksTheWallet(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v, addr := b.web3Start(t)
	b.fake.SetCustomer(t, v.ID, compilot.StatusActive, person)
	res, err := b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, storage.StatusApproved, res.Status)

	b.fake.SetWallets(t, v.ID, strings.ToLower(addr))
	res, err = b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, storage.StatusApproved, res.Status, "addresses compare without their checksum case")

	for name, wallets := range map[string][]string{
		"another wallet": {"0x00000000000000000000000000000000000000aa"},
		"no wallet":      nil,
	} {
		b.fake.SetWallets(t, v.ID, wallets...)
		_, err = b.p.Fetch(t.Context(), v)
		require.Equal(t, "compilot_wallet_mismatch", fault.Code(err), name)
		retry, _ := compilot.Retryable(err)
		require.False(t, retry, "%s: a permanent refusal", name)
	}

	v.Data = nil
	b.fake.SetWallets(t, v.ID, addr)
	_, err = b.p.Fetch(t.Context(), v)
	require.Equal(t, "compilot_wallet_unknown", fault.Code(err), "no recorded wallet: refused, not assumed")
}
