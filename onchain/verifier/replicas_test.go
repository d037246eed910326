package verifier_test

import (
	"context"
	"sync"
	"testing"

	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestTwoGatewayReplicasRevokeAtOnce: two gateways on one PostgreSQL and one chain work
// the revocation jobs of a subject's attestations at the same time. Every job ends done
// without an error (no nonce collision), and every attestation is revoked exactly once on
// both registries.
func TestTwoGatewayReplicasRevokeAtOnce(t *testing.T) {
	t.Parallel()
	const n = 16
	b := setupBatch(t, storagetest.OpenPostgres(t), n)
	replicas := []gateway{
		startGateway(t, b.c, b.store, b.clock, b.c.backend),
		startGateway(t, b.c, b.store, b.clock, b.c.backend),
	}
	ctx := context.Background()
	uids, err := attest.RevokeSubject(ctx, b.store, b.sub.ID, "sanctions hit", "system:test", b.clock.Now())
	require.NoError(t, err)
	require.Len(t, uids, n)

	step := func() {
		var wg sync.WaitGroup
		errs := make([]error, len(replicas))
		for i, g := range replicas {
			wg.Go(func() { _, errs[i] = g.srv.StepWorkers(ctx) })
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
	}
	step()
	// Jobs that found the sender busy snooze; their revocations went out in the busy
	// replica's batches, so the next round completes them without a transaction.
	for range 5 {
		waiting, err := replicas[0].srv.Queue().Jobs(ctx, rivertype.JobStateScheduled, rivertype.JobStateAvailable,
			rivertype.JobStateRetryable, rivertype.JobStateRunning)
		require.NoError(t, err)
		if len(waiting) == 0 {
			break
		}
		b.clock.Add(verifier.DefaultBusySnooze)
		step()
	}
	jobs, err := replicas[0].srv.Queue().Jobs(ctx)
	require.NoError(t, err)
	require.Len(t, jobs, n)
	for _, j := range jobs {
		require.Equal(t, rivertype.JobStateCompleted, j.State, "job %d", j.ID)
		require.Empty(t, j.Errors, "job %d ran without an error", j.ID)
	}
	b.requireAllRevoked(t, b.c.verifier.Address(), b.c.mint)
	nonce := b.revokerNonce(t)
	require.GreaterOrEqual(t, nonce, uint64(2), "at least one batch per registry")
	require.LessOrEqual(t, nonce, uint64(2*n), "never more than one transaction per revocation and registry")
	t.Logf("%d revocations on 2 registries in %d transactions", n, nonce)
}
