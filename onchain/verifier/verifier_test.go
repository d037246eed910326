package verifier_test

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/verifier"
)

var adult = eas.KYCClaims{Level: 2, Country: "DE", Over18: true, WalletRisk: 1}

func TestAcceptsGatewayAttestation(t *testing.T) {
	t.Parallel()
	c := newTestChain(t)
	ctx := context.Background()
	alice := testKey("alice")
	pkg := c.sign(t, c.attestation(t, addr(alice), adult), nil)
	kyc := c.calldata(t, pkg)
	require.Len(t, kyc, verifier.CalldataLen)

	// Offchain (eth_call) on the verifier, and the same on the consumer, its own registry.
	got, err := c.verifier.Verify(ctx, kyc, addr(alice))
	require.NoError(t, err)
	require.Equal(t, adult, got)
	got, err = verifier.NewContract(c.mint, c.backend).Verify(ctx, kyc, addr(alice))
	require.NoError(t, err)
	require.Equal(t, adult, got)

	// The contract's digest is Go's: the revocation key the gateway computes.
	d, err := c.verifier.Digest(ctx, kyc)
	require.NoError(t, err)
	require.Equal(t, verifier.Digest(pkg), d)

	// Onchain, through the modifier.
	m := contracts.NewExampleGatedMint()
	r, err := c.send(t, alice, c.mint, m.PackMint(kyc))
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, r.Status)
	r, err = c.send(t, alice, c.mint, m.PackMintRestricted(kyc))
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, r.Status)
	require.Equal(t, int64(2), c.balance(t, addr(alice)).Int64())
}

func TestAcceptsNoExpiry(t *testing.T) {
	t.Parallel()
	c := newTestChain(t)
	alice := testKey("alice")
	att := c.attestation(t, addr(alice), adult)
	att.ExpirationTime = 0
	_, err := c.verifier.Verify(context.Background(), c.calldata(t, c.sign(t, att, nil)), addr(alice))
	require.NoError(t, err, "EAS semantics: expirationTime 0 never expires")
}

func TestRejects(t *testing.T) {
	t.Parallel()
	c := newTestChain(t)
	ctx := context.Background()
	alice, bob := testKey("alice"), testKey("bob")
	now := c.now(t)

	// Attestations to revoke and to lose their signer before the cases run.
	revoked := c.sign(t, c.attestation(t, addr(alice), adult), nil)
	_, err := c.verifier.Revoke(opts(c.revoker), verifier.Digest(revoked))
	require.NoError(t, err)
	oldKey := testKey("retired signer")
	_, err = c.verifier.AddSigner(opts(c.owner), addr(oldKey))
	require.NoError(t, err)
	retiredAtt := c.attestation(t, addr(alice), adult)
	retiredAtt.Salt = common.Hash{1}
	retired := c.sign(t, retiredAtt, oldKey)
	_, err = c.verifier.Verify(ctx, c.calldata(t, retired), addr(alice))
	require.NoError(t, err, "valid while its signer is in the set")
	_, err = c.verifier.RemoveSigner(opts(c.owner), addr(oldKey))
	require.NoError(t, err)

	edit := func(f func(*eas.Attestation)) []byte {
		att := c.attestation(t, addr(alice), adult)
		f(&att)
		return c.calldata(t, c.sign(t, att, nil))
	}
	valid := c.sign(t, c.attestation(t, addr(alice), adult), nil)
	highS := *valid
	s := new(big.Int).SetBytes(valid.Signature.S[:])
	highS.Signature.S = common.BigToHash(new(big.Int).Sub(crypto.S256().Params().N, s))
	highS.Signature.V ^= 27 ^ 28
	badV := c.calldata(t, valid)
	badV[64] = 29
	tampered := c.calldata(t, valid)
	tampered[198+31] = 9 // level 2 → 9 after signing
	truncAtt := c.attestation(t, addr(alice), adult)
	truncAtt.Data = truncAtt.Data[:96]
	truncPkg := c.sign(t, truncAtt, nil)
	_, err = verifier.Calldata(truncPkg)
	require.ErrorIs(t, err, verifier.ErrCalldata, "the Go helper refuses data that is not 128 bytes")
	trunc := verifier.PackUnchecked(truncPkg)
	nonCanonical := edit(func(a *eas.Attestation) { a.Data = append([]byte(nil), a.Data...); a.Data[64+30] = 1 }) // over18 = 0x0101

	cases := []struct {
		name    string
		kyc     []byte
		account common.Address
		reason  string
	}{
		{"expired", edit(func(a *eas.Attestation) { a.Time, a.ExpirationTime = now-7200, now-1 }), addr(alice), "Expired"},
		{"expires now", edit(func(a *eas.Attestation) { a.ExpirationTime = now }), addr(alice), "Expired"},
		{"not yet valid", edit(func(a *eas.Attestation) { a.Time = now + 3600 }), addr(alice), "NotYetValid"},
		{"wrong chain", c.calldata(t, c.sign(t, c.attestation(t, addr(alice), adult), nil, eas.NewDomain(1, easAddress, easVersion))), addr(alice), "UntrustedSigner"},
		{"other EAS address", c.calldata(t, c.sign(t, c.attestation(t, addr(alice), adult), nil, eas.NewDomain(chainID, common.HexToAddress("0x42"), easVersion))), addr(alice), "UntrustedSigner"},
		{"other EAS version", c.calldata(t, c.sign(t, c.attestation(t, addr(alice), adult), nil, eas.NewDomain(chainID, easAddress, "0.26"))), addr(alice), "UntrustedSigner"},
		{"wrong recipient (replay by another wallet)", c.calldata(t, valid), addr(bob), "WrongRecipient"},
		{"unknown signer", c.calldata(t, c.sign(t, c.attestation(t, addr(alice), adult), testKey("mallory"))), addr(alice), "UntrustedSigner"},
		{"removed signer", c.calldata(t, retired), addr(alice), "UntrustedSigner"},
		{"wrong schema", edit(func(a *eas.Attestation) { a.Schema = eas.SchemaUID("uint8 kycLevel", common.Address{}, true) }), addr(alice), "WrongSchema"},
		{"revoked", c.calldata(t, revoked), addr(alice), "AttestationRevoked"},
		{"malleated signature (high s)", verifier.PackUnchecked(&highS), addr(alice), "MalleableSignature"},
		{"signature v 29", badV, addr(alice), "InvalidSignatureV"},
		{"data changed after signing", tampered, addr(alice), "UntrustedSigner"},
		{"truncated data", trunc, addr(alice), "InvalidData"},
		{"non-canonical data", nonCanonical, addr(alice), "InvalidData"},
		{"short header", c.calldata(t, valid)[:100], addr(alice), "MalformedAttestation"},
		{"empty", nil, addr(alice), "MalformedAttestation"},
	}
	m := contracts.NewExampleGatedMint()
	for _, tc := range cases {
		_, err := c.verifier.Verify(ctx, tc.kyc, tc.account)
		require.Error(t, err, tc.name)
		require.Equal(t, tc.reason, verifier.ReasonOf(err), "%s: %v", tc.name, err)
	}
	// The same refusals through the modifier, sent by the account checked. The consumer is
	// its own registry: mirror the revocation and the signer's removal there first.
	mint := verifier.NewContract(c.mint, c.backend)
	_, err = mint.Revoke(opts(c.revoker), verifier.Digest(revoked))
	require.NoError(t, err)
	_, err = mint.AddSigner(opts(c.owner), addr(oldKey))
	require.NoError(t, err)
	_, err = mint.RemoveSigner(opts(c.owner), addr(oldKey))
	require.NoError(t, err)
	for _, tc := range cases {
		sender := alice
		if tc.account == addr(bob) {
			sender = bob
		}
		_, err := c.send(t, sender, c.mint, m.PackMint(tc.kyc))
		require.Error(t, err, tc.name)
		require.Equal(t, tc.reason, verifier.ReasonOf(err), "%s via mint: %v", tc.name, err)
	}
	require.Zero(t, c.balance(t, addr(alice)).Int64())
	require.Zero(t, c.balance(t, addr(bob)).Int64())
}

func TestPolicy(t *testing.T) {
	t.Parallel()
	c := newTestChain(t)
	alice := testKey("alice")
	m := contracts.NewExampleGatedMint()
	cases := []struct {
		name   string
		claims eas.KYCClaims
		reason string // "" for accepted
	}{
		{"meets the policy", adult, ""},
		{"level too low", eas.KYCClaims{Level: 1, Country: "DE", Over18: true}, "KYCLevelTooLow"},
		{"minor", eas.KYCClaims{Level: 2, Country: "DE", Over18: false}, "KYCNotOver18"},
		{"blocked country", eas.KYCClaims{Level: 3, Country: "KP", Over18: true}, "KYCCountryBlocked"},
		{"other blocked country", eas.KYCClaims{Level: 3, Country: "IR", Over18: true}, "KYCCountryBlocked"},
		{"undisclosed country", eas.KYCClaims{Level: 3, Over18: true}, "KYCCountryBlocked"},
		{"wallet risk too high", eas.KYCClaims{Level: 3, Country: "FR", Over18: true, WalletRisk: 4}, "KYCWalletRiskTooHigh"},
		{"highest accepted risk", eas.KYCClaims{Level: 3, Country: "FR", Over18: true, WalletRisk: 3}, ""},
	}
	for i, tc := range cases {
		att := c.attestation(t, addr(alice), tc.claims)
		att.Salt = common.BigToHash(big.NewInt(int64(i + 1)))
		kyc := c.calldata(t, c.sign(t, att, nil))
		_, err := c.send(t, alice, c.mint, m.PackMintRestricted(kyc))
		if tc.reason == "" {
			require.NoError(t, err, tc.name)
			continue
		}
		require.Error(t, err, tc.name)
		require.Equal(t, tc.reason, verifier.ReasonOf(err), "%s: %v", tc.name, err)
	}

	// onlyKYC(kyc, 1) refuses level 0 and lets level 1 through.
	att := c.attestation(t, addr(alice), eas.KYCClaims{Level: 0})
	_, err := c.send(t, alice, c.mint, m.PackMint(c.calldata(t, c.sign(t, att, nil))))
	require.Equal(t, "KYCLevelTooLow", verifier.ReasonOf(err), "%v", err)
	att = c.attestation(t, addr(alice), eas.KYCClaims{Level: 1})
	_, err = c.send(t, alice, c.mint, m.PackMint(c.calldata(t, c.sign(t, att, nil))))
	require.NoError(t, err)
}

func TestAdministration(t *testing.T) {
	t.Parallel()
	c := newTestChain(t)
	ctx := context.Background()
	mallory := testKey("mallory")
	v := c.verifier

	_, err := v.AddSigner(opts(mallory), addr(mallory))
	require.Equal(t, "NotOwner", verifier.ReasonOf(err), "a non-owner cannot add signers: %v", err)
	_, err = v.RemoveSigner(opts(mallory), addr(c.signer))
	require.Equal(t, "NotOwner", verifier.ReasonOf(err), "%v", err)
	_, err = v.Revoke(opts(mallory), common.Hash{7})
	require.Equal(t, "NotRevoker", verifier.ReasonOf(err), "a non-revoker cannot revoke: %v", err)
	_, err = v.Revoke(opts(c.owner), common.Hash{7})
	require.Equal(t, "NotRevoker", verifier.ReasonOf(err), "the owner is not a revoker unless added: %v", err)
	_, err = v.AddSigner(opts(c.owner), common.Address{})
	require.Equal(t, "ZeroAddress", verifier.ReasonOf(err), "%v", err)

	ok, err := v.IsSigner(ctx, addr(c.signer))
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = v.IsRevoker(ctx, addr(c.revoker))
	require.NoError(t, err)
	require.True(t, ok)

	// Revocation: an event the first time, nothing the second, revoked either way.
	digest := common.Hash{7}
	tx, err := v.Revoke(opts(c.revoker), digest)
	require.NoError(t, err)
	r := c.receipt(t, tx)
	require.Len(t, r.Logs, 1)
	ev, err := contracts.NewKYCVerifier().UnpackRevokedEvent(r.Logs[0])
	require.NoError(t, err)
	require.Equal(t, [32]byte(digest), ev.Digest)
	require.Equal(t, addr(c.revoker), ev.Revoker)
	tx, err = v.Revoke(opts(c.revoker), digest)
	require.NoError(t, err)
	r = c.receipt(t, tx)
	require.Equal(t, types.ReceiptStatusSuccessful, r.Status)
	require.Empty(t, r.Logs, "revoking again is a no-op")
	ok, err = v.IsRevoked(ctx, digest)
	require.NoError(t, err)
	require.True(t, ok)

	// Rotation: one transaction, two events; the new key's attestations verify, the old ones no longer.
	alice := testKey("alice")
	old := c.calldata(t, c.sign(t, c.attestation(t, addr(alice), adult), nil))
	next := testKey("next signer")
	tx, err = v.RotateSigner(opts(c.owner), addr(c.signer), addr(next))
	require.NoError(t, err)
	r = c.receipt(t, tx)
	require.Len(t, r.Logs, 2)
	removed, err := contracts.NewKYCVerifier().UnpackSignerRemovedEvent(r.Logs[0])
	require.NoError(t, err)
	require.Equal(t, addr(c.signer), removed.Signer)
	added, err := contracts.NewKYCVerifier().UnpackSignerAddedEvent(r.Logs[1])
	require.NoError(t, err)
	require.Equal(t, addr(next), added.Signer)
	_, err = v.Verify(ctx, old, addr(alice))
	require.Equal(t, "UntrustedSigner", verifier.ReasonOf(err))
	_, err = v.Verify(ctx, c.calldata(t, c.sign(t, c.attestation(t, addr(alice), adult), next)), addr(alice))
	require.NoError(t, err)
}

func TestCalldataLayout(t *testing.T) {
	t.Parallel()
	data, err := adult.Encode()
	require.NoError(t, err)
	att := eas.Attestation{
		Version: eas.Version2, Schema: eas.KYCSchemaUID, Recipient: common.HexToAddress("0x00000000000000000000000000000000000000aa"),
		Time: 0x0102030405060708, ExpirationTime: 0x1112131415161718, Revocable: true,
		RefUID: common.Hash{0xee}, Data: data, Salt: common.Hash{0x55},
	}
	pkg, err := eas.Sign(eas.NewDomain(chainID, easAddress, easVersion), att, eas.NewKeySigner(testKey("gateway signer")))
	require.NoError(t, err)
	kyc, err := verifier.Calldata(pkg)
	require.NoError(t, err)
	require.Len(t, kyc, 326)
	require.Equal(t, pkg.Signature.R[:], kyc[0:32])
	require.Equal(t, pkg.Signature.S[:], kyc[32:64])
	require.Equal(t, pkg.Signature.V, kyc[64])
	require.Equal(t, eas.KYCSchemaUID[:], kyc[65:97])
	require.Equal(t, att.Recipient[:], kyc[97:117])
	require.Equal(t, common.FromHex("0x0102030405060708"), kyc[117:125])
	require.Equal(t, common.FromHex("0x1112131415161718"), kyc[125:133])
	require.Equal(t, byte(1), kyc[133])
	require.Equal(t, att.RefUID[:], kyc[134:166])
	require.Equal(t, att.Salt[:], kyc[166:198])
	require.Equal(t, data, kyc[198:])

	var word [32]byte
	word[31], word[30], word[29], word[28], word[27] = 2, 'E', 'D', 1, 1
	require.Equal(t, adult, verifier.UnpackClaims(word))

	_, err = verifier.Calldata(nil)
	require.ErrorIs(t, err, verifier.ErrCalldata)
	v1 := *pkg
	v1.Message.Version = 1
	_, err = verifier.Calldata(&v1)
	require.ErrorIs(t, err, verifier.ErrCalldata)
	v0 := *pkg
	v0.Signature.V = 0
	_, err = verifier.Calldata(&v0)
	require.ErrorIs(t, err, verifier.ErrCalldata)
}
