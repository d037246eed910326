package eas

import (
	"encoding/json"
	"testing"
)

// FuzzUnquote: unquote answers as the json.Unmarshal it replaced in fieldParser.str,
// for any bytes: the same text, and ok exactly when that accepted the value as a string.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"abc"`, `""`, `"`, `"a`, `a"`, `"a\"b"`, `"\u00e9"`, `"\ud800"`, "\"\xff\"", "\"\x01\"",
		`"a"b"`, `"\/"`, `"é"`, `"\u2028"`, `1`, `null`, `"a" `, ` "a"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, ok := unquote(raw)
		var want string
		wantOK := len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &want) == nil
		if ok != wantOK || got != want {
			t.Fatalf("unquote(%q) = %q, %v; json.Unmarshal gives %q, %v", raw, got, ok, want, wantOK)
		}
	})
}

// FuzzPlainHexFields: where plainHash and plainAddress take a value, fieldParser's
// general reading (unquote, then hexText) takes it too, with the same result.
func FuzzPlainHexFields(f *testing.F) {
	for _, s := range []string{`"0x4e343a09ef94a2af5bd8ecfe76b2c1420e8e7f898d4b4a6de524175827d85c02"`,
		`"0x4E343A09EF94A2AF5BD8ECFE76B2C1420E8E7F898D4B4A6DE524175827D85C02"`, `"0x71C7656EC7ab88b098defB751B7401B5f6d8976F"`,
		`"0x71c7656EC7ab88b098defB751B7401B5f6d8976F"`, `"0x71c7656ec7ab88b098defb751b7401b5f6d8976f"`, `"0X71c7656ec7ab88b098defb751b7401b5f6d8976f"`,
		`"0x71c7656ec7ab88b098defb751b7401b5f6d8976g"`, `"0x\u0037"`, `"0x"`, `7`} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, raw []byte, lowerOnly bool) {
		if h, ok := plainHash(raw, lowerOnly); ok {
			var g fieldParser
			want := g.hashBytes("f", g.hexString("f", raw, lowerOnly))
			if g.err != nil || want != h {
				t.Fatalf("plainHash(%q) = %s; fieldParser gives %s, %v", raw, h.Hex(), want.Hex(), g.err)
			}
		}
		if a, ok := plainAddress(raw); ok {
			var g fieldParser
			s := g.str("f", raw)
			want := g.addressText("f", s)
			if g.err != nil || want != a {
				t.Fatalf("plainAddress(%q) = %s; fieldParser gives %s, %v", raw, a.Hex(), want.Hex(), g.err)
			}
		}
	})
}
