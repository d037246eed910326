package pii_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/pii"
)

func sealerOf(t *testing.T, primary string, old ...string) *pii.Sealer {
	t.Helper()
	k, err := pii.ParseKey(primary)
	require.NoError(t, err)
	var olds []pii.Key
	for _, o := range old {
		ok, err := pii.ParseKey(o)
		require.NoError(t, err)
		olds = append(olds, ok)
	}
	s, err := pii.NewSealer(k, olds...)
	require.NoError(t, err)
	return s
}

// TestResealMovesAValueToThePrimaryKey: a value sealed under A, re-sealed by a Sealer
// with primary B (A old), opens with B alone under the same label, and only there.
func TestResealMovesAValueToThePrimaryKey(t *testing.T) {
	t.Parallel()
	a, b := pii.GenerateKey(), pii.GenerateKey()
	sa, sab, sb := sealerOf(t, a), sealerOf(t, b, a), sealerOf(t, b)
	boxA, err := sa.Seal([]byte("1990-04-17"), "subject:s:birth_date")
	require.NoError(t, err)
	require.Equal(t, sa.KeyID(), pii.KeyIDOf(boxA))
	require.Equal(t, []string{sb.KeyID(), sa.KeyID()}, sab.KeyIDs())

	boxB, changed, err := sab.Reseal(boxA, "subject:s:birth_date")
	require.NoError(t, err)
	require.True(t, changed)
	require.Equal(t, sb.KeyID(), pii.KeyIDOf(boxB))
	plain, err := sb.Open(boxB, "subject:s:birth_date")
	require.NoError(t, err)
	require.Equal(t, "1990-04-17", string(plain))
	_, err = sb.Open(boxB, "subject:other:birth_date")
	require.ErrorIs(t, err, pii.ErrCorrupt, "the label still binds")

	same, changed, err := sab.Reseal(boxB, "subject:s:birth_date")
	require.NoError(t, err)
	require.False(t, changed)
	require.Equal(t, boxB, same)
	_, _, err = sab.Reseal(boxA, "subject:x:birth_date")
	require.ErrorIs(t, err, pii.ErrCorrupt)
	require.Empty(t, pii.KeyIDOf([]byte("not sealed")))
}

// TestMarkerIsKeyedAndNormalised: the same name and date of birth written differently
// give the same marker under one key, another under another key, and another for
// another person; Markers matches under old keys too.
func TestMarkerIsKeyedAndNormalised(t *testing.T) {
	t.Parallel()
	a, b := pii.GenerateKey(), pii.GenerateKey()
	sa, sb, sba := sealerOf(t, a), sealerOf(t, b), sealerOf(t, b, a)
	m := sa.Marker("Zébulon", "O'Hara", "1990-04-17")
	require.Len(t, m, 32)
	require.Equal(t, m, sa.Marker("  ZÉBULON ", "o hara", "1990-04-17"))
	require.NotEqual(t, m, sa.Marker("Zebulon", "O'Hara", "1990-04-17"))
	require.NotEqual(t, m, sa.Marker("Zébulon", "O'Hara", "1990-04-18"))
	require.NotEqual(t, m, sa.Marker("Zébulon O'Hara", "", "1990-04-17"), "parts are separated")
	require.NotEqual(t, m, sb.Marker("Zébulon", "O'Hara", "1990-04-17"), "keyed")
	require.Contains(t, sba.Markers("Zébulon", "O'Hara", "1990-04-17"), m, "old keys' markers still match")
}
