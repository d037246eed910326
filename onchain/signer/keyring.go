package signer

import (
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/wallet"
)

// Status is a key's role in a KeyRing.
type Status string

const (
	// StatusActive marks the key that signs new attestations.
	StatusActive Status = "active"
	// StatusVerifyOnly marks a key whose attestations are still trusted but
	// which signs no more (a rotated-out key, or one held elsewhere).
	StatusVerifyOnly Status = "verify-only"
)

// ErrNoActiveKey is returned by SignDigest on a key ring without an active key.
var ErrNoActiveKey = errors.New("signer: no active signing key")

// KeyInfo describes a key without its secret.
type KeyInfo struct {
	// Address is the key's Ethereum address.
	Address common.Address
	// KeyID is KeyID(Address).
	KeyID string
	// Status is empty outside a KeyRing.
	Status Status
}

// MarshalJSON gives {"address","keyId","status"} with a checksummed address
// and status omitted when empty.
func (k KeyInfo) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Address string `json:"address"`
		KeyID   string `json:"keyId"`
		Status  Status `json:"status,omitempty"`
	}{k.Address.Hex(), k.KeyID, k.Status})
}

// KeyRing is the gateway's set of signer keys: at most one active key that
// signs, plus verify-only addresses that stay trusted. It is immutable and
// safe for concurrent use, and it is an eas.Signer through its active key.
type KeyRing struct {
	active *ecdsa.PrivateKey
	keys   []KeyInfo // the active key first, then verify-only in given order
}

// NewKeyRing returns a key ring that signs with active (nil for a ring that
// only verifies) and also trusts the verifyOnly addresses. Duplicates, and
// the active address among verifyOnly, are dropped; the zero address is
// refused.
func NewKeyRing(active *ecdsa.PrivateKey, verifyOnly ...common.Address) (*KeyRing, error) {
	r := &KeyRing{active: active}
	seen := map[common.Address]bool{}
	if active != nil {
		addr := crypto.PubkeyToAddress(active.PublicKey)
		r.keys = append(r.keys, KeyInfo{Address: addr, KeyID: KeyID(addr), Status: StatusActive})
		seen[addr] = true
	}
	for _, addr := range verifyOnly {
		if addr == (common.Address{}) {
			return nil, errors.New("signer: the zero address cannot be a trusted signer")
		}
		if seen[addr] {
			continue
		}
		seen[addr] = true
		r.keys = append(r.keys, KeyInfo{Address: addr, KeyID: KeyID(addr), Status: StatusVerifyOnly})
	}
	if len(r.keys) == 0 {
		return nil, errors.New("signer: a key ring needs an active key or a trusted address")
	}
	return r, nil
}

// Address returns the active key's address, or the zero address when the
// ring has no active key.
func (r *KeyRing) Address() common.Address {
	if r.active == nil {
		return common.Address{}
	}
	return r.keys[0].Address
}

// KeyID returns the active key's id, or "" when the ring has no active key.
func (r *KeyRing) KeyID() string {
	if r.active == nil {
		return ""
	}
	return r.keys[0].KeyID
}

// SignDigest signs digest with the active key (RFC 6979, low S) and returns
// R ‖ S ‖ V with V 0/1.
func (r *KeyRing) SignDigest(digest common.Hash) ([]byte, error) {
	if r.active == nil {
		return nil, ErrNoActiveKey
	}
	return crypto.Sign(digest[:], r.active)
}

// Trusted returns every trusted signer address, the active one first: what
// eas.Trust.Signers needs.
func (r *KeyRing) Trusted() []common.Address {
	out := make([]common.Address, len(r.keys))
	for i, k := range r.keys {
		out[i] = k.Address
	}
	return out
}

// Keys returns every key with its id and status, the active one first: what
// the discovery document lists.
func (r *KeyRing) Keys() []KeyInfo {
	return append([]KeyInfo(nil), r.keys...)
}

// Lookup returns the key with address addr, if the ring trusts it.
func (r *KeyRing) Lookup(addr common.Address) (KeyInfo, bool) {
	for _, k := range r.keys {
		if k.Address == addr {
			return k, true
		}
	}
	return KeyInfo{}, false
}

// ParseAddresses parses a comma-separated list of addresses, as in
// KYCGATE_TRUSTED_SIGNERS. Blanks around entries and empty entries are
// ignored; an address must be all lower case, all upper case or correctly
// EIP-55 checksummed.
func ParseAddresses(list string) ([]common.Address, error) {
	var out []common.Address
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		addr, err := wallet.ParseAddress(s)
		if err != nil {
			return nil, fmt.Errorf("signer: %q: %w", s, err)
		}
		out = append(out, addr)
	}
	return out, nil
}
