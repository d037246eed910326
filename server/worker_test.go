package server_test

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

type permanent struct{ error }

func (permanent) Permanent() bool { return true }

type workerBundle struct {
	store   storage.Store
	clock   *servertest.Clock
	worker  *server.Worker
	results []error // what the handler returns, in order
	calls   int
}

func setupWorker(t *testing.T) *workerBundle {
	t.Helper()
	b := &workerBundle{store: storagetest.OpenSQLite(t), clock: servertest.NewClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))}
	b.worker = &server.Worker{
		Kind: "test.kind", Store: b.store, Now: b.clock.Now, ID: "w1", MaxAttempts: 3,
		BaseBackoff: 10 * time.Second, MaxBackoff: 15 * time.Second,
		Handle: func(ctx context.Context, job storage.Job) error {
			b.calls++
			if len(b.results) == 0 {
				return nil
			}
			err := b.results[0]
			b.results = b.results[1:]
			return err
		},
	}
	return b
}

func (b *workerBundle) enqueue(t *testing.T) string {
	t.Helper()
	j := storage.Job{Kind: "test.kind", Payload: []byte("x"), DueAt: b.clock.Now(), CreatedAt: b.clock.Now()}
	require.NoError(t, b.store.EnqueueJob(t.Context(), &j))
	return j.ID
}

func (b *workerBundle) step(t *testing.T) int {
	t.Helper()
	n, err := b.worker.Step(t.Context())
	require.NoError(t, err)
	return n
}

func TestWorkerRetriesWithBackoffThenFails(t *testing.T) {
	t.Parallel()
	b := setupWorker(t)
	id := b.enqueue(t)
	b.results = []error{errors.New("rpc down"), errors.New("rpc still down"), errors.New("rpc down for good")}

	require.Equal(t, 1, b.step(t))
	job, err := b.store.GetJob(t.Context(), id)
	require.NoError(t, err)
	require.Equal(t, storage.JobPending, job.State)
	require.Equal(t, 1, job.Attempts)
	require.Equal(t, "rpc down", job.LastError)
	require.True(t, job.DueAt.Equal(b.clock.Now().Add(10*time.Second)), job.DueAt)
	require.Zero(t, b.step(t), "not due before its backoff")

	b.clock.Add(10 * time.Second)
	require.Equal(t, 1, b.step(t))
	job, err = b.store.GetJob(t.Context(), id)
	require.NoError(t, err)
	require.Equal(t, 2, job.Attempts)
	require.True(t, job.DueAt.Equal(b.clock.Now().Add(15*time.Second)), "doubled, capped at MaxBackoff: %s", job.DueAt)

	b.clock.Add(15 * time.Second)
	require.Equal(t, 1, b.step(t))
	job, err = b.store.GetJob(t.Context(), id)
	require.NoError(t, err)
	require.Equal(t, storage.JobFailed, job.State, "failed for good after MaxAttempts")
	require.Equal(t, "rpc down for good", job.LastError)
	b.clock.Add(time.Hour)
	require.Zero(t, b.step(t))
	require.Equal(t, 3, b.calls)
}

func TestWorkerPermanentErrorFailsAtOnce(t *testing.T) {
	t.Parallel()
	b := setupWorker(t)
	id := b.enqueue(t)
	b.results = []error{permanent{errors.New("no such attestation")}}
	require.Equal(t, 1, b.step(t))
	job, err := b.store.GetJob(t.Context(), id)
	require.NoError(t, err)
	require.Equal(t, storage.JobFailed, job.State)
	require.Equal(t, 1, job.Attempts)
}

func TestWorkerCompletesAndTakesOverExpiredLeases(t *testing.T) {
	t.Parallel()
	b := setupWorker(t)
	id := b.enqueue(t)

	// Another worker claimed the job and crashed: it is retaken once its lease ends.
	claimed, err := b.store.ClaimJobs(t.Context(), "test.kind", "crashed", b.clock.Now(), time.Minute, 1)
	require.NoError(t, err)
	require.Len(t, claimed, 1)
	require.Zero(t, b.step(t), "leased to the other worker")
	b.clock.Add(time.Minute)
	require.Equal(t, 1, b.step(t))
	job, err := b.store.GetJob(t.Context(), id)
	require.NoError(t, err)
	require.Equal(t, storage.JobDone, job.State)
	require.Zero(t, b.step(t))
}

func TestWorkerBackoff(t *testing.T) {
	t.Parallel()
	w := &server.Worker{BaseBackoff: 30 * time.Second, MaxBackoff: time.Hour}
	require.Equal(t, 30*time.Second, w.Backoff(1))
	require.Equal(t, time.Minute, w.Backoff(2))
	require.Equal(t, 2*time.Minute, w.Backoff(3))
	require.Equal(t, time.Hour, w.Backoff(50))
}

func TestWorkerRunStopsWithContext(t *testing.T) {
	t.Parallel()
	b := setupWorker(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	done := make(chan struct{})
	go func() { b.worker.Run(ctx); close(done) }()
	<-done // returns at once: a hang fails the test by its timeout
	require.Zero(t, b.calls)
}

func TestVerifiersConfig(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	env := map[string]string{
		"KYCGATE_VERIFIERS":        "1337=0x00000000000000000000000000000000000000aA, 1337=0x00000000000000000000000000000000000000bb,8453=0x00000000000000000000000000000000000000cc",
		"KYCGATE_REVOKER_KEY_FILE": "/run/secrets/revoker.key",
	}
	c, err := server.LoadConfig(fs, nil, func(k string) string { return env[k] })
	require.NoError(t, err)
	require.Equal(t, map[uint64][]common.Address{
		1337: {common.HexToAddress("0xaa"), common.HexToAddress("0xbb")},
		8453: {common.HexToAddress("0xcc")},
	}, c.Verifiers)
	require.Equal(t, "/run/secrets/revoker.key", c.RevokerKeyFile)

	for _, bad := range []string{"1337", "x=0x00000000000000000000000000000000000000aa", "1=0x12", "1=0x0000000000000000000000000000000000000000"} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		_, err := server.LoadConfig(fs, nil, func(k string) string { return map[string]string{"KYCGATE_VERIFIERS": bad}[k] })
		require.ErrorContains(t, err, "KYCGATE_VERIFIERS", bad)
	}
}

func revokerKeyFile(t *testing.T, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "revoker.key")
	require.NoError(t, os.WriteFile(path, []byte("0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f\n"), mode))
	require.NoError(t, os.Chmod(path, mode))
	return path
}

func TestRunStartsAndStopsTheRevocationWorker(t *testing.T) {
	t.Parallel()
	cfg := server.Config{
		PublicURL:      servertest.PublicURL,
		Verifiers:      map[uint64][]common.Address{1337: {common.HexToAddress("0xaa")}},
		RevokerKeyFile: revokerKeyFile(t, 0o600),
	}
	srv, err := server.New(cfg, storagetest.OpenSQLite(t), slog.New(slog.DiscardHandler),
		server.WithRevocationBackends(map[uint64]verifier.Backend{1337: nil}))
	require.NoError(t, err)
	n, err := srv.StepWorkers(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "a worker, nothing due")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.NoError(t, srv.Run(ctx, ln), "serves, then stops HTTP and the workers")

	// A revoker key readable by others is refused, naming its variable.
	cfg.RevokerKeyFile = revokerKeyFile(t, 0o644)
	_, err = server.New(cfg, storagetest.OpenSQLite(t), slog.New(slog.DiscardHandler),
		server.WithRevocationBackends(map[uint64]verifier.Backend{1337: nil}))
	require.ErrorContains(t, err, "KYCGATE_REVOKER_KEY_FILE")
}
