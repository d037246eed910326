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

// BenchmarkParseMessage is the grammar alone, on a message with every optional field.
func BenchmarkParseMessage(b *testing.B) {
	f := fields(aliceAddr)
	f["expirationTime"] = "2026-03-01T13:00:00.123Z"
	f["notBefore"] = "2026-03-01T11:00:00+01:00"
	f["requestId"] = "req-1"
	f["resources"] = []any{"https://example.com/terms", "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/"}
	text := render(f)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := auth.ParseMessage(text); err != nil {
			b.Fatal(err)
		}
	}
}
