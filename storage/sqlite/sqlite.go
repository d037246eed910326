// Package sqlite is the zero-setup storage backend: modernc.org/sqlite (pure Go, no cgo),
// WAL journal, one writer. It is what `make run` uses by default. River (riversqlite)
// runs the background jobs on the same *sql.DB.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// riverInsertJob is sqlstore.Dialect.InsertJob in riversqlite's terms (its
// JobInsertFastMany): JSON columns as SQLite's JSONB, times as text in SQLite's own
// "YYYY-MM-DD HH:MM:SS.SSS" UTC form, which River's queries compare as text against
// datetime('now', 'subsec') (this store's timeLayout would not compare right).
const riverInsertJob = `INSERT INTO river_job (args, created_at, kind, max_attempts, metadata, priority, queue, scheduled_at, state, tags)
VALUES (jsonb($1), coalesce(strftime('%Y-%m-%d %H:%M:%f', $2), datetime('now', 'subsec')), $3, $4, jsonb('{}'), $5, $6,
  coalesce(strftime('%Y-%m-%d %H:%M:%f', $2), datetime('now', 'subsec')), 'available', jsonb('[]'))`

// riverNotify is riversqlite's NotifyMany for one notification: a row of its outbox,
// which its listener polls.
const riverNotify = `INSERT INTO river_notification (payload, topic) VALUES ($2, $1)`

// timeLayout is how times are stored: fixed width and UTC, so text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// Memory is the path that selects a private in-memory database.
const Memory = ":memory:"

// Open opens (creating if needed) the database at path, or an in-memory one for Memory.
// It does not migrate; call Migrate. Statements are prepared once per connection, and a
// file database's reads outside transactions go to a small pool of read-only
// connections (WAL lets them read beside the one writer).
func Open(ctx context.Context, path string) (storage.Store, *sql.DB, error) {
	return open(ctx, path, options{prepare: true, readers: defaultReaders()})
}

// options choose the speed-ups Open turns on (benchmarks compare with them off).
type options struct {
	// prepare keeps one prepared statement per query text.
	prepare bool
	// readers is the size of the read-only pool of a file database (0: none, every
	// query on the writer).
	readers int
}

// defaultReaders is one read-only connection per CPU the process may use, at least 2.
func defaultReaders() int { return max(2, runtime.GOMAXPROCS(0)) }

func open(ctx context.Context, path string, o options) (storage.Store, *sql.DB, error) {
	var anchor *sql.DB
	var memoryDSN string
	if path == Memory {
		// A named in-memory database lives while one connection to it is open. The pool's
		// one connection can be replaced (database/sql drops a connection whose query was
		// cancelled mid-way, as River's services are at shutdown); the anchor, which runs
		// nothing, keeps the database alive in between.
		dsn := "file:kycgate-" + storage.NewID("mem") + "?mode=memory&cache=shared"
		var err error
		if anchor, err = sql.Open("sqlite", dsn); err != nil {
			return nil, nil, fmt.Errorf("sqlite: open: %w", err)
		}
		if err := anchor.PingContext(ctx); err != nil {
			anchor.Close()
			return nil, nil, fmt.Errorf("sqlite: open memory: %w", err)
		}
		memoryDSN = dsn + "&_txlock=immediate&_pragma=foreign_keys(1)"
	}
	dsn := memoryDSN
	if path != Memory {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, nil, fmt.Errorf("sqlite: create %s: %w", dir, err)
			}
		}
		dsn = "file:" + path + "?_txlock=immediate&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
			"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=secure_delete(1)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		closeAnchor(anchor)
		return nil, nil, fmt.Errorf("sqlite: open: %w", err)
	}
	// One connection: SQLite has one writer, and an in-memory database lives in its
	// connection. Every query, inside a transaction or not, goes through it.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		closeAnchor(anchor)
		return nil, nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if path != Memory {
		// The database holds sealed personal data and key hashes: owner only. The WAL and
		// shared-memory files SQLite creates next to it take the main file's mode.
		if err := os.Chmod(path, 0o600); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("sqlite: %w", err)
		}
	}
	d := &sqliteDriver{db: db, anchor: anchor}
	if o.prepare {
		d.stmts = &stmtCache{db: db}
	}
	if path != Memory && o.readers > 0 {
		if d.reader, err = openReaders(ctx, path, o.readers); err != nil {
			db.Close()
			return nil, nil, err
		}
	}
	d.sqliteQuerier = sqliteQuerier{q: db, stmts: d.stmts, reader: d.reader}
	if o.prepare && d.reader != nil {
		d.sqliteQuerier.readStmts = &stmtCache{db: d.reader}
	}
	return sqlstore.New(d), db, nil
}

func closeAnchor(anchor *sql.DB) {
	if anchor != nil {
		anchor.Close()
	}
}

// Migrate applies River's migrations (its job tables) and then the embedded ones that
// have not run yet, and returns how many it applied.
func Migrate(ctx context.Context, db *sql.DB) (int, error) {
	return migrateTo(ctx, db, 0)
}

// migrateTo is Migrate up to version (0: all).
func migrateTo(ctx context.Context, db *sql.DB, version int64) (int, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return 0, err
	}
	m, err := rivermigrate.New(riversqlite.New(db), nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite: river migrations: %w", err)
	}
	river, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite: river migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		return 0, fmt.Errorf("sqlite: migrations: %w", err)
	}
	var res []*goose.MigrationResult
	if version > 0 {
		res, err = p.UpTo(ctx, version)
	} else {
		res, err = p.Up(ctx)
	}
	if err != nil {
		return len(river.Versions), fmt.Errorf("sqlite: migrate: %w", err)
	}
	return len(river.Versions) + len(res), nil
}

// OpenMigrated opens path and applies pending migrations: the embedded default's start-up.
func OpenMigrated(ctx context.Context, path string) (storage.Store, error) {
	st, db, err := Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if _, err := Migrate(ctx, db); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// sqliteQuerier adapts database/sql to sqlstore.Querier: it rewrites $N placeholders to
// SQLite's ?N and stores times as fixed-width UTC text.
type sqliteQuerier struct {
	q querier
	// stmts prepares each query once on the writer (nil: compiled on every call).
	stmts *stmtCache
	// tx is set inside a transaction: cached statements run through it.
	tx *sql.Tx
	// reader takes SELECTs outside transactions (nil: the writer does), with its own
	// statement cache readStmts (nil: compiled on every call).
	reader    *sql.DB
	readStmts *stmtCache
}

var placeholder = regexp.MustCompile(`\$(\d+)`)

// rebound caches rebind's results: the queries are a fixed set of constants, so each is
// rewritten once rather than on every call.
var rebound sync.Map

func rebind(query string) string {
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	q := placeholder.ReplaceAllString(query, "?$1")
	rebound.Store(query, q)
	return q
}

func convertArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case time.Time:
			out[i] = v.UTC().Format(timeLayout)
		case *time.Time:
			if v == nil {
				out[i] = nil
			} else {
				out[i] = v.UTC().Format(timeLayout)
			}
		default:
			out[i] = a
		}
	}
	return out
}

// Handle implements sqlstore.Handle: the *sql.DB or the *sql.Tx.
func (s sqliteQuerier) Handle() any { return s.q }

func (s sqliteQuerier) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	q, err := s.pick(ctx, query)
	if err != nil {
		return 0, err
	}
	res, err := q.ExecContext(ctx, rebind(query), convertArgs(args)...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s sqliteQuerier) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	q, err := s.pick(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, rebind(query), convertArgs(args)...)
	if err != nil {
		return nil, err
	}
	return sqliteRows{rows}, nil
}

func (s sqliteQuerier) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	q, err := s.pick(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return sqliteRow{q.QueryRowContext(ctx, rebind(query), convertArgs(args)...)}
}

type sqliteRow struct{ r *sql.Row }

func (r sqliteRow) Scan(dest ...any) error { return r.r.Scan(wrapDest(dest)...) }

type sqliteRows struct{ r *sql.Rows }

func (r sqliteRows) Next() bool             { return r.r.Next() }
func (r sqliteRows) Scan(dest ...any) error { return r.r.Scan(wrapDest(dest)...) }
func (r sqliteRows) Err() error             { return r.r.Err() }
func (r sqliteRows) Close()                 { _ = r.r.Close() }

func wrapDest(dest []any) []any {
	out := make([]any, len(dest))
	for i, d := range dest {
		switch v := d.(type) {
		case *time.Time:
			out[i] = timeDest{t: v}
		case **time.Time:
			out[i] = timeDest{p: v}
		default:
			out[i] = d
		}
	}
	return out
}

// timeDest scans the stored text form back into a time.Time (t) or an optional one (p).
type timeDest struct {
	t *time.Time
	p **time.Time
}

func (d timeDest) Scan(src any) error {
	if src == nil {
		if d.p != nil {
			*d.p = nil
			return nil
		}
		return errors.New("sqlite: NULL time in a required column")
	}
	var text string
	switch v := src.(type) {
	case string:
		text = v
	case []byte:
		text = string(v)
	case time.Time:
		text = v.UTC().Format(timeLayout)
	default:
		return fmt.Errorf("sqlite: cannot scan %T into a time", src)
	}
	t, err := time.Parse(timeLayout, text)
	if err != nil {
		return fmt.Errorf("sqlite: bad stored time %q: %w", text, err)
	}
	if d.p != nil {
		*d.p = &t
	} else {
		*d.t = t
	}
	return nil
}

var _ sql.Scanner = timeDest{}

type sqliteDriver struct {
	sqliteQuerier
	db     *sql.DB
	stmts  *stmtCache
	reader *sql.DB
	// anchor keeps an in-memory database alive (nil for files).
	anchor *sql.DB
}

func (d *sqliteDriver) InTx(ctx context.Context, fn func(sqlstore.Querier) error) error {
	if d.stmts != nil {
		d.stmts.preparePending(ctx)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	if err := fn(sqliteQuerier{q: tx, tx: tx, stmts: d.stmts}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", d.MapError(err))
	}
	return nil
}

func (d *sqliteDriver) MapError(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return storage.ErrNotFound
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%s: %w", se.Error(), storage.ErrConflict)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%s: referenced record missing: %w", se.Error(), storage.ErrNotFound)
		}
	}
	return err
}

func (d *sqliteDriver) Ping(ctx context.Context) error { return d.db.PingContext(ctx) }
func (d *sqliteDriver) Close() error {
	if d.reader != nil {
		d.reader.Close()
	}
	err := d.db.Close()
	closeAnchor(d.anchor)
	return err
}

func (d *sqliteDriver) Handle() any { return d.db }

func (d *sqliteDriver) Dialect() sqlstore.Dialect {
	return sqlstore.Dialect{Seq: "rowid", Compact: "PRAGMA wal_checkpoint(TRUNCATE)",
		InsertJob: riverInsertJob, NotifyJobs: riverNotify}
}
