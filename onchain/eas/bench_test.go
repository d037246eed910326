package eas_test

import (
	"encoding/json"
	"runtime"
	"slices"
	"testing"
	"time"

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

// BenchmarkVerifyOverEcrecover measures Verify and a raw ecrecover of the
// same signature side by side: the loop alternates blocks of each (in
// alternating order) and charges each block the CPU time of the thread
// running it (threadTime), so other processes on a shared machine, which
// take wall-clock time but not this thread's CPU time, mostly fall on
// neither. It reports verify/ecrecover, the median over block pairs of
// Verify's time over ecrecover's: the cost of Verify as a multiple of the
// signature check it cannot avoid (the goal is ≤ 1.10); the median keeps a
// pair that was interrupted from moving it. It also reports each side's
// mean CPU ns/op.
func BenchmarkVerifyOverEcrecover(b *testing.B) {
	tb := setup(b)
	digest := tb.att.Digest(domainOP)
	sig := tb.pkg.Signature.Bytes()
	sig[64] -= 27
	const block = 4
	verify := func() {
		for range block {
			if _, err := eas.Verify(tb.pkg, tb.trust); err != nil {
				b.Fatal(err)
			}
		}
	}
	recover := func() {
		for range block {
			if _, err := crypto.Ecrecover(digest[:], sig); err != nil {
				b.Fatal(err)
			}
		}
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var tv, te time.Duration
	var ratios []float64
	for b.Loop() {
		var dv, de time.Duration
		if len(ratios)%2 == 0 {
			c0 := threadTime()
			verify()
			c1 := threadTime()
			recover()
			dv, de = c1-c0, threadTime()-c1
		} else {
			c0 := threadTime()
			recover()
			c1 := threadTime()
			verify()
			de, dv = c1-c0, threadTime()-c1
		}
		tv += dv
		te += de
		ratios = append(ratios, float64(dv)/float64(de))
	}
	slices.Sort(ratios)
	ops := float64(len(ratios) * block)
	b.ReportMetric(ratios[len(ratios)/2], "verify/ecrecover")
	b.ReportMetric(float64(tv.Nanoseconds())/ops, "verify-cpu-ns/op")
	b.ReportMetric(float64(te.Nanoseconds())/ops, "ecrecover-cpu-ns/op")
}
