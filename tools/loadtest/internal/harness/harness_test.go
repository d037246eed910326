package harness

import (
	"bufio"
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestQuantileIsTheNearestRank(t *testing.T) {
	t.Parallel()
	r := Result{}
	for i := 1; i <= 100; i++ {
		r.latencies = append(r.latencies, time.Duration(i)*time.Millisecond)
	}
	require.Equal(t, 50*time.Millisecond, r.Quantile(0.5))
	require.Equal(t, 99*time.Millisecond, r.Quantile(0.99))
	require.Equal(t, 100*time.Millisecond, r.Quantile(1))
	require.Zero(t, Result{}.Quantile(0.99))
	require.Zero(t, Result{OK: 3}.Rate(), "no elapsed time, no rate")
	require.InDelta(t, 1.5, Result{OK: 3, Elapsed: 2 * time.Second}.Rate(), 1e-9)
}

func TestDriveCountsSuccessesAndFailures(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	r := Drive(t.Context(), "t", 3, time.Millisecond, func(_ context.Context, w, i int) error {
		if i%2 == 1 {
			return boom
		}
		return nil
	})
	require.GreaterOrEqual(t, r.OK, 3, "each worker runs at least once, and its first operation succeeds")
	require.GreaterOrEqual(t, r.OK, r.Failed, "iterations alternate, starting with a success")
	require.Len(t, r.latencies, r.OK, "one latency per success")
	if r.Failed > 0 {
		require.ErrorIs(t, r.FirstError, boom)
	}
}

func TestReceivedDuplicatesCountsChangesUnderTwoIDs(t *testing.T) {
	t.Parallel()
	dup, ids := receivedDuplicates([]Delivery{
		{ID: "msg_1", Type: "verification.updated", VerificationID: "ver_1", Status: "approved"},
		{ID: "msg_1", Type: "verification.updated", VerificationID: "ver_1", Status: "approved"}, // a redelivery
		{ID: "msg_2", Type: "verification.updated", VerificationID: "ver_2", Status: "approved"},
	})
	require.Zero(t, dup, "a redelivery of one event is not a duplicate")
	require.Equal(t, 2, ids)
	dup, _ = receivedDuplicates([]Delivery{
		{ID: "msg_1", Type: "verification.updated", VerificationID: "ver_1", Status: "approved"},
		{ID: "msg_9", Type: "verification.updated", VerificationID: "ver_1", Status: "approved"},
	})
	require.Equal(t, 1, dup, "one change announced under two event ids")
	dup, _ = receivedDuplicates([]Delivery{
		{ID: "msg_1", Type: "screening.flagged", Outcome: "sanctioned", VerificationIDs: "ver_1"},
		{ID: "msg_2", Type: "screening.flagged", Outcome: "review", VerificationIDs: "ver_2"},
	})
	require.Zero(t, dup, "two wallets flagged are two changes")
	dup, _ = receivedDuplicates([]Delivery{
		{ID: "msg_1", Type: "screening.flagged", Outcome: "review", VerificationIDs: "ver_2"},
		{ID: "msg_2", Type: "screening.flagged", Outcome: "review", VerificationIDs: "ver_2"},
	})
	require.Equal(t, 1, dup, "one hold announced twice")
}

func TestPairedMeasuresBothAndStopsAtAnError(t *testing.T) {
	t.Parallel()
	a, b := 0, 0
	r, err := Paired(20*time.Millisecond, func() error { a++; return nil }, func() error { b++; return nil })
	require.NoError(t, err)
	require.Positive(t, r.Base)
	require.Positive(t, r.Fn)
	require.GreaterOrEqual(t, a, 10*64, "each of the ten slices runs at least one batch")
	require.GreaterOrEqual(t, b, 10*64)
	if runtime.GOOS == "linux" {
		require.Positive(t, r.BaseCPU, "the thread's CPU time is measured on Linux")
		require.Positive(t, r.FnCPU)
	}
	boom := errors.New("boom")
	_, err = Paired(20*time.Millisecond, func() error { return nil }, func() error { return boom })
	require.ErrorIs(t, err, boom)
}

func TestVendorDecideOfAnUnknownSessionIsAnError(t *testing.T) {
	t.Parallel()
	v := NewVendor()
	t.Cleanup(v.Close)
	err := v.Decide("no-such-session", "Approved")
	require.ErrorContains(t, err, "no session")
}

func TestQueuedJobsCountsWhatWaitsToRunNow(t *testing.T) {
	t.Parallel()
	n, err := queuedJobs(bufio.NewScanner(strings.NewReader(`# HELP kycgate_jobs Jobs waiting in the queue.
kycgate_jobs{kind="screening.screen_wallet",state="available"} 120
kycgate_jobs{kind="screening.screen_wallet",state="retryable"} 3
kycgate_jobs{kind="webhook.deliver",state="scheduled"} 7
kycgate_jobs{kind="attestation.revoked",state="available"} 4
kycgate_job_oldest_age_seconds{kind="screening.screen_wallet",state="available"} 12.5
`)))
	require.NoError(t, err)
	require.Equal(t, 123, n, "available and retryable, not scheduled, not the onchain revocations, not the ages")
	_, err = queuedJobs(bufio.NewScanner(strings.NewReader(`kycgate_jobs{kind="x",state="available"} many` + "\n")))
	require.Error(t, err)
}
