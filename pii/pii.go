// Package pii seals personal data (names, dates of birth, document images, provider
// payloads) before it reaches the database, and opens it again for the few code paths
// that need it.
//
// Sealing is AES-256-GCM under a 32-byte key. A sealed value carries a format version and
// the id of the key that sealed it, so the key can rotate: a Sealer seals with its primary
// key and opens with any key it knows, old ones included.
//
//	sealed = version(1 byte, 0x01) ‖ key id (4 bytes) ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)
//
// The key id is the first 4 bytes of SHA-256("kycgate pii key id" ‖ key): it names a key
// without revealing it, and needs no configuration. Every Seal and Open takes a context
// label (for example "verification:ver_abc:data") that is authenticated with the data, so
// a sealed value copied into another row or column fails to open.
//
// Plaintext never appears in errors. Values that hold personal data in memory can use
// Redacted so that a stray log call prints "[redacted]" instead.
package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// KeySize is the length of a data key in bytes (AES-256).
const KeySize = 32

const (
	formatV1   = 0x01
	keyIDSize  = 4
	nonceSize  = 12
	headerSize = 1 + keyIDSize + nonceSize
	tagSize    = 16
)

// Errors from Open. They never include the data.
var (
	// ErrUnknownKey means the value was sealed under a key this Sealer does not hold.
	ErrUnknownKey = errors.New("pii: sealed with an unknown key")
	// ErrCorrupt means the value is not a sealed value, was altered, or belongs to another
	// context label.
	ErrCorrupt = errors.New("pii: sealed value is corrupt or belongs to another record")
)

// Key is one data key.
type Key struct {
	id   [keyIDSize]byte
	aead cipher.AEAD
	// mark is the HMAC key of Marker, derived from the secret (marker.go).
	mark [sha256.Size]byte
}

// NewKey returns the key for 32 secret bytes.
func NewKey(secret []byte) (Key, error) {
	if len(secret) != KeySize {
		return Key{}, fmt.Errorf("pii: a data key is %d bytes, got %d", KeySize, len(secret))
	}
	block, err := aes.NewCipher(secret)
	if err != nil {
		return Key{}, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return Key{}, err
	}
	k := Key{aead: aead}
	sum := sha256.Sum256(append([]byte("kycgate pii key id"), secret...))
	copy(k.id[:], sum[:keyIDSize])
	k.mark = sha256.Sum256(append([]byte("kycgate pii marker key"), secret...))
	return k, nil
}

// ParseKey reads a key written as 64 hex digits (an optional 0x prefix is allowed).
func ParseKey(hexKey string) (Key, error) {
	s := strings.TrimPrefix(strings.TrimSpace(hexKey), "0x")
	raw, err := hex.DecodeString(s)
	if err != nil || len(raw) != KeySize {
		return Key{}, fmt.Errorf("pii: a data key is %d bytes written as %d hex digits", KeySize, 2*KeySize)
	}
	return NewKey(raw)
}

// GenerateKey returns a new random key as 64 hex digits.
func GenerateKey() string {
	var b [KeySize]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("pii: crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// ID is the key's public id as 8 hex digits.
func (k Key) ID() string { return hex.EncodeToString(k.id[:]) }

// Sealer seals with one primary key and opens with every key it holds. It is immutable
// and safe for concurrent use.
type Sealer struct {
	primary Key
	keys    map[[keyIDSize]byte]Key
}

// NewSealer returns a Sealer that seals with primary and also opens values sealed with
// any of old (keys being rotated out).
func NewSealer(primary Key, old ...Key) (*Sealer, error) {
	if primary.aead == nil {
		return nil, errors.New("pii: no primary key")
	}
	s := &Sealer{primary: primary, keys: map[[keyIDSize]byte]Key{primary.id: primary}}
	for _, k := range old {
		if k.aead == nil {
			return nil, errors.New("pii: empty old key")
		}
		if _, dup := s.keys[k.id]; !dup {
			s.keys[k.id] = k
		}
	}
	return s, nil
}

// KeyID is the id of the key new values are sealed with.
func (s *Sealer) KeyID() string { return s.primary.ID() }

// Seal encrypts plaintext bound to label. Sealing the same plaintext twice gives
// different values (a fresh random nonce each time).
func (s *Sealer) Seal(plaintext []byte, label string) ([]byte, error) {
	out := make([]byte, headerSize, headerSize+len(plaintext)+tagSize)
	out[0] = formatV1
	copy(out[1:], s.primary.id[:])
	if _, err := rand.Read(out[1+keyIDSize : headerSize]); err != nil {
		return nil, fmt.Errorf("pii: nonce: %w", err)
	}
	return s.primary.aead.Seal(out, out[1+keyIDSize:headerSize], plaintext, additionalData(out[:1+keyIDSize], label)), nil
}

// Open decrypts a value sealed with label by any key the Sealer holds.
func (s *Sealer) Open(sealed []byte, label string) ([]byte, error) {
	if len(sealed) < headerSize+tagSize || sealed[0] != formatV1 {
		return nil, ErrCorrupt
	}
	var id [keyIDSize]byte
	copy(id[:], sealed[1:])
	k, ok := s.keys[id]
	if !ok {
		return nil, fmt.Errorf("%w (key id %s)", ErrUnknownKey, hex.EncodeToString(id[:]))
	}
	plain, err := k.aead.Open(nil, sealed[1+keyIDSize:headerSize], sealed[headerSize:], additionalData(sealed[:1+keyIDSize], label))
	if err != nil {
		return nil, ErrCorrupt
	}
	return plain, nil
}

// NeedsReseal reports whether a sealed value was sealed with a key other than the
// primary one (it should be sealed again when next written).
func (s *Sealer) NeedsReseal(sealed []byte) bool {
	return len(sealed) < headerSize || string(sealed[1:1+keyIDSize]) != string(s.primary.id[:])
}

// additionalData binds the header and the context label to the ciphertext.
func additionalData(header []byte, label string) []byte {
	ad := make([]byte, 0, len(header)+len(label))
	return append(append(ad, header...), label...)
}

// Redacted holds a personal value in memory and keeps it out of logs and formatted
// output: String, GoString, Format verbs and slog all print "[redacted]". Use Value to
// read it.
type Redacted string

// Value returns the personal value itself.
func (r Redacted) Value() string { return string(r) }

// String implements fmt.Stringer without revealing the value.
func (Redacted) String() string { return "[redacted]" }

// GoString implements fmt.GoStringer without revealing the value.
func (Redacted) GoString() string { return `"[redacted]"` }

// LogValue implements slog.LogValuer without revealing the value.
func (Redacted) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// Format implements fmt.Formatter so that every verb (%s, %v, %q, %x…) is redacted.
func (Redacted) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte("[redacted]")) }
