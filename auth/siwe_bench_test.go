package auth_test

import (
	"context"
	"encoding/hex"
	"testing"

	"github.com/kycgate/kycgate/auth"
)

// BenchmarkVerifyMessage is a sign-in's pure work: parse, check, and recover an EOA
// signature (no chain is asked).
func BenchmarkVerifyMessage(b *testing.B) {
	text := render(fields(aliceAddr))
	sig := "0x" + hex.EncodeToString(personalSign(b, alice, text))
	opts := testOptions(b, nil)
	opts.Nonce = "Nonce12345abc"
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := auth.VerifyMessage(ctx, text, sig, opts); err != nil {
			b.Fatal(err)
		}
	}
}
