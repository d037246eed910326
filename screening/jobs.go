package screening

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/riverqueue/river"
	"golang.org/x/sync/errgroup"

	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
)

// ScreenArgs is the River job that screens one wallet: inserted in the transaction that
// first links it (a first sign-in, a wallet linked to an account or moved to a
// customer). Answers younger than the TTL serve.
type ScreenArgs struct {
	Address string `json:"address"`
	ChainID uint64 `json:"chainId"`
}

// Kind implements river.JobArgs.
func (ScreenArgs) Kind() string { return "screening.screen_wallet" }

// InsertOpts implements river.JobArgsWithInsertOpts: first screenings run at River's
// priority 2 (1 is the default and the highest), so a burst of sign-ins does not queue
// the processing of provider webhooks and outbound deliveries behind its screenings. A
// wallet whose job has not run yet is screened on the spot by a gating lookup and before
// an attestation, so the wait costs no check.
func (ScreenArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Priority: 2} }

// EnqueueTx inserts a ScreenArgs job for address in tx (chainID 0: the default chain).
func EnqueueTx(ctx context.Context, tx storage.Store, address string, chainID uint64) error {
	_, err := queue.InsertTx(ctx, tx, ScreenArgs{Address: storage.NormalizeAddress(address), ChainID: chainID}, nil)
	return err
}

// NewWalletJob describes, for q, the ScreenArgs job of a wallet's first sign-in, which
// the sign-in inserts with the wallet's new subject in its own unit of work
// (auth.Service.NewWalletJob; chainID 0: the default chain).
func NewWalletJob(q *queue.Queue, address string, chainID uint64) (storage.Job, error) {
	return q.Job(ScreenArgs{Address: storage.NormalizeAddress(address), ChainID: chainID}, nil)
}

type screenWorker struct {
	river.WorkerDefaults[ScreenArgs]
	s *Service
}

func (w *screenWorker) Work(ctx context.Context, job *river.Job[ScreenArgs]) error {
	ws, err := w.s.Screen(ctx, job.Args.Address, job.Args.ChainID, false)
	if err != nil {
		return err
	}
	if ws.Failed {
		// Stored as pending (never clear); River retries with its backoff.
		return fmt.Errorf("screening: a source failed for a wallet (outcome %s)", ws.Outcome)
	}
	return nil
}

// RescreenArgs is the periodic job that screens again, with every source (no cache),
// the wallets whose last screening is older than KYCGATE_RESCREEN_EVERY among those that
// hold a valid attestation or belong to a subject shared with or owned by a tenant, at
// most Settings.Batch per run. It runs every RescreenEvery/24 (at least every minute),
// once across replicas, so a period's re-screenings spread over the day in which they
// fall due instead of all at once.
type RescreenArgs struct{}

// Kind implements river.JobArgs.
func (RescreenArgs) Kind() string { return "screening.rescreen" }

type rescreenWorker struct {
	river.WorkerDefaults[RescreenArgs]
	s   *Service
	log *slog.Logger
}

func (w *rescreenWorker) Work(ctx context.Context, _ *river.Job[RescreenArgs]) error {
	n, failed, err := w.s.Rescreen(ctx)
	if err != nil {
		return fmt.Errorf("rescreen: %w", err)
	}
	w.log.DebugContext(ctx, "wallets screened again", "wallets", n, "failed", failed)
	return nil
}

// Rescreen screens one batch of due wallets (see RescreenArgs) with every source, up to
// Settings.Concurrency wallets at a time. It reports how many were screened and how many
// of them had a source fail.
func (s *Service) Rescreen(ctx context.Context) (int, int, error) {
	now := s.now()
	due, err := s.store.ListWalletsToRescreen(ctx, now, now.Add(-s.every), s.set.Batch)
	if err != nil {
		return 0, 0, err
	}
	// The sources are asked concurrently; the answers are stored one wallet at a time
	// (SQLite has one writer, and PostgreSQL gains little from racing transactions).
	var g errgroup.Group
	g.SetLimit(s.set.Concurrency)
	pre := s.batch(ctx, due)
	prepared := make([]pending, len(due))
	for i, addr := range due {
		g.Go(func() error {
			var err error
			prepared[i], err = s.prepare(ctx, addr, 0, true, pre[addr])
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return 0, 0, err
	}
	failed := make([]bool, len(due))
	for i, p := range prepared {
		ws, err := s.commit(ctx, p)
		if err != nil {
			return i, 0, err
		}
		failed[i] = ws.Failed
	}
	n := 0
	for _, f := range failed {
		if f {
			n++
		}
	}
	return len(due), n, nil
}

// RescreenInterval is how often the re-screening job runs for a period of every.
func RescreenInterval(every time.Duration) time.Duration { return max(every/24, time.Minute) }

// Jobs registers the screening workers and the periodic re-screening with q.
func (s *Service) Jobs(q *queue.Queue, log *slog.Logger) {
	river.AddWorker(q.Workers(), &screenWorker{s: s})
	river.AddWorker(q.Workers(), &rescreenWorker{s: s, log: log})
	q.AddPeriodic(RescreenInterval(s.every), func() river.JobArgs { return RescreenArgs{} })
	river.AddWorker(q.Workers(), &refreshWorker{s: s})
	for _, n := range s.sources {
		if r, ok := n.Source.(source.Refresher); ok {
			q.AddPeriodic(r.RefreshEvery(), func() river.JobArgs { return RefreshArgs{Source: n.Name} })
		}
	}
}

// RefreshArgs is the job that reloads a list source's list (source.Refresher, the OFAC
// list): periodic every RefreshEvery of the source, and inserted once when the server
// starts (InsertRefreshes). A failed refresh keeps the last good list; the job is
// retried with River's backoff.
type RefreshArgs struct {
	Source string `json:"source"`
}

// Kind implements river.JobArgs.
func (RefreshArgs) Kind() string { return "screening.refresh_list" }

type refreshWorker struct {
	river.WorkerDefaults[RefreshArgs]
	s *Service
}

func (w *refreshWorker) Work(ctx context.Context, job *river.Job[RefreshArgs]) error {
	for _, n := range w.s.sources {
		if r, ok := n.Source.(source.Refresher); ok && n.Name == job.Args.Source {
			return r.Refresh(ctx)
		}
	}
	return river.JobCancel(fmt.Errorf("screening: no list source %q", job.Args.Source))
}

// InsertRefreshes inserts one RefreshArgs job per list source, so that a list newer than
// the embedded snapshot is loaded at start rather than after a first period.
func (s *Service) InsertRefreshes(ctx context.Context) error {
	return s.store.InTx(ctx, func(tx storage.Store) error {
		for _, n := range s.sources {
			if _, ok := n.Source.(source.Refresher); ok {
				if _, err := queue.InsertTx(ctx, tx, RefreshArgs{Source: n.Name}, nil); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// batchSize is the most addresses one ScreenMany call carries.
const batchSize = 100

// batch asks each source that screens several addresses in one call (source.BatchScreener,
// TRM) about the due wallets, batchSize at a time, and returns the rows by address and
// source. A failed call fails every address it carried (never clear).
func (s *Service) batch(ctx context.Context, due []string) map[string]map[string]storage.Screening {
	out := map[string]map[string]storage.Screening{}
	for _, n := range s.sources {
		bs, ok := n.Source.(source.BatchScreener)
		if !ok {
			continue
		}
		for chunk := range slices.Chunk(due, batchSize) {
			qs := make([]source.Query, len(chunk))
			for i, a := range chunk {
				qs[i] = source.Query{Address: common.HexToAddress(a), ChainID: s.chainID}
			}
			cctx, cancel := context.WithTimeout(ctx, s.set.Timeout)
			start := time.Now()
			results, err := bs.ScreenMany(cctx, qs)
			cancel()
			if err == nil && len(results) != len(qs) {
				err = fmt.Errorf("screening: source %s answered %d of %d addresses", n.Name, len(results), len(qs))
			}
			s.metrics.observe(n.Name, time.Since(start), err)
			for i, a := range chunk {
				var r source.Result
				if err == nil {
					r = results[i]
				}
				if out[a] == nil {
					out[a] = map[string]storage.Screening{}
				}
				out[a][n.Name] = s.answer(a, s.chainID, n.Name, r, err)
			}
		}
	}
	return out
}
