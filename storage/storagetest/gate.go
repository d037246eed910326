package storagetest

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// testGateView: the one-query gating read gives what GetSubject, GetShare,
// the newest of ListVerificationsBySubject, ListWallets and GetWalletScreening give.
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
	want, err := s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Equal(t, want, g.Subject)
	sh, err := s.GetShare(ctx, tn.ID, sub.ID)
	require.NoError(t, err)
	require.Equal(t, sh, g.Share)
	require.Nil(t, g.Latest)

	// The newest verification by creation time counts, whatever order they were written in.
	newer := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, CreatedAt: t0.Add(2 * time.Hour)}
	require.NoError(t, s.CreateVerification(ctx, &newer))
	older := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, CreatedAt: t0}
	require.NoError(t, s.CreateVerification(ctx, &older))
	require.NoError(t, s.SetVerificationStatus(ctx, older.ID, storage.StatusCreated, storage.StatusRejected, t0.Add(3*time.Hour)))
	g, err = s.GetGateView(ctx, tn.ID, addr)
	require.NoError(t, err)
	require.NotNil(t, g.Latest)
	require.Equal(t, storage.StatusCreated, g.Latest.Status)
	require.NoError(t, s.SetVerificationStatus(ctx, newer.ID, storage.StatusCreated, storage.StatusApproved, t0.Add(3*time.Hour)))
	g, err = s.GetGateView(ctx, tn.ID, addr)
	require.NoError(t, err)
	require.Equal(t, storage.StatusApproved, g.Latest.Status)
	require.True(t, g.HasShare)
	latest, err := s.GetVerification(ctx, newer.ID)
	require.NoError(t, err)
	latest.Data = nil
	require.Equal(t, &latest, g.Latest, "the newest verification, without its sealed data")
	require.Equal(t, []storage.GateWallet{{Address: storage.NormalizeAddress(addr)}}, g.Wallets, "never screened")

	// Every wallet of the subject comes with its stored screening state, in ListWallets'
	// order, whichever of them is looked up; another subject's wallet does not.
	const second, third = "0x0b00000000000000000000000000000000000002", "0xcc000000000000000000000000000000000000c3"
	// Linked in an order that is not the addresses' order.
	require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: second, SubjectID: sub.ID, LinkedAt: t0.Add(2 * time.Minute)}))
	require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: third, SubjectID: sub.ID, LinkedAt: t0.Add(time.Minute)}))
	stranger := storage.Subject{CreatedAt: t0}
	require.NoError(t, s.CreateSubject(ctx, &stranger))
	require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: "0xdd000000000000000000000000000000000000d4", SubjectID: stranger.ID, LinkedAt: t0}))
	heldAt := t0.Add(4 * time.Hour)
	held := storage.WalletScreening{Address: third, Outcome: "review", Risk: 11, Sources: []string{"ofac", "trm"},
		CheckedAt: t0.Add(4 * time.Hour), Held: true, HeldAt: &heldAt, AcceptedRisk: 3, UpdatedAt: t0.Add(5 * time.Hour)}
	require.NoError(t, s.PutWalletScreening(ctx, held))
	failed := storage.WalletScreening{Address: second, Outcome: "clear", Sources: []string{}, Failed: true,
		CheckedAt: t0.Add(6 * time.Hour), UpdatedAt: t0.Add(6 * time.Hour)}
	require.NoError(t, s.PutWalletScreening(ctx, failed))
	for _, looked := range []string{addr, second, third} {
		g, err = s.GetGateView(ctx, tn.ID, looked)
		require.NoError(t, err)
		require.Len(t, g.Wallets, 3, looked)
		list, err := s.ListWallets(ctx, sub.ID)
		require.NoError(t, err)
		require.Equal(t, want, g.Subject)
		require.Equal(t, sh, g.Share)
		require.Equal(t, storage.StatusApproved, g.Latest.Status)
		for i, w := range g.Wallets {
			require.Equal(t, list[i].Address, w.Address)
			require.Equal(t, []string{storage.NormalizeAddress(addr), third, second}[i], w.Address)
			stored, err := s.GetWalletScreening(ctx, w.Address)
			if errors.Is(err, storage.ErrNotFound) {
				require.Nil(t, w.Screening, w.Address)
				continue
			}
			require.NoError(t, err)
			require.Equal(t, &stored, w.Screening, w.Address)
		}
	}
	require.Equal(t, []string{"ofac", "trm"}, g.Wallets[1].Screening.Sources)
	require.Equal(t, []string{}, g.Wallets[2].Screening.Sources)
	require.Nil(t, g.Wallets[2].Screening.HeldAt)
}

// testCustomerGateView: the one-query read of a tenant's customer gives what
// GetSubjectByCustomer, GetShare, the newest of ListVerificationsBySubject, ListWallets
// and GetWalletScreening give; another tenant's customer is unknown.
func testCustomerGateView(t *testing.T, s storage.Store) {
	tn := storage.Tenant{Name: "dApp", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &tn))
	other := storage.Tenant{Name: "other", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &other))
	sub := storage.Subject{CreatedAt: t0, TenantID: tn.ID, ExternalCustomerID: "cust-1"}
	require.NoError(t, s.CreateSubject(ctx, &sub))
	web3 := storage.Subject{CreatedAt: t0}
	require.NoError(t, s.CreateSubject(ctx, &web3))

	for _, c := range []struct{ tenant, id string }{{other.ID, "cust-1"}, {tn.ID, "cust-2"}, {tn.ID, ""}} {
		_, err := s.GetCustomerGateView(ctx, c.tenant, c.id)
		require.ErrorIs(t, err, storage.ErrNotFound, "%+v", c)
	}
	g, err := s.GetCustomerGateView(ctx, tn.ID, "cust-1")
	require.NoError(t, err)
	want, err := s.GetSubjectByCustomer(ctx, tn.ID, "cust-1")
	require.NoError(t, err)
	require.Equal(t, want, g.Subject)
	require.False(t, g.HasShare)
	require.Nil(t, g.Latest)
	require.Equal(t, []storage.GateWallet{}, g.Wallets, "no wallet yet")

	v := storage.Verification{SubjectID: sub.ID, TenantID: tn.ID, Mode: "regular", Provider: "manual", Level: 2,
		Data: []byte("sealed"), CreatedAt: t0.Add(time.Hour), ReturnURL: "https://dapp.example/back"}
	require.NoError(t, s.CreateVerification(ctx, &v))
	require.NoError(t, s.ShareSubject(ctx, storage.Share{TenantID: tn.ID, SubjectID: sub.ID, CreatedAt: t0,
		Rules: `{"minLevel":2}`, RulesAt: t0.Add(time.Minute)}))
	require.NoError(t, s.ShareSubject(ctx, storage.Share{TenantID: other.ID, SubjectID: sub.ID, CreatedAt: t0,
		Rules: `{"minLevel":3}`, RulesAt: t0}))
	const a, b = "0xee000000000000000000000000000000000000e5", "0x1f000000000000000000000000000000000000f6"
	require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: a, SubjectID: sub.ID, LinkedAt: t0}))
	require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: b, SubjectID: sub.ID, LinkedAt: t0.Add(time.Minute)}))
	require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: "0x2f000000000000000000000000000000000000f7", SubjectID: web3.ID, LinkedAt: t0}))
	ws := storage.WalletScreening{Address: a, Outcome: "sanctioned", Risk: 15, Sources: []string{"ofac"},
		CheckedAt: t0.Add(2 * time.Hour), UpdatedAt: t0.Add(2 * time.Hour)}
	require.NoError(t, s.PutWalletScreening(ctx, ws))

	g, err = s.GetCustomerGateView(ctx, tn.ID, "cust-1")
	require.NoError(t, err)
	require.True(t, g.HasShare)
	sh, err := s.GetShare(ctx, tn.ID, sub.ID)
	require.NoError(t, err)
	require.Equal(t, sh, g.Share, "the tenant's own share, not another's")
	stored, err := s.GetVerification(ctx, v.ID)
	require.NoError(t, err)
	stored.Data = nil
	require.Equal(t, &stored, g.Latest)
	gotWS, err := s.GetWalletScreening(ctx, a)
	require.NoError(t, err)
	require.Equal(t, []storage.GateWallet{{Address: a, Screening: &gotWS}, {Address: b}}, g.Wallets, "linked order")

	// Two verifications created at the same time: the newest is ListVerificationsBySubject's last.
	twin := storage.Verification{SubjectID: sub.ID, TenantID: tn.ID, Mode: "regular", Provider: "manual", Level: 1,
		CreatedAt: v.CreatedAt}
	require.NoError(t, s.CreateVerification(ctx, &twin))
	all, err := s.ListVerificationsBySubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Len(t, all, 2)
	last := all[1]
	last.Data = nil
	g, err = s.GetCustomerGateView(ctx, tn.ID, "cust-1")
	require.NoError(t, err)
	require.Equal(t, &last, g.Latest)
}
