// Package postgres is the production storage backend: PostgreSQL through a pgx/v5 pool.
// Several gateway replicas share one database; row locks keep them from stepping on each
// other, and River (riverpgxv5, on the same pool) runs the background jobs.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects a pool to the database at url (postgres://…) with pgx's pool defaults
// unless the URL sets them (pool_max_conns=N). Unknown URL parameters become session
// settings, so `search_path=schema` selects a schema. It does not migrate.
func Open(ctx context.Context, url string) (storage.Store, *pgxpool.Pool, error) {
	return OpenWith(ctx, url, Options{})
}

// Options tune the pool OpenWith connects.
type Options struct {
	// MaxConns is the most connections the pool opens (River's included, which shares
	// it); 0 keeps the URL's pool_max_conns or pgx's default (the larger of 4 and the
	// number of CPUs).
	MaxConns int32
	// Tracer, when set, sees every query the pool's connections run (tests count round
	// trips with it).
	Tracer pgx.QueryTracer
}

// OpenWith is Open with Options.
func OpenWith(ctx context.Context, url string, o Options) (storage.Store, *pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: bad database url: %w", err)
	}
	if o.MaxConns > 0 {
		cfg.MaxConns = o.MaxConns
	}
	if o.Tracer != nil {
		cfg.ConnConfig.Tracer = o.Tracer
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("postgres: connect %s@%s/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host,
			cfg.ConnConfig.Database, err)
	}
	return sqlstore.New(&pgDriver{pgQuerier: pgQuerier{q: pool}, pool: pool}), pool, nil
}

// Pending reports whether migrations (ours or River's) are waiting to be applied.
func Pending(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return false, fmt.Errorf("postgres: river migrations: %w", err)
	}
	v, err := m.Validate(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("postgres: river migrations: %w", err)
	}
	if !v.OK {
		return true, nil
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return false, err
	}
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub)
	if err != nil {
		return false, fmt.Errorf("postgres: migrations: %w", err)
	}
	return p.HasPending(ctx)
}

// Migrate applies River's migrations (its job tables, in the same schema) and then the
// embedded ones that have not run yet, holding an advisory lock so replicas starting
// together migrate once, and returns how many it applied.
func Migrate(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	return migrateTo(ctx, pool, 0)
}

// migrateTo is Migrate up to version (0: all).
func migrateTo(ctx context.Context, pool *pgxpool.Pool, version int64) (int, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return 0, err
	}
	// The advisory lock is per database and schema: replicas migrating the same schema
	// take turns, while separate schemas (tests, tenants of a shared server) do not wait.
	var where string
	if err := pool.QueryRow(ctx, `SELECT current_database() || '.' || current_schema()`).Scan(&where); err != nil {
		return 0, fmt.Errorf("postgres: migrate: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("kycgate-migrate:" + where))
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64()>>1)), lock.WithLockTimeout(1, 300))
	if err != nil {
		return 0, err
	}
	lockID := int64(h.Sum64() >> 1)
	river, err := migrateRiver(ctx, pool, lockID)
	if err != nil {
		return 0, err
	}
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub, goose.WithSessionLocker(locker))
	if err != nil {
		return 0, fmt.Errorf("postgres: migrations: %w", err)
	}
	var res []*goose.MigrationResult
	if version > 0 {
		res, err = p.UpTo(ctx, version)
	} else {
		res, err = p.Up(ctx)
	}
	if err != nil {
		return river, fmt.Errorf("postgres: migrate: %w", err)
	}
	return river + len(res), nil
}

// migrateRiver applies River's own migrations in the current schema (search_path). Each
// runs in its own transaction (some add enum values that later ones use), while one
// connection holds the migration advisory lock.
func migrateRiver(ctx context.Context, pool *pgxpool.Pool, lockID int64) (int, error) {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return 0, fmt.Errorf("postgres: river migrations: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("postgres: river migrations: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		return 0, fmt.Errorf("postgres: river migrations: lock: %w", err)
	}
	defer func() { _, _ = conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockID) }()
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return 0, fmt.Errorf("postgres: river migrations: %w", err)
	}
	return len(res.Versions), nil
}

type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// pgQuerier adapts a pool or a transaction to sqlstore.Querier.
type pgQuerier struct{ q querier }

// Handle implements sqlstore.Handle: the pool or the pgx.Tx.
func (p pgQuerier) Handle() any { return p.q }

func (p pgQuerier) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := p.q.Exec(ctx, query, args...)
	return tag.RowsAffected(), err
}

func (p pgQuerier) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	rows, err := p.q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return utcRows{rows}, nil
}

func (p pgQuerier) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	return utcRow{p.q.QueryRow(ctx, query, args...)}
}

// utcRow and utcRows hand times back in UTC (pgx gives timestamptz in time.Local), so
// both backends return the same values.
type utcRow struct{ pgx.Row }

func (r utcRow) Scan(dest ...any) error { return toUTC(r.Row.Scan(dest...), dest) }

type utcRows struct{ pgx.Rows }

func (r utcRows) Scan(dest ...any) error { return toUTC(r.Rows.Scan(dest...), dest) }

func toUTC(err error, dest []any) error {
	if err != nil {
		return err
	}
	for _, d := range dest {
		switch v := d.(type) {
		case *time.Time:
			*v = v.UTC()
		case **time.Time:
			if *v != nil {
				u := (*v).UTC()
				*v = &u
			}
		}
	}
	return nil
}

type pgDriver struct {
	pgQuerier
	pool *pgxpool.Pool
}

func (d *pgDriver) InTx(ctx context.Context, fn func(sqlstore.Querier) error) error {
	return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error { return fn(pgQuerier{q: tx}) })
}

func (d *pgDriver) MapError(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return storage.ErrNotFound
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return fmt.Errorf("%s: %w", pe.Message, storage.ErrConflict)
		case "23503": // foreign_key_violation
			return fmt.Errorf("%s: referenced record missing: %w", pe.Message, storage.ErrNotFound)
		}
	}
	return err
}

func (d *pgDriver) Ping(ctx context.Context) error { return d.pool.Ping(ctx) }

func (d *pgDriver) Handle() any { return d.pool }

func (d *pgDriver) Close() error {
	d.pool.Close()
	return nil
}

func (d *pgDriver) Dialect() sqlstore.Dialect {
	return sqlstore.Dialect{ForUpdate: "FOR UPDATE", Seq: "seq", WritableCTE: true}
}
