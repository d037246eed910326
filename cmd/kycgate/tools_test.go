package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
)

func TestKeysGenerate(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "signer.key")
	code, out, stderr := runCmd(t, "keys", "generate", "--out", path)
	require.Equal(t, 0, code, stderr)
	var info struct{ Address, KeyID string }
	require.NoError(t, json.Unmarshal([]byte(out), &info))
	require.True(t, common.IsHexAddress(info.Address))
	require.Equal(t, signer.KeyID(common.HexToAddress(info.Address)), info.KeyID)
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	key, err := signer.LoadKeyFile(path)
	require.NoError(t, err)
	require.Equal(t, info.Address, crypto.PubkeyToAddress(key.PublicKey).Hex())

	code, _, _ = runCmd(t, "keys", "generate", "--out", path)
	require.Equal(t, 1, code, "an existing key is never overwritten")
}

func TestAttestVerify(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keyPath := filepath.Join(dir, "signer.key")
	_, err := signer.Generate(keyPath)
	require.NoError(t, err)
	key, err := signer.LoadKeyFile(keyPath)
	require.NoError(t, err)

	claims, err := eas.KYCClaims{Level: 2, Country: "NL", Over18: true}.Encode()
	require.NoError(t, err)
	now := time.Now().Truncate(time.Second)
	msg := eas.Attestation{Version: eas.Version2, Schema: eas.KYCSchemaUID, Recipient: common.HexToAddress("0x00000000000000000000000000000000000000aa"),
		Time: uint64(now.Unix()), ExpirationTime: uint64(now.Add(time.Hour).Unix()), Revocable: true, Data: claims}
	pkg, err := eas.Sign(attest.DefaultDomains()[8453], msg, eas.NewKeySigner(key))
	require.NoError(t, err)
	raw, err := json.Marshal(pkg)
	require.NoError(t, err)
	pkgPath := filepath.Join(dir, "pkg.json")
	require.NoError(t, os.WriteFile(pkgPath, raw, 0o600))

	db := "sqlite://" + filepath.Join(dir, "k.db")
	code, out, stderr := runCmd(t, "attest", "verify", "--signer-key-file", keyPath, "--database-url", db, pkgPath)
	require.Equal(t, 0, code, stderr+out)
	require.Contains(t, out, `"valid":true`)
	require.Contains(t, out, `"country":"NL"`)

	// The URL form in a file verifies too.
	urlPath := filepath.Join(dir, "pkg.url")
	require.NoError(t, os.WriteFile(urlPath, []byte(eas.EncodeURL("https://kyc.example", pkg)+"\n"), 0o600))
	code, out, _ = runCmd(t, "attest", "verify", "--signer-key-file", keyPath, "--no-store", urlPath)
	require.Equal(t, 0, code, out)

	// Revoked in the store → invalid, exit 1.
	st, err := server.OpenStore(t.Context(), db, false)
	require.NoError(t, err)
	sub := storage.Subject{CreatedAt: now}
	require.NoError(t, st.CreateSubject(t.Context(), &sub))
	rec := storage.Attestation{UID: strings.ToLower(pkg.UID.Hex()), SubjectID: sub.ID, Recipient: msg.Recipient.Hex(), ChainID: 8453,
		Signer: pkg.Signer.Hex(), Package: raw, IssuedAt: now, ExpiresAt: now.Add(time.Hour)}
	require.NoError(t, st.CreateAttestation(t.Context(), &rec))
	require.NoError(t, st.RevokeAttestation(t.Context(), rec.UID, "test", now))
	st.Close()
	code, out, _ = runCmd(t, "attest", "verify", "--signer-key-file", keyPath, "--database-url", db, pkgPath)
	require.Equal(t, 1, code)
	require.Contains(t, out, `"reason":"revoked"`)

	// Another gateway's key is not trusted.
	code, out, _ = runCmd(t, "attest", "verify", "--no-store", pkgPath)
	require.Equal(t, 1, code)
	require.Contains(t, out, `"reason":"untrusted_signer"`)

	junk := filepath.Join(dir, "junk")
	require.NoError(t, os.WriteFile(junk, []byte("{not json"), 0o600))
	code, out, _ = runCmd(t, "attest", "verify", "--no-store", junk)
	require.Equal(t, 1, code)
	require.Contains(t, out, `"reason":"malformed"`)
}

func TestSIWEVerify(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	key := authtest.NewKey(t)
	issued := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	m := authtest.Message{Scheme: "https", Domain: "kyc.example.com", Address: authtest.Address(key), URI: "https://kyc.example.com/login",
		ChainID: 1, Nonce: "abcdefgh12345", IssuedAt: issued}
	text := m.String()
	msgPath := filepath.Join(dir, "msg.txt")
	require.NoError(t, os.WriteFile(msgPath, []byte(text+"\n"), 0o600))
	sig := authtest.Sign(t, key, text)

	args := []string{"siwe", "verify", "--public-url", "https://kyc.example.com", "--message", msgPath, "--signature", sig,
		"--time", issued.Add(time.Minute).Format(time.RFC3339)}
	code, out, stderr := runCmd(t, append(args, "--nonce", "abcdefgh12345")...)
	require.Equal(t, 0, code, stderr+out)
	require.JSONEq(t, `{"valid":true,"address":"`+authtest.Address(key).Hex()+`"}`, out)

	code, out, _ = runCmd(t, append(args, "--nonce", "other")...)
	require.Equal(t, 1, code)
	require.Contains(t, out, `"error":"nonce_invalid"`)

	code, out, _ = runCmd(t, append(args, "--domain", "evil.example")...)
	require.Equal(t, 1, code)
	require.Contains(t, out, `"error":"domain_mismatch"`)

	code, out, _ = runCmd(t, "siwe", "verify", "--public-url", "https://kyc.example.com", "--message", msgPath,
		"--signature", sig, "--time", issued.Add(-time.Hour).Format(time.RFC3339))
	require.Equal(t, 1, code)
	require.Contains(t, out, `"error":"not_yet_valid"`)
}
