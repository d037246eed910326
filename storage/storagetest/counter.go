package storagetest

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/postgres"
)

// QueryCounter is a pgx.QueryTracer that counts the statements a PostgreSQL pool sends:
// each is one round trip to the server (pgx sends a statement and reads its result
// before the next one).
type QueryCounter struct{ n atomic.Int64 }

// TraceQueryStart implements pgx.QueryTracer.
func (c *QueryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

// TraceQueryEnd implements pgx.QueryTracer.
func (c *QueryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// N is the number of statements sent so far.
func (c *QueryCounter) N() int64 { return c.n.Load() }

// Count is the number of statements fn sends.
func (c *QueryCounter) Count(fn func()) int64 {
	before := c.N()
	fn()
	return c.N() - before
}

// OpenCountedPostgres is OpenPostgres with a QueryCounter on the store's pool.
func OpenCountedPostgres(t testing.TB) (storage.Store, *QueryCounter) {
	t.Helper()
	c := &QueryCounter{}
	st, pool, err := postgres.OpenWith(context.Background(), PostgresURL(t), postgres.Options{Tracer: c})
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := postgres.Migrate(context.Background(), pool); err != nil {
		t.Fatalf("migrate postgres: %v", err)
	}
	return st, c
}
