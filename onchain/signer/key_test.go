package signer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/signer"
)

const (
	testKeyHex  = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"
	testAddress = "0x71562b71999873DB5b286dF957af199Ec94617F7"
)

func writeFile(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "signer.key")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	require.NoError(t, os.Chmod(path, mode)) // independent of the umask
	return path
}

func TestKeyID(t *testing.T) {
	t.Parallel()
	addr := common.HexToAddress(testAddress)
	id := signer.KeyID(addr)
	require.Equal(t, "00bf49f440a1cd05", id) // keccak256(address)[:8], computed with ethers
	require.Equal(t, id, signer.KeyID(common.HexToAddress(strings.ToLower(testAddress))))
	require.NotEqual(t, id, signer.KeyID(common.HexToAddress("0x71562b71999873DB5b286dF957af199Ec94617F8")))
}

func TestParseKey(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		testKeyHex,
		"0x" + testKeyHex,
		"0X" + testKeyHex,
		testKeyHex + "\n",
		"  0x" + strings.ToUpper(testKeyHex) + "\r\n",
	} {
		key, err := signer.ParseKey(in)
		require.NoError(t, err, "%q", in)
		require.Equal(t, testAddress, crypto.PubkeyToAddress(key.PublicKey).Hex())
	}
}

func TestParseKeyRejects(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{
		"empty":            "",
		"short":            testKeyHex[:62],
		"long":             testKeyHex + "00",
		"not hex":          "zz" + testKeyHex[2:],
		"zero":             strings.Repeat("0", 64),
		"curve order":      "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
		"two keys":         testKeyHex + "\n" + testKeyHex,
		"inner whitespace": testKeyHex[:32] + " " + testKeyHex[32:],
	} {
		_, err := signer.ParseKey(in)
		require.ErrorIs(t, err, signer.ErrInvalidKey, name)
		if len(in) >= 16 {
			require.NotContains(t, err.Error(), in[4:16], "%s: the error must not echo the key", name)
		}
	}
}

func TestLoadKeyFile(t *testing.T) {
	t.Parallel()
	for _, mode := range []os.FileMode{0o600, 0o400} {
		key, err := signer.LoadKeyFile(writeFile(t, "0x"+testKeyHex+"\n", mode))
		require.NoError(t, err, "mode %04o", mode)
		require.Equal(t, testAddress, crypto.PubkeyToAddress(key.PublicKey).Hex())
	}
}

func TestLoadKeyFileRefusesWideMode(t *testing.T) {
	t.Parallel()
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660, 0o700, 0o666} {
		path := writeFile(t, testKeyHex, mode)
		_, err := signer.LoadKeyFile(path)
		require.ErrorIs(t, err, signer.ErrInsecureKeyFile, "mode %04o", mode)
		require.ErrorContains(t, err, "chmod 600")
		require.NotContains(t, err.Error(), testKeyHex[4:16])
	}
}

func TestLoadKeyFileRejects(t *testing.T) {
	t.Parallel()
	_, err := signer.LoadKeyFile(writeFile(t, "0x"+testKeyHex[:40]+"garbage\n", 0o600))
	require.ErrorIs(t, err, signer.ErrInvalidKey, "corrupt key")
	require.NotContains(t, err.Error(), testKeyHex[4:16])

	_, err = signer.LoadKeyFile(writeFile(t, "", 0o600))
	require.ErrorIs(t, err, signer.ErrInvalidKey, "empty file")

	_, err = signer.LoadKeyFile(writeFile(t, testKeyHex+strings.Repeat("\n", 2000), 0o600))
	require.ErrorIs(t, err, signer.ErrInvalidKey, "oversized file")

	_, err = signer.LoadKeyFile(filepath.Join(t.TempDir(), "missing.key"))
	require.ErrorIs(t, err, os.ErrNotExist)

	dir := t.TempDir()
	require.NoError(t, os.Chmod(dir, 0o700))
	_, err = signer.LoadKeyFile(dir)
	require.ErrorIs(t, err, signer.ErrInsecureKeyFile, "a directory")
}

func TestGenerate(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "signer.key")
	info, err := signer.Generate(path)
	require.NoError(t, err)
	require.Equal(t, signer.KeyID(info.Address), info.KeyID)
	require.Empty(t, info.Status)

	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), fi.Mode().Perm())

	key, err := signer.LoadKeyFile(path)
	require.NoError(t, err)
	require.Equal(t, info.Address, crypto.PubkeyToAddress(key.PublicKey))

	before, err := os.ReadFile(path)
	require.NoError(t, err)
	_, err = signer.Generate(path)
	require.ErrorIs(t, err, os.ErrExist, "never overwrite a key")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, before, after)

	other, err := signer.Generate(filepath.Join(t.TempDir(), "other.key"))
	require.NoError(t, err)
	require.NotEqual(t, info.Address, other.Address)

	_, err = signer.Generate(filepath.Join(t.TempDir(), "missing", "signer.key"))
	require.ErrorIs(t, err, os.ErrNotExist)
}
