package queue_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testArgs is the job of these tests.
type testArgs struct {
	Name string `json:"name"`
}

func (testArgs) Kind() string { return "test.kind" }

// scripted is a worker that returns the scripted results in order (nil once they run out).
type scripted struct {
	river.WorkerDefaults[testArgs]
	results chan error
	calls   atomic.Int32
}

func (w *scripted) Work(ctx context.Context, job *river.Job[testArgs]) error {
	w.calls.Add(1)
	select {
	case err := <-w.results:
		return err
	default:
		return nil
	}
}

type testBundle struct {
	store  storage.Store
	clock  *clock
	q      *queue.Queue
	worker *scripted
}

func setup(t *testing.T, open func(testing.TB) storage.Store) *testBundle {
	t.Helper()
	b := &testBundle{store: open(t), clock: &clock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)},
		worker: &scripted{results: make(chan error, 10)}}
	q, err := queue.New(b.store, queue.Config{Now: b.clock.Now, Retry: queue.Backoff{Base: 10 * time.Second, Max: 15 * time.Second}})
	require.NoError(t, err)
	river.AddWorker(q.Workers(), b.worker)
	require.NoError(t, q.Build())
	b.q = q
	return b
}

func (b *testBundle) insert(t *testing.T, opts *river.InsertOpts) int64 {
	t.Helper()
	var id int64
	require.NoError(t, b.store.InTx(t.Context(), func(tx storage.Store) error {
		var err error
		id, err = queue.InsertTx(t.Context(), tx, testArgs{Name: "x"}, opts)
		return err
	}))
	return id
}

func (b *testBundle) run(t *testing.T) int {
	t.Helper()
	n, err := b.q.RunUntilIdle(t.Context())
	require.NoError(t, err)
	return n
}

func (b *testBundle) job(t *testing.T, id int64) *rivertype.JobRow {
	t.Helper()
	jobs, err := b.q.Jobs(t.Context())
	require.NoError(t, err)
	for _, j := range jobs {
		if j.ID == id {
			return j
		}
	}
	t.Fatalf("job %d not found", id)
	return nil
}

var backends = map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres}

func TestRetriesWithBackoffThenDiscards(t *testing.T) {
	t.Parallel()
	for name, open := range backends {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, open)
			id := b.insert(t, &river.InsertOpts{MaxAttempts: 3})
			b.worker.results <- errors.New("rpc down")
			b.worker.results <- errors.New("rpc still down")
			b.worker.results <- errors.New("rpc down for good")

			require.Equal(t, 1, b.run(t))
			j := b.job(t, id)
			require.Equal(t, rivertype.JobStateRetryable, j.State)
			require.Equal(t, 1, j.Attempt)
			require.Equal(t, "rpc down", j.Errors[0].Error)
			require.True(t, j.ScheduledAt.Equal(b.clock.Now().Add(10*time.Second)), j.ScheduledAt)
			require.Zero(t, b.run(t), "not due before its backoff")

			b.clock.Add(10 * time.Second)
			require.Equal(t, 1, b.run(t))
			j = b.job(t, id)
			require.Equal(t, 2, j.Attempt)
			require.True(t, j.ScheduledAt.Equal(b.clock.Now().Add(15*time.Second)), "doubled, capped at Max: %s", j.ScheduledAt)

			b.clock.Add(15 * time.Second)
			require.Equal(t, 1, b.run(t))
			j = b.job(t, id)
			require.Equal(t, rivertype.JobStateDiscarded, j.State, "given up after MaxAttempts")
			require.Equal(t, "rpc down for good", j.Errors[len(j.Errors)-1].Error)
			b.clock.Add(time.Hour)
			require.Zero(t, b.run(t))
			require.EqualValues(t, 3, b.worker.calls.Load())
		})
	}
}

func TestCancelledJobFailsAtOnce(t *testing.T) {
	t.Parallel()
	b := setup(t, storagetest.OpenSQLite)
	id := b.insert(t, nil)
	b.worker.results <- river.JobCancel(errors.New("no such attestation"))
	require.Equal(t, 1, b.run(t))
	j := b.job(t, id)
	require.Equal(t, rivertype.JobStateCancelled, j.State)
	require.Equal(t, 1, j.Attempt)
	b.clock.Add(time.Hour)
	require.Zero(t, b.run(t))
}

func TestCompletesAndDefaults(t *testing.T) {
	t.Parallel()
	b := setup(t, storagetest.OpenSQLite)
	id := b.insert(t, nil)
	require.Equal(t, 1, b.run(t))
	j := b.job(t, id)
	require.Equal(t, rivertype.JobStateCompleted, j.State)
	require.Equal(t, queue.MaxAttempts, j.MaxAttempts)
	require.Zero(t, b.run(t))

	// Outside a transaction there is nothing to insert with.
	_, err := queue.InsertTx(t.Context(), b.store, testArgs{}, nil)
	require.Error(t, err)
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	b := &queue.Backoff{Base: 30 * time.Second, Max: time.Hour}
	require.Equal(t, 30*time.Second, b.Delay(1))
	require.Equal(t, time.Minute, b.Delay(2))
	require.Equal(t, 2*time.Minute, b.Delay(3))
	require.Equal(t, time.Hour, b.Delay(50))
}

func TestStartStop(t *testing.T) {
	t.Parallel()
	b := setup(t, storagetest.OpenSQLite)
	require.NoError(t, b.q.Start(t.Context()))
	id := b.insert(t, nil)
	require.Equal(t, 1, b.run(t), "a running queue works the job")
	require.NoError(t, b.q.Stop(t.Context()))
	require.Equal(t, rivertype.JobStateCompleted, b.job(t, id).State)
}
