package ofac_test

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/screening/source"
)

// BenchmarkScreen: one OFAC screening on a warm set (the embedded snapshot, --dev so no
// age check stops it), an address on the list and one not. BenchmarkBaselineKeccak20 is
// the baseline measured in the same run: the README gives the ratio.
func BenchmarkScreen(b *testing.B) {
	bundle := setup(b, nil, true)
	ctx := context.Background()
	for name, a := range map[string]common.Address{"listed": onSnapshot, "clear": clean} {
		b.Run(name, func(b *testing.B) {
			q := source.Query{Address: a, ChainID: 1}
			for b.Loop() {
				if _, err := bundle.s.Screen(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBaselineKeccak20: Keccak-256 of 20 bytes (what checksumming an address costs).
func BenchmarkBaselineKeccak20(b *testing.B) {
	a := clean
	for b.Loop() {
		_ = crypto.Keccak256Hash(a[:])
	}
}
