package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"github.com/kycgate/kycgate/storage"
)

// The defaults of Config.
const (
	MaxAttempts = 10
	// JobTimeout bounds one run of a job.
	JobTimeout = 2 * time.Minute
	// RescueStuckJobsAfter is when a job still running (its process died) is run again.
	RescueStuckJobsAfter = 15 * time.Minute
)

// Config tunes a Queue; the zero value is production's.
type Config struct {
	// Log receives River's and the workers' lines.
	Log *slog.Logger
	// Now stubs River's clock (tests pass their injected clock, so retries and rescues
	// follow it); nil uses the real time. A stubbed clock also shortens the fetch poll to
	// 20 ms unless FetchPollInterval is set.
	Now func() time.Time
	// FetchPollInterval is how often each queue looks for due jobs (default 1 s, besides
	// the insert notifications).
	FetchPollInterval time.Duration
	// RescueStuckJobsAfter is how long a job may be running before it is run again (its
	// process is assumed dead). River measures it on the real clock, even when Now is
	// stubbed; with a stubbed clock it defaults to never.
	RescueStuckJobsAfter time.Duration
	// JobTimeout bounds one run of a job.
	JobTimeout time.Duration
	// MaxAttempts is how many runs a failing job gets before it is discarded.
	MaxAttempts int
	// Retry is the backoff between runs.
	Retry Backoff
	// ID names this process in River's tables (leader, job attempts); random when empty.
	ID string
}

func (c Config) withDefaults() Config {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.FetchPollInterval <= 0 {
		c.FetchPollInterval = time.Second
		if c.Now != nil {
			c.FetchPollInterval = 20 * time.Millisecond
		}
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = JobTimeout
	}
	if c.RescueStuckJobsAfter <= 0 && c.Now != nil {
		// River's rescuer reads the real clock: against a stubbed one every job would
		// look stuck. Tests that rescue set it.
		c.RescueStuckJobsAfter = 100 * 365 * 24 * time.Hour
	}
	if c.RescueStuckJobsAfter <= c.JobTimeout {
		c.RescueStuckJobsAfter = max(RescueStuckJobsAfter, 2*c.JobTimeout)
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = MaxAttempts
	}
	if c.Retry.Base <= 0 {
		c.Retry.Base = 30 * time.Second
	}
	if c.Retry.Max < c.Retry.Base {
		c.Retry.Max = time.Hour
	}
	return c
}

// fetchCooldown is River's FetchCooldown for c: the least time between two fetches of
// a queue, and between two insert notifications of one.
func fetchCooldown(c Config) time.Duration { return min(c.FetchPollInterval, 100*time.Millisecond) }

// Inserter inserts jobs in the transaction of the change that causes them.
type Inserter interface {
	// InsertTx inserts a job through tx (a Store handed to InTx's fn) and returns its id.
	InsertTx(ctx context.Context, tx storage.Store, args river.JobArgs, opts *river.InsertOpts) (int64, error)
}

// Queue is the gateway's River client on one store: the workers and periodic jobs the
// features registered, started with the server and stopped with it.
type Queue struct {
	cfg      Config
	db       any
	workers  *river.Workers
	periodic []*river.PeriodicJob
	queues   map[string]river.QueueConfig

	client  runner
	notes   pacer
	mu      sync.Mutex
	running bool
	// ran counts runs that reached an outcome other than a snooze (RunUntilIdle).
	ran atomic.Int64
}

var _ Inserter = (*Queue)(nil)

// New returns a queue over store's database (a store of storage/postgres or
// storage/sqlite, whose tables River's migrations created).
func New(store storage.Store, cfg Config) (*Queue, error) {
	h, ok := store.(storage.DriverHandles)
	if !ok {
		return nil, fmt.Errorf("queue: store %T does not expose its database", store)
	}
	switch h.DriverDB().(type) {
	case *pgxpool.Pool, *sql.DB:
	default:
		return nil, fmt.Errorf("queue: unsupported database %T", h.DriverDB())
	}
	cfg = cfg.withDefaults()
	return &Queue{
		cfg: cfg, db: h.DriverDB(), workers: river.NewWorkers(), notes: pacer{every: fetchCooldown(cfg), now: cfg.Now},
		queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 10}},
	}, nil
}

// Workers is the bundle features add their workers to (river.AddWorker) before Build.
func (q *Queue) Workers() *river.Workers { return q.workers }

// AddQueue makes this process work the named River queue as well as the default one.
// Jobs of a queue nobody works wait in the database (the onchain revocations when no
// chain is configured).
func (q *Queue) AddQueue(name string, maxWorkers int) {
	q.queues[name] = river.QueueConfig{MaxWorkers: maxWorkers}
}

// AddPeriodic registers a periodic job; River's leader election runs it once across
// replicas.
func (q *Queue) AddPeriodic(every time.Duration, args func() river.JobArgs) {
	q.periodic = append(q.periodic, river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return args(), nil }, nil))
}

// Build creates the River client once the features have registered; InsertTx on this
// database goes through it from then on.
func (q *Queue) Build() error {
	if err := q.build(); err != nil {
		return err
	}
	bound.Store(q.db, q)
	return nil
}

func (q *Queue) build() error {
	if q.client != nil {
		return errors.New("queue: built twice")
	}
	rc := q.riverConfig()
	var err error
	switch db := q.db.(type) {
	case *pgxpool.Pool:
		q.client, err = newClient[pgx.Tx](riverpgxv5.New(db), rc)
	case *sql.DB:
		q.client, err = newClient[*sql.Tx](riversqlite.New(db), rc)
	}
	if err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	return nil
}

func (q *Queue) riverConfig() *river.Config {
	c := q.cfg
	retry := &c.Retry
	rc := &river.Config{
		ID: c.ID, Logger: c.Log, Workers: q.workers, Queues: q.queues, PeriodicJobs: q.periodic,
		FetchPollInterval: c.FetchPollInterval, FetchCooldown: fetchCooldown(c),
		JobTimeout: c.JobTimeout, RescueStuckJobsAfter: c.RescueStuckJobsAfter, MaxAttempts: c.MaxAttempts,
		RetryPolicy: retry, WorkerMiddleware: []rivertype.WorkerMiddleware{&counter{ran: &q.ran}},
		// The jobs of queues this process does not work (onchain revocations without a
		// configured chain) are still inserted; they wait for a process that does.
		SkipUnknownJobCheck: true,
	}
	if c.Now != nil {
		clock := stubClock(c.Now)
		rc.Test.Time = clock
		retry.now = c.Now
		rc.TestOnly = true
		// River's cleaners read the real clock too: keep finished jobs for the test to see.
		rc.CancelledJobRetentionPeriod, rc.CompletedJobRetentionPeriod, rc.DiscardedJobRetentionPeriod = -1, -1, -1
	}
	return rc
}

// Start runs the queues until Stop (or ctx is done).
func (q *Queue) Start(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := q.client.start(ctx); err != nil {
		return fmt.Errorf("queue: start: %w", err)
	}
	q.running = true
	return nil
}

// Stop stops fetching and waits for running jobs until ctx is done, then cancels them
// (a cancelled job is retried, by this or another process).
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.running {
		return nil
	}
	q.running = false
	err := q.client.stop(ctx)
	if ctx.Err() != nil {
		return q.client.stopAndCancel(context.WithoutCancel(ctx))
	}
	return err
}

// InsertTx implements Inserter.
func (q *Queue) InsertTx(ctx context.Context, tx storage.Store, args river.JobArgs, opts *river.InsertOpts) (int64, error) {
	t, err := driverTx(tx)
	if err != nil {
		return 0, err
	}
	return q.client.insertTx(ctx, t, args, opts)
}

// WakeTx makes a pending job (inserted with InsertOpts.Pending) available to run, in tx.
func (q *Queue) WakeTx(ctx context.Context, tx storage.Store, jobID int64) error {
	t, err := driverTx(tx)
	if err != nil {
		return err
	}
	return q.client.retryTx(ctx, t, jobID)
}

// bound maps a database handle to the Queue built on it, so code holding only a
// transaction reaches the queue of its database (InsertTx, WakeTx).
var bound sync.Map

// InsertTx inserts a job in tx's transaction through the Queue built on tx's database
// (the gateway builds one per store), or an insert-only client when none is.
func InsertTx(ctx context.Context, tx storage.Store, args river.JobArgs, opts *river.InsertOpts) (int64, error) {
	q, err := forTx(tx)
	if err != nil {
		return 0, err
	}
	return q.InsertTx(ctx, tx, args, opts)
}

// InsertManyTx inserts several jobs (default options) in tx in one statement, on the
// queue of tx's database.
func InsertManyTx(ctx context.Context, tx storage.Store, args []river.JobArgs) error {
	if len(args) == 0 {
		return nil
	}
	q, err := forTx(tx)
	if err != nil {
		return err
	}
	t, err := driverTx(tx)
	if err != nil {
		return err
	}
	return q.client.insertManyTx(ctx, t, args)
}

// WakeTx is Queue.WakeTx on the queue of tx's database.
func WakeTx(ctx context.Context, tx storage.Store, jobID int64) error {
	q, err := forTx(tx)
	if err != nil {
		return err
	}
	return q.WakeTx(ctx, tx, jobID)
}

// forTx returns the queue bound to tx's database, or an unstarted one built for
// inserting only.
func forTx(tx storage.Store) (*Queue, error) {
	h, ok := tx.(storage.DriverHandles)
	if !ok {
		return nil, fmt.Errorf("queue: store %T does not expose its database", tx)
	}
	if q, ok := bound.Load(h.DriverDB()); ok {
		return q.(*Queue), nil
	}
	q, err := New(tx, Config{})
	if err != nil {
		return nil, err
	}
	if err := q.build(); err != nil {
		return nil, err
	}
	return q, nil
}

// driverTx is the backend transaction under tx.
func driverTx(tx storage.Store) (any, error) {
	h, ok := tx.(storage.DriverHandles)
	if !ok || h.DriverTx() == nil {
		return nil, errors.New("queue: jobs are inserted inside a transaction (InTx)")
	}
	return h.DriverTx(), nil
}

// stubClock is River's time generator on an injected clock.
type stubClock func() time.Time

func (c stubClock) Now() time.Time { return c().UTC() }

func (c stubClock) NowOrNil() *time.Time {
	t := c().UTC()
	return &t
}

// counter counts the runs of jobs that ended other than in a snooze.
type counter struct {
	river.MiddlewareDefaults
	ran *atomic.Int64
}

func (c *counter) Work(ctx context.Context, job *rivertype.JobRow, doInner func(context.Context) error) error {
	err := doInner(ctx)
	var snooze *rivertype.JobSnoozeError
	if !errors.As(err, &snooze) {
		c.ran.Add(1)
	}
	return err
}
