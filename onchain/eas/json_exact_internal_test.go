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
