package kyc

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// Polling covers lost webhooks: an open verification of a provider that can be fetched
// (Fetcher), unchanged for the poll delay (KYCGATE_PROVIDER_POLL_AFTER), is fetched; while
// it stays unchanged it is fetched again after as long as it has been unchanged (15m,
// 30m, 1h, …), at most MaxPollInterval apart, until it closes or expires.
const (
	// DefaultPollAfter is the poll delay when none is configured.
	DefaultPollAfter = 15 * time.Minute
	// PollEvery is how often the periodic poll looks for verifications due.
	PollEvery = time.Minute
	// MaxPollInterval caps the backoff between two polls of one verification.
	MaxPollInterval = 6 * time.Hour
	// PollBatch is the most verifications one poll schedules (the rest wait a minute).
	PollBatch = 500
)

// PollArgs is the periodic job (every PollEvery, once across replicas) that schedules a
// FetchArgs job for each verification due for a poll.
type PollArgs struct{}

// Kind implements river.JobArgs.
func (PollArgs) Kind() string { return "kyc.provider_poll" }

// FetchArgs is the River job that fetches one verification's state from its provider
// (a poll) and applies it.
type FetchArgs struct {
	VerificationID string `json:"verificationId"`
}

// Kind implements river.JobArgs.
func (FetchArgs) Kind() string { return "kyc.provider_fetch" }

type pollWorker struct {
	river.WorkerDefaults[PollArgs]
	s *Service
}

func (w *pollWorker) Work(ctx context.Context, _ *river.Job[PollArgs]) error {
	n, err := w.s.Poll(ctx)
	if n > 0 {
		w.s.log.DebugContext(ctx, "provider polls scheduled", "verifications", n)
	}
	return err
}

type fetchWorker struct {
	river.WorkerDefaults[FetchArgs]
	s *Service
}

func (w *fetchWorker) Work(ctx context.Context, job *river.Job[FetchArgs]) error {
	v, err := w.s.store.GetVerification(ctx, job.Args.VerificationID)
	if errors.Is(err, storage.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("kyc: no verification %s", job.Args.VerificationID))
	}
	if err != nil {
		return err
	}
	if !IsOpen(v.Status) {
		return nil // closed since it was scheduled
	}
	return honourRetryAfter(job.JobRow, w.s.refresh(ctx, v, nil, "poll"))
}

// Jobs registers the inbound pipeline's workers (event processing, fetching, provider
// blocklists, provider erasures, retention, key rotation) with q and,
// when a provider can be fetched from, the periodic poll.
func (s *Service) Jobs(q *queue.Queue) {
	river.AddWorker(q.Workers(), &eventWorker{s: s})
	river.AddWorker(q.Workers(), &fetchWorker{s: s})
	river.AddWorker(q.Workers(), &pollWorker{s: s})
	river.AddWorker(q.Workers(), &blocklistWorker{s: s})
	river.AddWorker(q.Workers(), &personScreeningWorker{s: s})
	river.AddWorker(q.Workers(), &personMonitorWorker{s: s})
	if s.persons != nil {
		q.AddPeriodic(MonitorEvery, func() river.JobArgs { return PersonMonitorArgs{} })
	}
	river.AddWorker(q.Workers(), &eraseWorker{s: s})
	s.retentionJobs(q)
	if len(s.fetchers()) > 0 {
		q.AddPeriodic(PollEvery, func() river.JobArgs { return PollArgs{} })
	}
}

// fetchers lists the providers that can be fetched from, sorted.
func (s *Service) fetchers() []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(s.providers)) {
		if _, ok := s.providers[name].(Fetcher); ok {
			out = append(out, name)
		}
	}
	return out
}

// pollInterval is when a verification unchanged for age is polled again.
func (s *Service) pollInterval(age time.Duration) time.Duration {
	return min(max(age, s.pollAfter), MaxPollInterval)
}

// Poll schedules a fetch (FetchArgs) of every verification due for a poll, at most
// PollBatch at a time, and records each one's next poll time in the same transaction.
// It reports how many it scheduled.
func (s *Service) Poll(ctx context.Context) (int, error) {
	providers := s.fetchers()
	if len(providers) == 0 {
		return 0, nil
	}
	now := s.now()
	due, err := s.store.ListVerificationsToPoll(ctx, storage.PollQuery{Providers: providers, Statuses: openStatuses,
		UnchangedSince: now.Add(-s.pollAfter), Now: now, Limit: PollBatch})
	if err != nil || len(due) == 0 {
		return 0, err
	}
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		for _, v := range due {
			if err := tx.SetVerificationNextPoll(ctx, v.ID, now.Add(s.pollInterval(now.Sub(v.UpdatedAt)))); err != nil {
				return err
			}
			if _, err := queue.InsertTx(ctx, tx, FetchArgs{VerificationID: v.ID}, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(due), nil
}
