package auth_test

import (
	"context"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
)

// grammarLines is a message with every field, one line each, to edit per case: index 0 is
// the title, 3 the statement, 5 URI, 6 Version, 7 Chain ID, 8 Nonce, 9 Issued At,
// 10 Expiration Time, 11 Not Before, 12 Request ID, 13 Resources:, 14 the resource.
func grammarLines() []string {
	return []string{
		"http://localhost:8080" + " wants you to sign in with your Ethereum account:",
		aliceAddr.Hex(),
		"",
		"Sign in to kycgate.",
		"",
		"URI: http://localhost:8080/login",
		"Version: 1",
		"Chain ID: 1",
		"Nonce: Nonce12345abc",
		"Issued At: 2026-03-01T12:00:00Z",
		"Expiration Time: 2026-03-01T13:00:00Z",
		"Not Before: 2026-03-01T11:00:00Z",
		"Request ID: req-1",
		"Resources:",
		"- https://example.com/terms",
	}
}

// withLine returns the message with line i replaced by value (prefix kept when value is
// only the field's value) — or, with remove, without it.
func withLine(i int, line string) string {
	l := grammarLines()
	l[i] = line
	return strings.Join(l, "\n")
}

func without(idx ...int) string {
	var out []string
	for i, line := range grammarLines() {
		keep := true
		for _, j := range idx {
			keep = keep && i != j
		}
		if keep {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// TestParseMessageGrammar walks every production of EIP-4361's ABNF (and the RFC 3986 and
// RFC 3339 rules it borrows) with values the grammar accepts and values it refuses.
func TestParseMessageGrammar(t *testing.T) {
	t.Parallel()
	title := func(head string) string { return withLine(0, head+" wants you to sign in with your Ethereum account:") }
	field := func(i int, label string) func(string) string {
		return func(v string) string { return withLine(i, label+v) }
	}
	uri, version, chain, nonce := field(5, "URI: "), field(6, "Version: "), field(7, "Chain ID: "), field(8, "Nonce: ")
	issued, expires, notBefore, requestID := field(9, "Issued At: "), field(10, "Expiration Time: "), field(11, "Not Before: "), field(12, "Request ID: ")
	resource := field(14, "- ")
	statement := field(3, "")

	type productions map[string][]string
	good := productions{
		"scheme": {title("http://localhost:8080"), title("HTTP://localhost:8080"), title("web+app.1-x://localhost:8080"), title("localhost:8080")},
		"domain (authority)": {title("127.0.0.1"), title("[::cafe]"), title("[v1f.x:y]"), title("example.com:"), title("ex%41mple.com"),
			title("a!$&'()*+,;=-._~b.example"), title("test@127.0.0.1:8080"), title("u:p%20w@example.com"), title("example.com:0443")},
		"address": {withLine(1, aliceAddr.Hex())},
		"statement": {
			without(3), // absent: address LF LF LF URI
			strings.Replace(strings.Join(grammarLines(), "\n"), "\nSign in to kycgate.\n", "\n\n", 1), // present and empty: four LFs
			statement("aZ09-._~:/?#[]@!$&'()*+,;= ok"), statement(" "), statement("URI: https://a.example"),
		},
		"URI": {uri("https://localhost:8080"), uri("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"),
			uri("did:pkh:eip155:1:" + aliceAddr.Hex()), uri("https://[::cafe]"), uri("https://127.0.0.1/?query=one#begin"),
			uri("mailto:a@b.example"), uri("file:///etc/x"), uri("https://h/p?q=/?#f/?:@"), uri("a:"), uri("https://h:/"),
			uri("https://h/%7E%7e"), uri("https://[v7.a]/"), uri("https://[::ffff:1.2.3.4]/"), uri("HTTPS://H.EXAMPLE/")},
		"version":  {version("1")},
		"chain id": {chain("1"), chain("8453"), chain("0001"), chain("18446744073709551615")},
		"nonce":    {nonce("abcdEFGH"), nonce("12345678"), nonce(strings.Repeat("aZ9", 30))},
		"issued at (RFC 3339 date-time)": {issued("2026-03-01T12:00:00.000Z"), issued("2026-03-01T10:00:00-02:00"),
			issued("2026-03-01T23:00:00+14:00"), issued("2026-03-01t12:00:00z"), issued("2026-03-01T12:00:00.123456789012Z"),
			issued("2016-12-31T23:59:60Z"), issued("2017-01-01T00:59:60+01:00"), issued("2024-02-29T00:00:00Z"),
			issued("2000-02-29T00:00:00Z"), issued("0000-01-01T00:00:00Z"), issued("9999-12-31T23:59:59Z")},
		"expiration time": {expires("2026-03-01T13:00:00.5+00:00"), without(10)},
		"not before":      {notBefore("2026-03-01T11:00:00-00:00"), without(11)},
		"request id":      {requestID(""), requestID("a:b@c!$&'()*+,;=-._~"), requestID("%20%7e"), without(12)},
		"resources": {without(13, 14), without(14), resource("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"),
			strings.Join(grammarLines(), "\n") + "\n- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/"},
		"optional fields": {without(10, 11, 12, 13, 14), without(10, 12), without(11, 13, 14)},
	}
	bad := productions{
		"title": {withLine(0, "localhost:8080 wants you to sign in with your ethereum account:"),
			withLine(0, "localhost:8080 wants you to sign in with your Ethereum account"),
			withLine(0, "localhost:8080  wants you to sign in with your Ethereum account:"),
			withLine(0, "localhost:8080 wants you to sign in with your Ethereum account: ")},
		"scheme": {title("1http://localhost:8080"), title("://localhost:8080"), title("ht tp://localhost:8080"),
			title("http:/localhost:8080"), title("http:///localhost:8080"), title("ht_tp://localhost:8080")},
		"domain (authority)": {title(""), title("#notrfc4501"), title("exa mple.com"), title("[::cafe"), title("[zz::1]"),
			title("[fe80::1%25eth0]"), title("[1.2.3.4]"), title("[v.x]"), title("[v1.]"), title("host:8a"), title("ex%4mple.com"),
			title("ex%zzmple.com"), title("a@b@c"), title("host/path"), title("host?q"), title("kÿcgate.example"),
			title("u ser@host"), title("@"), title("user@"), title("host:80:80"), title("[::1]x")},
		"address": {withLine(1, strings.ToLower(aliceAddr.Hex())), withLine(1, "0x"+strings.ToUpper(aliceAddr.Hex()[2:])),
			withLine(1, "0X"+aliceAddr.Hex()[2:]), withLine(1, aliceAddr.Hex()[:41]), withLine(1, aliceAddr.Hex()+"0"),
			withLine(1, aliceAddr.Hex()[2:]), withLine(1, ""), withLine(1, " "+aliceAddr.Hex()), withLine(1, aliceAddr.Hex()+" ")},
		"blank line after the address": {withLine(2, " "), withLine(2, "x")},
		"statement": {statement(`Say "hi"`), statement("100%"), statement("back\\slash"), statement("a\tb"),
			statement("Connexion à kycgate"), statement("<b>"), statement("{x}"), statement("a^b"), statement("a`b"), statement("a|b"),
			withLine(3, "line one\nline two"), withLine(4, "no blank line")},
		"URI": {uri("/login"), uri(":not_a_rfc3986_valid_uri_"), uri("https://exa mple.com"), uri("https://h/%zz"), uri("https://h/a#b#c"),
			uri("https://h:80a/"), uri("https://[::1/"), uri("https://h/<x>"), uri("1http://h"), uri(""), uri("https://h/a b"),
			uri("https://h/\\"), uri("https://a@b@c/"), uri("https://h/{x}"), uri(" https://h/"), uri("https://h/ ")},
		"version":  {version("2"), version("01"), version("1.0"), version(""), version(" 1"), version("1 "), withLine(6, "version: 1")},
		"chain id": {chain(""), chain("-1"), chain("1a"), chain("0x1"), chain(" 1"), chain("+1"), chain("18446744073709551616"), chain("1.0")},
		"nonce": {nonce("abc1234"), nonce("abcd-efgh"), nonce("abcd efgh"), nonce(""), nonce("abcdefgh "), nonce("abcdéfgh"),
			nonce("abcd_efgh")},
		"issued at (RFC 3339 date-time)": {issued("2026-02-30T00:00:00Z"), issued("2023-02-29T00:00:00Z"), issued("1900-02-29T00:00:00Z"),
			issued("12026-03-01T00:00:00Z"), issued("2026-3-01T00:00:00Z"), issued("2026-03-01 12:00:00Z"), issued("2026-03-01T24:00:00Z"),
			issued("2026-03-01T12:60:00Z"), issued("2026-03-01T12:00:61Z"), issued("2026-03-01T12:00:00"), issued("2026-03-01T12:00:00+0100"),
			issued("2026-03-01T12:00:00+24:00"), issued("2026-03-01T12:00:00+01:60"), issued("2026-03-01T12:00:00.Z"),
			issued("2026-06-15T12:00:60Z"), issued("2016-12-31T22:59:60Z"), issued("Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)"),
			issued("2026-03-01T12:00Z"), issued("2026-03-01"), issued("2026-03-01T12:00:00Z "), issued("2026-00-01T12:00:00Z"),
			issued("2026-13-01T12:00:00Z"), issued("2026-03-00T12:00:00Z"), issued("2026-04-31T12:00:00Z"), issued("+2026-03-01T12:00:00Z"),
			issued("2026-03-01T12:00:00UTC"), issued("")},
		"expiration time": {expires("2026-02-30T00:00:00Z"), expires("tomorrow"), withLine(10, "Expiration Time:2026-03-01T13:00:00Z")},
		"not before":      {notBefore("2026-03-01T11:00:00"), notBefore("")},
		"request id":      {requestID("a b"), requestID("a/b"), requestID("a?b"), requestID("%zz"), requestID("a#b"), requestID("a%2")},
		"resources": {resource("/relative"), resource(""), resource("https://a b"), withLine(14, "-https://example.com"),
			withLine(14, "https://example.com"), withLine(14, "-  https://example.com"), withLine(13, "Resources: "),
			withLine(13, "resources:")},
		"line order and line feeds": {
			strings.Replace(strings.Join(grammarLines(), "\n"), "Version: 1\nChain ID: 1", "Chain ID: 1\nVersion: 1", 1),
			strings.Replace(strings.Join(grammarLines(), "\n"), "Expiration Time: 2026-03-01T13:00:00Z\nNot Before: 2026-03-01T11:00:00Z",
				"Not Before: 2026-03-01T11:00:00Z\nExpiration Time: 2026-03-01T13:00:00Z", 1),
			without(10, 11, 13, 14) + "\nExpiration Time: 2026-03-01T13:00:00Z",
			strings.Join(grammarLines(), "\n") + "\n",
			"\n" + strings.Join(grammarLines(), "\n"),
			strings.Join(grammarLines(), "\r\n"),
			strings.Join(grammarLines(), "\n") + "\nFoo: bar",
			strings.Join(grammarLines(), "\n") + "\nResources:",
			withLine(6, "Version: 1\nVersion: 1"),
			without(9),
			without(2),
			strings.Replace(strings.Join(grammarLines(), "\n"), "\n\nURI:", "\n\n\nURI:", 1),
			strings.Replace(strings.Join(grammarLines(), "\n"), "kycgate.\n\nURI:", "kycgate.\nURI:", 1),
		},
	}
	for production, texts := range good {
		for i, text := range texts {
			m, err := auth.ParseMessage(text)
			require.NoError(t, err, "%s #%d must parse:\n%s", production, i, text)
			require.Equal(t, text, m.Raw)
		}
	}
	for production, texts := range bad {
		for i, text := range texts {
			_, err := auth.ParseMessage(text)
			requireCode(t, err, auth.CodeInvalidMessage, production, i, text)
		}
	}
}

// An empty statement line is the ABNF's [ statement LF ] with an empty statement: it parses,
// verifies and signs in; the statement is "" and the exact text is what was signed.
func TestVerifyMessageEmptyStatement(t *testing.T) {
	t.Parallel()
	f := fields(aliceAddr)
	delete(f, "statement")
	absent := render(f)
	empty := strings.Replace(absent, aliceAddr.Hex()+"\n\n\nURI:", aliceAddr.Hex()+"\n\n\n\nURI:", 1)
	require.NotEqual(t, absent, empty)
	for _, text := range []string{absent, empty} {
		got, err := auth.VerifyMessage(context.Background(), text, hex.EncodeToString(personalSign(t, alice, text)), testOptions(t, nil))
		require.NoError(t, err, text)
		require.Equal(t, "", got.Statement)
		require.Equal(t, text, got.Raw)
	}
	// The signature covers the exact text: one form's signature does not sign the other.
	_, err := auth.VerifyMessage(context.Background(), empty, hex.EncodeToString(personalSign(t, alice, absent)), testOptions(t, nil))
	requireCode(t, err, auth.CodeContractWalletUnsupported)
}

// User-info ("name@" before a host) is refused wherever a wallet displays an authority:
// the domain, the URI and the resources, even when the host after it is this gateway.
func TestVerifyMessageRefusesUserInfo(t *testing.T) {
	t.Parallel()
	for name, edit := range map[string]func(f map[string]any){
		"URI":                  func(f map[string]any) { f["uri"] = "http://evil.example@localhost:8080/" },
		"URI, empty user-info": func(f map[string]any) { f["uri"] = "http://@localhost:8080/" },
		"URI, with password":   func(f map[string]any) { f["uri"] = "http://bank.example:pw@localhost:8080/login" },
		"domain":               func(f map[string]any) { f["domain"] = "evil.example@localhost:8080" },
		"domain, no scheme":    func(f map[string]any) { delete(f, "scheme"); f["domain"] = "a@localhost:8080" },
		"resource": func(f map[string]any) {
			f["resources"] = []any{"https://ok.example/", "https://bank.example@evil.example/"}
		},
		"resource, other scheme": func(f map[string]any) {
			f["resources"] = []any{"ftp://bank.example@evil.example/"}
		},
	} {
		f := fields(aliceAddr)
		edit(f)
		text := render(f)
		_, err := auth.ParseMessage(text)
		require.NoError(t, err, "%s: the grammar allows user-info", name)
		_, err = auth.VerifyMessage(context.Background(), text, hex.EncodeToString(personalSign(t, alice, text)), testOptions(t, nil))
		requireCode(t, err, auth.CodeInvalidMessage, name)
		var se *auth.SIWEError
		require.ErrorAs(t, err, &se)
		require.Contains(t, se.Message, "user-info", name)
	}
}

// The domain and the URI are compared as written, origin by origin: a default port spelled
// out or left empty is the same site; a percent-encoded host or another IPv6 spelling of
// a different address is not.
func TestVerifyMessageOriginForms(t *testing.T) {
	t.Parallel()
	https := func(o *auth.SIWEOptions) {
		o.Scheme, o.Domain, o.URIOrigin = "https", "kyc.example", "https://kyc.example"
	}
	ipv6 := func(o *auth.SIWEOptions) { o.Domain, o.URIOrigin = "[::1]:8080", "http://[::1]:8080" }
	for _, tc := range []struct {
		name string
		opts func(o *auth.SIWEOptions)
		edit func(f map[string]any)
		code string
	}{
		{"default port spelled out in the domain", https, func(f map[string]any) {
			f["scheme"], f["domain"], f["uri"] = "https", "kyc.example:443", "https://kyc.example/"
		}, ""},
		{"default port in the URI", https, func(f map[string]any) {
			f["scheme"], f["domain"], f["uri"] = "https", "kyc.example", "https://kyc.example:443/"
		}, ""},
		{"empty port in the URI", https, func(f map[string]any) {
			f["scheme"], f["domain"], f["uri"] = "https", "kyc.example", "https://kyc.example:/"
		}, ""},
		{"upper-case host", https, func(f map[string]any) {
			f["scheme"], f["domain"], f["uri"] = "HTTPS", "KYC.EXAMPLE", "HTTPS://KYC.Example/"
		}, ""},
		{"another port on the domain", https, func(f map[string]any) {
			f["scheme"], f["domain"], f["uri"] = "https", "kyc.example:8443", "https://kyc.example/"
		}, auth.CodeDomainMismatch},
		{"percent-encoded host in the domain", nil, func(f map[string]any) { f["domain"] = "%6Cocalhost:8080" }, auth.CodeDomainMismatch},
		{"percent-encoded host in the URI", nil, func(f map[string]any) { f["uri"] = "http://%6Cocalhost:8080/" }, auth.CodeURIMismatch},
		{"trailing dot", nil, func(f map[string]any) { f["uri"] = "http://localhost.:8080/" }, auth.CodeURIMismatch},
		{"IPv6 spelled another way", ipv6, func(f map[string]any) {
			f["domain"], f["uri"] = "[0:0::1]:8080", "http://[0000::0001]:8080/"
		}, ""},
		{"another IPv6 address", ipv6, func(f map[string]any) {
			f["domain"], f["uri"] = "[::1]:8080", "http://[::2]:8080/"
		}, auth.CodeURIMismatch},
		{"URI without authority", nil, func(f map[string]any) { f["uri"] = "http:localhost:8080" }, auth.CodeURIMismatch},
	} {
		f := fields(aliceAddr)
		opts := testOptions(t, nil)
		if tc.opts != nil {
			tc.opts(&opts)
		}
		tc.edit(f)
		text := render(f)
		_, err := auth.VerifyMessage(context.Background(), text, hex.EncodeToString(personalSign(t, alice, text)), opts)
		if tc.code == "" {
			require.NoError(t, err, tc.name)
		} else {
			requireCode(t, err, tc.code, tc.name)
		}
	}
}

// With no RPC for the chain, a signature that is not the address's EOA signature keeps
// 422 contract_wallet_unsupported, and the message says both things it may be.
func TestContractWalletUnsupportedSaysBoth(t *testing.T) {
	t.Parallel()
	text := render(fields(aliceAddr))
	_, err := auth.VerifyMessage(context.Background(), text, hex.EncodeToString(personalSign(t, testKey("mallory"), text)), testOptions(t, nil))
	requireCode(t, err, auth.CodeContractWalletUnsupported)
	var se *auth.SIWEError
	require.ErrorAs(t, err, &se)
	for _, want := range []string{"another key", "another text", "contract wallet", "no RPC", "chain 1"} {
		require.Contains(t, se.Message, want)
	}
}
