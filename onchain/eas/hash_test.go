package eas

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
)

// naiveUID is OffchainUID as one concatenation and one keccak, the form the
// SDK describes; the pooled hasher writes it piece by piece.
func naiveUID(a *Attestation) common.Hash {
	var buf []byte
	buf = binary.BigEndian.AppendUint16(buf, a.Version)
	buf = append(buf, "0x"+hex.EncodeToString(a.Schema[:])...)
	buf = append(buf, a.Recipient[:]...)
	buf = append(buf, make([]byte, 20)...)
	buf = binary.BigEndian.AppendUint64(buf, a.Time)
	buf = binary.BigEndian.AppendUint64(buf, a.ExpirationTime)
	if a.Revocable {
		buf = append(buf, 1)
	} else {
		buf = append(buf, 0)
	}
	buf = append(buf, a.RefUID[:]...)
	buf = append(buf, a.Data...)
	buf = append(buf, a.Salt[:]...)
	buf = append(buf, 0, 0, 0, 0)
	return crypto.Keccak256Hash(buf)
}

func TestOffchainUIDStreamsLikeConcatenation(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 128, 135, 136, 137, 319, 320, 321, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			a := &Attestation{
				Version: Version2, Schema: KYCSchemaUID, Recipient: common.HexToAddress("0x71C7656EC7ab88b098defB751B7401B5f6d8976F"),
				Time: 1, ExpirationTime: 2, Revocable: n%2 == 0, RefUID: common.HexToHash("0x05"),
				Data: make([]byte, n), Salt: common.HexToHash("0x1111"),
			}
			for i := range a.Data {
				a.Data[i] = byte(i)
			}
			require.Equal(t, naiveUID(a), a.OffchainUID())
		})
	}
}

// Hashing reuses pooled state and scratch space: the EIP-712 hashes and the
// UID allocate nothing once the pool is warm.
func TestHashingAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("under -race sync.Pool drops pooled hashers at random: allocations are counted without it (make test)")
	}
	a := &Attestation{Version: Version2, Schema: KYCSchemaUID, Data: make([]byte, KYCDataLen)}
	d := NewDomain(10, common.HexToAddress("0x4200000000000000000000000000000000000021"), "1.0.1")
	allocs := testing.AllocsPerRun(100, func() {
		_ = d.Separator()
		_ = a.StructHash()
		_ = a.Digest(d)
		_ = a.OffchainUID()
		h := getHasher()
		_ = cachedSeparator(h, &d)
		h.put()
	})
	require.Zero(t, allocs)
}

func TestCacheBound(t *testing.T) {
	t.Parallel()
	var c cache[int, int]
	for i := range maxCached + 10 {
		c.put(i, i*2)
	}
	require.Len(t, *c.m.Load(), maxCached)
	for i := range maxCached + 10 {
		v, ok := c.get(i)
		require.Equal(t, i < maxCached, ok, i)
		if ok {
			require.Equal(t, i*2, v)
		}
	}
}

// The signer-key cache holds only trusted signers' keys, and a cached key
// still gives the address keccak would.
func TestSignerAddressCache(t *testing.T) {
	t.Parallel()
	h := getHasher()
	defer h.put()
	trustedKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	otherKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	trusted := crypto.PubkeyToAddress(trustedKey.PublicKey)
	other := crypto.PubkeyToAddress(otherKey.PublicKey)
	trustedPub := crypto.FromECDSAPub(&trustedKey.PublicKey)
	otherPub := crypto.FromECDSAPub(&otherKey.PublicKey)

	require.Equal(t, other, h.signerAddress(otherPub, []common.Address{trusted}))
	_, cached := signerKeys.get([64]byte(otherPub[1:]))
	require.False(t, cached, "an untrusted key is not cached")

	require.Equal(t, trusted, h.signerAddress(trustedPub, []common.Address{trusted}))
	got, cached := signerKeys.get([64]byte(trustedPub[1:]))
	require.True(t, cached)
	require.Equal(t, trusted, got)
	require.Equal(t, trusted, h.signerAddress(trustedPub, nil), "served from the cache")
}
