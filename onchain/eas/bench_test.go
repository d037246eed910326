package eas_test

import (
	"encoding/json"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/onchain/eas"
)

// Run: go test -run='^$' -bench=. ./onchain/eas
// Verify/Ecrecover is the cost of everything Verify does beyond recovering
// the key.

func BenchmarkSign(b *testing.B) {
	tb := setup(b)
	for b.Loop() {
		if _, err := eas.Sign(domainOP, tb.att, tb.signer); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	tb := setup(b)
	for b.Loop() {
		if _, err := eas.Verify(tb.pkg, tb.trust); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEcrecover(b *testing.B) {
	tb := setup(b)
	digest := tb.att.Digest(domainOP)
	sig := tb.pkg.Signature.Bytes()
	sig[64] -= 27
	for b.Loop() {
		if _, err := crypto.Ecrecover(digest[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDigest(b *testing.B) {
	tb := setup(b)
	for b.Loop() {
		_ = tb.att.Digest(domainOP)
	}
}

func BenchmarkParseAndVerifyJSON(b *testing.B) {
	tb := setup(b)
	js, err := json.Marshal(tb.pkg)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := eas.ParsePackage(js)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := eas.Verify(p, tb.trust); err != nil {
			b.Fatal(err)
		}
	}
}
