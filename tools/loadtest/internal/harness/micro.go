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

// Loop runs fn on the calling goroutine (one core) for d and returns its rate in calls
// per second; the first error stops it.
func Loop(d time.Duration, fn func() error) (float64, error) {
	n := 0
	start := time.Now()
	for time.Since(start) < d {
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

// EcrecoverRate is the raw single-core secp256k1 public-key recovery rate (go-ethereum's
// crypto.Ecrecover of one signature over a 32-byte digest, in a loop), per second.
func EcrecoverRate(d time.Duration) (float64, error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return 0, err
	}
	digest := crypto.Keccak256([]byte("kycgate load: the ecrecover baseline"))
	sig, err := crypto.Sign(digest, key)
	if err != nil {
		return 0, err
	}
	return Loop(d, func() error {
		_, err := crypto.Ecrecover(digest, sig)
		return err
	})
}

// EASVerifyRate is eas.Verify's single-core rate on a package the gateway issued
// (raw JSON), trusting signer and the package's own domain, per second.
func EASVerifyRate(d time.Duration, raw []byte, signer string) (float64, error) {
	pkg, err := eas.ParsePackage(raw)
	if err != nil {
		return 0, err
	}
	trust := eas.Trust{Domains: map[uint64]eas.Domain{pkg.Domain.ChainID: pkg.Domain},
		Signers: []common.Address{common.HexToAddress(signer)}}
	return Loop(d, func() error {
		_, err := eas.Verify(pkg, trust)
		return err
	})
}

// SIWEVerifyRate is auth.VerifyMessage's single-core rate (parse, checks, EOA recovery;
// no nonce store) on a message the gateway's nonce endpoint prepared, per second.
func SIWEVerifyRate(ctx context.Context, d time.Duration, s SignedIn, publicURL string) (float64, error) {
	opts, err := auth.NewSIWEOptions(publicURL, []uint64{1}, nil)
	if err != nil {
		return 0, err
	}
	if _, err := auth.VerifyMessage(ctx, s.Message, s.Signature, opts); err != nil {
		return 0, fmt.Errorf("the gateway's own message does not verify: %w", err)
	}
	return Loop(d, func() error {
		_, err := auth.VerifyMessage(ctx, s.Message, s.Signature, opts)
		return err
	})
}
