package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testScreenings(t *testing.T, s storage.Store) {
	addr := "0xAB00000000000000000000000000000000000001"
	add := func(source, status string, risk int, errText string, at time.Time) storage.Screening {
		v := storage.Screening{Address: addr, ChainID: 1, Source: source, Status: status, Risk: risk,
			Categories: []string{}, Reference: source + "@" + at.Format(time.RFC3339), Error: errText, CheckedAt: at}
		if status == "flagged" {
			v.Categories = []string{"mixer", "scam"}
		}
		require.NoError(t, s.AddScreening(ctx, &v))
		require.NotEmpty(t, v.ID)
		return v
	}
	add("ofac", "clear", 0, "", t0)
	add("trm", "flagged", 10, "", t0)
	add("ofac", "sanctioned", 15, "", t0.Add(time.Hour))
	add("trm", "", 0, "timeout", t0.Add(time.Hour))

	// The history keeps every row, newest first.
	hist, err := s.ListScreenings(ctx, "0xab00000000000000000000000000000000000001", 10)
	require.NoError(t, err)
	require.Len(t, hist, 4)
	require.True(t, hist[0].CheckedAt.Equal(us(t0.Add(time.Hour))))
	require.Equal(t, storage.NormalizeAddress(addr), hist[0].Address)
	short, err := s.ListScreenings(ctx, addr, 1)
	require.NoError(t, err)
	require.Len(t, short, 1)

	// The latest answer per source skips failures.
	latest, err := s.LatestScreenings(ctx, addr)
	require.NoError(t, err)
	require.Len(t, latest, 2)
	require.Equal(t, "ofac", latest[0].Source)
	require.Equal(t, "sanctioned", latest[0].Status)
	require.Equal(t, "trm", latest[1].Source)
	require.Equal(t, 10, latest[1].Risk)
	require.Equal(t, []string{"mixer", "scam"}, latest[1].Categories)
	require.EqualValues(t, 1, latest[1].ChainID)

	// The combined state.
	_, err = s.GetWalletScreening(ctx, addr)
	require.ErrorIs(t, err, storage.ErrNotFound)
	held := t0.Add(time.Hour)
	ws := storage.WalletScreening{Address: addr, Outcome: "review", Risk: 10, Sources: []string{"ofac", "trm"},
		Failed: true, CheckedAt: t0, Held: true, HeldAt: &held, AcceptedRisk: 5, UpdatedAt: t0}
	require.NoError(t, s.PutWalletScreening(ctx, ws))
	got, err := s.GetWalletScreening(ctx, addr)
	require.NoError(t, err)
	require.Equal(t, []string{"ofac", "trm"}, got.Sources)
	require.True(t, got.Held && got.Failed)
	require.True(t, got.HeldAt.Equal(us(held)))
	require.Equal(t, 5, got.AcceptedRisk)
	held2 := t0
	require.NoError(t, s.PutWalletScreening(ctx, storage.WalletScreening{Address: "0xAB00000000000000000000000000000000000002",
		Outcome: "sanctioned", CheckedAt: t0, Held: true, HeldAt: &held2, UpdatedAt: t0}))
	require.NoError(t, s.PutWalletScreening(ctx, storage.WalletScreening{Address: "0xAB00000000000000000000000000000000000003",
		Outcome: "clear", CheckedAt: t0, UpdatedAt: t0}))
	list, err := s.ListHeldWallets(ctx, 10)
	require.NoError(t, err)
	require.Len(t, list, 2, "the clear wallet is not held")
	require.Equal(t, "0xab00000000000000000000000000000000000002", list[0].Address, "the longest held first")
	ws.Held, ws.HeldAt, ws.Outcome, ws.Sources = false, nil, "clear", []string{}
	require.NoError(t, s.PutWalletScreening(ctx, ws))
	got, err = s.GetWalletScreening(ctx, addr)
	require.NoError(t, err)
	require.False(t, got.Held)
	require.Nil(t, got.HeldAt)
	require.Equal(t, "clear", got.Outcome)
	require.Empty(t, got.Sources)
}

func testWalletsToRescreen(t *testing.T, s storage.Store) {
	tenant := storage.Tenant{Name: "t", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &tenant))
	link := func(sub storage.Subject, addr string) {
		require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: addr, SubjectID: sub.ID, LinkedAt: t0}))
	}
	// Attested: a valid attestation for its first wallet, an expired one for the second.
	attested := newSubject(t, s)
	link(attested, "0xa100000000000000000000000000000000000001")
	link(attested, "0xa100000000000000000000000000000000000002")
	for i, addr := range []string{"0xa100000000000000000000000000000000000001", "0xa100000000000000000000000000000000000002"} {
		exp := t0.Add(48 * time.Hour)
		if i == 1 {
			exp = t0.Add(time.Minute)
		}
		require.NoError(t, s.CreateAttestation(ctx, &storage.Attestation{UID: addr, SubjectID: attested.ID, Recipient: addr,
			ChainID: 1, Signer: "0xsigner", Package: []byte(`{}`), IssuedAt: t0, ExpiresAt: exp}))
	}
	shared := newSubject(t, s)
	link(shared, "0xb100000000000000000000000000000000000001")
	require.NoError(t, s.ShareSubject(ctx, storage.Share{TenantID: tenant.ID, SubjectID: shared.ID, CreatedAt: t0, RulesAt: t0}))
	tenants, err := s.ListShareTenants(ctx, shared.ID)
	require.NoError(t, err)
	require.Equal(t, []string{tenant.ID}, tenants)
	customer := storage.Subject{CreatedAt: t0, TenantID: tenant.ID, ExternalCustomerID: "c1"}
	require.NoError(t, s.CreateSubject(ctx, &customer))
	link(customer, "0xc100000000000000000000000000000000000001")
	nobody := newSubject(t, s)
	link(nobody, "0xd100000000000000000000000000000000000001")

	now := t0.Add(time.Hour)
	// The shared wallet was screened recently, the customer's long ago.
	for addr, at := range map[string]time.Time{"0xb100000000000000000000000000000000000001": now.Add(-time.Minute),
		"0xc100000000000000000000000000000000000001": t0.Add(-48 * time.Hour)} {
		require.NoError(t, s.PutWalletScreening(ctx, storage.WalletScreening{Address: addr, Outcome: "clear", CheckedAt: at, UpdatedAt: at}))
	}
	due, err := s.ListWalletsToRescreen(ctx, now, now.Add(-24*time.Hour), 10)
	require.NoError(t, err)
	require.Equal(t, []string{"0xa100000000000000000000000000000000000001", "0xc100000000000000000000000000000000000001"}, due,
		"never screened first; the expired attestation, the fresh screening and the unentitled wallet are left")
	due, err = s.ListWalletsToRescreen(ctx, now, now.Add(-24*time.Hour), 1)
	require.NoError(t, err)
	require.Len(t, due, 1, "the batch is bounded")
}
