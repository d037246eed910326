package queue_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/postgres"
	"github.com/kycgate/kycgate/storage/storagetest"
)

const crashChildURL = "KYCGATE_QUEUE_CRASH_CHILD_URL"

// blocking is the child's worker: it reports that it holds the job, then never returns.
type blocking struct {
	river.WorkerDefaults[testArgs]
}

func (blocking) Work(ctx context.Context, job *river.Job[testArgs]) error {
	fmt.Printf("working %d\n", job.ID)
	select {}
}

// TestCrashChild is the gateway process TestKilledMidJobLosesNothing kills: it inserts a
// job and starts working it, on a clock an hour behind (so the attempt is an hour old
// for the rescuer of the next process, which reads the real clock).
func TestCrashChild(t *testing.T) {
	url := os.Getenv(crashChildURL)
	if url == "" {
		t.Skip("run by TestKilledMidJobLosesNothing")
	}
	ctx := context.Background()
	st, _, err := postgres.Open(ctx, url)
	require.NoError(t, err)
	q, err := queue.New(st, queue.Config{Now: func() time.Time { return time.Now().Add(-time.Hour) }})
	require.NoError(t, err)
	river.AddWorker(q.Workers(), blocking{})
	require.NoError(t, q.Build())
	require.NoError(t, q.Start(ctx))
	require.NoError(t, st.InTx(ctx, func(tx storage.Store) error {
		_, err := queue.InsertTx(ctx, tx, testArgs{Name: "crash"}, nil)
		return err
	}))
	select {}
}

// TestKilledMidJobLosesNothing: a gateway process killed (SIGKILL) while running a job
// on PostgreSQL leaves the job running in the database; the next process rescues it
// (River's rescuer, for jobs running longer than RescueStuckJobsAfter) and works it.
func TestKilledMidJobLosesNothing(t *testing.T) {
	t.Parallel()
	url := storagetest.PostgresURL(t)
	ctx := t.Context()
	st, pool, err := postgres.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = postgres.Migrate(ctx, pool)
	require.NoError(t, err)

	child := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	child.Env = append(os.Environ(), crashChildURL+"="+url)
	out, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())
	lines := bufio.NewScanner(out)
	for lines.Scan() && !strings.HasPrefix(lines.Text(), "working ") {
	}
	require.True(t, strings.HasPrefix(lines.Text(), "working "), "the child took the job")
	require.NoError(t, child.Process.Kill())
	_ = child.Wait()

	clk := &clock{t: time.Now()}
	q, err := queue.New(st, queue.Config{Now: clk.Now, RescueStuckJobsAfter: 30 * time.Minute})
	require.NoError(t, err)
	w := &scripted{results: make(chan error, 1)}
	river.AddWorker(q.Workers(), w)
	require.NoError(t, q.Build())
	jobs, err := q.Jobs(ctx)
	require.NoError(t, err)
	require.Len(t, jobs, 1)
	require.Equal(t, rivertype.JobStateRunning, jobs[0].State, "the killed process never finished it")

	require.NoError(t, q.Start(ctx))
	t.Cleanup(func() { _ = q.Stop(context.Background()) })
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for jobs[0].State == rivertype.JobStateRunning {
		select {
		case <-ctx.Done():
			t.Fatal("the stuck job was never rescued")
		case <-tick.C:
		}
		jobs, err = q.Jobs(ctx)
		require.NoError(t, err)
	}
	require.Equal(t, rivertype.JobStateRetryable, jobs[0].State, "rescued: retried after the backoff")
	clk.Add(time.Minute)
	n, err := q.RunUntilIdle(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	jobs, err = q.Jobs(ctx)
	require.NoError(t, err)
	require.Equal(t, rivertype.JobStateCompleted, jobs[0].State)
	require.Equal(t, 2, jobs[0].Attempt, "the killed attempt and the one that finished")
	require.EqualValues(t, 1, w.calls.Load())
}
