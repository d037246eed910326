package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// testGateView: the one-query gating read gives what GetSharedSubjectByWallet, GetShare
// and the newest of ListVerificationsBySubject give.
func testGateView(t *testing.T, s storage.Store) {
	tn := storage.Tenant{Name: "dApp", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &tn))
	other := storage.Tenant{Name: "other", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &other))
	sub := storage.Subject{CreatedAt: t0, ApprovedLevel: 2, Country: "FR", BirthDate: []byte("sealed")}
	require.NoError(t, s.CreateSubject(ctx, &sub))
	const addr = "0xAA000000000000000000000000000000000000A1"
	require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: addr, SubjectID: sub.ID, LinkedAt: t0}))

	_, err := s.GetGateView(ctx, tn.ID, addr)
	require.ErrorIs(t, err, storage.ErrNotFound, "not shared")
	require.NoError(t, s.ShareSubject(ctx, storage.Share{TenantID: tn.ID, SubjectID: sub.ID, CreatedAt: t0,
		Rules: `{"minLevel":1}`, RulesAt: t0.Add(time.Minute)}))
	_, err = s.GetGateView(ctx, other.ID, addr)
	require.ErrorIs(t, err, storage.ErrNotFound, "shared with another tenant only")
	_, err = s.GetGateView(ctx, tn.ID, "0xBB000000000000000000000000000000000000B2")
	require.ErrorIs(t, err, storage.ErrNotFound, "unknown wallet")

	g, err := s.GetGateView(ctx, tn.ID, "0xaa000000000000000000000000000000000000a1")
	require.NoError(t, err)
	want, err := s.GetSharedSubjectByWallet(ctx, tn.ID, addr)
	require.NoError(t, err)
	require.Equal(t, want, g.Subject)
	sh, err := s.GetShare(ctx, tn.ID, sub.ID)
	require.NoError(t, err)
	require.Equal(t, sh, g.Share)
	require.False(t, g.HasVerification)
	require.Empty(t, g.LatestStatus)

	// The newest verification by creation time counts, whatever order they were written in.
	newer := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, CreatedAt: t0.Add(2 * time.Hour)}
	require.NoError(t, s.CreateVerification(ctx, &newer))
	older := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, CreatedAt: t0}
	require.NoError(t, s.CreateVerification(ctx, &older))
	require.NoError(t, s.SetVerificationStatus(ctx, older.ID, storage.StatusCreated, storage.StatusRejected, t0.Add(3*time.Hour)))
	g, err = s.GetGateView(ctx, tn.ID, addr)
	require.NoError(t, err)
	require.True(t, g.HasVerification)
	require.Equal(t, storage.StatusCreated, g.LatestStatus)
	require.NoError(t, s.SetVerificationStatus(ctx, newer.ID, storage.StatusCreated, storage.StatusApproved, t0.Add(3*time.Hour)))
	g, err = s.GetGateView(ctx, tn.ID, addr)
	require.NoError(t, err)
	require.Equal(t, storage.StatusApproved, g.LatestStatus)
}
