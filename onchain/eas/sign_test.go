package eas_test

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

// fakeSigner is a remote signer double that returns what it is told to.
type fakeSigner struct {
	addr common.Address
	sign func(common.Hash) ([]byte, error)
}

func (f fakeSigner) Address() common.Address                  { return f.addr }
func (f fakeSigner) SignDigest(d common.Hash) ([]byte, error) { return f.sign(d) }

func TestSignNormalizesRemoteSignatures(t *testing.T) {
	t.Parallel()
	b := setup(t)
	want := b.pkg.Signature
	for name, mangle := range map[string]func([]byte) []byte{
		"v as 0/1 (go-ethereum)": func(s []byte) []byte { return s },
		"v as 27/28":             func(s []byte) []byte { s[64] += 27; return s },
		"high s (some KMSes)": func(s []byte) []byte {
			m := malleate(eas.Signature{R: common.BytesToHash(s[:32]), S: common.BytesToHash(s[32:64]), V: s[64] + 27})
			return m.Bytes()
		},
	} {
		signer := fakeSigner{addr: b.signer.Address(), sign: func(d common.Hash) ([]byte, error) {
			s, err := b.signer.SignDigest(d)
			return mangle(s), err
		}}
		p, err := eas.Sign(domainOP, b.att, signer)
		require.NoError(t, err, name)
		require.Equal(t, want, p.Signature, name)
		_, err = eas.Verify(p, b.trust)
		require.NoError(t, err, name)
	}
}

func TestSignRejects(t *testing.T) {
	t.Parallel()
	b := setup(t)
	other := eas.NewKeySigner(mustKey(t, otherKeyHex))
	boom := errors.New("kms down")
	cases := map[string]struct {
		d      eas.Domain
		a      func(eas.Attestation) eas.Attestation
		signer eas.Signer
	}{
		"domain without name": {eas.Domain{ChainID: 10}, nil, b.signer},
		"version 1":           {domainOP, func(a eas.Attestation) eas.Attestation { a.Version = 1; return a }, b.signer},
		"unset version":       {domainOP, func(a eas.Attestation) eas.Attestation { a.Version = 0; return a }, b.signer},
		"signer error": {domainOP, nil, fakeSigner{b.signer.Address(), func(common.Hash) ([]byte, error) {
			return nil, boom
		}}},
		"wrong key": {domainOP, nil, fakeSigner{b.signer.Address(), other.SignDigest}},
		"short signature": {domainOP, nil, fakeSigner{b.signer.Address(), func(common.Hash) ([]byte, error) {
			return make([]byte, 64), nil
		}}},
		"bad v": {domainOP, nil, fakeSigner{b.signer.Address(), func(d common.Hash) ([]byte, error) {
			s, err := b.signer.SignDigest(d)
			s[64] = 5
			return s, err
		}}},
		"zero r": {domainOP, nil, fakeSigner{b.signer.Address(), func(d common.Hash) ([]byte, error) {
			s, err := b.signer.SignDigest(d)
			clear(s[:32])
			return s, err
		}}},
	}
	for name, c := range cases {
		a := b.att
		if c.a != nil {
			a = c.a(a)
		}
		p, err := eas.Sign(c.d, a, c.signer)
		require.Nil(t, p, name)
		require.ErrorIs(t, err, eas.ErrSign, name)
	}
	_, err := eas.Sign(domainOP, b.att, cases["signer error"].signer)
	require.ErrorIs(t, err, boom)
}

// The package does not share the caller's data slice.
func TestSignCopiesData(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := testAttestation(t)
	p, err := eas.Sign(domainOP, a, b.signer)
	require.NoError(t, err)
	a.Data[31] = 9
	_, err = eas.Verify(p, b.trust)
	require.NoError(t, err)
}
