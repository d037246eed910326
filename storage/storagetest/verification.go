package storagetest

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testVerifications(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, CreatedAt: t0,
		FlowTokenHash: []byte("flow"), Data: []byte("sealed"), ReturnURL: "https://dapp.example/back"}
	require.NoError(t, s.CreateVerification(ctx, &v))
	require.Equal(t, storage.StatusCreated, v.Status)

	got, err := s.GetVerification(ctx, v.ID)
	require.NoError(t, err)
	require.Equal(t, storage.StatusCreated, got.Status)
	require.Equal(t, []byte("sealed"), got.Data)
	require.Equal(t, "https://dapp.example/back", got.ReturnURL)
	byToken, err := s.GetVerificationByFlowToken(ctx, []byte("flow"))
	require.NoError(t, err)
	require.Equal(t, v.ID, byToken.ID)
	_, err = s.GetVerification(ctx, "ver_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	require.NoError(t, s.SetVerificationStatus(ctx, v.ID, storage.StatusCreated, storage.StatusInProgress, t0.Add(time.Second)))
	err = s.SetVerificationStatus(ctx, v.ID, storage.StatusCreated, storage.StatusInReview, t0)
	require.ErrorIs(t, err, storage.ErrConflict, "a stale from-status loses")
	require.ErrorIs(t, s.SetVerificationStatus(ctx, "ver_missing", storage.StatusCreated, storage.StatusInProgress, t0), storage.ErrNotFound)

	up, err := s.UpdateVerification(ctx, v.ID, func(old storage.Verification) (storage.Verification, error) {
		old.Status, old.RejectType, old.UpdatedAt = storage.StatusRejected, "retry", t0.Add(time.Minute)
		old.ReturnURL = "https://dapp.example/again"
		return old, nil
	})
	require.NoError(t, err)
	require.Equal(t, storage.StatusRejected, up.Status)
	got, err = s.GetVerification(ctx, v.ID)
	require.NoError(t, err)
	require.Equal(t, "retry", got.RejectType)
	require.Equal(t, "https://dapp.example/again", got.ReturnURL)
	require.True(t, got.UpdatedAt.Equal(us(t0.Add(time.Minute))))

	other := storage.Verification{SubjectID: sub.ID, Mode: "regular", Provider: "manual", Level: 1, CreatedAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateVerification(ctx, &other))
	list, err := s.ListVerificationsBySubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, v.ID, list[0].ID)
	created, err := s.ListVerificationsByStatus(ctx, storage.StatusCreated, 10)
	require.NoError(t, err)
	require.Len(t, created, 1)
	require.Equal(t, other.ID, created[0].ID)

	orphan := storage.Verification{SubjectID: "sub_missing", Mode: "web3", Provider: "manual", CreatedAt: t0}
	require.ErrorIs(t, s.CreateVerification(ctx, &orphan), storage.ErrNotFound)
}

func testVerificationConcurrency(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	for _, via := range []string{"SetVerificationStatus", "UpdateVerification"} {
		v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", CreatedAt: t0}
		require.NoError(t, s.CreateVerification(ctx, &v))
		var wins atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 8 {
			wg.Go(func() {
				<-start
				var err error
				if via == "SetVerificationStatus" {
					err = s.SetVerificationStatus(ctx, v.ID, storage.StatusCreated, storage.StatusInProgress, t0)
				} else {
					_, err = s.UpdateVerification(ctx, v.ID, func(old storage.Verification) (storage.Verification, error) {
						if old.Status != storage.StatusCreated {
							return old, storage.ErrConflict
						}
						old.Status, old.ProviderRef = storage.StatusInProgress, fmt.Sprintf("winner-%d", i)
						return old, nil
					})
				}
				if err == nil {
					wins.Add(1)
				} else if !errors.Is(err, storage.ErrConflict) {
					t.Errorf("%s: unexpected error %v", via, err)
				}
			})
		}
		close(start)
		wg.Wait()
		require.EqualValues(t, 1, wins.Load(), "%s: exactly one compare-and-swap wins", via)
	}
}

func testProviderEvents(t *testing.T, s storage.Store) {
	at := t0.Add(-time.Minute)
	e := storage.ProviderEvent{Provider: "sumsub", EventID: "evt-1", Ref: "app-1", EventAt: &at, Payload: []byte("sealed"), ReceivedAt: t0}
	require.NoError(t, s.InsertProviderEvent(ctx, &e))
	dup := storage.ProviderEvent{Provider: "sumsub", EventID: "evt-1", ReceivedAt: t0}
	require.ErrorIs(t, s.InsertProviderEvent(ctx, &dup), storage.ErrConflict, "a duplicate delivery is detected")
	sameIDOtherProvider := storage.ProviderEvent{Provider: "didit", EventID: "evt-1", ReceivedAt: t0}
	require.NoError(t, s.InsertProviderEvent(ctx, &sameIDOtherProvider))

	// Several at once: one seen before, one new, the new one again in the same call.
	batch := []*storage.ProviderEvent{
		{Provider: "sumsub", EventID: "evt-1", ReceivedAt: t0},
		{Provider: "sumsub", EventID: "evt-b1", Ref: "app-b", EventAt: &at, Payload: []byte("b1"), ReceivedAt: t0},
		{Provider: "sumsub", EventID: "evt-b1", ReceivedAt: t0},
	}
	stored, err := s.InsertProviderEvents(ctx, batch)
	require.NoError(t, err)
	require.Equal(t, []bool{false, true, false}, stored)
	gotB, err := s.GetProviderEvent(ctx, batch[1].ID)
	require.NoError(t, err)
	require.Equal(t, []byte("b1"), gotB.Payload)
	require.True(t, gotB.EventAt.Equal(us(at)))
	stored, err = s.InsertProviderEvents(ctx, nil)
	require.NoError(t, err)
	require.Empty(t, stored)
	// A duplicate leaves the transaction usable.
	require.NoError(t, s.InTx(ctx, func(tx storage.Store) error {
		again := storage.ProviderEvent{Provider: "sumsub", EventID: "evt-b1", ReceivedAt: t0}
		require.ErrorIs(t, tx.InsertProviderEvent(ctx, &again), storage.ErrConflict)
		next := storage.ProviderEvent{Provider: "sumsub", EventID: "evt-b2", ReceivedAt: t0}
		return tx.InsertProviderEvent(ctx, &next)
	}))

	got, err := s.GetProviderEvent(ctx, e.ID)
	require.NoError(t, err)
	require.Equal(t, "app-1", got.Ref)
	require.Equal(t, []byte("sealed"), got.Payload)
	require.NotNil(t, got.EventAt)
	require.True(t, got.EventAt.Equal(us(at)))
	require.Nil(t, got.ProcessedAt)
	_, err = s.GetProviderEvent(ctx, "evt_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	_, ok, err := s.LatestProviderEventAt(ctx, "ver_1")
	require.NoError(t, err)
	require.False(t, ok, "nothing processed yet")
	require.NoError(t, s.MarkProviderEventProcessed(ctx, e.ID, "ver_1", t0))
	require.ErrorIs(t, s.MarkProviderEventProcessed(ctx, "evt_missing", "", t0), storage.ErrNotFound)
	got, err = s.GetProviderEvent(ctx, e.ID)
	require.NoError(t, err)
	require.Equal(t, "ver_1", got.VerificationID)
	require.NotNil(t, got.ProcessedAt)
	require.True(t, got.ProcessedAt.Equal(us(t0)))

	// The latest time among processed events counts; unprocessed and timeless ones do not.
	later, latest := t0.Add(time.Hour), t0.Add(2*time.Hour)
	for i, ev := range []storage.ProviderEvent{
		{Provider: "sumsub", EventID: "evt-2", EventAt: &later, ReceivedAt: t0},
		{Provider: "sumsub", EventID: "evt-3", ReceivedAt: t0},
		{Provider: "sumsub", EventID: "evt-4", EventAt: &latest, ReceivedAt: t0},
	} {
		require.NoError(t, s.InsertProviderEvent(ctx, &ev))
		if i < 2 {
			require.NoError(t, s.MarkProviderEventProcessed(ctx, ev.ID, "ver_1", t0))
		}
	}
	newest, ok, err := s.LatestProviderEventAt(ctx, "ver_1")
	require.NoError(t, err)
	require.True(t, ok)
	require.True(t, newest.Equal(us(later)), "got %s", newest)
}

func testVerificationsToPoll(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	mk := func(provider string, status storage.VerificationStatus, updated time.Time) storage.Verification {
		v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: provider, ProviderRef: storage.NewID("ref"),
			Status: status, CreatedAt: updated}
		require.NoError(t, s.CreateVerification(ctx, &v))
		return v
	}
	noRef := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "ext", Status: storage.StatusCreated,
		CreatedAt: t0.Add(-9 * time.Hour)}
	require.NoError(t, s.CreateVerification(ctx, &noRef)) // never reached its provider: nothing to fetch
	old := mk("ext", storage.StatusInReview, t0.Add(-2*time.Hour))
	older := mk("ext", storage.StatusInProgress, t0.Add(-3*time.Hour))
	mk("ext", storage.StatusInReview, t0.Add(-time.Minute))           // changed recently
	mk("ext", storage.StatusApproved, t0.Add(-5*time.Hour))           // closed
	mk("manual", storage.StatusInReview, t0.Add(-5*time.Hour))        // another provider
	other := mk("other", storage.StatusCreated, t0.Add(-4*time.Hour)) // listed too

	q := storage.PollQuery{Providers: []string{"ext", "other"}, Now: t0, UnchangedSince: t0.Add(-15 * time.Minute), Limit: 10,
		Statuses: []storage.VerificationStatus{storage.StatusCreated, storage.StatusInProgress, storage.StatusInReview}}
	ids := func(q storage.PollQuery) []string {
		list, err := s.ListVerificationsToPoll(ctx, q)
		require.NoError(t, err)
		out := []string{}
		for _, v := range list {
			out = append(out, v.ID)
		}
		return out
	}
	require.Equal(t, []string{other.ID, older.ID, old.ID}, ids(q), "least recently changed first")
	q.Limit = 1
	require.Equal(t, []string{other.ID}, ids(q))
	q.Limit = 10

	require.NoError(t, s.SetVerificationNextPoll(ctx, older.ID, t0.Add(time.Minute)))
	require.Equal(t, []string{other.ID, old.ID}, ids(q), "not due before its next poll")
	got, err := s.GetVerification(ctx, older.ID)
	require.NoError(t, err)
	require.True(t, got.UpdatedAt.Equal(us(t0.Add(-3*time.Hour))), "scheduling a poll is no change")
	q.Now = t0.Add(time.Minute)
	require.Equal(t, []string{other.ID, older.ID, old.ID}, ids(q), "due again")
	q.Now = t0
	require.NoError(t, s.SetVerificationNextPoll(ctx, old.ID, t0.Add(time.Hour)))
	require.Equal(t, []string{other.ID}, ids(q))
	_, err = s.UpdateVerification(ctx, old.ID, func(v storage.Verification) (storage.Verification, error) {
		v.UpdatedAt = t0.Add(-time.Hour)
		return v, nil
	})
	require.NoError(t, err)
	require.Equal(t, []string{other.ID, old.ID}, ids(q), "a change resets the backoff")
	require.ErrorIs(t, s.SetVerificationNextPoll(ctx, "ver_missing", t0), storage.ErrNotFound)
	q.Providers = nil
	require.Empty(t, ids(q))
}

func testDocuments(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, CreatedAt: t0}
	require.NoError(t, s.CreateVerification(ctx, &v))

	front := storage.Document{VerificationID: v.ID, Kind: "document", Type: "id_card", Side: "front",
		ContentType: "image/png", Size: 3, Data: []byte("sealed-front"), CreatedAt: t0}
	require.NoError(t, s.CreateDocument(ctx, &front))
	require.NotEmpty(t, front.ID)
	selfie := storage.Document{VerificationID: v.ID, Kind: "selfie", ContentType: "image/jpeg", Size: 5,
		Data: []byte("sealed-selfie"), CreatedAt: t0.Add(time.Second)}
	require.NoError(t, s.CreateDocument(ctx, &selfie))

	got, err := s.GetDocument(ctx, front.ID)
	require.NoError(t, err)
	require.Equal(t, []byte("sealed-front"), got.Data)
	require.Equal(t, "id_card", got.Type)
	require.Equal(t, "front", got.Side)
	require.EqualValues(t, 3, got.Size)
	_, err = s.GetDocument(ctx, "doc_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	list, err := s.ListDocuments(ctx, v.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, front.ID, list[0].ID)
	require.Equal(t, "selfie", list[1].Kind)
	require.Nil(t, list[0].Data, "listings leave the content in the database")
	require.Equal(t, "image/jpeg", list[1].ContentType)

	none, err := s.ListDocuments(ctx, "ver_missing")
	require.NoError(t, err)
	require.Empty(t, none)
	orphan := storage.Document{VerificationID: "ver_missing", Kind: "selfie", ContentType: "image/png", Data: []byte("x"), CreatedAt: t0}
	require.ErrorIs(t, s.CreateDocument(ctx, &orphan), storage.ErrNotFound)

	// Purging deletes the content and keeps the record.
	require.NoError(t, s.PurgeDocument(ctx, front.ID))
	_, err = s.GetDocument(ctx, front.ID)
	require.ErrorIs(t, err, storage.ErrNotFound, "a purged document has no content to get")
	list, err = s.ListDocuments(ctx, v.ID)
	require.NoError(t, err)
	require.Len(t, list, 2, "a purged document stays listed")
	require.Equal(t, front.ID, list[0].ID)
	require.EqualValues(t, 3, list[0].Size)
	got, err = s.GetDocument(ctx, selfie.ID)
	require.NoError(t, err)
	require.Equal(t, []byte("sealed-selfie"), got.Data, "purging one document leaves the others")
	require.NoError(t, s.PurgeDocument(ctx, front.ID), "purging twice is harmless")
	require.ErrorIs(t, s.PurgeDocument(ctx, "doc_missing"), storage.ErrNotFound)
}

func testVerificationsByProvider(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	mk := func(provider string, status storage.VerificationStatus, at time.Time) string {
		v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: provider, Level: 1, Status: status,
			CreatedAt: at, UpdatedAt: at}
		require.NoError(t, s.CreateVerification(ctx, &v))
		return v.ID
	}
	newer := mk("manual", storage.StatusInReview, t0.Add(time.Hour))
	older := mk("manual", storage.StatusInReview, t0)
	mk("sumsub", storage.StatusInReview, t0)
	mk("manual", storage.StatusInProgress, t0)

	list, err := s.ListVerificationsByProvider(ctx, "manual", storage.StatusInReview, 10)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, []string{older, newer}, []string{list[0].ID, list[1].ID}, "least recently changed first")
	list, err = s.ListVerificationsByProvider(ctx, "manual", storage.StatusInReview, 1)
	require.NoError(t, err)
	require.Len(t, list, 1)
}

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
