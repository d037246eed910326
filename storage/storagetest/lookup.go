package storagetest

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testVerificationByProviderRef(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "sumsub", CreatedAt: t0}
	require.NoError(t, s.CreateVerification(ctx, &v))
	_, err := s.GetVerificationByProviderRef(ctx, "sumsub", "")
	require.ErrorIs(t, err, storage.ErrNotFound, "an empty reference names nothing")

	_, err = s.UpdateVerification(ctx, v.ID, func(old storage.Verification) (storage.Verification, error) {
		old.ProviderRef = "applicant-1"
		return old, nil
	})
	require.NoError(t, err)
	got, err := s.GetVerificationByProviderRef(ctx, "sumsub", "applicant-1")
	require.NoError(t, err)
	require.Equal(t, v.ID, got.ID)
	_, err = s.GetVerificationByProviderRef(ctx, "didit", "applicant-1")
	require.ErrorIs(t, err, storage.ErrNotFound, "a reference belongs to its provider")

	other := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "didit", CreatedAt: t0}
	require.NoError(t, s.CreateVerification(ctx, &other))
	_, err = s.UpdateVerification(ctx, other.ID, func(old storage.Verification) (storage.Verification, error) {
		old.ProviderRef = "applicant-1"
		return old, nil
	})
	require.NoError(t, err, "another provider may use the same reference")
	dup := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "sumsub", CreatedAt: t0}
	require.NoError(t, s.CreateVerification(ctx, &dup))
	_, err = s.UpdateVerification(ctx, dup.ID, func(old storage.Verification) (storage.Verification, error) {
		old.ProviderRef = "applicant-1"
		return old, nil
	})
	require.ErrorIs(t, err, storage.ErrConflict, "one provider's reference names one verification")
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
