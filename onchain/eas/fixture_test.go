package eas_test

import (
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

// Fixed inputs of the known-answer tests and the SDK cross-check.
const (
	testKeyHex  = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291" // 0x71562b71999873DB5b286dF957af199Ec94617F7
	otherKeyHex = "8a1f9a8f95be41cd7ccb6168179afb4504aefe388d1e14474d32c45c72ce7b7a"
	testTime    = 1700000000
	testExpiry  = testTime + 180*24*3600
)

var (
	testRecipient = common.HexToAddress("0x71C7656EC7ab88b098defB751B7401B5f6d8976F")
	testSalt      = common.HexToHash("0x1111111111111111111111111111111111111111111111111111111111111111")
	domainOP      = eas.NewDomain(10, common.HexToAddress("0x4200000000000000000000000000000000000021"), "1.0.1")
	domainMainnet = eas.NewDomain(1, common.HexToAddress("0xA1207F3BBa224E2c9c3c6D5aF63D0eb1582Ce587"), "0.26")
	testClaims    = eas.KYCClaims{Level: 2, Country: "DE", Over18: true, WalletRisk: 1}
)

func mustKey(t testing.TB, h string) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.HexToECDSA(h)
	require.NoError(t, err)
	return k
}

// testBundle is a signed fixture package and the trust that accepts it.
type testBundle struct {
	key    *ecdsa.PrivateKey
	signer *eas.KeySigner
	att    eas.Attestation
	pkg    *eas.Package
	trust  eas.Trust
}

func testAttestation(t testing.TB) eas.Attestation {
	t.Helper()
	data, err := testClaims.Encode()
	require.NoError(t, err)
	return eas.Attestation{
		Version:        eas.Version2,
		Schema:         eas.KYCSchemaUID,
		Recipient:      testRecipient,
		Time:           testTime,
		ExpirationTime: testExpiry,
		Revocable:      true,
		Data:           data,
		Salt:           testSalt,
	}
}

func setup(t testing.TB) *testBundle {
	t.Helper()
	b := &testBundle{key: mustKey(t, testKeyHex)}
	b.signer = eas.NewKeySigner(b.key)
	b.att = testAttestation(t)
	pkg, err := eas.Sign(domainOP, b.att, b.signer)
	require.NoError(t, err)
	b.pkg = pkg
	b.trust = eas.Trust{
		Domains: map[uint64]eas.Domain{1: domainMainnet, 10: domainOP},
		Signers: []common.Address{b.signer.Address()},
		Schema:  eas.KYCSchemaUID,
		Now:     fixedClock(testTime + 100),
	}
	return b
}

func fixedClock(sec int64) func() time.Time {
	return func() time.Time { return time.Unix(sec, 0) }
}

// clone returns a deep copy of p that tests may change.
func clone(p *eas.Package) *eas.Package {
	c := *p
	c.Message.Data = append([]byte(nil), p.Message.Data...)
	c.Types = map[string][]eas.TypedField{}
	for k, v := range p.Types {
		c.Types[k] = append([]eas.TypedField(nil), v...)
	}
	return &c
}

// malleate returns the other valid signature for the same digest and key:
// s' = N - s with v flipped.
func malleate(sig eas.Signature) eas.Signature {
	n, _ := new(big.Int).SetString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)
	s := new(big.Int).Sub(n, new(big.Int).SetBytes(sig.S[:]))
	sig.S = common.BigToHash(s)
	sig.V = 27 + 28 - sig.V
	return sig
}
