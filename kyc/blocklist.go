package kyc

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// Blocklister is a provider that keeps its own blocklist (see provider.Blocklister).
type Blocklister = provider.Blocklister

// BlocklistArgs is the River job that adds one verification's provider session to its
// provider's blocklist: a reviewer blocked the subject. It is inserted in the block's
// transaction and retried with River's backoff (a Retry-After is honoured), never run in
// the request path.
type BlocklistArgs struct {
	VerificationID string `json:"verificationId"`
}

// Kind implements river.JobArgs.
func (BlocklistArgs) Kind() string { return "kyc.provider_blocklist" }

type blocklistWorker struct {
	river.WorkerDefaults[BlocklistArgs]
	s *Service
}

func (w *blocklistWorker) Work(ctx context.Context, job *river.Job[BlocklistArgs]) error {
	v, err := w.s.store.GetVerification(ctx, job.Args.VerificationID)
	if errors.Is(err, storage.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("kyc: no verification %s", job.Args.VerificationID))
	}
	if err != nil {
		return err
	}
	bl, ok := w.s.providers[v.Provider].(Blocklister)
	if !ok || v.ProviderRef == "" {
		return river.JobCancel(fmt.Errorf("kyc: provider %q of verification %s keeps no blocklist", v.Provider, v.ID))
	}
	err = bl.Blocklist(ctx, v.ProviderRef)
	if err == nil {
		w.s.log.InfoContext(ctx, "provider session blocklisted", "provider", v.Provider, "verificationId", v.ID)
		return nil
	}
	if permanent(err) {
		return river.JobCancel(err)
	}
	return honourRetryAfter(job.JobRow, err)
}

// enqueueBlocklist inserts, in tx, a BlocklistArgs job for each of verifications whose
// provider keeps a blocklist and that has a provider session.
func (s *Service) enqueueBlocklist(ctx context.Context, tx storage.Store, list []storage.Verification) error {
	for _, v := range list {
		if _, ok := s.providers[v.Provider].(Blocklister); !ok || v.ProviderRef == "" {
			continue
		}
		if _, err := queue.InsertTx(ctx, tx, BlocklistArgs{VerificationID: v.ID}, nil); err != nil {
			return err
		}
	}
	return nil
}
