package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage/storagetest"
	"github.com/kycgate/kycgate/tools/loadtest/internal/harness"
)

// TestFaultsUnderLoad is the faults run in a short form (a few seconds of load, four
// workers): three replicas of the real binary over a fresh PostgreSQL database behind the
// proxy; one is SIGKILLed and restarted mid-run, every connection is terminated
// (pg_terminate_backend), with wallets screened against the fake sources (a tenth of them
// planted sanctioned, a tenth high-risk); then every invariant must hold. `make loadtest-faults` runs
// the long form.
func TestFaultsUnderLoad(t *testing.T) {
	t.Parallel()
	base := storagetest.PostgresURL(t) // skips (or fails in CI) without PostgreSQL
	ctx := t.Context()
	root, err := harness.ModuleRoot(ctx)
	require.NoError(t, err)
	bin, err := harness.Build(ctx, root, t.TempDir())
	require.NoError(t, err)

	sc := harness.NewScreening()
	t.Cleanup(sc.Close)
	var progress strings.Builder
	rep, err := harness.RunFaults(ctx, harness.FaultsOptions{Binary: bin, PostgresURL: base, Workers: 4,
		Duration: 4 * time.Second, Screening: sc, Progress: &progress})
	if rep != nil {
		var table strings.Builder
		rep.Markdown(&table)
		t.Log("\n" + progress.String() + table.String())
	}
	require.NoError(t, err)
	require.True(t, rep.OK())
	require.Len(t, rep.Checks, 7)
	require.NotEmpty(t, sc.Planted(harness.WalletSanctioned), "sanctioned wallets signed in")
	require.Positive(t, rep.Load.OK, "journeys went through")
	require.Positive(t, rep.Webhooks, "webhooks were answered 200")
	require.Positive(t, rep.Terminated, "connections were terminated mid-run")
	require.True(t, rep.Settled)
}
