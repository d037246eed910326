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
