// Package sqlstore is the one implementation of storage.Store shared by both backends.
// The queries are written once, in PostgreSQL's $N placeholder style; each backend
// supplies a Driver that runs them (rewriting placeholders and converting values where
// its database needs it) and a Dialect for the few clauses that differ.
package sqlstore

import (
	"context"
	"time"
)

// Querier runs queries: a connection pool or a transaction.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (rowsAffected int64, err error)
	Query(ctx context.Context, query string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) Row
}

// Rows is a result set being read.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Row is a single-row result; Scan returns the driver's no-rows error when empty.
type Row interface {
	Scan(dest ...any) error
}

// Driver is what a backend provides.
type Driver interface {
	Querier
	// InTx runs fn in one transaction, committing when it returns nil.
	InTx(ctx context.Context, fn func(Querier) error) error
	// MapError turns the driver's errors into storage's sentinels where they apply
	// (no rows → ErrNotFound, unique violation → ErrConflict) and returns others as they are.
	MapError(err error) error
	Ping(ctx context.Context) error
	Close() error
	Dialect() Dialect
	// Handle is the backend's pool (*pgxpool.Pool, *sql.DB).
	Handle() any
}

// Handle is implemented by the Querier a Driver's InTx hands to fn: it returns the
// backend's transaction (pgx.Tx, *sql.Tx), which storage.DriverHandles exposes.
type Handle interface {
	Handle() any
}

// Dialect holds the SQL fragments that differ between backends.
type Dialect struct {
	// ForUpdate locks selected rows inside a transaction ("FOR UPDATE"), or is empty
	// where the database has a single writer.
	ForUpdate string
	// Seq names the column that gives insertion order.
	Seq string
	// WritableCTE is true where INSERT, UPDATE and DELETE may appear in WITH (PostgreSQL),
	// so a multi-step write can be one statement and one round trip.
	WritableCTE bool
	// Compact is the statement that makes deleted bytes unrecoverable from the files
	// (SQLite: a WAL checkpoint that truncates the log, answering busy, log and
	// checkpointed frame counts), or empty.
	Compact string
	// InsertJob inserts one row of River's river_job table as River's own insert writes
	// it (state available, metadata {}, tags [], no unique key): $1 args (JSON text), $2
	// created and scheduled at (NULL: the database's clock), $3 kind, $4 max attempts, $5
	// priority, $6 queue. Empty where WritableCTE is set: those stores insert the jobs
	// they take inside their one statement.
	InsertJob string
	// NotifyJobs sends River's job insert notification: $1 topic, $2 payload.
	NotifyJobs string
}

// micro truncates a time to the microsecond precision both databases keep, in UTC.
func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// microPtr is micro for optional times.
func microPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	m := micro(*t)
	return &m
}
