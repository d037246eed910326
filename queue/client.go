package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/rivertype"
	"riverqueue.com/riverui"
	"riverqueue.com/riverui/uiendpoints"

	"github.com/kycgate/kycgate/storage"
)

// runner is a River client without its transaction type parameter.
type runner interface {
	insertTx(ctx context.Context, tx any, args river.JobArgs, opts *river.InsertOpts) (int64, error)
	insertManyTx(ctx context.Context, tx any, args []river.JobArgs) error
	retryTx(ctx context.Context, tx any, id int64) error
	start(ctx context.Context) error
	stop(ctx context.Context) error
	stopAndCancel(ctx context.Context) error
	list(ctx context.Context, params *river.JobListParams) ([]*rivertype.JobRow, error)
	retry(ctx context.Context, id int64) error
	cancel(ctx context.Context, id int64) error
	endpoints() uiendpoints.Bundle
}

// client is the River client of one backend (TTx: pgx.Tx or *sql.Tx).
type client[TTx any] struct{ c *river.Client[TTx] }

func newClient[TTx any](driver riverdriver.Driver[TTx], cfg *river.Config) (runner, error) {
	c, err := river.NewClient(driver, cfg)
	if err != nil {
		return nil, err
	}
	return client[TTx]{c}, nil
}

func (c client[TTx]) tx(tx any) (TTx, error) {
	t, ok := tx.(TTx)
	if !ok {
		return t, fmt.Errorf("queue: transaction %T is not of this database", tx)
	}
	return t, nil
}

func (c client[TTx]) insertTx(ctx context.Context, tx any, args river.JobArgs, opts *river.InsertOpts) (int64, error) {
	t, err := c.tx(tx)
	if err != nil {
		return 0, err
	}
	res, err := c.c.InsertTx(ctx, t, args, opts)
	if err != nil {
		return 0, fmt.Errorf("queue: insert %s: %w", args.Kind(), err)
	}
	return res.Job.ID, nil
}

func (c client[TTx]) insertManyTx(ctx context.Context, tx any, args []river.JobArgs) error {
	t, err := c.tx(tx)
	if err != nil {
		return err
	}
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		params[i] = river.InsertManyParams{Args: a}
	}
	if _, err := c.c.InsertManyTx(ctx, t, params); err != nil {
		return fmt.Errorf("queue: insert %d jobs: %w", len(args), err)
	}
	return nil
}

func (c client[TTx]) retryTx(ctx context.Context, tx any, id int64) error {
	t, err := c.tx(tx)
	if err != nil {
		return err
	}
	if _, err := c.c.JobRetryTx(ctx, t, id); err != nil {
		return fmt.Errorf("queue: wake job %d: %w", id, err)
	}
	return nil
}

func (c client[TTx]) start(ctx context.Context) error         { return c.c.Start(ctx) }
func (c client[TTx]) stop(ctx context.Context) error          { return c.c.Stop(ctx) }
func (c client[TTx]) stopAndCancel(ctx context.Context) error { return c.c.StopAndCancel(ctx) }

func (c client[TTx]) list(ctx context.Context, params *river.JobListParams) ([]*rivertype.JobRow, error) {
	res, err := c.c.JobList(ctx, params)
	if err != nil {
		return nil, err
	}
	return res.Jobs, nil
}

func (c client[TTx]) retry(ctx context.Context, id int64) error {
	_, err := c.c.JobRetry(ctx, id)
	return err
}

func (c client[TTx]) cancel(ctx context.Context, id int64) error {
	_, err := c.c.JobCancel(ctx, id)
	return err
}

// Cancel cancels a job as an operator does in the jobs UI: a running one is told to stop,
// any other unfinished one is cancelled at once.
func (q *Queue) Cancel(ctx context.Context, id int64) error { return q.client.cancel(ctx, id) }

func (c client[TTx]) endpoints() uiendpoints.Bundle { return riverui.NewEndpoints(c.c, nil) }

// Jobs lists the jobs of the given states (all when none), oldest first, at most 1000:
// for tests and tools.
func (q *Queue) Jobs(ctx context.Context, states ...rivertype.JobState) ([]*rivertype.JobRow, error) {
	params := river.NewJobListParams().First(1000).OrderBy(river.JobListOrderByID, river.SortOrderAsc)
	if len(states) > 0 {
		params = params.States(states...)
	}
	return q.client.list(ctx, params)
}

// RunUntilIdle works the queues until no job is due at the queue's clock and none is
// running, and reports how many runs reached an outcome (done, retry scheduled,
// cancelled, discarded; snoozes are not counted). It starts the client for the call when
// it is not running. Tests drive jobs with it, moving their clock to make retries due;
// jobs whose retry or schedule is due are made available at once instead of waiting for
// River's scheduler (which runs every few seconds).
func (q *Queue) RunUntilIdle(ctx context.Context) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	before := q.ran.Load()
	if !q.running {
		if err := q.client.start(ctx); err != nil {
			return 0, fmt.Errorf("queue: start: %w", err)
		}
		defer func() { _ = q.client.stop(context.WithoutCancel(ctx)) }()
	}
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		idle, err := q.settle(ctx)
		if err != nil {
			return int(q.ran.Load() - before), err
		}
		if idle {
			return int(q.ran.Load() - before), nil
		}
		select {
		case <-ctx.Done():
			return int(q.ran.Load() - before), ctx.Err()
		case <-tick.C:
		}
	}
}

// settle makes due retryable and scheduled jobs available and reports whether nothing is
// due or running.
func (q *Queue) settle(ctx context.Context) (bool, error) {
	jobs, err := q.Jobs(ctx, rivertype.JobStateAvailable, rivertype.JobStateRunning, rivertype.JobStateRetryable,
		rivertype.JobStateScheduled)
	if err != nil {
		return false, err
	}
	now := time.Now()
	if q.cfg.Now != nil {
		now = q.cfg.Now()
	}
	idle := true
	for _, j := range jobs {
		if _, worked := q.queues[j.Queue]; !worked {
			continue
		}
		due := !j.ScheduledAt.After(now)
		switch j.State {
		case rivertype.JobStateRunning:
			idle = false
		case rivertype.JobStateAvailable:
			idle = idle && !due
		case rivertype.JobStateRetryable, rivertype.JobStateScheduled:
			if due {
				idle = false
				if err := q.client.retry(ctx, j.ID); err != nil && !errors.Is(err, river.ErrNotFound) {
					return false, err
				}
			}
		}
	}
	return idle, nil
}

// UI returns the River UI (its embedded pages and API) served under prefix. The handler
// must be started (Start) for its background queries; it stops when that context ends.
func (q *Queue) UI(prefix string) (*riverui.Handler, error) {
	return riverui.NewHandler(&riverui.HandlerOpts{Endpoints: q.client.endpoints(), Logger: q.cfg.Log, Prefix: prefix})
}

// Backoff is the retry policy: Base after the first failed run, doubling with each
// further one, at most Max.
type Backoff struct {
	Base, Max time.Duration
	now       func() time.Time
}

// Delay is the wait after failed run number attempt (1-based).
func (b *Backoff) Delay(attempt int) time.Duration {
	d := b.Base
	for i := 1; i < attempt && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// NextRetry implements river.ClientRetryPolicy.
func (b *Backoff) NextRetry(job *rivertype.JobRow) time.Time {
	now := time.Now
	if b.now != nil {
		now = b.now
	}
	return now().UTC().Add(b.Delay(max(job.Attempt, 1)))
}

// Waiting returns the args of the jobs of T's kind on store's database that have not
// finished (available, scheduled, pending, retryable or running), oldest first: what
// is queued, for tests and tools.
func Waiting[T river.JobArgs](ctx context.Context, store storage.Store) ([]T, error) {
	return argsOf[T](ctx, store, rivertype.JobStateAvailable, rivertype.JobStateScheduled, rivertype.JobStatePending,
		rivertype.JobStateRetryable, rivertype.JobStateRunning)
}

// GivenUp returns the args of the jobs of T's kind on store's database that ended without
// completing (cancelled, by a worker or an operator in the jobs UI, or discarded after
// their last attempt) and are still kept (River's retention), oldest first: what a feature
// that tracks its own work (the webhook outbox) reconciles.
func GivenUp[T river.JobArgs](ctx context.Context, store storage.Store) ([]T, error) {
	return argsOf[T](ctx, store, rivertype.JobStateCancelled, rivertype.JobStateDiscarded)
}

// Ended is a job that ended without completing: its id and its args.
type Ended[T river.JobArgs] struct {
	ID   int64
	Args T
}

// GivenUpJobs is GivenUp with each job's id, so a feature that queues a piece of work
// again (a replayed webhook) tells its current job from an earlier, given-up one.
func GivenUpJobs[T river.JobArgs](ctx context.Context, store storage.Store) ([]Ended[T], error) {
	return jobsOf[T](ctx, store, rivertype.JobStateCancelled, rivertype.JobStateDiscarded)
}

// argsOf lists the args of the jobs of T's kind in the given states, oldest first (at
// most 1000).
func argsOf[T river.JobArgs](ctx context.Context, store storage.Store, states ...rivertype.JobState) ([]T, error) {
	jobs, err := jobsOf[T](ctx, store, states...)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(jobs))
	for _, j := range jobs {
		out = append(out, j.Args)
	}
	return out, nil
}

// jobsOf lists the ids and args of the jobs of T's kind in the given states, oldest
// first (at most 1000).
func jobsOf[T river.JobArgs](ctx context.Context, store storage.Store, states ...rivertype.JobState) ([]Ended[T], error) {
	q, err := forTx(store)
	if err != nil {
		return nil, err
	}
	var zero T
	params := river.NewJobListParams().First(1000).OrderBy(river.JobListOrderByID, river.SortOrderAsc).
		Kinds(zero.Kind()).States(states...)
	jobs, err := q.client.list(ctx, params)
	if err != nil {
		return nil, err
	}
	out := make([]Ended[T], 0, len(jobs))
	for _, j := range jobs {
		var args T
		if err := json.Unmarshal(j.EncodedArgs, &args); err != nil {
			return nil, fmt.Errorf("queue: job %d: %w", j.ID, err)
		}
		out = append(out, Ended[T]{ID: j.ID, Args: args})
	}
	return out, nil
}
