package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// testOutboxDeliveries: a tenant's events are listed newest first, filtered by state,
// paged by a cursor that inserts do not shift, and never another tenant's; attempts are
// recorded; a finished event is requeued at the end of its key, for its tenant only.
func testOutboxDeliveries(t *testing.T, s storage.Store) {
	var mine []storage.OutboxEvent
	for i := range 5 {
		e := storage.OutboxEvent{Key: "ten_a:sub_" + string(rune('1'+i%2)), Kind: "webhook", TenantID: "ten_a",
			Payload: []byte("{}"), CreatedAt: t0.Add(time.Duration(i) * time.Second)}
		_, err := s.AppendOutbox(ctx, &e)
		require.NoError(t, err)
		mine = append(mine, e)
	}
	theirs := storage.OutboxEvent{Key: "ten_b:sub_9", Kind: "webhook", TenantID: "ten_b", Payload: []byte("{}"), CreatedAt: t0}
	_, err := s.AppendOutbox(ctx, &theirs)
	require.NoError(t, err)

	ids := func(es []storage.OutboxEvent) []string {
		out := make([]string, 0, len(es))
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	page, err := s.ListOutbox(ctx, storage.OutboxQuery{TenantID: "ten_a", Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []string{mine[4].ID, mine[3].ID}, ids(page), "newest first")
	require.Equal(t, "ten_a", page[0].TenantID)
	require.Equal(t, storage.OutboxPending, page[0].State())

	// A newer event arrives between two pages: the next page is unchanged.
	newer := storage.OutboxEvent{Key: "ten_a:sub_1", Kind: "webhook", TenantID: "ten_a", Payload: []byte("{}"), CreatedAt: t0.Add(time.Hour)}
	_, err = s.AppendOutbox(ctx, &newer)
	require.NoError(t, err)
	last := page[len(page)-1]
	page, err = s.ListOutbox(ctx, storage.OutboxQuery{TenantID: "ten_a", Limit: 2,
		After: &storage.OutboxCursor{CreatedAt: last.CreatedAt, ID: last.ID}})
	require.NoError(t, err)
	require.Equal(t, []string{mine[2].ID, mine[1].ID}, ids(page))
	last = page[len(page)-1]
	page, err = s.ListOutbox(ctx, storage.OutboxQuery{TenantID: "ten_a", Limit: 2,
		After: &storage.OutboxCursor{CreatedAt: last.CreatedAt, ID: last.ID}})
	require.NoError(t, err)
	require.Equal(t, []string{mine[0].ID}, ids(page), "the last page")

	// Attempts: counted, the first one kept, the last one's result shown.
	next := t0.Add(time.Minute)
	got, err := s.RecordOutboxAttempt(ctx, mine[0].ID, storage.OutboxAttempt{At: t0, StatusCode: 500, NextAt: &next})
	require.NoError(t, err)
	require.Equal(t, 1, got.Attempts)
	require.Equal(t, 500, got.LastStatus)
	require.Equal(t, us(next), got.NextAttemptAt.UTC())
	got, err = s.RecordOutboxAttempt(ctx, mine[0].ID, storage.OutboxAttempt{At: next, Error: "timeout"})
	require.NoError(t, err)
	require.Equal(t, 2, got.Attempts)
	require.Zero(t, got.LastStatus)
	require.Equal(t, "timeout", got.LastError)
	require.Equal(t, us(t0), got.FirstAttemptAt.UTC(), "the window starts at the first attempt")
	require.Equal(t, us(next), got.LastAttemptAt.UTC())
	require.Nil(t, got.NextAttemptAt)
	_, err = s.RecordOutboxAttempt(ctx, "obx_missing", storage.OutboxAttempt{At: t0})
	require.ErrorIs(t, err, storage.ErrNotFound)

	// States: the filter selects each.
	_, err = s.FinishOutboxEvent(ctx, mine[0].ID, next, storage.OutboxFailed)
	require.NoError(t, err)
	_, err = s.FinishOutboxEvent(ctx, mine[1].ID, next, storage.OutboxDelivered)
	require.NoError(t, err)
	for state, want := range map[storage.OutboxState][]string{
		storage.OutboxState(storage.OutboxFailed):    {mine[0].ID},
		storage.OutboxState(storage.OutboxDelivered): {mine[1].ID},
		storage.OutboxPending:                        {newer.ID, mine[4].ID, mine[3].ID, mine[2].ID},
	} {
		page, err = s.ListOutbox(ctx, storage.OutboxQuery{TenantID: "ten_a", State: state, Limit: 10})
		require.NoError(t, err)
		require.Equal(t, want, ids(page), state)
	}
	page, err = s.ListOutbox(ctx, storage.OutboxQuery{TenantID: "ten_b", Limit: 10})
	require.NoError(t, err)
	require.Equal(t, []string{theirs.ID}, ids(page), "another tenant sees only its own")

	// Requeue: only by its tenant, only when finished; it goes to the end of its key.
	_, _, err = s.RequeueOutboxEvent(ctx, "ten_b", mine[0].ID)
	require.ErrorIs(t, err, storage.ErrNotFound, "another tenant's event is not found")
	_, _, err = s.RequeueOutboxEvent(ctx, "ten_a", mine[2].ID)
	require.ErrorIs(t, err, storage.ErrConflict, "a pending event is not requeued")
	re, blocked, err := s.RequeueOutboxEvent(ctx, "ten_a", mine[0].ID)
	require.NoError(t, err)
	require.True(t, blocked, "sub_1's later events are unfinished: the replay waits behind them")
	require.Equal(t, storage.OutboxPending, re.State())
	require.Greater(t, re.Seq, newer.Seq, "the newest of its key")
	require.Nil(t, re.FirstAttemptAt, "a new attempt window")
	require.Equal(t, 2, re.Attempts, "attempts keep counting")
	b, err := s.OutboxBlocker(ctx, re.Key, re.Seq)
	require.NoError(t, err)
	require.Equal(t, mine[2].ID, b.ID)
	_, _, err = s.RequeueOutboxEvent(ctx, "ten_a", mine[0].ID)
	require.ErrorIs(t, err, storage.ErrConflict, "requeued once while pending")
	re, blocked, err = s.RequeueOutboxEvent(ctx, "ten_a", mine[1].ID)
	require.NoError(t, err)
	require.True(t, blocked)
	_, err = s.FinishOutboxEvent(ctx, theirs.ID, t0, storage.OutboxDelivered)
	require.NoError(t, err)
	_, blocked, err = s.RequeueOutboxEvent(ctx, "ten_b", theirs.ID)
	require.NoError(t, err)
	require.False(t, blocked, "nothing else of its key is unfinished")
	require.Equal(t, re.ID, mine[1].ID)
}

// testOutboxCleanup: finished events older than the retention go in batches; pending
// ones stay whatever their age.
func testOutboxCleanup(t *testing.T, s storage.Store) {
	var finished int
	for i := range 7 {
		e := storage.OutboxEvent{Key: "ten_a:sub_" + string(rune('a'+i)), Kind: "webhook", TenantID: "ten_a",
			Payload: []byte("{}"), CreatedAt: t0}
		_, err := s.AppendOutbox(ctx, &e)
		require.NoError(t, err)
		if i < 5 {
			_, err = s.FinishOutboxEvent(ctx, e.ID, t0.Add(time.Duration(i)*time.Hour), storage.OutboxFailed)
			require.NoError(t, err)
			finished++
		}
	}
	n, err := s.DeleteFinishedOutbox(ctx, t0.Add(2*time.Hour), 2)
	require.NoError(t, err)
	require.EqualValues(t, 2, n, "one batch")
	n, err = s.DeleteFinishedOutbox(ctx, t0.Add(2*time.Hour), 2)
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "only those finished by then")
	swept, err := s.DeleteExpired(ctx, t0.Add(4*time.Hour+storage.OutboxRetention))
	require.NoError(t, err)
	require.EqualValues(t, finished-3, swept.OutboxEvents)
	page, err := s.ListOutbox(ctx, storage.OutboxQuery{TenantID: "ten_a", Limit: 10})
	require.NoError(t, err)
	require.Len(t, page, 2, "pending events stay")
}
