package pii_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/pii"
)

func mustKey(t testing.TB, hexKey string) pii.Key {
	t.Helper()
	k, err := pii.ParseKey(hexKey)
	require.NoError(t, err)
	return k
}

func TestSealOpenRoundTripAndLabelBinding(t *testing.T) {
	t.Parallel()
	s, err := pii.NewSealer(mustKey(t, pii.GenerateKey()))
	require.NoError(t, err)
	secret := []byte("Ada Lovelace, 1815-12-10")

	a, err := s.Seal(secret, "verification:ver_1:data")
	require.NoError(t, err)
	b, err := s.Seal(secret, "verification:ver_1:data")
	require.NoError(t, err)
	require.NotEqual(t, a, b, "a fresh nonce each time")
	require.False(t, bytes.Contains(a, []byte("Lovelace")))

	got, err := s.Open(a, "verification:ver_1:data")
	require.NoError(t, err)
	require.Equal(t, secret, got)

	_, err = s.Open(a, "verification:ver_2:data")
	require.ErrorIs(t, err, pii.ErrCorrupt, "a value copied to another record does not open")

	for i := range a {
		tampered := bytes.Clone(a)
		tampered[i] ^= 0x01
		_, err := s.Open(tampered, "verification:ver_1:data")
		require.Error(t, err, "flipping byte %d must be detected", i)
		require.NotContains(t, err.Error(), "Lovelace")
	}
	_, err = s.Open(a[:10], "verification:ver_1:data")
	require.ErrorIs(t, err, pii.ErrCorrupt)
	_, err = s.Open(nil, "x")
	require.ErrorIs(t, err, pii.ErrCorrupt)

	empty, err := s.Seal(nil, "x")
	require.NoError(t, err)
	got, err = s.Open(empty, "x")
	require.NoError(t, err)
	require.Empty(t, got)
}

func TestKeyRotation(t *testing.T) {
	t.Parallel()
	oldKey := mustKey(t, pii.GenerateKey())
	newKey := mustKey(t, pii.GenerateKey())
	require.NotEqual(t, oldKey.ID(), newKey.ID())

	before, err := pii.NewSealer(oldKey)
	require.NoError(t, err)
	sealedOld, err := before.Seal([]byte("old secret"), "l")
	require.NoError(t, err)

	after, err := pii.NewSealer(newKey, oldKey)
	require.NoError(t, err)
	require.Equal(t, newKey.ID(), after.KeyID())
	got, err := after.Open(sealedOld, "l")
	require.NoError(t, err, "values sealed under a rotated-out key still open")
	require.Equal(t, "old secret", string(got))
	require.True(t, after.NeedsReseal(sealedOld))

	sealedNew, err := after.Seal([]byte("new secret"), "l")
	require.NoError(t, err)
	require.False(t, after.NeedsReseal(sealedNew))

	_, err = before.Open(sealedNew, "l")
	require.ErrorIs(t, err, pii.ErrUnknownKey, "the old sealer does not hold the new key")
	require.Contains(t, err.Error(), newKey.ID())
}

func TestParseKey(t *testing.T) {
	t.Parallel()
	hexKey := strings.Repeat("ab", 32)
	k1 := mustKey(t, hexKey)
	k2 := mustKey(t, "0x"+strings.ToUpper(hexKey))
	require.Equal(t, k1.ID(), k2.ID())
	require.Len(t, k1.ID(), 8)

	for _, bad := range []string{"", "abcd", strings.Repeat("ab", 31), strings.Repeat("zz", 32), strings.Repeat("ab", 33)} {
		_, err := pii.ParseKey(bad)
		require.Error(t, err, "%q", bad)
	}
	_, err := pii.NewKey(make([]byte, 16))
	require.Error(t, err, "AES-128 keys are refused")
	_, err = pii.NewSealer(pii.Key{})
	require.Error(t, err)
}

// TestSealedValueLayout pins the format: version, key id, nonce, then ciphertext and tag.
func TestSealedValueLayout(t *testing.T) {
	t.Parallel()
	k := mustKey(t, strings.Repeat("01", 32))
	s, err := pii.NewSealer(k)
	require.NoError(t, err)
	sealed, err := s.Seal([]byte("12345"), "l")
	require.NoError(t, err)
	require.Len(t, sealed, 1+4+12+5+16)
	require.Equal(t, byte(0x01), sealed[0])
	require.Equal(t, k.ID(), fmt.Sprintf("%x", sealed[1:5]))
}

func TestRedactedNeverPrints(t *testing.T) {
	t.Parallel()
	r := pii.Redacted("Grace Hopper")
	for _, format := range []string{"%s", "%v", "%+v", "%#v", "%q", "%x", "%10s"} {
		require.NotContains(t, fmt.Sprintf(format, r), "Hopper", format)
	}
	require.NotContains(t, fmt.Sprint(struct{ Name pii.Redacted }{r}), "Hopper")
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "name", r)
	require.NotContains(t, buf.String(), "Hopper")
	require.Contains(t, buf.String(), "[redacted]")
	require.Equal(t, "Grace Hopper", r.Value())

	// JSON keeps the value: it is how sealed records and reviewers' views carry it.
	raw, err := json.Marshal(r)
	require.NoError(t, err)
	require.Equal(t, `"Grace Hopper"`, string(raw))
}

func BenchmarkSealOpen(b *testing.B) {
	s, err := pii.NewSealer(mustKey(b, pii.GenerateKey()))
	require.NoError(b, err)
	plain := []byte(`{"firstName":"Ada","lastName":"Lovelace","dateOfBirth":"1815-12-10","country":"GB"}`)
	b.ReportAllocs()
	for b.Loop() {
		sealed, err := s.Seal(plain, "verification:ver_x:data")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Open(sealed, "verification:ver_x:data"); err != nil {
			b.Fatal(err)
		}
	}
}
