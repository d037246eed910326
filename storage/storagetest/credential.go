package storagetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testAPIKeys(t *testing.T, s storage.Store) {
	k := storage.APIKey{OwnerKind: storage.OwnerTenant, OwnerID: "ten_x", Prefix: "kgt_abcd", Hash: []byte("hash-1"), CreatedAt: t0}
	require.NoError(t, s.CreateAPIKey(ctx, &k))

	got, err := s.GetAPIKeyByHash(ctx, []byte("hash-1"))
	require.NoError(t, err)
	require.Equal(t, k.ID, got.ID)
	require.Equal(t, storage.OwnerTenant, got.OwnerKind)
	require.Nil(t, got.RevokedAt)

	dup := storage.APIKey{OwnerKind: storage.OwnerReviewer, OwnerID: "rev_y", Prefix: "kgr_", Hash: []byte("hash-1"), CreatedAt: t0}
	require.ErrorIs(t, s.CreateAPIKey(ctx, &dup), storage.ErrConflict)

	require.NoError(t, s.RevokeAPIKey(ctx, k.ID, t0))
	_, err = s.GetAPIKeyByHash(ctx, []byte("hash-1"))
	require.ErrorIs(t, err, storage.ErrNotFound)
	require.ErrorIs(t, s.RevokeAPIKey(ctx, k.ID, t0), storage.ErrNotFound)
}

func testReviewers(t *testing.T, s storage.Store) {
	r := storage.Reviewer{Name: "Compliance One", CreatedAt: t0}
	require.NoError(t, s.CreateReviewer(ctx, &r))
	require.NotEmpty(t, r.ID)
	got, err := s.GetReviewer(ctx, r.ID)
	require.NoError(t, err)
	require.Equal(t, "Compliance One", got.Name)
	require.True(t, got.CreatedAt.Equal(us(t0)))
	dup := storage.Reviewer{ID: r.ID, Name: "again", CreatedAt: t0}
	require.ErrorIs(t, s.CreateReviewer(ctx, &dup), storage.ErrConflict)
	_, err = s.GetReviewer(ctx, "rev_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)
}

func testOperators(t *testing.T, s storage.Store) {
	o := storage.Operator{Name: "Platform team", CreatedAt: t0}
	require.NoError(t, s.CreateOperator(ctx, &o))
	require.Contains(t, o.ID, "op_")
	got, err := s.GetOperator(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, "Platform team", got.Name)
	_, err = s.GetOperator(ctx, "op_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	k := storage.APIKey{OwnerKind: storage.OwnerOperator, OwnerID: o.ID, Prefix: "kgo_abc", Hash: []byte("op-hash"), CreatedAt: t0}
	require.NoError(t, s.CreateAPIKey(ctx, &k))
	gotKey, err := s.GetAPIKeyByHash(ctx, []byte("op-hash"))
	require.NoError(t, err)
	require.Equal(t, storage.OwnerOperator, gotKey.OwnerKind)
}
