package signer

import (
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

var (
	// ErrInvalidKey is wrapped by errors about a malformed private key. Such
	// errors never contain the key text.
	ErrInvalidKey = errors.New("signer: invalid private key")
	// ErrInsecureKeyFile is wrapped when a key file may be read or written by
	// anyone but its owner, or is not a regular file.
	ErrInsecureKeyFile = errors.New("signer: insecure key file")
)

// maxKeyFile bounds what LoadKeyFile reads: a key is 66 characters.
const maxKeyFile = 1024

// KeyID returns the public, stable id of the key with address addr: the first
// 8 bytes of keccak256 of the 20 address bytes, as 16 lower-case hex
// characters. It names a key in logs and in the discovery document without
// repeating the address; it is not a secret.
func KeyID(addr common.Address) string {
	return hex.EncodeToString(crypto.Keccak256(addr[:])[:8])
}

// ParseKey parses a hex secp256k1 private key: 64 hex digits, optionally
// prefixed with 0x, surrounding white space ignored.
func ParseKey(s string) (*ecdsa.PrivateKey, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		s = s[2:]
	}
	if len(s) != 64 {
		return nil, fmt.Errorf("%w: want 64 hex digits, got %d characters", ErrInvalidKey, len(s))
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: not hex", ErrInvalidKey)
	}
	key, err := crypto.ToECDSA(b)
	if err != nil {
		return nil, fmt.Errorf("%w: not a valid secp256k1 scalar", ErrInvalidKey)
	}
	return key, nil
}

// LoadKeyFile reads a key written by Generate (or by hand). It refuses a file
// that is not a regular file or whose mode allows more than owner read and
// write (0600), so a key never sits readable by other users.
func LoadKeyFile(path string) (*ecdsa.PrivateKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("signer: open key file: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("signer: stat key file: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", ErrInsecureKeyFile, path)
	}
	if perm := fi.Mode().Perm(); perm&^0o600 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("%w: %s has mode %04o, wider than 0600; run chmod 600 %s",
			ErrInsecureKeyFile, path, perm, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, fmt.Errorf("signer: read key file: %w", err)
	}
	if len(data) > maxKeyFile {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrInvalidKey, path, maxKeyFile)
	}
	key, err := ParseKey(string(data))
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return key, nil
}

// Generate creates a new random key and writes it to path with mode 0600. It
// refuses to overwrite an existing file (the error wraps os.ErrExist) and
// does not create missing directories. It returns the new key's address and
// id, the CLI's {"address","keyId"}.
func Generate(path string) (KeyInfo, error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return KeyInfo{}, fmt.Errorf("signer: generate key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return KeyInfo{}, fmt.Errorf("signer: create key file: %w", err)
	}
	_, err = f.WriteString(hex.EncodeToString(crypto.FromECDSA(key)) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return KeyInfo{}, fmt.Errorf("signer: write key file: %w", err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	return KeyInfo{Address: addr, KeyID: KeyID(addr)}, nil
}
