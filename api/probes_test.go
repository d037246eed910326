package api

import "testing"

// Issue 10 (CORS origin forms, from an outside review): entries that ParseOrigins accepts but that
// can never equal the Origin header a browser sends (WHATWG URL host serialisation).
func TestCORSRefusesOriginsThatCanNeverMatch(t *testing.T) {
	for raw, browser := range map[string]string{
		"http://[::ffff:127.0.0.1]": "http://[::ffff:7f00:1]", // WHATWG serialises IPv6 in hex only
		"http://127.1":              "http://127.0.0.1",       // short IPv4
		"http://0x7f.0.0.1":         "http://127.0.0.1",       // hex IPv4
		"http://2130706433":         "http://127.0.0.1",       // decimal IPv4
		"http://0177.0.0.1":         "http://127.0.0.1",       // octal IPv4
	} {
		got, err := ParseOrigins(raw)
		if err != nil {
			t.Logf("%s refused: %v (ok)", raw, err)
			continue
		}
		if got[0] != browser {
			t.Errorf("FAULT: %q accepted as %q, but a browser sends Origin %q: it can never match", raw, got[0], browser)
		}
	}
}
