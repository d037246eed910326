package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/sqlite"
	"github.com/kycgate/kycgate/storage/storagetest"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	storagetest.RunTests(t, storagetest.OpenSQLite)
}

func TestConformanceOnFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	storagetest.RunTests(t, func(t testing.TB) storage.Store {
		st, err := sqlite.OpenMigrated(context.Background(), filepath.Join(dir, "sub", t.Name()+".db"))
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		return st
	})
}

func TestMigrateTwiceAppliesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kycgate.db")
	st, db, err := sqlite.Open(ctx, path)
	require.NoError(t, err)
	defer st.Close()
	applied, err := sqlite.Migrate(ctx, db)
	require.NoError(t, err)
	require.Positive(t, applied)
	applied, err = sqlite.Migrate(ctx, db)
	require.NoError(t, err)
	require.Zero(t, applied, "a second migrate up applies nothing")

	var mode string
	require.NoError(t, db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode))
	require.Equal(t, "wal", mode)
	st2, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st2.Mode().Perm(), "only the owner reads the database")
}

// TestUpgradeRefusesUndrainedJobs: the release that moved background work to River drops
// the jobs table; it refuses to while a job is pending (the previous release drains them
// first) and upgrades once none is.
func TestUpgradeRefusesUndrainedJobs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "old.db"))
	require.NoError(t, err)
	defer st.Close()
	_, err = sqlite.MigrateTo(ctx, db, 2)
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `INSERT INTO jobs (id, kind, state, due_at, created_at) VALUES ('job_1', 'webhook.deliver', 'pending', 'x', 'x')`)
	require.NoError(t, err)

	_, err = sqlite.Migrate(ctx, db)
	require.ErrorContains(t, err, "pending_jobs_must_be_drained_first")
	_, err = db.ExecContext(ctx, `UPDATE jobs SET state = 'done'`)
	require.NoError(t, err)
	_, err = sqlite.Migrate(ctx, db)
	require.NoError(t, err)
	var n int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'jobs'`).Scan(&n))
	require.Zero(t, n, "the jobs table is gone")
}
