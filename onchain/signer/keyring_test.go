package signer_test

import (
	"encoding/json"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/signer"
)

// The key ring signs attestations through its active key.
var _ eas.Signer = (*signer.KeyRing)(nil)

const otherKeyHex = "8a1f9a8f95be41cd7ccb6168179afb4504aefe388d1e14474d32c45c72ce7b7a"

var domainOP = eas.NewDomain(10, common.HexToAddress("0x4200000000000000000000000000000000000021"), "1.0.1")

func mustParse(t *testing.T, h string) *signer.KeyRing {
	t.Helper()
	key, err := signer.ParseKey(h)
	require.NoError(t, err)
	ring, err := signer.NewKeyRing(key)
	require.NoError(t, err)
	return ring
}

func attestation(t *testing.T) eas.Attestation {
	t.Helper()
	data, err := eas.KYCClaims{Level: 1}.Encode()
	require.NoError(t, err)
	return eas.Attestation{Version: eas.Version2, Schema: eas.KYCSchemaUID, Time: 1, Data: data}
}

func trustOf(r *signer.KeyRing) eas.Trust {
	return eas.Trust{Domains: map[uint64]eas.Domain{10: domainOP}, Signers: r.Trusted()}
}

func TestKeyRingSigns(t *testing.T) {
	t.Parallel()
	ring := mustParse(t, testKeyHex)
	require.Equal(t, testAddress, ring.Address().Hex())
	require.Equal(t, signer.KeyID(ring.Address()), ring.KeyID())
	require.Equal(t, []common.Address{ring.Address()}, ring.Trusted())

	pkg, err := eas.Sign(domainOP, attestation(t), ring)
	require.NoError(t, err)
	require.Equal(t, ring.Address(), pkg.Signer)
	v, err := eas.Verify(pkg, trustOf(ring))
	require.NoError(t, err)
	require.Equal(t, ring.Address(), v.Signer)

	sig, err := ring.SignDigest(common.Hash{1})
	require.NoError(t, err)
	pub, err := crypto.SigToPub(common.Hash{1}.Bytes(), sig)
	require.NoError(t, err)
	require.Equal(t, ring.Address(), crypto.PubkeyToAddress(*pub))
}

// Rotation: the old key moves to verify-only, its attestations still verify,
// and only the new key signs.
func TestKeyRingRotation(t *testing.T) {
	t.Parallel()
	old := mustParse(t, testKeyHex)
	oldPkg, err := eas.Sign(domainOP, attestation(t), old)
	require.NoError(t, err)

	newKey, err := signer.ParseKey(otherKeyHex)
	require.NoError(t, err)
	third := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	ring, err := signer.NewKeyRing(newKey, old.Address(), third, old.Address())
	require.NoError(t, err)
	newAddr := crypto.PubkeyToAddress(newKey.PublicKey)
	require.Equal(t, newAddr, ring.Address())
	require.Equal(t, []common.Address{newAddr, old.Address(), third}, ring.Trusted())
	require.Equal(t, []signer.KeyInfo{
		{Address: newAddr, KeyID: signer.KeyID(newAddr), Status: signer.StatusActive},
		{Address: old.Address(), KeyID: signer.KeyID(old.Address()), Status: signer.StatusVerifyOnly},
		{Address: third, KeyID: signer.KeyID(third), Status: signer.StatusVerifyOnly},
	}, ring.Keys())

	_, err = eas.Verify(oldPkg, trustOf(ring))
	require.NoError(t, err, "the old key's attestations still verify")
	newPkg, err := eas.Sign(domainOP, attestation(t), ring)
	require.NoError(t, err)
	require.Equal(t, newAddr, newPkg.Signer)
	_, err = eas.Verify(newPkg, trustOf(ring))
	require.NoError(t, err)
	_, err = eas.Verify(newPkg, trustOf(old))
	require.ErrorIs(t, err, eas.ReasonUntrustedSigner, "the old ring does not know the new key")

	k, ok := ring.Lookup(old.Address())
	require.True(t, ok)
	require.Equal(t, signer.StatusVerifyOnly, k.Status)
	_, ok = ring.Lookup(common.Address{1})
	require.False(t, ok)

	keys := ring.Keys()
	keys[0].Status = signer.StatusVerifyOnly
	require.Equal(t, signer.StatusActive, ring.Keys()[0].Status, "Keys returns a copy")
}

func TestKeyRingActiveListedAsVerifyOnly(t *testing.T) {
	t.Parallel()
	key, err := signer.ParseKey(testKeyHex)
	require.NoError(t, err)
	ring, err := signer.NewKeyRing(key, common.HexToAddress(testAddress))
	require.NoError(t, err)
	require.Len(t, ring.Keys(), 1)
	require.Equal(t, signer.StatusActive, ring.Keys()[0].Status)
}

func TestKeyRingVerifyOnly(t *testing.T) {
	t.Parallel()
	addr := common.HexToAddress(testAddress)
	ring, err := signer.NewKeyRing(nil, addr)
	require.NoError(t, err)
	require.Equal(t, common.Address{}, ring.Address())
	require.Empty(t, ring.KeyID())
	require.Equal(t, []common.Address{addr}, ring.Trusted())
	_, err = ring.SignDigest(common.Hash{})
	require.ErrorIs(t, err, signer.ErrNoActiveKey)
	_, err = eas.Sign(domainOP, attestation(t), ring)
	require.ErrorIs(t, err, signer.ErrNoActiveKey)
}

func TestNewKeyRingRejects(t *testing.T) {
	t.Parallel()
	_, err := signer.NewKeyRing(nil)
	require.Error(t, err, "nothing to trust")
	_, err = signer.NewKeyRing(nil, common.Address{})
	require.Error(t, err, "zero address")
}

func TestKeyInfoJSON(t *testing.T) {
	t.Parallel()
	addr := common.HexToAddress(testAddress)
	b, err := json.Marshal(signer.KeyInfo{Address: addr, KeyID: signer.KeyID(addr)})
	require.NoError(t, err)
	require.JSONEq(t, `{"address":"`+testAddress+`","keyId":"`+signer.KeyID(addr)+`"}`, string(b))
	b, err = json.Marshal(signer.KeyInfo{Address: addr, KeyID: "x", Status: signer.StatusVerifyOnly})
	require.NoError(t, err)
	require.JSONEq(t, `{"address":"`+testAddress+`","keyId":"x","status":"verify-only"}`, string(b))
}

func TestParseAddresses(t *testing.T) {
	t.Parallel()
	got, err := signer.ParseAddresses(" " + testAddress + ", ,0x00000000000000000000000000000000000000aa,")
	require.NoError(t, err)
	require.Equal(t, []common.Address{common.HexToAddress(testAddress), common.HexToAddress("0xaa")}, got)
	got, err = signer.ParseAddresses("")
	require.NoError(t, err)
	require.Empty(t, got)
	for _, bad := range []string{
		"0x71562b71999873DB5b286dF957af199Ec94617F",  // short
		"71562b71999873DB5b286dF957af199Ec94617F7",   // no 0x
		"0x71562B71999873DB5b286dF957af199Ec94617F7", // bad checksum
		testAddress + ";0xaa",
	} {
		_, err := signer.ParseAddresses(bad)
		require.Error(t, err, bad)
	}
}
