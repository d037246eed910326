package server_test

import (
	"database/sql"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

// TestScreeningFirstSignInInsertsTheJobRiverWorks: a new wallet's sign-in inserts its
// first screening job itself (one river_job row, in the sign-in's own statement or
// transaction), River picks that row up and works it, and the wallet's screening state
// exists; a returning sign-in inserts none.
func TestScreeningFirstSignInInsertsTheJobRiverWorks(t *testing.T) {
	t.Parallel()
	backends(t, func(t *testing.T, store storage.Store) {
		g := servertest.Start(t, server.Config{}, store)
		key := authtest.NewKey(t)
		address := storage.NormalizeAddress(authtest.Address(key).Hex())
		authtest.SignIn(t, g.Handler, servertest.PublicURL, key, 1, g.Clock.Now())
		require.Equal(t, []screenJob{{address, "1", "available"}}, screenJobs(t, store), "the sign-in's job")
		_, err := store.GetWalletScreening(t.Context(), address)
		require.ErrorIs(t, err, storage.ErrNotFound, "not screened before the job runs")

		_, err = g.Server.StepWorkers(t.Context())
		require.NoError(t, err)
		require.Equal(t, []screenJob{{address, "1", "completed"}}, screenJobs(t, store), "River worked that row")
		ws, err := store.GetWalletScreening(t.Context(), address)
		require.NoError(t, err, "the job stored the wallet's screening")
		require.Equal(t, address, ws.Address)
		require.Equal(t, 1, g.Screener.Calls())

		authtest.SignIn(t, g.Handler, servertest.PublicURL, key, 1, g.Clock.Now())
		require.Len(t, screenJobs(t, store), 1, "a returning sign-in inserts no job")
	})
}

// screenJob is a first-screening job's address, chain and state.
type screenJob struct{ Address, ChainID, State string }

// screenJobs reads the screening jobs of River's river_job table in insertion order.
func screenJobs(t *testing.T, store storage.Store) []screenJob {
	t.Helper()
	const q = `SELECT args->>'address', CAST(args->>'chainId' AS TEXT), CAST(state AS TEXT) FROM river_job
WHERE kind = 'screening.screen_wallet' ORDER BY id`
	var rows interface {
		Next() bool
		Scan(dest ...any) error
		Err() error
	}
	switch db := store.(storage.DriverHandles).DriverDB().(type) {
	case *pgxpool.Pool:
		r, err := db.Query(t.Context(), q)
		require.NoError(t, err)
		defer r.Close()
		rows = r
	case *sql.DB:
		r, err := db.QueryContext(t.Context(), q)
		require.NoError(t, err)
		defer r.Close()
		rows = r
	default:
		t.Fatalf("unexpected pool %T", db)
	}
	var jobs []screenJob
	for rows.Next() {
		var j screenJob
		require.NoError(t, rows.Scan(&j.Address, &j.ChainID, &j.State))
		jobs = append(jobs, j)
	}
	require.NoError(t, rows.Err())
	return jobs
}
