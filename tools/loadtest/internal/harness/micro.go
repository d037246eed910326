package harness

import (
	"context"
	"fmt"
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

// Paired measures base and fn side by side on the calling goroutine: d is cut into 20
// slices that alternate between them, so both see the same machine (which other work
// may share); it returns both rates per second.
func Paired(d time.Duration, base, fn func() error) (float64, float64, error) {
	var rb, rf float64
	for range 10 {
		b, err := Loop(d/20, base)
		if err != nil {
			return 0, 0, err
		}
		f, err := Loop(d/20, fn)
		if err != nil {
			return 0, 0, err
		}
		rb, rf = rb+b/10, rf+f/10
	}
	return rb, rf, nil
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
// ecrecover (Paired); it returns the ecrecover and the eas.Verify rates per second.
func EASVerifyRate(d time.Duration, raw []byte, signer string) (float64, float64, error) {
	pkg, err := eas.ParsePackage(raw)
	if err != nil {
		return 0, 0, err
	}
	trust := eas.Trust{Domains: map[uint64]eas.Domain{pkg.Domain.ChainID: pkg.Domain},
		Signers: []common.Address{common.HexToAddress(signer)}}
	rec, err := ecrecoverFunc()
	if err != nil {
		return 0, 0, err
	}
	return Paired(d, rec, func() error {
		_, err := eas.Verify(pkg, trust)
		return err
	})
}

// SIWEVerifyRate is auth.VerifyMessage's single-core rate (parse, checks, EOA recovery;
// no nonce store) on a message the gateway's nonce endpoint prepared, measured beside
// the raw ecrecover (Paired); it returns the ecrecover and the VerifyMessage rates per
// second.
func SIWEVerifyRate(ctx context.Context, d time.Duration, s SignedIn, publicURL string) (float64, float64, error) {
	opts, err := auth.NewSIWEOptions(publicURL, []uint64{1}, nil)
	if err != nil {
		return 0, 0, err
	}
	if _, err := auth.VerifyMessage(ctx, s.Message, s.Signature, opts); err != nil {
		return 0, 0, fmt.Errorf("the gateway's own message does not verify: %w", err)
	}
	rec, err := ecrecoverFunc()
	if err != nil {
		return 0, 0, err
	}
	return Paired(d, rec, func() error {
		_, err := auth.VerifyMessage(ctx, s.Message, s.Signature, opts)
		return err
	})
}
