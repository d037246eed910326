package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testScreenings(t *testing.T, s storage.Store) {
	addr := "0xAB00000000000000000000000000000000000001"
	require.NoError(t, s.PutScreening(ctx, storage.Screening{Address: addr, Source: "ofac", Risk: 0,
		CheckedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	require.NoError(t, s.PutScreening(ctx, storage.Screening{Address: addr, Source: "ofac", Risk: 10, Flagged: true,
		Detail: "SDN match", CheckedAt: t0.Add(time.Minute), ExpiresAt: t0.Add(2 * time.Hour)}))
	got, err := s.GetScreening(ctx, addr, "ofac")
	require.NoError(t, err)
	require.True(t, got.Flagged)
	require.Equal(t, 10, got.Risk)
	require.Equal(t, "SDN match", got.Detail)
	require.True(t, got.ExpiresAt.Equal(us(t0.Add(2*time.Hour))))
	_, err = s.GetScreening(ctx, addr, "trm")
	require.ErrorIs(t, err, storage.ErrNotFound)
}
