package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage/postgres"
	"github.com/kycgate/kycgate/storage/storagetest"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	storagetest.RunTests(t, storagetest.OpenPostgres)
}

func TestMigrateTwiceAppliesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool, err := postgres.Open(ctx, storagetest.PostgresURL(t))
	require.NoError(t, err)
	defer st.Close()
	applied, err := postgres.Migrate(ctx, pool)
	require.NoError(t, err)
	require.Positive(t, applied)
	applied, err = postgres.Migrate(ctx, pool)
	require.NoError(t, err)
	require.Zero(t, applied, "a second migrate up applies nothing")
	require.NoError(t, st.Ping(ctx))
}

// TestUpgradeRefusesUndrainedJobs: the release that moved background work to River drops
// the jobs table; it refuses to while a job is pending (the previous release drains them
// first) and upgrades once none is.
func TestUpgradeRefusesUndrainedJobs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool, err := postgres.Open(ctx, storagetest.PostgresURL(t))
	require.NoError(t, err)
	defer st.Close()
	_, err = postgres.MigrateTo(ctx, pool, 2)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `INSERT INTO jobs (id, kind, state, due_at, created_at) VALUES ('job_1', 'webhook.deliver', 'pending', now(), now())`)
	require.NoError(t, err)

	_, err = postgres.Migrate(ctx, pool)
	require.ErrorContains(t, err, "pending jobs")
	_, err = pool.Exec(ctx, `UPDATE jobs SET state = 'done'`)
	require.NoError(t, err)
	_, err = postgres.Migrate(ctx, pool)
	require.NoError(t, err)
	var exists bool
	require.NoError(t, pool.QueryRow(ctx, `SELECT to_regclass('jobs') IS NOT NULL`).Scan(&exists))
	require.False(t, exists, "the jobs table is gone")
}
