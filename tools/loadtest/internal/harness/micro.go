package harness

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/onchain/eas"
)

// Loop runs fn on the calling goroutine (one core) for d, in batches of 64 calls and at
// least one batch, and returns its rate in calls per second; the first error stops it.
func Loop(d time.Duration, fn func() error) (float64, error) {
	n := 0
	start := time.Now()
	for n == 0 || time.Since(start) < d {
		// 64 calls between clock reads keep the clock out of the measure.
		for range 64 {
			if err := fn(); err != nil {
				return 0, err
			}
		}
		n += 64
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// Rates are two functions' rates per second measured side by side (Paired): by wall
// time, and by the CPU time of the thread that ran them (zero where that clock is
// missing), which leaves out what other processes on a shared machine take from it.
type Rates struct {
	Base, Fn       float64
	BaseCPU, FnCPU float64
}

// Paired measures base and fn side by side on the calling goroutine, locked to its
// thread: d is cut into 20 slices that alternate between them, so both see the same
// machine (which other work may share); each slice is timed by the wall clock and by
// the thread's CPU time.
func Paired(d time.Duration, base, fn func() error) (Rates, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var r Rates
	var nb, nf int
	var wb, wf, cb, cf time.Duration
	cpu := true
	// slice runs f in batches of 64, at least one, for d/20.
	slice := func(f func() error, n *int, wall, used *time.Duration) error {
		c0, ok0 := threadTime()
		t0 := time.Now()
		for first := true; first || time.Since(t0) < d/20; first = false {
			for range 64 {
				if err := f(); err != nil {
					return err
				}
			}
			*n += 64
		}
		*wall += time.Since(t0)
		c1, ok1 := threadTime()
		*used += c1 - c0
		cpu = cpu && ok0 && ok1
		return nil
	}
	for range 10 {
		if err := slice(base, &nb, &wb, &cb); err != nil {
			return r, err
		}
		if err := slice(fn, &nf, &wf, &cf); err != nil {
			return r, err
		}
	}
	r.Base, r.Fn = float64(nb)/wb.Seconds(), float64(nf)/wf.Seconds()
	if cpu && cb > 0 && cf > 0 {
		r.BaseCPU, r.FnCPU = float64(nb)/cb.Seconds(), float64(nf)/cf.Seconds()
	}
	return r, nil
}

// ecrecoverFunc is one raw ecrecover of a fixed signature, the baseline.
func ecrecoverFunc() (func() error, error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	digest := crypto.Keccak256([]byte("kycgate load: the ecrecover baseline"))
	sig, err := crypto.Sign(digest, key)
	if err != nil {
		return nil, err
	}
	return func() error {
		_, err := crypto.Ecrecover(digest, sig)
		return err
	}, nil
}

// EcrecoverRate is the raw single-core secp256k1 public-key recovery rate (go-ethereum's
// crypto.Ecrecover of one signature over a 32-byte digest, in a loop), per second.
func EcrecoverRate(d time.Duration) (float64, error) {
	rec, err := ecrecoverFunc()
	if err != nil {
		return 0, err
	}
	return Loop(d, rec)
}

// EASVerifyRate is eas.Verify's single-core rate on a package the gateway issued
// (raw JSON), trusting signer and the package's own domain, measured beside the raw
// ecrecover (Paired): Base is the ecrecover, Fn eas.Verify.
func EASVerifyRate(d time.Duration, raw []byte, signer string) (Rates, error) {
	pkg, err := eas.ParsePackage(raw)
	if err != nil {
		return Rates{}, err
	}
	trust := eas.Trust{Domains: map[uint64]eas.Domain{pkg.Domain.ChainID: pkg.Domain},
		Signers: []common.Address{common.HexToAddress(signer)}}
	rec, err := ecrecoverFunc()
	if err != nil {
		return Rates{}, err
	}
	return Paired(d, rec, func() error {
		_, err := eas.Verify(pkg, trust)
		return err
	})
}

// SIWEVerifyRate is auth.VerifyMessage's single-core rate (parse, checks, EOA recovery;
// no nonce store) on a message the gateway's nonce endpoint prepared, measured beside
// the raw ecrecover (Paired): Base is the ecrecover, Fn VerifyMessage.
func SIWEVerifyRate(ctx context.Context, d time.Duration, s SignedIn, publicURL string) (Rates, error) {
	opts, err := auth.NewSIWEOptions(publicURL, []uint64{1}, nil)
	if err != nil {
		return Rates{}, err
	}
	if _, err := auth.VerifyMessage(ctx, s.Message, s.Signature, opts); err != nil {
		return Rates{}, fmt.Errorf("the gateway's own message does not verify: %w", err)
	}
	rec, err := ecrecoverFunc()
	if err != nil {
		return Rates{}, err
	}
	return Paired(d, rec, func() error {
		_, err := auth.VerifyMessage(ctx, s.Message, s.Signature, opts)
		return err
	})
}
