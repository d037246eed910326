package wallet_test

import (
	"context"
	"testing"

	"github.com/kycgate/kycgate/wallet"
)

func BenchmarkVerifySignatureEOA(b *testing.B) {
	key := testKey("eoa")
	sig := sign(b, key, digest)
	v := wallet.NewVerifier(nil)
	addr := addrOf(key)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := v.VerifySignature(ctx, 1, addr, digest, sig); err != nil {
			b.Fatal(err)
		}
	}
}
