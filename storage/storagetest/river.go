package storagetest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// riverJob is a row of River's river_job table as the tests compare it: JSON as compact text,
// At the created_at (which must equal scheduled_at) in River's SQLite form, UTC.
type riverJob struct {
	Kind, Args, Queue, State, At, Metadata, Tags string
	Priority, MaxAttempts                        int
}

// riverJobs reads every row of s's river_job table in insertion order, checking what
// every row River inserts has: no unique key or states, no attempt, created_at equal
// to scheduled_at.
func riverJobs(t *testing.T, s storage.Store) []riverJob {
	t.Helper()
	var rows []riverJob
	scan := func(next func() bool, scan func(...any) error) {
		for next() {
			var j riverJob
			var plain bool
			require.NoError(t, scan(&j.Kind, &j.Args, &j.Queue, &j.State, &j.At, &j.Metadata, &j.Tags, &j.Priority, &j.MaxAttempts, &plain))
			require.True(t, plain, "no unique key, no attempt, scheduled when created")
			for _, v := range []*string{&j.Args, &j.Metadata, &j.Tags} {
				var b bytes.Buffer
				require.NoError(t, json.Compact(&b, []byte(*v)))
				*v = b.String()
			}
			rows = append(rows, j)
		}
	}
	switch db := s.(storage.DriverHandles).DriverDB().(type) {
	case *pgxpool.Pool:
		r, err := db.Query(context.Background(), `SELECT kind, args::text, queue, state::text,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS'), metadata::text, array_to_json(tags)::text,
  priority, max_attempts,
  unique_key IS NULL AND unique_states IS NULL AND attempt = 0 AND created_at = scheduled_at
FROM river_job ORDER BY id`)
		require.NoError(t, err)
		defer r.Close()
		scan(r.Next, r.Scan)
		require.NoError(t, r.Err())
	case *sql.DB:
		r, err := db.Query(`SELECT kind, json(args), queue, state, cast(created_at AS text), json(metadata), json(tags), priority, max_attempts,
  unique_key IS NULL AND unique_states IS NULL AND attempt = 0 AND created_at = scheduled_at
FROM river_job ORDER BY id`)
		require.NoError(t, err)
		defer r.Close()
		scan(r.Next, r.Scan)
		require.NoError(t, r.Err())
	default:
		t.Fatalf("unexpected pool %T", db)
	}
	return rows
}

// listenRiver starts counting River's job insert notifications s sends and returns the
// count so far: on SQLite the rows of River's outbox (river_notification); on
// PostgreSQL those a connection listening on River's channel ("<schema>.river_insert")
// received. PostgreSQL signals listeners when the notifying transaction commits and an
// idle listener sends them before its next ReadyForQuery, so a query on the listening
// connection after the commit has received them.
func listenRiver(t *testing.T, s storage.Store) func() int {
	t.Helper()
	switch db := s.(storage.DriverHandles).DriverDB().(type) {
	case *sql.DB:
		return func() int {
			var n int
			require.NoError(t, db.QueryRow(`SELECT count(*) FROM river_notification WHERE topic = 'river_insert'`).Scan(&n))
			return n
		}
	case *pgxpool.Pool:
		var n atomic.Int64
		cfg := db.Config().ConnConfig.Copy()
		cfg.OnNotification = func(_ *pgconn.PgConn, note *pgconn.Notification) {
			if note.Payload == `{"queue": "default"}` {
				n.Add(1)
			}
		}
		conn, err := pgx.ConnectConfig(context.Background(), cfg)
		require.NoError(t, err)
		t.Cleanup(func() { conn.Close(context.Background()) })
		var schema string
		require.NoError(t, conn.QueryRow(context.Background(), `SELECT current_schema()`).Scan(&schema))
		_, err = conn.Exec(context.Background(), `LISTEN `+pgx.Identifier{schema + ".river_insert"}.Sanitize())
		require.NoError(t, err)
		return func() int {
			_, err := conn.Exec(context.Background(), `SELECT 1`)
			require.NoError(t, err)
			return int(n.Load())
		}
	default:
		t.Fatalf("unexpected pool %T", db)
		return nil
	}
}
