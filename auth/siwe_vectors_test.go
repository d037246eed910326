package auth_test

import (
	"context"
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
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
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
