package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// testSubjectShares: shares, their rules snapshots, and lookups through them.
func testSubjectShares(t *testing.T, s storage.Store) {
	tn := storage.Tenant{Name: "dApp", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &tn))
	other := storage.Tenant{Name: "other dApp", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &other))
	sub := newSubject(t, s)
	w := storage.Wallet{Address: "0xAA000000000000000000000000000000000000A1", SubjectID: sub.ID, LinkedAt: t0}
	require.NoError(t, s.LinkWallet(ctx, &w))

	shared, err := s.IsSubjectShared(ctx, tn.ID, sub.ID)
	require.NoError(t, err)
	require.False(t, shared)
	_, err = s.GetSharedSubjectByWallet(ctx, tn.ID, w.Address)
	require.ErrorIs(t, err, storage.ErrNotFound, "a wallet not shared with the tenant is not found")

	_, err = s.GetShare(ctx, tn.ID, sub.ID)
	require.ErrorIs(t, err, storage.ErrNotFound)
	require.ErrorIs(t, s.SnapshotShareRules(ctx, tn.ID, sub.ID, `{"minLevel":2}`, t0), storage.ErrNotFound,
		"no snapshot without a share")
	require.NoError(t, s.ShareSubject(ctx, storage.Share{TenantID: tn.ID, SubjectID: sub.ID, CreatedAt: t0,
		Rules: `{"minLevel":1,"blockedCountries":["DE"]}`, RulesAt: t0}))
	require.NoError(t, s.ShareSubject(ctx, storage.Share{TenantID: tn.ID, SubjectID: sub.ID, CreatedAt: t0.Add(time.Hour),
		Rules: `{"minLevel":3}`, RulesAt: t0.Add(time.Hour)}), "sharing twice is a no-op")
	sh, err := s.GetShare(ctx, tn.ID, sub.ID)
	require.NoError(t, err)
	require.Equal(t, `{"minLevel":1,"blockedCountries":["DE"]}`, sh.Rules, "sharing again keeps the first snapshot")
	require.True(t, sh.RulesAt.Equal(us(t0)))
	require.True(t, sh.CreatedAt.Equal(us(t0)))
	require.Equal(t, tn.ID, sh.TenantID)
	require.Equal(t, sub.ID, sh.SubjectID)

	later := t0.Add(48*time.Hour + 123456789)
	require.NoError(t, s.SnapshotShareRules(ctx, tn.ID, sub.ID, `{"minLevel":2}`, later))
	sh, err = s.GetShare(ctx, tn.ID, sub.ID)
	require.NoError(t, err)
	require.Equal(t, `{"minLevel":2}`, sh.Rules)
	require.True(t, sh.RulesAt.Equal(us(later)))
	require.True(t, sh.CreatedAt.Equal(us(t0)), "a new snapshot keeps the share's creation time")
	_, err = s.GetShare(ctx, other.ID, sub.ID)
	require.ErrorIs(t, err, storage.ErrNotFound, "another tenant has no share")
	require.ErrorIs(t, s.SnapshotShareRules(ctx, other.ID, sub.ID, `{}`, later), storage.ErrNotFound)
	shared, err = s.IsSubjectShared(ctx, tn.ID, sub.ID)
	require.NoError(t, err)
	require.True(t, shared)

	got, err := s.GetSharedSubjectByWallet(ctx, tn.ID, "0xaa000000000000000000000000000000000000a1")
	require.NoError(t, err)
	require.Equal(t, sub.ID, got.ID)
	require.True(t, got.CreatedAt.Equal(us(t0)))

	_, err = s.GetSharedSubjectByWallet(ctx, other.ID, w.Address)
	require.ErrorIs(t, err, storage.ErrNotFound, "another tenant does not see it")
	_, err = s.GetSharedSubjectByWallet(ctx, tn.ID, "0x00000000000000000000000000000000000000ff")
	require.ErrorIs(t, err, storage.ErrNotFound, "an unknown wallet is not found alike")

	require.ErrorIs(t, s.ShareSubject(ctx, storage.Share{TenantID: "ten_missing", SubjectID: sub.ID, CreatedAt: t0, Rules: "{}", RulesAt: t0}),
		storage.ErrNotFound)
	require.ErrorIs(t, s.ShareSubject(ctx, storage.Share{TenantID: tn.ID, SubjectID: "sub_missing", CreatedAt: t0, Rules: "{}", RulesAt: t0}),
		storage.ErrNotFound)
}
