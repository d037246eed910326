package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/kycgate/kycgate/kyc/attest"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/storage"
)

// JobHandler runs one durable job. An error whose chain has a Permanent() bool method
// returning true fails the job for good; any other error retries it with backoff.
type JobHandler func(ctx context.Context, job storage.Job) error

// Worker runs the durable jobs of one kind: claim (with a lease, so a crashed worker's
// job is taken over when the lease ends) → handle → complete, retry with exponential
// backoff, or fail after MaxAttempts. Every replica may run one; the store hands each job
// to one worker at a time.
type Worker struct {
	// Kind is the job kind handled.
	Kind string
	// Handle runs one job.
	Handle JobHandler
	// Store holds the jobs.
	Store storage.JobStore
	// ID names this worker in the jobs it claims.
	ID string
	// Lease is how long a claimed job is this worker's; it must exceed JobTimeout.
	Lease time.Duration
	// JobTimeout bounds one job's run.
	JobTimeout time.Duration
	// Poll is the pause between two claims that found nothing.
	Poll time.Duration
	// Batch is the most jobs one Step runs.
	Batch int
	// MaxAttempts is the number of runs after which a failing job is failed for good.
	MaxAttempts int
	// BaseBackoff is the delay before the first retry; each retry doubles it, up to
	// MaxBackoff.
	BaseBackoff, MaxBackoff time.Duration
	// Now is the clock.
	Now func() time.Time
	// Log receives one line per retried or failed job.
	Log *slog.Logger
}

// withDefaults fills the unset fields.
func (w *Worker) withDefaults() {
	if w.ID == "" {
		w.ID = workerID()
	}
	if w.JobTimeout <= 0 {
		w.JobTimeout = 2 * time.Minute
	}
	if w.Lease <= w.JobTimeout {
		w.Lease = 2*w.JobTimeout + time.Minute
	}
	if w.Poll <= 0 {
		w.Poll = 5 * time.Second
	}
	if w.Batch <= 0 {
		w.Batch = 10
	}
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = 10
	}
	if w.BaseBackoff <= 0 {
		w.BaseBackoff = 30 * time.Second
	}
	if w.MaxBackoff < w.BaseBackoff {
		w.MaxBackoff = time.Hour
	}
	if w.Now == nil {
		w.Now = time.Now
	}
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
}

// workerID is host:pid:random, unique per process.
func workerID() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// Backoff is the delay before the retry that follows run number attempt (1-based).
func (w *Worker) Backoff(attempt int) time.Duration {
	d := w.BaseBackoff
	for i := 1; i < attempt && d < w.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, w.MaxBackoff)
}

// Step claims and runs due jobs, one at a time, until none is due, Batch have run or ctx
// is done. It returns how many ran. Run calls it in a loop; tests call it directly.
func (w *Worker) Step(ctx context.Context) (int, error) {
	w.withDefaults()
	ran := 0
	for ran < w.Batch && ctx.Err() == nil {
		jobs, err := w.Store.ClaimJobs(ctx, w.Kind, w.ID, w.Now(), w.Lease, 1)
		if err != nil {
			return ran, fmt.Errorf("worker %s: claim: %w", w.Kind, err)
		}
		if len(jobs) == 0 {
			return ran, nil
		}
		if err := w.run(ctx, jobs[0]); err != nil {
			return ran, err
		}
		ran++
	}
	return ran, nil
}

// run handles one claimed job and records the outcome. The job's own context outlives a
// cancelled ctx (shutdown) for up to JobTimeout, so a sent transaction is waited for.
func (w *Worker) run(ctx context.Context, job storage.Job) error {
	jobCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.JobTimeout)
	err := w.Handle(jobCtx, job)
	cancel()
	store := context.WithoutCancel(ctx)
	now := w.Now()
	var p interface{ Permanent() bool }
	switch {
	case err == nil:
		err = w.Store.CompleteJob(store, job.ID, now)
	case errors.As(err, &p) && p.Permanent(), job.Attempts >= w.MaxAttempts:
		w.Log.ErrorContext(ctx, "job failed for good", "kind", w.Kind, "job", job.ID, "attempts", job.Attempts, "error", err)
		err = w.Store.FailJob(store, job.ID, now, err.Error())
	default:
		delay := w.Backoff(job.Attempts)
		w.Log.WarnContext(ctx, "job failed; retrying", "kind", w.Kind, "job", job.ID, "attempts", job.Attempts,
			"retry_in", delay.String(), "error", err)
		err = w.Store.RetryJob(store, job.ID, now.Add(delay), err.Error())
	}
	if err != nil {
		return fmt.Errorf("worker %s: record job %s: %w", w.Kind, job.ID, err)
	}
	return nil
}

// Run steps until ctx is done, pausing Poll whenever nothing was due or the store failed.
func (w *Worker) Run(ctx context.Context) {
	w.withDefaults()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		n, err := w.Step(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.ErrorContext(ctx, "job worker", "kind", w.Kind, "error", err)
		}
		if n > 0 && err == nil {
			timer.Reset(0)
		} else {
			timer.Reset(w.Poll)
		}
	}
}

// StepWorkers runs one Step of every background worker (tests drive the jobs with it
// instead of Run's loop) and returns how many jobs ran.
func (s *Server) StepWorkers(ctx context.Context) (int, error) {
	total := 0
	for _, w := range s.workers {
		n, err := w.Step(ctx)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// runWorkers starts the background workers; the returned function stops them and waits
// for their in-flight jobs, at most timeout (a job left running is retaken by another
// replica when its lease ends).
func (s *Server) runWorkers(ctx context.Context, timeout time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, w := range s.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.Run(ctx)
		}()
	}
	return func() {
		cancel()
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		t := time.NewTimer(timeout)
		defer t.Stop()
		select {
		case <-done:
		case <-t.C:
			s.log.Warn("background jobs still running at shutdown; their leases will hand them to another replica")
		}
	}
}

// WithRevocationBackends injects the chain clients revocations are sent with (tests pass
// the simulated backend's) instead of dialling KYCGATE_RPC_URLS.
func WithRevocationBackends(backends map[uint64]verifier.Backend) Option {
	return func(s *Server) { s.revocationBackends = backends }
}

// registerRevocations adds the worker that publishes revoked attestations to the onchain
// registries (KYCGATE_VERIFIERS) of each chain with an RPC URL (KYCGATE_RPC_URLS) and the
// revoker key (KYCGATE_REVOKER_KEY_FILE). Without any, no worker runs and the jobs wait in
// the database until one is configured. It returns the revoker's address (zero when
// none), which integrators authorise on the registries they deploy.
func (s *Server) registerRevocations() (common.Address, error) {
	if len(s.cfg.Verifiers) == 0 {
		return common.Address{}, nil
	}
	if s.cfg.RevokerKeyFile == "" {
		s.log.Warn("KYCGATE_VERIFIERS is set but KYCGATE_REVOKER_KEY_FILE is not: revocations are not published onchain")
		return common.Address{}, nil
	}
	key, err := signer.LoadKeyFile(s.cfg.RevokerKeyFile)
	if err != nil {
		return common.Address{}, fmt.Errorf("KYCGATE_REVOKER_KEY_FILE: %w", err)
	}
	chains := map[uint64]verifier.Chain{}
	for id, registries := range s.cfg.Verifiers {
		backend, ok := s.revocationBackends[id]
		if !ok {
			url, ok := s.cfg.RPCURLs[id]
			if !ok {
				s.log.Warn("no RPC URL for a chain with verifiers: its revocations are not published onchain", "chain_id", id)
				continue
			}
			c, err := ethclient.DialContext(context.Background(), url)
			if err != nil {
				return common.Address{}, fmt.Errorf("invalid KYCGATE_RPC_URLS: chain %d: %w", id, err)
			}
			backend = c
		}
		chains[id] = verifier.Chain{ChainID: id, Backend: backend, Registries: registries, Key: key}
	}
	revoker := verifier.RevokerAddress(key)
	if len(chains) == 0 {
		return revoker, nil
	}
	s.log.Info("publishing revocations onchain", "chains", len(chains), "revoker", revoker.Hex())
	pub := verifier.NewPublisher(s.store, chains, s.log)
	s.workers = append(s.workers, &Worker{
		Kind: attest.RevocationJobKind, Handle: pub.Handle, Store: s.store, Now: s.now, Log: s.log,
	})
	return revoker, nil
}

// firstVerifiers is the verifier each chain's discovery entry shows: the first listed.
func firstVerifiers(m map[uint64][]common.Address) map[uint64]common.Address {
	out := make(map[uint64]common.Address, len(m))
	for id, list := range m {
		if len(list) > 0 {
			out[id] = list[0]
		}
	}
	return out
}
