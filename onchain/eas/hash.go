package eas

import (
	"encoding/binary"
	"encoding/hex"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// hasher is a reusable Keccak-256 state with the scratch space the EIP-712
// and UID encodings need. Anything handed to the state's Write escapes to the
// heap (it is an interface call), so the encodings are built in buf, which
// lives in the pooled hasher, rather than on the stack: hashing allocates
// nothing once the pool is warm.
type hasher struct {
	k   crypto.KeccakState
	buf [10 * 32]byte
	out common.Hash
}

var hasherPool = sync.Pool{New: func() any { return &hasher{k: crypto.NewKeccakState()} }}

func getHasher() *hasher { return hasherPool.Get().(*hasher) }

func (h *hasher) put() { hasherPool.Put(h) }

// sum returns keccak256 of the parts written so far and resets the state.
func (h *hasher) sum() common.Hash {
	_, _ = h.k.Read(h.out[:])
	h.k.Reset()
	return h.out
}

// write adds p to the state; Keccak's Write never fails.
func (h *hasher) write(p []byte) { _, _ = h.k.Write(p) }

// writeString adds s to the state through buf, since converting it to a
// []byte for Write would allocate.
func (h *hasher) writeString(s string) {
	for len(s) > 0 {
		n := copy(h.buf[:], s)
		h.write(h.buf[:n])
		s = s[n:]
	}
}

// hash returns keccak256(p).
func (h *hasher) hash(p []byte) common.Hash {
	h.write(p)
	return h.sum()
}

// structHash is Attestation.StructHash on h's scratch space.
func (h *hasher) structHash(a *Attestation) common.Hash {
	dataHash := h.hash(a.Data)
	buf := &h.buf
	clear(buf[:])
	copy(buf[0:], AttestTypeHash[:])
	binary.BigEndian.PutUint16(buf[32+30:], a.Version)
	copy(buf[64:], a.Schema[:])
	copy(buf[96+12:], a.Recipient[:])
	binary.BigEndian.PutUint64(buf[128+24:], a.Time)
	binary.BigEndian.PutUint64(buf[160+24:], a.ExpirationTime)
	if a.Revocable {
		buf[192+31] = 1
	}
	copy(buf[224:], a.RefUID[:])
	copy(buf[256:], dataHash[:])
	copy(buf[288:], a.Salt[:])
	return h.hash(buf[:])
}

// digest is keccak256("\x19\x01" ‖ separator ‖ structHash).
func (h *hasher) digest(separator, structHash common.Hash) common.Hash {
	buf := h.buf[:2+32+32]
	buf[0], buf[1] = 0x19, 0x01
	copy(buf[2:], separator[:])
	copy(buf[34:], structHash[:])
	return h.hash(buf)
}

// separator is Domain.Separator on h's scratch space.
func (h *hasher) separator(d *Domain) common.Hash {
	h.writeString(d.Name)
	name := h.sum()
	h.writeString(d.Version)
	version := h.sum()
	buf := h.buf[:5*32]
	clear(buf)
	copy(buf[0:], DomainTypeHash[:])
	copy(buf[32:], name[:])
	copy(buf[64:], version[:])
	binary.BigEndian.PutUint64(buf[96+24:], d.ChainID)
	copy(buf[128+12:], d.VerifyingContract[:])
	return h.hash(buf)
}

// offchainUID is Attestation.OffchainUID, written to the state piece by piece
// instead of concatenated first.
func (h *hasher) offchainUID(a *Attestation) common.Hash {
	buf := h.buf[:0]
	buf = binary.BigEndian.AppendUint16(buf, a.Version)
	buf = append(buf, "0x"...)
	buf = hex.AppendEncode(buf, a.Schema[:])
	buf = append(buf, a.Recipient[:]...)
	buf = append(buf, make([]byte, common.AddressLength)...) // the attester, always zero
	buf = binary.BigEndian.AppendUint64(buf, a.Time)
	buf = binary.BigEndian.AppendUint64(buf, a.ExpirationTime)
	if a.Revocable {
		buf = append(buf, 1)
	} else {
		buf = append(buf, 0)
	}
	buf = append(buf, a.RefUID[:]...)
	h.write(buf)
	h.write(a.Data)
	tail := h.buf[:32+4]
	copy(tail, a.Salt[:])
	binary.BigEndian.PutUint32(tail[32:], 0)
	h.write(tail)
	return h.sum()
}

// pubkeyAddress returns the address of a 65-byte uncompressed public key:
// the last 20 bytes of keccak256(x ‖ y).
func (h *hasher) pubkeyAddress(pub []byte) common.Address {
	sum := h.hash(pub[1:])
	return common.Address(sum[12:])
}

// maxCached bounds each cache below. Only trusted values are cached (trusted
// domains, keys of trusted signers), so the bound is reached only by a process
// that keeps building new trust configurations; past it the value is computed
// per call, as without the cache.
const maxCached = 256

// cache is a small map that is copied on write, so a lookup is one atomic
// load and a map read, with no lock and no allocation (a sync.Map would box
// the key on every Load).
type cache[K comparable, V any] struct {
	m  atomic.Pointer[map[K]V]
	mu sync.Mutex
}

func (c *cache[K, V]) get(k K) (V, bool) {
	if m := c.m.Load(); m != nil {
		v, ok := (*m)[k]
		return v, ok
	}
	var zero V
	return zero, false
}

func (c *cache[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := map[K]V{}
	if old := c.m.Load(); old != nil {
		if len(*old) >= maxCached {
			return
		}
		m = maps.Clone(*old)
	}
	m[k] = v
	c.m.Store(&m)
}

var (
	// separators maps trusted domains to their separators.
	separators cache[Domain, common.Hash]
	// signerKeys maps the public keys (x ‖ y) of trusted signers to their
	// addresses, which saves the address's keccak on every verification.
	signerKeys cache[[64]byte, common.Address]
)

// cachedSeparator returns d.Separator(), computed once per domain; d must be
// trusted.
func cachedSeparator(h *hasher, d *Domain) common.Hash {
	if s, ok := separators.get(*d); ok {
		return s
	}
	s := h.separator(d)
	separators.put(*d, s)
	return s
}

// signerAddress returns the address of the 65-byte uncompressed public key
// pub, from the cache when it is the key of a trusted signer, and caches it
// when the address is in trusted.
func (h *hasher) signerAddress(pub []byte, trusted []common.Address) common.Address {
	key := [64]byte(pub[1:])
	if a, ok := signerKeys.get(key); ok {
		return a
	}
	a := h.pubkeyAddress(pub)
	if slices.Contains(trusted, a) {
		signerKeys.put(key, a)
	}
	return a
}
