package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
)

// stmtCache keeps one prepared statement per query text on the writer, so SQLite compiles
// each of the store's (fixed) queries once per connection instead of on every call. A
// *sql.Stmt re-prepares itself on a replaced connection, and a transaction's StmtContext
// reuses the one prepared on its connection.
//
// The writer is one connection, so a transaction holds it: preparing on the DB then
// would wait for that very transaction. A query first met inside a transaction therefore
// runs unprepared there and is queued; the next transaction prepares the queue before it
// begins (and a call outside a transaction prepares its own query at once). No lock is
// held while preparing, since that waits for the connection.
type stmtCache struct {
	db      *sql.DB
	stmts   sync.Map // query text (rebound) → *sql.Stmt
	mu      sync.Mutex
	n       int                 // statements kept, at most maxStmts
	pending map[string]struct{} // met inside a transaction, not prepared yet
}

// maxStmts bounds the cache: the store's queries are a fixed set (a few hundred with
// the IN lists of the poll query), so anything beyond runs unprepared instead of growing it.
const maxStmts = 1024

// get returns the prepared statement of query (already rebound), or nil when it is not
// prepared: the cache is full, or inTx (then it is queued for preparePending).
func (c *stmtCache) get(ctx context.Context, query string, inTx bool) (*sql.Stmt, error) {
	if st, ok := c.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	c.mu.Lock()
	full := c.n >= maxStmts
	if inTx && !full {
		if c.pending == nil {
			c.pending = map[string]struct{}{}
		}
		c.pending[query] = struct{}{}
	}
	c.mu.Unlock()
	if inTx || full {
		return nil, nil
	}
	return c.prepare(ctx, query)
}

// prepare prepares query on the writer and keeps it (or the one a concurrent caller kept).
func (c *stmtCache) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.stmts.Load(query); ok {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	if c.n >= maxStmts {
		st.Close()
		return nil, nil
	}
	c.stmts.Store(query, st)
	c.n++
	return st, nil
}

// preparePending prepares the queries met inside earlier transactions. Call it outside
// a transaction; a query that fails to prepare is left to run unprepared.
func (c *stmtCache) preparePending(ctx context.Context) {
	c.mu.Lock()
	if len(c.pending) == 0 {
		c.mu.Unlock()
		return
	}
	queue := make([]string, 0, len(c.pending))
	for q := range c.pending {
		queue = append(queue, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	for _, q := range queue {
		if _, ok := c.stmts.Load(q); !ok {
			_, _ = c.prepare(ctx, q)
		}
	}
}

// stmtQuerier runs a prepared statement as a querier (its query argument is the
// statement's own text).
type stmtQuerier struct{ st *sql.Stmt }

func (s stmtQuerier) ExecContext(ctx context.Context, _ string, args ...any) (sql.Result, error) {
	return s.st.ExecContext(ctx, args...)
}

func (s stmtQuerier) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return s.st.QueryContext(ctx, args...)
}

func (s stmtQuerier) QueryRowContext(ctx context.Context, _ string, args ...any) *sql.Row {
	return s.st.QueryRowContext(ctx, args...)
}

// pick chooses what runs query: a read-only connection for a SELECT outside a
// transaction when there is a read pool (prepared there too when statements are
// cached), else the cached prepared statement (bound to the transaction inside one),
// else the writer or transaction as it is.
func (s sqliteQuerier) pick(ctx context.Context, query string) (querier, error) {
	if s.reader != nil && s.tx == nil && isRead(query) {
		if s.readStmts != nil {
			if st, err := s.readStmts.get(ctx, rebind(query), false); err != nil || st != nil {
				return stmtQuerier{st}, err
			}
		}
		return s.reader, nil
	}
	if s.stmts == nil {
		return s.q, nil
	}
	st, err := s.stmts.get(ctx, rebind(query), s.tx != nil)
	if err != nil || st == nil {
		return s.q, err
	}
	if s.tx != nil {
		return stmtQuerier{s.tx.StmtContext(ctx, st)}, nil
	}
	return stmtQuerier{st}, nil
}

// isRead reports whether query only reads: it starts with SELECT (the store's reads do;
// its writes start with INSERT, UPDATE, DELETE or WITH … DELETE).
func isRead(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n")
	return len(q) >= 6 && strings.EqualFold(q[:6], "SELECT")
}

// errRow is a Row whose Scan reports err (a statement that failed to prepare).
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// openReaders opens the read-only pool of the file database at path: query_only
// connections (WAL lets them read while the writer writes), n at most.
func openReaders(ctx context.Context, path string, n int) (*sql.DB, error) {
	dsn := "file:" + path + "?mode=ro&_pragma=busy_timeout(10000)&_pragma=query_only(1)"
	r, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open readers: %w", err)
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxLifetime(0)
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		return nil, fmt.Errorf("sqlite: open readers of %s: %w", path, err)
	}
	return r, nil
}
