package auth_test

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/wallet"
)

// ---- our own messages ----

const testURL = "http://localhost:8080"

// testKey derives a fixed private key from a label, so failures are reproducible.
func testKey(label string) *ecdsa.PrivateKey {
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte(label)))
	if err != nil {
		panic(err)
	}
	return key
}

var (
	t0        = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	alice     = testKey("alice")
	aliceAddr = crypto.PubkeyToAddress(alice.PublicKey)
)

// fields is a message as a vector-like object, to edit per case and render.
func fields(address common.Address) map[string]any {
	return map[string]any{
		"scheme":    "http",
		"domain":    "localhost:8080",
		"address":   address.Hex(),
		"statement": "Sign in to kycgate.",
		"uri":       testURL + "/login",
		"version":   "1",
		"chainId":   float64(1),
		"nonce":     "Nonce12345abc",
		"issuedAt":  t0.Format(time.RFC3339Nano),
	}
}

func personalSign(t testing.TB, key *ecdsa.PrivateKey, text string) []byte {
	t.Helper()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), key)
	require.NoError(t, err)
	sig[64] += 27 // as wallets return it
	return sig
}

func testOptions(t testing.TB, verifier *wallet.Verifier) auth.SIWEOptions {
	t.Helper()
	opts, err := auth.NewSIWEOptions(testURL, []uint64{1, 10, 8453}, verifier)
	require.NoError(t, err)
	opts.Now = func() time.Time { return t0 }
	return opts
}

func TestNewSIWEOptions(t *testing.T) {
	t.Parallel()
	opts, err := auth.NewSIWEOptions("http://LocalHost:8080", []uint64{1}, nil)
	require.NoError(t, err)
	require.Equal(t, "localhost:8080", opts.Domain)
	require.Equal(t, "http", opts.Scheme)
	require.Equal(t, "http://localhost:8080", opts.URIOrigin)

	opts, err = auth.NewSIWEOptions("https://kyc.example.com:443/", []uint64{1}, nil)
	require.NoError(t, err)
	require.Equal(t, "kyc.example.com", opts.Domain, "browsers omit the default port")

	for _, bad := range []string{"", "localhost:8080", "ftp://x", "https://", "https://u@x"} {
		_, err := auth.NewSIWEOptions(bad, []uint64{1}, nil)
		require.Error(t, err, bad)
	}
	_, err = auth.NewSIWEOptions(testURL, nil, nil)
	require.Error(t, err, "no chain ids")
}

func TestVerifyMessage(t *testing.T) {
	t.Parallel()
	f := fields(aliceAddr)
	f["expirationTime"] = t0.Add(time.Hour).Format(time.RFC3339)
	f["requestId"] = "req-1"
	f["resources"] = []any{"https://example.com/terms"}
	text := render(f)
	sig := personalSign(t, alice, text)

	got, err := auth.VerifyMessage(context.Background(), text, "0x"+hex.EncodeToString(sig), testOptions(t, nil))
	require.NoError(t, err)
	require.Equal(t, aliceAddr, got.Address)
	require.Equal(t, uint64(1), got.ChainID)
	require.Equal(t, "Nonce12345abc", got.Nonce)
	require.Equal(t, "http", got.Scheme)
	require.Equal(t, "localhost:8080", got.Domain)
	require.Equal(t, "Sign in to kycgate.", got.Statement)
	require.Equal(t, testURL+"/login", got.URI)
	require.True(t, t0.Equal(got.IssuedAt))
	require.NotNil(t, got.ExpirationTime)
	require.True(t, t0.Add(time.Hour).Equal(*got.ExpirationTime))
	require.Nil(t, got.NotBefore)
	require.Equal(t, "req-1", got.RequestID)
	require.Equal(t, []string{"https://example.com/terms"}, got.Resources)
	require.Equal(t, text, got.Raw)
	require.Equal(t, sig, got.Signature)

	_, err = auth.VerifyMessage(context.Background(), text, hex.EncodeToString(sig), testOptions(t, nil))
	require.NoError(t, err, "0x is optional")
}

func TestVerifyMessageChecks(t *testing.T) {
	t.Parallel()
	noCode := wallet.NewVerifier(map[uint64]bind.ContractCaller{1: noCodeChain{}, 10: noCodeChain{}, 8453: noCodeChain{}})
	at := func(d time.Duration) string { return t0.Add(d).Format(time.RFC3339Nano) }
	for _, tc := range []struct {
		name  string
		edit  func(f map[string]any, o *auth.SIWEOptions)
		code  string // "" when the message passes
		key   *ecdsa.PrivateKey
		noSig bool
	}{
		{name: "as built"},
		{name: "scheme in upper case", edit: func(f map[string]any, o *auth.SIWEOptions) { f["scheme"] = "HTTP" }},
		{name: "domain in another case", edit: func(f map[string]any, o *auth.SIWEOptions) { f["domain"] = "LOCALHOST:8080" }},
		{name: "other domain", edit: func(f map[string]any, o *auth.SIWEOptions) { f["domain"] = "evil.example" }, code: auth.CodeDomainMismatch},
		{name: "other port", edit: func(f map[string]any, o *auth.SIWEOptions) { f["domain"] = "localhost:8081" }, code: auth.CodeDomainMismatch},
		{name: "other scheme", edit: func(f map[string]any, o *auth.SIWEOptions) { f["scheme"] = "https" }, code: auth.CodeDomainMismatch},
		{name: "no scheme means https: refused for an http site", edit: func(f map[string]any, o *auth.SIWEOptions) { delete(f, "scheme") }, code: auth.CodeDomainMismatch},
		{name: "no scheme means https: accepted for an https site", edit: func(f map[string]any, o *auth.SIWEOptions) {
			delete(f, "scheme")
			f["uri"] = "https://localhost:8080/login"
			o.Scheme, o.URIOrigin = "https", "https://localhost:8080"
		}},
		{name: "explicit https for an https site", edit: func(f map[string]any, o *auth.SIWEOptions) {
			f["scheme"] = "https"
			f["uri"] = "https://localhost:8080"
			o.Scheme, o.URIOrigin = "https", "https://localhost:8080"
		}},
		{name: "uri on another host", edit: func(f map[string]any, o *auth.SIWEOptions) { f["uri"] = "http://evil.example/login" }, code: auth.CodeURIMismatch},
		{name: "uri on another port", edit: func(f map[string]any, o *auth.SIWEOptions) { f["uri"] = "http://localhost:9999/login" }, code: auth.CodeURIMismatch},
		{name: "uri with another scheme", edit: func(f map[string]any, o *auth.SIWEOptions) { f["uri"] = "https://localhost:8080/login" }, code: auth.CodeURIMismatch},
		{name: "uri not http", edit: func(f map[string]any, o *auth.SIWEOptions) { f["uri"] = "did:pkh:eip155:1:" + aliceAddr.Hex() }, code: auth.CodeURIMismatch},
		{name: "uri with the default port", edit: func(f map[string]any, o *auth.SIWEOptions) {
			f["uri"] = "http://localhost:80/x"
			f["domain"] = "localhost"
			o.Domain, o.URIOrigin = "localhost", "http://localhost"
		}},
		{name: "uri with query and fragment", edit: func(f map[string]any, o *auth.SIWEOptions) { f["uri"] = testURL + "/a?b=c#d" }},
		{name: "separate uri origin", edit: func(f map[string]any, o *auth.SIWEOptions) {
			f["uri"] = "https://app.example/login"
			o.URIOrigin = "https://app.example"
		}},
		{name: "chain allowed", edit: func(f map[string]any, o *auth.SIWEOptions) { f["chainId"] = float64(8453) }},
		{name: "chain not allowed", edit: func(f map[string]any, o *auth.SIWEOptions) { f["chainId"] = float64(56) }, code: auth.CodeChainNotAllowed},
		{name: "issued at the skew", edit: func(f map[string]any, o *auth.SIWEOptions) { f["issuedAt"] = at(time.Minute) }},
		{name: "issued beyond the skew", edit: func(f map[string]any, o *auth.SIWEOptions) { f["issuedAt"] = at(time.Minute + time.Millisecond) }, code: auth.CodeNotYetValid},
		{name: "custom skew", edit: func(f map[string]any, o *auth.SIWEOptions) {
			f["issuedAt"] = at(time.Minute + time.Millisecond)
			o.ClockSkew = 2 * time.Minute
		}},
		{name: "issued long ago", edit: func(f map[string]any, o *auth.SIWEOptions) { f["issuedAt"] = at(-24 * time.Hour) }},
		{name: "not before now", edit: func(f map[string]any, o *auth.SIWEOptions) { f["notBefore"] = at(0) }},
		{name: "not before a moment later", edit: func(f map[string]any, o *auth.SIWEOptions) { f["notBefore"] = at(time.Millisecond) }, code: auth.CodeNotYetValid},
		{name: "expires a moment later", edit: func(f map[string]any, o *auth.SIWEOptions) { f["expirationTime"] = at(time.Millisecond) }},
		{name: "expires now", edit: func(f map[string]any, o *auth.SIWEOptions) { f["expirationTime"] = at(0) }, code: auth.CodeExpired},
		{name: "expired", edit: func(f map[string]any, o *auth.SIWEOptions) { f["expirationTime"] = at(-time.Second) }, code: auth.CodeExpired},
		{name: "expiry in another zone", edit: func(f map[string]any, o *auth.SIWEOptions) {
			f["expirationTime"] = t0.In(time.FixedZone("", -2*3600)).Format(time.RFC3339)
		}, code: auth.CodeExpired},
		{name: "expected nonce", edit: func(f map[string]any, o *auth.SIWEOptions) { o.Nonce = "Nonce12345abc" }},
		{name: "other nonce", edit: func(f map[string]any, o *auth.SIWEOptions) { o.Nonce = "Nonce12345abd" }, code: auth.CodeNonceInvalid},
		{name: "nonce differs in case", edit: func(f map[string]any, o *auth.SIWEOptions) { o.Nonce = "nonce12345abc" }, code: auth.CodeNonceInvalid},
		{name: "other signer", key: testKey("mallory"), code: auth.CodeInvalidSignature},
		{name: "signature of another address", edit: func(f map[string]any, o *auth.SIWEOptions) {
			f["address"] = crypto.PubkeyToAddress(testKey("bob").PublicKey).Hex()
		}, code: auth.CodeInvalidSignature},
		{name: "no statement", edit: func(f map[string]any, o *auth.SIWEOptions) { delete(f, "statement") }},
		{name: "grammar", edit: func(f map[string]any, o *auth.SIWEOptions) { f["version"] = "2" }, code: auth.CodeInvalidMessage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := fields(aliceAddr)
			opts := testOptions(t, noCode)
			if tc.edit != nil {
				tc.edit(f, &opts)
			}
			key := alice
			if tc.key != nil {
				key = tc.key
			}
			text := render(f)
			got, err := auth.VerifyMessage(context.Background(), text, hex.EncodeToString(personalSign(t, key, text)), opts)
			if tc.code == "" {
				require.NoError(t, err)
				require.Equal(t, aliceAddr, got.Address)
				return
			}
			requireCode(t, err, tc.code)
			require.Nil(t, got)
		})
	}
}

// The checks run in a fixed order; a message wrong in several ways gets the first code.
func TestVerifyMessageCheckOrder(t *testing.T) {
	t.Parallel()
	f := fields(aliceAddr)
	f["domain"], f["uri"], f["chainId"] = "evil.example", "http://evil.example", float64(56)
	f["issuedAt"], f["expirationTime"] = t0.Add(time.Hour).Format(time.RFC3339), t0.Add(-time.Hour).Format(time.RFC3339)
	opts := testOptions(t, wallet.NewVerifier(map[uint64]bind.ContractCaller{10: noCodeChain{}}))
	opts.Nonce = "SomethingElse1"
	steps := []struct {
		code string
		fix  func()
	}{
		{auth.CodeDomainMismatch, func() { f["domain"] = "localhost:8080" }},
		{auth.CodeURIMismatch, func() { f["uri"] = testURL }},
		{auth.CodeChainNotAllowed, func() { f["chainId"] = float64(10) }},
		{auth.CodeNotYetValid, func() { f["issuedAt"] = t0.Add(-2 * time.Hour).Format(time.RFC3339) }},
		{auth.CodeExpired, func() { f["expirationTime"] = t0.Add(time.Hour).Format(time.RFC3339) }},
		{auth.CodeNonceInvalid, func() { opts.Nonce = "" }},
		{auth.CodeInvalidSignature, nil},
	}
	for _, step := range steps {
		_, err := auth.VerifyMessage(context.Background(), render(f), "0x00", opts)
		requireCode(t, err, step.code)
		if step.fix != nil {
			step.fix()
		}
	}
}

func TestVerifyMessageSignatureEncodings(t *testing.T) {
	t.Parallel()
	text := render(fields(aliceAddr))
	good := personalSign(t, alice, text)
	noCode := testOptions(t, wallet.NewVerifier(map[uint64]bind.ContractCaller{1: noCodeChain{}}))
	for _, s := range []string{"", "0x", "0X", "nothex", "0x0", "0x" + hex.EncodeToString(good) + "0", "0x " + hex.EncodeToString(good), strings.Repeat("ab", wallet.MaxSignatureSize+1)} {
		_, err := auth.VerifyMessage(context.Background(), text, s, noCode)
		requireCode(t, err, auth.CodeInvalidSignature, s)
	}
	_, err := auth.VerifyMessage(context.Background(), text, "0X"+strings.ToUpper(hex.EncodeToString(good)), noCode)
	require.NoError(t, err, "upper-case hex")
}

// Signatures of every length up to 70 bytes, and every v outside {0, 1, 27, 28}, never
// panic and are refused as invalid_signature.
func TestVerifyMessageMalformedSignatures(t *testing.T) {
	t.Parallel()
	text := render(fields(aliceAddr))
	good := personalSign(t, alice, text)
	opts := testOptions(t, wallet.NewVerifier(map[uint64]bind.ContractCaller{1: noCodeChain{}}))
	check := func(name string, sig []byte) {
		t.Helper()
		var err error
		require.NotPanics(t, func() { _, err = auth.VerifyMessage(context.Background(), text, hex.EncodeToString(sig), opts) }, name)
		requireCode(t, err, auth.CodeInvalidSignature, name)
	}
	for n := 0; n <= 70; n++ {
		if n == 65 {
			continue
		}
		sig := make([]byte, n)
		copy(sig, good)
		check("length "+strconv.Itoa(n), sig)
		for i := range sig {
			sig[i] = 0xff
		}
		check("length "+strconv.Itoa(n)+" of 0xff", sig)
	}
	for v := 0; v < 256; v++ {
		if v == 0 || v == 1 || v == 27 || v == 28 {
			continue
		}
		sig := append([]byte(nil), good...)
		sig[64] = byte(v)
		check("v "+strconv.Itoa(v), sig)
	}
	for _, v := range []byte{0, 1, 27, 28} {
		sig := append([]byte(nil), good...)
		sig[64] = v
		_, err := auth.VerifyMessage(context.Background(), text, hex.EncodeToString(sig), opts)
		if v%27 == good[64]%27 {
			require.NoError(t, err, "v %d", v)
		} else {
			requireCode(t, err, auth.CodeInvalidSignature, fmt.Sprintf("flipped v %d", v))
		}
	}
}

// Without an RPC for the chain, a signature that is not the address's EOA signature may be
// a contract wallet's: refused as contract_wallet_unsupported, never accepted.
func TestVerifyMessageWithoutRPC(t *testing.T) {
	t.Parallel()
	text := render(fields(aliceAddr))
	opts := testOptions(t, nil)
	_, err := auth.VerifyMessage(context.Background(), text, hex.EncodeToString(personalSign(t, alice, text)), opts)
	require.NoError(t, err, "an EOA needs no RPC")

	for name, sig := range map[string][]byte{
		"other signer": personalSign(t, testKey("mallory"), text),
		"ERC-6492":     wallet.WrapERC6492(common.Address{1}, []byte{1}, personalSign(t, alice, text)),
		"short":        {1, 2, 3},
	} {
		_, err := auth.VerifyMessage(context.Background(), text, hex.EncodeToString(sig), opts)
		requireCode(t, err, auth.CodeContractWalletUnsupported, name)
	}
}

func TestVerifyMessageChainFailureIsNotARefusal(t *testing.T) {
	t.Parallel()
	text := render(fields(aliceAddr))
	opts := testOptions(t, wallet.NewVerifier(map[uint64]bind.ContractCaller{1: failingChain{}}))
	_, err := auth.VerifyMessage(context.Background(), text, hex.EncodeToString(personalSign(t, testKey("mallory"), text)), opts)
	require.ErrorIs(t, err, errNodeDown)
	var se *auth.SIWEError
	require.False(t, errors.As(err, &se), "an unreachable node says nothing about the message")
}

var errNodeDown = errors.New("node down")

type failingChain struct{}

func (failingChain) CodeAt(context.Context, common.Address, *big.Int) ([]byte, error) {
	return nil, errNodeDown
}

func (failingChain) CallContract(context.Context, ethereum.CallMsg, *big.Int) ([]byte, error) {
	return nil, errNodeDown
}

func TestVerifyMessageBadOptions(t *testing.T) {
	t.Parallel()
	text := render(fields(aliceAddr))
	sig := hex.EncodeToString(personalSign(t, alice, text))
	for name, opts := range map[string]auth.SIWEOptions{
		"no domain":    {ChainIDs: []uint64{1}},
		"no chain ids": {Domain: "localhost:8080"},
		"bad origin":   {Domain: "localhost:8080", ChainIDs: []uint64{1}, URIOrigin: "localhost"},
	} {
		_, err := auth.VerifyMessage(context.Background(), text, sig, opts)
		require.Error(t, err, name)
		var se *auth.SIWEError
		require.False(t, errors.As(err, &se), name)
	}
}

// Checks beyond the vectors: characters, times, sizes.
func TestParseMessageStrictness(t *testing.T) {
	t.Parallel()
	base := fields(aliceAddr)
	ok := func(edit func(f map[string]any)) string {
		f := map[string]any{}
		for k, v := range base {
			f[k] = v
		}
		edit(f)
		return render(f)
	}
	good := []struct {
		name string
		text string
		want func(t *testing.T, m *auth.Message)
	}{
		{"fraction and offset", ok(func(f map[string]any) { f["issuedAt"] = "2026-03-01T13:00:00.5+01:00" }), func(t *testing.T, m *auth.Message) {
			require.True(t, t0.Add(500*time.Millisecond).Equal(m.IssuedAt))
		}},
		{"scheme with digits and signs", ok(func(f map[string]any) { f["scheme"] = "web+app.1" }), func(t *testing.T, m *auth.Message) {
			require.Equal(t, "web+app.1", m.Scheme)
			require.Equal(t, "localhost:8080", m.Domain)
		}},
		{"statement of every allowed character", ok(func(f map[string]any) { f["statement"] = "aZ09-._~:/?#[]@!$&'()*+,;= ok" }), nil},
		{"urn resource", ok(func(f map[string]any) { f["resources"] = []any{"urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"} }), nil},
		// RFC 3339's grammar allows lower-case "t" and "z" and leap seconds (read as the next second).
		{"lower-case t and z", ok(func(f map[string]any) { f["issuedAt"] = "2026-03-01t12:00:00z" }), func(t *testing.T, m *auth.Message) {
			require.True(t, t0.Equal(m.IssuedAt))
		}},
		{"leap second", ok(func(f map[string]any) { f["issuedAt"] = "2016-12-31T23:59:60Z" }), func(t *testing.T, m *auth.Message) {
			require.True(t, time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC).Equal(m.IssuedAt))
		}},
	}
	for _, tc := range good {
		m, err := auth.ParseMessage(tc.text)
		require.NoError(t, err, tc.name)
		if tc.want != nil {
			tc.want(t, m)
		}
	}
	bad := map[string]string{
		"statement with a quote":      ok(func(f map[string]any) { f["statement"] = `Say "hi"` }),
		"statement with a percent":    ok(func(f map[string]any) { f["statement"] = "100%" }),
		"statement not ASCII":         ok(func(f map[string]any) { f["statement"] = "Connexion à kycgate" }),
		"statement with a tab":        ok(func(f map[string]any) { f["statement"] = "a\tb" }),
		"CRLF line ends":              strings.ReplaceAll(ok(func(map[string]any) {}), "\n", "\r\n"),
		"trailing newline":            ok(func(map[string]any) {}) + "\n",
		"domain not ASCII":            ok(func(f map[string]any) { f["domain"] = "kÿcgate.example" }),
		"uri not ASCII":               ok(func(f map[string]any) { f["uri"] = testURL + "/connexion-à" }),
		"NUL byte":                    ok(func(f map[string]any) { f["requestId"] = "a\x00b" }),
		"relative uri":                ok(func(f map[string]any) { f["uri"] = "/login" }),
		"relative resource":           ok(func(f map[string]any) { f["resources"] = []any{"https://ok.example", "terms"} }),
		"leap second mid-month":       ok(func(f map[string]any) { f["issuedAt"] = "2016-12-15T23:59:60Z" }),
		"February 30":                 ok(func(f map[string]any) { f["issuedAt"] = "2026-02-30T00:00:00Z" }),
		"five-digit year":             ok(func(f map[string]any) { f["issuedAt"] = "12026-01-01T00:00:00Z" }),
		"chain id beyond 64 bits":     ok(func(f map[string]any) { f["chainId"] = "18446744073709551616" }),
		"scheme without domain":       ok(func(f map[string]any) { f["domain"] = "" }),
		"scheme not starting alpha":   ok(func(f map[string]any) { f["scheme"] = "1http" }),
		"scheme with an empty prefix": "://" + ok(func(f map[string]any) { delete(f, "scheme") }),
		"too long":                    ok(func(f map[string]any) { f["requestId"] = strings.Repeat("a", auth.MaxMessageSize) }),
		"empty":                       "",
	}
	for name, text := range bad {
		_, err := auth.ParseMessage(text)
		requireCode(t, err, auth.CodeInvalidMessage, name)
	}
}
