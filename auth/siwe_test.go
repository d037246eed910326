package auth_test

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/wallet"
)

// ---- the shared SIWE vectors (../shared/vectors/siwe beside the repository) ----

// vectorsDir finds the repository root (the go.mod of this module) above the test's working
// directory and returns the shared vectors folder beside it.
func vectorsDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(data), "module github.com/kycgate/kycgate\n") {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "repository root (go.mod) not found above the working directory")
		dir = parent
	}
	vectors := filepath.Join(dir, "..", "shared", "vectors", "siwe")
	_, err = os.Stat(vectors)
	require.NoError(t, err, "the SIWE vectors must be at ../shared/vectors/siwe relative to the repository root")
	return vectors
}

func loadVectors[T any](t testing.TB, name string) map[string]T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vectorsDir(t), name))
	require.NoError(t, err)
	var out map[string]T
	require.NoError(t, json.Unmarshal(data, &out), name)
	require.NotEmpty(t, out, name)
	return out
}

// render writes the EIP-4361 text of a vector object, field by field, the way the
// reference implementation renders it: required fields always (empty when missing),
// optional ones only when present.
func render(f map[string]any) string {
	str := func(k string) string {
		switch v := f[k].(type) {
		case nil:
			return ""
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		default:
			return fmt.Sprint(v)
		}
	}
	var b strings.Builder
	if s := str("scheme"); s != "" {
		b.WriteString(s + "://")
	}
	b.WriteString(str("domain") + " wants you to sign in with your Ethereum account:\n")
	b.WriteString(str("address") + "\n\n")
	if s := str("statement"); s != "" {
		b.WriteString(s + "\n")
	}
	b.WriteString("\nURI: " + str("uri"))
	b.WriteString("\nVersion: " + str("version"))
	b.WriteString("\nChain ID: " + str("chainId"))
	b.WriteString("\nNonce: " + str("nonce"))
	b.WriteString("\nIssued At: " + str("issuedAt"))
	for _, opt := range []struct{ key, label string }{{"expirationTime", "Expiration Time"}, {"notBefore", "Not Before"}, {"requestId", "Request ID"}} {
		if _, ok := f[opt.key]; ok {
			b.WriteString("\n" + opt.label + ": " + str(opt.key))
		}
	}
	if res, ok := f["resources"].([]any); ok && len(res) > 0 {
		b.WriteString("\nResources:")
		for _, r := range res {
			b.WriteString("\n- " + fmt.Sprint(r))
		}
	}
	return b.String()
}

func requireCode(t testing.TB, err error, code string, msgAndArgs ...any) {
	t.Helper()
	var se *auth.SIWEError
	require.True(t, errors.As(err, &se), "want a *SIWEError with code %s, got %v (%v)", code, err, fmt.Sprint(msgAndArgs...))
	require.Equal(t, code, se.Code, msgAndArgs...)
	require.NotEmpty(t, se.Message)
}

func TestParseMessageVectorsPositive(t *testing.T) {
	t.Parallel()
	type vector struct {
		Message string         `json:"message"`
		Fields  map[string]any `json:"fields"`
	}
	for name, v := range loadVectors[vector](t, "parsing_positive.json") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			msg, err := auth.ParseMessage(v.Message)
			require.NoError(t, err)
			f := v.Fields
			str := func(k string) string { s, _ := f[k].(string); return s }
			require.Equal(t, v.Message, msg.Raw)
			require.Equal(t, str("scheme"), msg.Scheme)
			require.Equal(t, str("domain"), msg.Domain)
			require.Equal(t, str("address"), msg.Address.Hex())
			require.Equal(t, str("statement"), msg.Statement)
			require.Equal(t, str("uri"), msg.URI)
			require.Equal(t, str("version"), msg.Version)
			require.EqualValues(t, f["chainId"], msg.ChainID)
			require.Equal(t, str("nonce"), msg.Nonce)
			require.Equal(t, str("requestId"), msg.RequestID)
			requireTime(t, str("issuedAt"), &msg.IssuedAt)
			requireTime(t, str("expirationTime"), msg.ExpirationTime)
			requireTime(t, str("notBefore"), msg.NotBefore)
			var resources []string
			if rs, ok := f["resources"].([]any); ok {
				for _, r := range rs {
					resources = append(resources, r.(string))
				}
			}
			require.Equal(t, resources, msg.Resources)
		})
	}
}

func requireTime(t *testing.T, want string, got *time.Time) {
	t.Helper()
	if want == "" {
		require.Nil(t, got)
		return
	}
	w, err := time.Parse(time.RFC3339Nano, want)
	require.NoError(t, err)
	require.NotNil(t, got)
	require.True(t, w.Equal(*got), "want %s, got %s", w, got)
}

func TestParseMessageVectorsNegative(t *testing.T) {
	t.Parallel()
	for name, text := range loadVectors[string](t, "parsing_negative.json") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := auth.ParseMessage(text)
			requireCode(t, err, auth.CodeInvalidMessage)
		})
	}
}

// The object negatives are field sets the reference refuses to build a message from;
// rendered as text, each must be refused by the parser.
func TestParseMessageVectorsNegativeObjects(t *testing.T) {
	t.Parallel()
	for name, fields := range loadVectors[map[string]any](t, "parsing_negative_objects.json") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := auth.ParseMessage(render(fields))
			requireCode(t, err, auth.CodeInvalidMessage)
		})
	}
}

// vectorNow is the clock for verification vectors that name no time (the reference uses
// the current time): after every Issued At in them, before every 2100 expiry.
var vectorNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// noCodeChain is a chain client on which no address has code: EOA-only verification that
// still answers invalid_signature rather than contract_wallet_unsupported.
type noCodeChain struct{}

func (noCodeChain) CodeAt(context.Context, common.Address, *big.Int) ([]byte, error) {
	return nil, nil
}

func (noCodeChain) CallContract(context.Context, ethereum.CallMsg, *big.Int) ([]byte, error) {
	return nil, errors.New("noCodeChain: no contract to call")
}

// vectorOptions checks a verification vector against its own domain (or domainBinding),
// URI origin, chain, time and matchNonce.
func vectorOptions(t *testing.T, v map[string]any, verifier *wallet.Verifier) auth.SIWEOptions {
	t.Helper()
	str := func(k string) string { s, _ := v[k].(string); return s }
	now := vectorNow
	if s := str("time"); s != "" {
		var err error
		now, err = time.Parse(time.RFC3339Nano, s)
		require.NoError(t, err)
	}
	u, err := url.Parse(str("uri"))
	require.NoError(t, err)
	domain := str("domain")
	if s := str("domainBinding"); s != "" {
		domain = s
	}
	chain, _ := v["chainId"].(float64)
	return auth.SIWEOptions{
		Domain:    domain,
		Scheme:    "https", // no vector has a scheme: https is implied (EIP-4361)
		URIOrigin: u.Scheme + "://" + u.Host,
		ChainIDs:  []uint64{uint64(chain)},
		Verifier:  verifier,
		Now:       func() time.Time { return now },
		Nonce:     str("matchNonce"),
	}
}

func TestVerifyMessageVectorsPositive(t *testing.T) {
	t.Parallel()
	for name, v := range loadVectors[map[string]any](t, "verification_positive.json") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			text, sig := render(v), v["signature"].(string)
			opts := vectorOptions(t, v, nil) // EOA only: no RPC
			got, err := auth.VerifyMessage(context.Background(), text, sig, opts)
			if name == "expired message" {
				// Deviation, on purpose: its Issued At (2022) is two years after the time it
				// is checked at (2020), and after its own Expiration Time (2021), so it can
				// never be valid under the rule that Issued At is not in the future
				// beyond a small skew. We refuse it for that reason, and check that the
				// signature itself is the address's.
				requireCode(t, err, auth.CodeNotYetValid)
				msg, err := auth.ParseMessage(text)
				require.NoError(t, err)
				digest := common.BytesToHash(accounts.TextHash([]byte(text)))
				require.NoError(t, (*wallet.Verifier)(nil).VerifySignature(context.Background(), msg.ChainID, msg.Address, digest, common.FromHex(sig)))
				return
			}
			require.NoError(t, err)
			require.Equal(t, v["address"], got.Address.Hex())
			require.Equal(t, v["nonce"], got.Nonce)
			require.EqualValues(t, v["chainId"], got.ChainID)
			require.Equal(t, common.FromHex(sig), got.Signature)
		})
	}
}

func TestVerifyMessageVectorsNegative(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"expired message":        auth.CodeExpired,
		"domain binding":         auth.CodeDomainMismatch,
		"custom time":            auth.CodeExpired,
		"custom nonce":           auth.CodeNonceInvalid,
		"malformed signature":    auth.CodeInvalidSignature,
		"wrong signature":        auth.CodeInvalidSignature,
		"not yet valid":          auth.CodeNotYetValid,
		"invalid issuedAt":       auth.CodeInvalidMessage,
		"invalid notBefore":      auth.CodeInvalidMessage,
		"invalid expirationTime": auth.CodeInvalidMessage,
	}
	vectors := loadVectors[map[string]any](t, "verification_negative.json")
	for name := range vectors {
		require.Contains(t, want, name, "a new negative vector: say which code it must give")
	}
	// Chain 1 is served by a client on which these addresses have no code, so a wrong
	// signature is invalid_signature (with no RPC at all it would be
	// contract_wallet_unsupported: the signer might have been a contract wallet).
	verifier := wallet.NewVerifier(map[uint64]bind.ContractCaller{1: noCodeChain{}})
	for name, code := range want {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v, ok := vectors[name]
			require.True(t, ok, "vector %q is gone", name)
			_, err := auth.VerifyMessage(context.Background(), render(v), v["signature"].(string), vectorOptions(t, v, verifier))
			requireCode(t, err, code)
		})
	}
}

// eip1271.json holds sign-ins by Argent and Loopring contract wallets on Ethereum mainnet.
// Checking them needs mainnet state (the wallets' code and owners), i.e. an RPC to chain 1,
// which tests do not have. What can be checked without one: the messages parse, and the
// verdict is contract_wallet_unsupported, never a pass or a plain refusal. The real ERC-1271
// path is tested on the simulated backend (TestVerifyMessageContractWallets).
func TestVerifyMessageVectorsEIP1271(t *testing.T) {
	t.Parallel()
	type vector struct{ Message, Signature string }
	for name, v := range loadVectors[vector](t, "eip1271.json") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			msg, err := auth.ParseMessage(v.Message)
			require.NoError(t, err)
			opts := auth.SIWEOptions{
				Domain: msg.Domain, Scheme: "https", URIOrigin: msg.URI, ChainIDs: []uint64{1},
				Now: func() time.Time { return msg.IssuedAt },
			}
			_, err = auth.VerifyMessage(context.Background(), v.Message, v.Signature, opts)
			requireCode(t, err, auth.CodeContractWalletUnsupported)
			t.Skip("SKIPPED: the full ERC-1271 check of this mainnet wallet needs an RPC to chain 1")
		})
	}
}

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

// ---- contract wallets on the simulated backend (chain id 1337) ----

func TestVerifyMessageContractWallets(t *testing.T) {
	t.Parallel()
	const chainID = 1337
	deployer := testKey("deployer")
	backend := simulated.NewBackend(types.GenesisAlloc{crypto.PubkeyToAddress(deployer.PublicKey): {Balance: big.NewInt(1e18)}})
	t.Cleanup(func() { _ = backend.Close() })
	client := backend.Client()
	txOpts := bind.NewKeyedTransactor(deployer, big.NewInt(chainID))
	ctx := context.Background()

	factoryAddr, tx, err := bind.DeployContract(txOpts, common.FromHex(contracts.SmartWalletFactoryMetaData.Bin), client, nil)
	require.NoError(t, err)
	backend.Commit()
	_, err = bind.WaitDeployed(ctx, client, tx.Hash())
	require.NoError(t, err)
	factory := contracts.NewSmartWalletFactory()
	walletOf := func(owner common.Address, salt common.Hash) (common.Address, []byte) {
		out, err := client.CallContract(ctx, ethereum.CallMsg{To: &factoryAddr, Data: factory.PackWalletAddress(owner, salt)}, nil)
		require.NoError(t, err)
		addr, err := factory.UnpackWalletAddress(out)
		require.NoError(t, err)
		return addr, factory.PackDeploy(owner, salt)
	}

	deployed, deployCall := walletOf(aliceAddr, common.Hash{1})
	tx, err = bind.NewBoundContract(factoryAddr, factory.GetABI(), client, client, client).RawTransact(txOpts, deployCall)
	require.NoError(t, err)
	backend.Commit()
	receipt, err := bind.WaitMined(ctx, client, tx.Hash())
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, receipt.Status)
	counterfactual, counterfactualCall := walletOf(aliceAddr, common.Hash{2})

	verifier := wallet.NewVerifier(map[uint64]bind.ContractCaller{chainID: client})
	opts, err := auth.NewSIWEOptions(testURL, []uint64{chainID}, verifier)
	require.NoError(t, err)
	opts.Now = func() time.Time { return t0 }
	message := func(addr common.Address) string {
		f := fields(addr)
		f["chainId"] = float64(chainID)
		return render(f)
	}

	// ERC-1271: the deployed wallet, signed by its owner's key.
	text := message(deployed)
	got, err := auth.VerifyMessage(ctx, text, hex.EncodeToString(personalSign(t, alice, text)), opts)
	require.NoError(t, err)
	require.Equal(t, deployed, got.Address)
	_, err = auth.VerifyMessage(ctx, text, hex.EncodeToString(personalSign(t, testKey("mallory"), text)), opts)
	requireCode(t, err, auth.CodeInvalidSignature, "ERC-1271, wrong owner")

	// ERC-6492: the counterfactual wallet, its owner's signature wrapped with the deploy call.
	text = message(counterfactual)
	wrapped := wallet.WrapERC6492(factoryAddr, counterfactualCall, personalSign(t, alice, text))
	got, err = auth.VerifyMessage(ctx, text, hex.EncodeToString(wrapped), opts)
	require.NoError(t, err)
	require.Equal(t, counterfactual, got.Address)
	require.Equal(t, wrapped, got.Signature)
	wrong := wallet.WrapERC6492(factoryAddr, counterfactualCall, personalSign(t, testKey("mallory"), text))
	_, err = auth.VerifyMessage(ctx, text, hex.EncodeToString(wrong), opts)
	requireCode(t, err, auth.CodeInvalidSignature, "ERC-6492, wrong owner")

	// The same wallets on a chain without an RPC.
	noRPC := opts
	noRPC.Verifier = nil
	for _, addr := range []common.Address{deployed, counterfactual} {
		text := message(addr)
		sig := personalSign(t, alice, text)
		if addr == counterfactual {
			sig = wallet.WrapERC6492(factoryAddr, counterfactualCall, sig)
		}
		_, err = auth.VerifyMessage(ctx, text, hex.EncodeToString(sig), noRPC)
		requireCode(t, err, auth.CodeContractWalletUnsupported, addr.Hex())
	}
}
