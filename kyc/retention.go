package kyc

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// Retention defaults (README, "Personal data over its whole life").
const (
	// DefaultRetentionDocuments is five years (43800h) after a subject's last decision:
	// the usual AML record-keeping period (EU AMLD5, Directive (EU) 2015/849 art. 40(1):
	// five years after the end of the business relationship; FATF Recommendation 11:
	// at least five years).
	DefaultRetentionDocuments = 5 * 365 * 24 * time.Hour
	// DefaultRetentionAbandoned is 90 days (2160h) after the last start of a subject that
	// never reached a decision: no record-keeping duty applies, so the data goes soon.
	DefaultRetentionAbandoned = 90 * 24 * time.Hour
	// RetentionEvery is how often the retention job runs.
	RetentionEvery = time.Hour
	// RetentionBatch is how many subjects one run erases at most; a run that fills its
	// batch enqueues the next at once.
	RetentionBatch = 100
)

// ErasedBy is the actor of erasures the gateway makes on its own.
const ErasedBy = "system:retention"

type retention struct {
	documents, abandoned time.Duration
}

// RetentionResult counts what a retention run erased.
type RetentionResult struct {
	Decided, Abandoned int
	// More is true when the batch was full (more may be due).
	More bool
}

// EraseExpired erases, at most batch at a time, the subjects whose personal data is past
// its retention time at the service's clock (storage.PersonalDataStore.ListRetentionDue):
// the last decision older than the documents retention (code retention), or no decision
// and the last start older than the abandoned retention (code retention_abandoned).
// Each erasure is Erase's, audited as subject.erased by system:retention.
func (s *Service) EraseExpired(ctx context.Context, batch int) (RetentionResult, error) {
	now := s.now()
	var out RetentionResult
	decidedBefore, abandonedBefore := now.Add(-s.retention.documents), now.Add(-s.retention.abandoned)
	ids, err := s.store.ListRetentionDue(ctx, decidedBefore, abandonedBefore, batch)
	if err != nil {
		return out, err
	}
	for _, id := range ids {
		code := ErasedRetention
		decided, err := s.decided(ctx, id)
		if err != nil {
			return out, err
		}
		if !decided {
			code = ErasedRetentionAbandoned
		}
		if _, err := s.Erase(ctx, id, code, ErasedBy, ""); err != nil {
			return out, err
		}
		if decided {
			out.Decided++
		} else {
			out.Abandoned++
		}
	}
	out.More = len(ids) == batch
	return out, nil
}

// decided reports whether a subject has a verification that reached a decision.
func (s *Service) decided(ctx context.Context, subjectID string) (bool, error) {
	list, err := s.store.ListVerificationsBySubject(ctx, subjectID)
	if err != nil {
		return false, err
	}
	for _, v := range list {
		switch v.Status {
		case storage.StatusApproved, storage.StatusRejected, storage.StatusRevoked:
			return true, nil
		}
	}
	return false, nil
}

// RetentionArgs is the periodic River job (RetentionEvery) that runs EraseExpired; a
// full batch enqueues the next run at once, so a backlog drains in batches.
type RetentionArgs struct{}

// Kind implements river.JobArgs.
func (RetentionArgs) Kind() string { return "kyc.retention" }

type retentionWorker struct {
	river.WorkerDefaults[RetentionArgs]
	s *Service
}

func (w *retentionWorker) Work(ctx context.Context, _ *river.Job[RetentionArgs]) error {
	res, err := w.s.EraseExpired(ctx, RetentionBatch)
	if err != nil {
		return err
	}
	if res.Decided+res.Abandoned > 0 {
		w.s.log.InfoContext(ctx, "retention erased subjects", "decided", res.Decided, "abandoned", res.Abandoned)
	}
	if res.More {
		err = w.s.store.InTx(ctx, func(tx storage.Store) error {
			_, err := queue.InsertTx(ctx, tx, RetentionArgs{}, nil)
			return err
		})
	}
	return err
}

// retentionJobs registers the retention worker and its periodic run.
func (s *Service) retentionJobs(q *queue.Queue) {
	river.AddWorker(q.Workers(), &retentionWorker{s: s})
	q.AddPeriodic(RetentionEvery, func() river.JobArgs { return RetentionArgs{} })
}
