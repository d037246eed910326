package eas

import (
	"bytes"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Signer signs EIP-712 digests with a secp256k1 key. The key may live in
// memory (KeySigner), in the gateway's key ring or in a KMS.
type Signer interface {
	// Address is the Ethereum address of the signing key.
	Address() common.Address
	// SignDigest signs the 32-byte digest and returns a 65-byte R ‖ S ‖ V
	// signature with V either 0/1 or 27/28.
	SignDigest(digest common.Hash) ([]byte, error)
}

// KeySigner is a Signer over an in-memory private key.
type KeySigner struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

// NewKeySigner returns a Signer for key.
func NewKeySigner(key *ecdsa.PrivateKey) *KeySigner {
	return &KeySigner{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
}

// Address returns the key's address.
func (s *KeySigner) Address() common.Address { return s.addr }

// SignDigest signs digest deterministically (RFC 6979) with a low S.
func (s *KeySigner) SignDigest(digest common.Hash) ([]byte, error) {
	return crypto.Sign(digest[:], s.key)
}

// Signature is an ECDSA signature in the package's {r, s, v} form.
type Signature struct {
	// R is the signature's r value.
	R common.Hash
	// S is the signature's s value; at most N/2 in a valid signature.
	S common.Hash
	// V is the recovery id plus 27: 27 or 28 in a valid signature.
	V uint8
}

// Bytes returns the 65-byte R ‖ S ‖ V form with V as 27/28.
func (s Signature) Bytes() []byte {
	out := make([]byte, 65)
	copy(out, s.R[:])
	copy(out[32:], s.S[:])
	out[64] = s.V
	return out
}

// Package is a signed offchain attestation, the SDK's shareable package
// {"sig": {...}, "signer": "0x..."}. Its JSON form is the SDK's; see
// MarshalJSON and ParsePackage.
//
// A parsed Package holds what the JSON said, valid or not: Verify decides.
type Package struct {
	// Version is the package's offchain attestation version (sig.version).
	Version int
	// Domain is the EIP-712 domain the attestation was signed under.
	Domain Domain
	// PrimaryType is the EIP-712 primary type; PrimaryType in a valid package.
	PrimaryType string
	// Types are the EIP-712 struct types; exactly {"Attest": AttestFields()}
	// in a valid package.
	Types map[string][]TypedField
	// Message is the signed attestation.
	Message Attestation
	// UID is the offchain UID the package claims.
	UID common.Hash
	// Signature is the attester's signature over Message.Digest(Domain).
	Signature Signature
	// Signer is the address the package claims signed it.
	Signer common.Address
}

// ErrSign is wrapped by every error of Sign.
var ErrSign = errors.New("eas: cannot sign attestation")

// Sign signs the attestation under domain with signer and returns the package.
// The signature is normalised to a low S and V of 27/28, and checked to
// recover to signer.Address(), so a misbehaving remote signer cannot produce
// a package that fails verification.
func Sign(domain Domain, a Attestation, signer Signer) (*Package, error) {
	if domain.Name != DomainName {
		return nil, fmt.Errorf("%w: domain name %q, want %q", ErrSign, domain.Name, DomainName)
	}
	if a.Version != Version2 {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrSign, a.Version, Version2)
	}
	a.Data = bytes.Clone(a.Data)
	d := a.Digest(domain)
	raw, err := signer.SignDigest(d)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSign, err)
	}
	sig, err := normalize(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSign, err)
	}
	h := getHasher()
	got, err := h.recoverAddress(d, sig)
	h.put()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSign, err)
	}
	if want := signer.Address(); got != want {
		return nil, fmt.Errorf("%w: signature recovers to %s, not the signer %s", ErrSign, got.Hex(), want.Hex())
	}
	return &Package{
		Version:     Version2,
		Domain:      domain,
		PrimaryType: PrimaryType,
		Types:       map[string][]TypedField{PrimaryType: AttestFields()},
		Message:     a,
		UID:         a.OffchainUID(),
		Signature:   sig,
		Signer:      got,
	}, nil
}

var (
	secp256k1N     = common.HexToHash("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
	secp256k1HalfN = common.HexToHash("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")
)

// normalize turns a signer's 65-byte signature into a low-S Signature with V
// 27/28.
func normalize(raw []byte) (Signature, error) {
	if len(raw) != 65 {
		return Signature{}, fmt.Errorf("signature is %d bytes, want 65", len(raw))
	}
	var sig Signature
	copy(sig.R[:], raw[:32])
	copy(sig.S[:], raw[32:64])
	switch v := raw[64]; v {
	case 0, 1:
		sig.V = v + 27
	case 27, 28:
		sig.V = v
	default:
		return Signature{}, fmt.Errorf("signature v is %d", v)
	}
	if !inRange(sig.R) || !inRange(sig.S) {
		return Signature{}, errors.New("signature r or s out of range")
	}
	if highS(sig.S) {
		n := new(big.Int).SetBytes(secp256k1N[:])
		s := new(big.Int).Sub(n, new(big.Int).SetBytes(sig.S[:]))
		sig.S = common.BigToHash(s)
		sig.V = 27 + 28 - sig.V // 27 <-> 28
	}
	return sig, nil
}

// inRange reports whether 0 < x < N.
func inRange(x common.Hash) bool {
	return x != (common.Hash{}) && bytes.Compare(x[:], secp256k1N[:]) < 0
}

// highS reports whether s > N/2, the malleable half.
func highS(s common.Hash) bool { return bytes.Compare(s[:], secp256k1HalfN[:]) > 0 }

// recoverKey returns the 65-byte uncompressed public key that made sig over
// digest. sig must have V 27/28.
func (h *hasher) recoverKey(digest common.Hash, sig Signature) ([]byte, error) {
	raw := h.buf[:65]
	copy(raw, sig.R[:])
	copy(raw[32:], sig.S[:])
	raw[64] = sig.V - 27
	return crypto.Ecrecover(digest[:], raw)
}

// recoverAddress returns the address whose key made sig over digest. sig must
// have V 27/28.
func (h *hasher) recoverAddress(digest common.Hash, sig Signature) (common.Address, error) {
	pub, err := h.recoverKey(digest, sig)
	if err != nil {
		return common.Address{}, err
	}
	return h.pubkeyAddress(pub), nil
}
