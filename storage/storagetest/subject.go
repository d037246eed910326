package storagetest

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testSubjectsAndWallets(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	got, err := s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Zero(t, got.ApprovedLevel)
	require.Nil(t, got.ApprovedAt)
	require.False(t, got.Blocked)

	_, err = s.GetSubject(ctx, "sub_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	approvedAt := t0.Add(time.Hour)
	_, err = s.UpdateSubject(ctx, sub.ID, func(old storage.Subject) (storage.Subject, error) {
		old.ApprovedLevel, old.ApprovedAt, old.Blocked, old.UpdatedAt = 2, &approvedAt, true, approvedAt
		old.Country, old.Over18 = "DE", true
		return old, nil
	})
	require.NoError(t, err)
	got, err = s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Equal(t, 2, got.ApprovedLevel)
	require.True(t, got.ApprovedAt.Equal(us(approvedAt)))
	require.True(t, got.Blocked)
	require.Equal(t, "DE", got.Country)
	require.True(t, got.Over18)

	// Regular-mode subjects are unique per tenant and customer id.
	cust := storage.Subject{TenantID: "ten_a", ExternalCustomerID: "user-42", CreatedAt: t0}
	require.NoError(t, s.CreateSubject(ctx, &cust))
	found, err := s.GetSubjectByCustomer(ctx, "ten_a", "user-42")
	require.NoError(t, err)
	require.Equal(t, cust.ID, found.ID)
	_, err = s.GetSubjectByCustomer(ctx, "ten_b", "user-42")
	require.ErrorIs(t, err, storage.ErrNotFound)
	again := storage.Subject{TenantID: "ten_a", ExternalCustomerID: "user-42", CreatedAt: t0}
	require.ErrorIs(t, s.CreateSubject(ctx, &again), storage.ErrConflict)

	// Wallets: mixed-case input, stored lower-case, one subject each.
	w := storage.Wallet{Address: "0xAbCdEf0000000000000000000000000000000001", SubjectID: sub.ID, LinkedAt: t0}
	require.NoError(t, s.LinkWallet(ctx, &w))
	gw, err := s.GetWallet(ctx, "0xABCDEF0000000000000000000000000000000001")
	require.NoError(t, err)
	require.Equal(t, "0xabcdef0000000000000000000000000000000001", gw.Address)
	require.Equal(t, sub.ID, gw.SubjectID)

	other := newSubject(t, s)
	steal := storage.Wallet{Address: w.Address, SubjectID: other.ID, LinkedAt: t0}
	require.ErrorIs(t, s.LinkWallet(ctx, &steal), storage.ErrConflict)

	orphan := storage.Wallet{Address: "0x0000000000000000000000000000000000000009", SubjectID: "sub_missing", LinkedAt: t0}
	require.ErrorIs(t, s.LinkWallet(ctx, &orphan), storage.ErrNotFound)

	w2 := storage.Wallet{Address: "0x0000000000000000000000000000000000000002", SubjectID: sub.ID, LinkedAt: t0.Add(time.Minute)}
	require.NoError(t, s.LinkWallet(ctx, &w2))
	list, err := s.ListWallets(ctx, sub.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, w.Address, list[0].Address)

	require.NoError(t, s.UnlinkWallet(ctx, w2.Address))
	require.ErrorIs(t, s.UnlinkWallet(ctx, w2.Address), storage.ErrNotFound)
	_, err = s.GetWallet(ctx, w2.Address)
	require.ErrorIs(t, err, storage.ErrNotFound)
	empty, err := s.ListWallets(ctx, other.ID)
	require.NoError(t, err)
	require.Empty(t, empty)
}

func testMoveWallets(t *testing.T, s storage.Store) {
	from, to := newSubject(t, s), newSubject(t, s)
	w := storage.Wallet{Address: "0xAA000000000000000000000000000000000000B1", SubjectID: from.ID, LinkedAt: t0}
	require.NoError(t, s.LinkWallet(ctx, &w))
	ses := storage.Session{TokenHash: []byte("move-tok"), SubjectID: from.ID, Address: w.Address, ChainID: 1,
		CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateSession(ctx, &ses))

	n, err := s.MoveWallets(ctx, from.ID, to.ID)
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	gw, err := s.GetWallet(ctx, w.Address)
	require.NoError(t, err)
	require.Equal(t, to.ID, gw.SubjectID)
	gs, err := s.GetSessionByTokenHash(ctx, []byte("move-tok"), t0)
	require.NoError(t, err)
	require.Equal(t, to.ID, gs.SubjectID, "sessions follow their wallets")
	left, err := s.ListWallets(ctx, from.ID)
	require.NoError(t, err)
	require.Empty(t, left)

	n, err = s.MoveWallets(ctx, from.ID, to.ID)
	require.NoError(t, err)
	require.Zero(t, n)
	_, err = s.MoveWallets(ctx, to.ID, "sub_missing")
	require.ErrorIs(t, err, storage.ErrNotFound, "the target must exist")
	gw, err = s.GetWallet(ctx, w.Address)
	require.NoError(t, err)
	require.Equal(t, to.ID, gw.SubjectID)
}

func testLinkTokens(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	tok := storage.LinkToken{Hash: []byte("link-1"), SubjectID: sub.ID, CreatedAt: t0, ExpiresAt: t0.Add(30 * time.Minute)}
	require.NoError(t, s.CreateLinkToken(ctx, tok))
	require.ErrorIs(t, s.CreateLinkToken(ctx, tok), storage.ErrConflict)

	got, err := s.ConsumeLinkToken(ctx, []byte("link-1"), t0.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, sub.ID, got.SubjectID)
	require.True(t, got.ExpiresAt.Equal(us(t0.Add(30*time.Minute))))
	_, err = s.ConsumeLinkToken(ctx, []byte("link-1"), t0.Add(time.Minute))
	require.ErrorIs(t, err, storage.ErrNotFound, "single use")

	late := storage.LinkToken{Hash: []byte("link-2"), SubjectID: sub.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}
	require.NoError(t, s.CreateLinkToken(ctx, late))
	_, err = s.ConsumeLinkToken(ctx, []byte("link-2"), us(t0.Add(time.Minute)))
	require.ErrorIs(t, err, storage.ErrNotFound, "expired at its expiry instant")

	orphan := storage.LinkToken{Hash: []byte("link-3"), SubjectID: "sub_missing", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.ErrorIs(t, s.CreateLinkToken(ctx, orphan), storage.ErrNotFound)
}

func testLinkTokenConcurrency(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	require.NoError(t, s.CreateLinkToken(ctx, storage.LinkToken{Hash: []byte("race"), SubjectID: sub.ID, CreatedAt: t0,
		ExpiresAt: t0.Add(time.Hour)}))
	var wins atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 8 {
		wg.Go(func() {
			<-start
			_, err := s.ConsumeLinkToken(ctx, []byte("race"), t0)
			switch {
			case err == nil:
				wins.Add(1)
			case !errors.Is(err, storage.ErrNotFound):
				t.Errorf("consume link token: unexpected error %v", err)
			}
		})
	}
	close(start)
	wg.Wait()
	require.EqualValues(t, 1, wins.Load(), "exactly one consumer wins")
}

func testSubjectBirthDate(t *testing.T, s storage.Store) {
	sub := storage.Subject{CreatedAt: t0, BirthDate: []byte("sealed-dob")}
	require.NoError(t, s.CreateSubject(ctx, &sub))
	got, err := s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Equal(t, []byte("sealed-dob"), got.BirthDate)

	_, err = s.UpdateSubject(ctx, sub.ID, func(old storage.Subject) (storage.Subject, error) {
		old.BirthDate = nil
		return old, nil
	})
	require.NoError(t, err)
	got, err = s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Nil(t, got.BirthDate)
}

// testLockSubject: read-modify-writes that lock the subject first never lose an update.
func testLockSubject(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	_, err := s.LockSubject(ctx, "sub_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)
	const writers = 8
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range writers {
		wg.Go(func() {
			<-start
			err := s.InTx(ctx, func(tx storage.Store) error {
				locked, err := tx.LockSubject(ctx, sub.ID)
				if err != nil {
					return err
				}
				_, err = tx.UpdateSubject(ctx, sub.ID, func(cur storage.Subject) (storage.Subject, error) {
					cur.ApprovedLevel = locked.ApprovedLevel + 1 // from the locked read, not cur
					return cur, nil
				})
				return err
			})
			if err != nil {
				t.Errorf("locked increment: %v", err)
			}
		})
	}
	close(start)
	wg.Wait()
	got, err := s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Equal(t, writers, got.ApprovedLevel, "every increment counted")
}

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
	_, err = s.GetGateView(ctx, tn.ID, w.Address)
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

	got, err := s.GetGateView(ctx, tn.ID, "0xaa000000000000000000000000000000000000a1")
	require.NoError(t, err)
	require.Equal(t, sub.ID, got.Subject.ID)
	require.True(t, got.Subject.CreatedAt.Equal(us(t0)))

	_, err = s.GetGateView(ctx, other.ID, w.Address)
	require.ErrorIs(t, err, storage.ErrNotFound, "another tenant does not see it")
	_, err = s.GetGateView(ctx, tn.ID, "0x00000000000000000000000000000000000000ff")
	require.ErrorIs(t, err, storage.ErrNotFound, "an unknown wallet is not found alike")

	require.ErrorIs(t, s.ShareSubject(ctx, storage.Share{TenantID: "ten_missing", SubjectID: sub.ID, CreatedAt: t0, Rules: "{}", RulesAt: t0}),
		storage.ErrNotFound)
	require.ErrorIs(t, s.ShareSubject(ctx, storage.Share{TenantID: tn.ID, SubjectID: "sub_missing", CreatedAt: t0, Rules: "{}", RulesAt: t0}),
		storage.ErrNotFound)
}
