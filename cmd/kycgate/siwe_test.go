package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/signer"
)

func TestSIWESignPlaysTheWallet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keyPath := filepath.Join(dir, "wallet.key")
	info, err := signer.Generate(keyPath)
	require.NoError(t, err)
	issued := time.Now().UTC().Truncate(time.Second)
	m := authtest.Message{Scheme: "http", Domain: "localhost:8080", Address: info.Address, URI: "http://localhost:8080",
		ChainID: 1, Nonce: "abcdefgh12345", IssuedAt: issued}
	text := m.String()

	// The JSON answer of POST /v1/auth/nonce, as curl saves it.
	answer, err := json.Marshal(map[string]string{"nonce": "abcdefgh12345", "message": text})
	require.NoError(t, err)
	nonceFile := filepath.Join(dir, "nonce.json")
	require.NoError(t, os.WriteFile(nonceFile, answer, 0o600))
	code, out, stderr := runCmd(t, "siwe", "sign", "--key", keyPath, "--message", nonceFile)
	require.Equal(t, 0, code, stderr)
	var body struct{ Message, Signature string }
	require.NoError(t, json.Unmarshal([]byte(out), &body))
	require.Equal(t, text, body.Message)

	// The signature passes the sign-in checks.
	msgPath := filepath.Join(dir, "msg.txt")
	require.NoError(t, os.WriteFile(msgPath, []byte(text+"\n"), 0o600))
	code, out, stderr = runCmd(t, "siwe", "verify", "--public-url", "http://localhost:8080", "--message", msgPath,
		"--signature", body.Signature, "--nonce", "abcdefgh12345")
	require.Equal(t, 0, code, stderr+out)
	require.Contains(t, out, `"valid":true`)

	// A plain message file signs the same.
	code, out, _ = runCmd(t, "siwe", "sign", "--key", keyPath, "--message", msgPath)
	require.Equal(t, 0, code)
	require.Contains(t, out, body.Signature)

	// Another wallet's message, a nonce answer without a message, and a missing flag.
	other := authtest.Message{Scheme: "http", Domain: "localhost:8080", Address: authtest.Address(authtest.NewKey(t)),
		URI: "http://localhost:8080", ChainID: 1, Nonce: "abcdefgh12345", IssuedAt: issued}
	otherPath := filepath.Join(dir, "other.txt")
	require.NoError(t, os.WriteFile(otherPath, []byte(other.String()), 0o600))
	code, _, stderr = runCmd(t, "siwe", "sign", "--key", keyPath, "--message", otherPath)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "the message is for "+other.Address.Hex())
	bare := filepath.Join(dir, "bare.json")
	require.NoError(t, os.WriteFile(bare, []byte(`{"nonce":"abcdefgh12345"}`), 0o600))
	code, _, stderr = runCmd(t, "siwe", "sign", "--key", keyPath, "--message", bare)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, `has no "message"`)
	code, _, stderr = runCmd(t, "siwe", "sign", "--message", bare)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "usage: kycgate siwe sign")
}

func TestAttestVerifyTakesTheURLItself(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// The development key, where serve --dev keeps it.
	_, err := signer.Generate(filepath.Join(dir, "signer.key"))
	require.NoError(t, err)
	key, err := signer.LoadKeyFile(filepath.Join(dir, "signer.key"))
	require.NoError(t, err)
	claims, err := eas.KYCClaims{Level: 1, Country: "DE", Over18: true}.Encode()
	require.NoError(t, err)
	now := time.Now().Truncate(time.Second)
	pkg, err := eas.Sign(attest.DefaultDomains()[1], eas.Attestation{Version: eas.Version2, Schema: eas.KYCSchemaUID,
		Recipient: common.HexToAddress("0x00000000000000000000000000000000000000bb"), Time: uint64(now.Unix()),
		ExpirationTime: uint64(now.Add(time.Hour).Unix()), Revocable: true, Data: claims}, eas.NewKeySigner(key))
	require.NoError(t, err)
	full := eas.EncodeURL("http://localhost:8080", pkg)
	_, escaped, ok := strings.Cut(full, "#attestation=")
	require.True(t, ok)
	plain, err := url.PathUnescape(escaped)
	require.NoError(t, err)

	verify := func(arg string, extra ...string) (int, string, string) {
		return runCmd(t, append(append([]string{"attest", "verify", "--dev", "--data-dir", dir, "--no-store"}, extra...), arg)...)
	}
	for name, arg := range map[string]string{
		"the full URL":                full,
		"the fragment":                "attestation=" + escaped,
		"the encoded package":         escaped,
		"the encoded package, as is":  plain,
		"the URL of another explorer": eas.EncodeURL("https://easscan.org", pkg),
	} {
		code, out, stderr := verify(arg)
		require.Equal(t, 0, code, name+": "+stderr+out)
		require.Contains(t, out, `"valid":true`, name)
		require.Contains(t, out, `"country":"DE"`, name)
	}

	code, out, _ := verify("http://localhost:8080/offchain/url/#attestation=bm90IHpsaWI%3D")
	require.Equal(t, 1, code)
	require.Contains(t, out, `"reason":"malformed"`)

	code, _, stderr := verify(filepath.Join(dir, "nope.json"))
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "want a file, an attestation URL or its fragment")

	// Without --dev the development key is not trusted, and the command says what to pass.
	code, out, stderr = runCmd(t, "attest", "verify", "--no-store", full)
	require.Equal(t, 1, code)
	require.Contains(t, out, `"reason":"untrusted_signer"`)
	require.Contains(t, stderr, "pass --dev")

	// --dev where no development key exists is an error, and does not create one.
	empty := t.TempDir()
	code, _, stderr = runCmd(t, "attest", "verify", "--dev", "--data-dir", empty, "--no-store", full)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "no development signing key")
	require.NoFileExists(t, filepath.Join(empty, "signer.key"))
}
