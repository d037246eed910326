package eas_test

import (
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

func requireReason(t *testing.T, want eas.Reason, pkg *eas.Package, trust eas.Trust, msgAndArgs ...any) {
	t.Helper()
	v, err := eas.Verify(pkg, trust)
	require.Nil(t, v, msgAndArgs...)
	var ve *eas.VerifyError
	require.True(t, errors.As(err, &ve), "error %v is not a *VerifyError", err)
	require.Equal(t, want, ve.Reason, msgAndArgs...)
	require.ErrorIs(t, err, want, msgAndArgs...)
	require.Equal(t, want, eas.ReasonOf(err), msgAndArgs...)
}

func TestVerifyValid(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v, err := eas.Verify(b.pkg, b.trust)
	require.NoError(t, err)
	require.Equal(t, &eas.Verified{
		UID:       b.pkg.UID,
		ChainID:   10,
		Recipient: testRecipient,
		Signer:    b.signer.Address(),
		Schema:    eas.KYCSchemaUID,
		Claims:    testClaims,
		IssuedAt:  time.Unix(testTime, 0).UTC(),
		ExpiresAt: time.Unix(testExpiry, 0).UTC(),
		Revocable: true,
	}, v)

	// A zero Trust.Schema means the KYC schema.
	trust := b.trust
	trust.Schema = common.Hash{}
	_, err = eas.Verify(b.pkg, trust)
	require.NoError(t, err)

	// The JSON and URL forms verify alike.
	js, err := b.pkg.MarshalJSON()
	require.NoError(t, err)
	parsed, err := eas.ParsePackage(js)
	require.NoError(t, err)
	_, err = eas.Verify(parsed, b.trust)
	require.NoError(t, err)
	decoded, err := eas.DecodeURL(eas.EncodeURL("", b.pkg))
	require.NoError(t, err)
	_, err = eas.Verify(decoded, b.trust)
	require.NoError(t, err)
}

// A changed message field breaks the UID; with the UID recomputed, it breaks
// the signature.
func TestVerifyTamperedMessage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for name, change := range messageChanges() {
		if name == "version" {
			continue // a version change is caught first; see TestVerifyVersionAndTypes
		}
		p := clone(b.pkg)
		change(&p.Message)
		requireReason(t, eas.ReasonUIDMismatch, p, b.trust, name)

		p.UID = p.Message.OffchainUID()
		requireReason(t, eas.ReasonSignerMismatch, p, b.trust, name+" with a recomputed UID")
	}
	p := clone(b.pkg)
	p.UID[0] ^= 1
	requireReason(t, eas.ReasonUIDMismatch, p, b.trust, "uid")
}

func TestVerifyDomain(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for name, change := range domainChanges() {
		if name == "chainId" {
			continue
		}
		p := clone(b.pkg)
		change(&p.Domain)
		requireReason(t, eas.ReasonDomainMismatch, p, b.trust, name)

		// Trusting the changed domain shows the signature covers it; the
		// name is never trusted but "EAS Attestation".
		trust := b.trust
		trust.Domains = map[uint64]eas.Domain{10: p.Domain}
		want := eas.ReasonSignerMismatch
		if name == "name" {
			want = eas.ReasonDomainMismatch
		}
		requireReason(t, want, p, trust, name+" trusted")
	}

	wrongChain := clone(b.pkg)
	wrongChain.Domain.ChainID = 8453
	requireReason(t, eas.ReasonUntrustedChain, wrongChain, b.trust, "untrusted chain")

	onlyMainnet := b.trust
	onlyMainnet.Domains = map[uint64]eas.Domain{1: domainMainnet}
	requireReason(t, eas.ReasonUntrustedChain, b.pkg, onlyMainnet, "package for another chain")

	otherTrustedChain := clone(b.pkg)
	otherTrustedChain.Domain = domainMainnet
	requireReason(t, eas.ReasonSignerMismatch, otherTrustedChain, b.trust, "moved to another trusted chain")

	noName := b.trust
	noName.Domains = map[uint64]eas.Domain{10: {Version: "1.0.1", ChainID: 10, VerifyingContract: domainOP.VerifyingContract}}
	p := clone(b.pkg)
	p.Domain.Name = ""
	requireReason(t, eas.ReasonDomainMismatch, p, noName, "the domain name is always EAS Attestation")
}

func TestVerifyVersionAndTypes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	cases := map[string]struct {
		want   eas.Reason
		change func(*eas.Package)
	}{
		"package version 1":  {eas.ReasonVersion, func(p *eas.Package) { p.Version = 1 }},
		"message version 1":  {eas.ReasonVersion, func(p *eas.Package) { p.Message.Version = 1; p.UID = p.Message.OffchainUID() }},
		"legacy primaryType": {eas.ReasonTypes, func(p *eas.Package) { p.PrimaryType = "Attestation" }},
		"no types":           {eas.ReasonTypes, func(p *eas.Package) { p.Types = nil }},
		"extra domain type": {eas.ReasonTypes, func(p *eas.Package) {
			p.Types["EIP712Domain"] = []eas.TypedField{{Name: "name", Type: "string"}}
		}},
		"swapped fields": {eas.ReasonTypes, func(p *eas.Package) {
			f := p.Types["Attest"]
			f[3], f[4] = f[4], f[3]
		}},
		"v1 fields":       {eas.ReasonTypes, func(p *eas.Package) { p.Types["Attest"] = p.Types["Attest"][:8] }},
		"renamed field":   {eas.ReasonTypes, func(p *eas.Package) { p.Types["Attest"][8].Name = "nonce" }},
		"retyped field":   {eas.ReasonTypes, func(p *eas.Package) { p.Types["Attest"][3].Type = "uint256" }},
		"types under Foo": {eas.ReasonTypes, func(p *eas.Package) { p.Types = map[string][]eas.TypedField{"Foo": eas.AttestFields()} }},
	}
	for name, c := range cases {
		p := clone(b.pkg)
		c.change(p)
		requireReason(t, c.want, p, b.trust, name)
	}
	requireReason(t, eas.ReasonMalformed, nil, b.trust, "nil")
}

func TestVerifySignature(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// A valid r for some other digest: recovery works, to some other key.
	otherAtt := b.att
	otherAtt.Time++
	otherPkg, err := eas.Sign(domainOP, otherAtt, b.signer)
	require.NoError(t, err)
	otherSig := otherPkg.Signature
	cases := map[string]struct {
		want   eas.Reason
		change func(*eas.Signature)
	}{
		"v 0":            {eas.ReasonSignatureV, func(s *eas.Signature) { s.V = 0 }},
		"v 1":            {eas.ReasonSignatureV, func(s *eas.Signature) { s.V = 1 }},
		"v 29":           {eas.ReasonSignatureV, func(s *eas.Signature) { s.V = 29 }},
		"r zero":         {eas.ReasonSignatureMalformed, func(s *eas.Signature) { s.R = common.Hash{} }},
		"s zero":         {eas.ReasonSignatureMalformed, func(s *eas.Signature) { s.S = common.Hash{} }},
		"r all ones":     {eas.ReasonSignatureMalformed, func(s *eas.Signature) { s.R = common.MaxHash }},
		"s all ones":     {eas.ReasonSignatureMalformed, func(s *eas.Signature) { s.S = common.MaxHash }},
		"high s":         {eas.ReasonSignatureMalleable, func(s *eas.Signature) { *s = malleate(*s) }},
		"other v":        {eas.ReasonSignerMismatch, func(s *eas.Signature) { s.V = 27 + 28 - s.V }},
		"r of another":   {eas.ReasonSignerMismatch, func(s *eas.Signature) { s.R = otherSig.R }},
		"s changed":      {eas.ReasonSignerMismatch, func(s *eas.Signature) { s.S[31] ^= 1 }},
		"r not on curve": {eas.ReasonSignatureMalformed, func(s *eas.Signature) { s.R = common.Hash{31: 5} }},
	}
	for name, c := range cases {
		p := clone(b.pkg)
		c.change(&p.Signature)
		requireReason(t, c.want, p, b.trust, name)
	}
}

func TestVerifySigner(t *testing.T) {
	t.Parallel()
	b := setup(t)
	other := eas.NewKeySigner(mustKey(t, otherKeyHex))

	claimed := clone(b.pkg)
	claimed.Signer = other.Address()
	requireReason(t, eas.ReasonSignerMismatch, claimed, b.trust, "package names another signer")

	unknown, err := eas.Sign(domainOP, b.att, other)
	require.NoError(t, err)
	requireReason(t, eas.ReasonUntrustedSigner, unknown, b.trust, "unknown signer")

	trust := b.trust
	trust.Signers = []common.Address{other.Address(), b.signer.Address()}
	_, err = eas.Verify(unknown, trust)
	require.NoError(t, err, "a second trusted key verifies (rotation)")
	_, err = eas.Verify(b.pkg, trust)
	require.NoError(t, err)

	trust.Signers = nil
	requireReason(t, eas.ReasonUntrustedSigner, b.pkg, trust, "nobody trusted")
}

func TestVerifySchemaAndData(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := b.att
	a.Schema = eas.SchemaUID(eas.KYCSchema, common.Address{}, false)
	p, err := eas.Sign(domainOP, a, b.signer)
	require.NoError(t, err)
	requireReason(t, eas.ReasonWrongSchema, p, b.trust, "schema")

	trust := b.trust
	trust.Schema = a.Schema
	_, err = eas.Verify(p, trust)
	require.NoError(t, err, "the expected schema is configurable")

	a = b.att
	a.Data = append(a.Data, 0)
	p, err = eas.Sign(domainOP, a, b.signer)
	require.NoError(t, err)
	requireReason(t, eas.ReasonInvalidData, p, b.trust, "data")
}

func TestVerifyClock(t *testing.T) {
	t.Parallel()
	b := setup(t)
	at := func(now int64, skew time.Duration) eas.Trust {
		trust := b.trust
		trust.Now = fixedClock(now)
		trust.ClockSkew = skew
		return trust
	}
	ok := func(trust eas.Trust, msg string) {
		t.Helper()
		_, err := eas.Verify(b.pkg, trust)
		require.NoError(t, err, msg)
	}
	skew := int64(eas.DefaultClockSkew / time.Second)
	ok(at(testTime, 0), "issued now")
	ok(at(testTime-skew, 0), "within the default skew")
	requireReason(t, eas.ReasonFutureTime, b.pkg, at(testTime-skew-1, 0), "beyond the default skew")
	ok(at(testTime-300, 5*time.Minute), "within a configured skew")
	requireReason(t, eas.ReasonFutureTime, b.pkg, at(testTime-1, -1), "no skew")
	requireReason(t, eas.ReasonFutureTime, b.pkg, at(0, 0), "clock at the epoch")

	ok(at(testExpiry-1, 0), "last second")
	requireReason(t, eas.ReasonExpired, b.pkg, at(testExpiry, 0), "expired at expirationTime")
	requireReason(t, eas.ReasonExpired, b.pkg, at(testExpiry+1e6, 0), "long expired")

	a := b.att
	a.ExpirationTime = 0
	p, err := eas.Sign(domainOP, a, b.signer)
	require.NoError(t, err)
	trust := at(1<<40, 0)
	v, err := eas.Verify(p, trust)
	require.NoError(t, err, "0 never expires")
	require.True(t, v.ExpiresAt.IsZero())
}

func TestVerifyErrorText(t *testing.T) {
	t.Parallel()
	b := setup(t)
	trust := b.trust
	trust.Now = fixedClock(testExpiry)
	_, err := eas.Verify(b.pkg, trust)
	require.EqualError(t, err, "eas: expired: expired at 1715552000, now 1715552000")
	require.Equal(t, eas.Reason(""), eas.ReasonOf(nil))
	require.Equal(t, eas.ReasonMalformed, eas.ReasonOf(errors.New("other")))
	require.EqualError(t, &eas.VerifyError{Reason: eas.ReasonRevoked}, "eas: revoked")
}
