package storagetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testOutbox(t *testing.T, s storage.Store) {
	var evs []storage.OutboxEvent
	for i := range 3 {
		e := storage.OutboxEvent{Key: "ten_1:sub_1", Kind: "webhook", Payload: []byte{byte(i)}, CreatedAt: t0}
		blocked, err := s.AppendOutbox(ctx, &e)
		require.NoError(t, err)
		require.Equal(t, i > 0, blocked, "only the first event of a key starts unblocked")
		require.EqualValues(t, i+1, e.Seq, "a sequence per key")
		evs = append(evs, e)
	}
	other := storage.OutboxEvent{Key: "ten_1:sub_2", Kind: "webhook", Payload: []byte("x"), CreatedAt: t0}
	blocked, err := s.AppendOutbox(ctx, &other)
	require.NoError(t, err)
	require.False(t, blocked, "keys do not wait for each other")
	require.EqualValues(t, 1, other.Seq)

	require.NoError(t, s.SetOutboxJob(ctx, evs[1].ID, 42))
	got, err := s.GetOutboxEvent(ctx, evs[1].ID)
	require.NoError(t, err)
	require.EqualValues(t, 42, got.JobID)
	require.Equal(t, []byte{1}, got.Payload)
	require.True(t, got.CreatedAt.Equal(t0.Truncate(time.Microsecond)))
	require.Nil(t, got.FinishedAt)
	require.ErrorIs(t, s.SetOutboxJob(ctx, "obx_missing", 1), storage.ErrNotFound)

	b, err := s.OutboxBlocker(ctx, "ten_1:sub_1", evs[2].Seq)
	require.NoError(t, err)
	require.Equal(t, evs[0].ID, b.ID, "the earliest unfinished event blocks")
	_, err = s.OutboxBlocker(ctx, "ten_1:sub_1", evs[0].Seq)
	require.ErrorIs(t, err, storage.ErrNotFound, "nothing before the first")

	next, err := s.FinishOutboxEvent(ctx, evs[0].ID, t0, storage.OutboxDelivered)
	require.NoError(t, err)
	require.NotNil(t, next)
	require.Equal(t, evs[1].ID, next.ID, "the successor is handed back to be woken")
	_, err = s.FinishOutboxEvent(ctx, evs[0].ID, t0, storage.OutboxDelivered)
	require.ErrorIs(t, err, storage.ErrConflict, "an event finishes once")
	next, err = s.FinishOutboxEvent(ctx, evs[1].ID, t0, storage.OutboxFailed)
	require.NoError(t, err)
	require.Equal(t, evs[2].ID, next.ID, "a failed event does not hold its successors")
	_, err = s.OutboxBlocker(ctx, "ten_1:sub_1", evs[2].Seq)
	require.ErrorIs(t, err, storage.ErrNotFound)
	got, err = s.GetOutboxEvent(ctx, evs[1].ID)
	require.NoError(t, err)
	require.Equal(t, storage.OutboxFailed, got.Outcome)
	require.NotNil(t, got.FinishedAt)
	next, err = s.FinishOutboxEvent(ctx, evs[2].ID, t0, storage.OutboxDelivered)
	require.NoError(t, err)
	require.Nil(t, next, "the key is drained")
	_, err = s.FinishOutboxEvent(ctx, "obx_missing", t0, storage.OutboxDelivered)
	require.ErrorIs(t, err, storage.ErrNotFound)

	// Finished events are kept for OutboxRetention, then swept.
	swept, err := s.DeleteExpired(ctx, t0.Add(storage.OutboxRetention-time.Second))
	require.NoError(t, err)
	require.Zero(t, swept.OutboxEvents)
	swept, err = s.DeleteExpired(ctx, t0.Add(storage.OutboxRetention))
	require.NoError(t, err)
	require.EqualValues(t, 3, swept.OutboxEvents, "the unfinished event of the other key stays")
	_, err = s.GetOutboxEvent(ctx, other.ID)
	require.NoError(t, err)
}

// testOutboxConcurrency: transactions appending to one key get distinct, gap-free
// sequence numbers (the key is locked, not raced).
func testOutboxConcurrency(t *testing.T, s storage.Store) {
	const n = 20
	var wg sync.WaitGroup
	var mu sync.Mutex
	seqs := map[int64]bool{}
	for i := range n {
		wg.Go(func() {
			err := s.InTx(ctx, func(tx storage.Store) error {
				e := storage.OutboxEvent{Key: "k", Kind: "webhook", Payload: []byte(fmt.Sprint(i)), CreatedAt: t0}
				if _, err := tx.AppendOutbox(ctx, &e); err != nil {
					return err
				}
				mu.Lock()
				defer mu.Unlock()
				seqs[e.Seq] = true
				return nil
			})
			if err != nil {
				t.Errorf("append: %v", err)
			}
		})
	}
	wg.Wait()
	require.Len(t, seqs, n)
	for i := int64(1); i <= n; i++ {
		require.True(t, seqs[i], "seq %d", i)
	}
}
