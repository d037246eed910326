package harness

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kycgate/kycgate/storage"
)

// Database is a fresh PostgreSQL database made for one run, dropped by Drop. Being its
// own database, terminating "every connection of the current database" reaches only the
// run's gateways, never other users of the server.
type Database struct {
	// URL reaches the new database (the server URL with its path replaced).
	URL  string
	name string
	base string
	// Pool is the harness's own connections, for the invariants.
	Pool *pgxpool.Pool
}

// NewDatabase creates database kycgate_load_<random> on the server of base (a
// postgres:// URL whose user may CREATE DATABASE).
func NewDatabase(ctx context.Context, base string) (*Database, error) {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL at %s: %w", redact(base), err)
	}
	defer conn.Close(ctx)
	name := "kycgate_load_" + strings.ToLower(strings.ReplaceAll(storage.NewID("db"), "_", ""))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, fmt.Errorf("create database: %w", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	d := &Database{URL: u.String(), name: name, base: base}
	if d.Pool, err = pgxpool.New(ctx, d.URL); err != nil {
		d.Drop(ctx)
		return nil, err
	}
	return d, nil
}

// TerminateBackends ends every other connection to the database
// (pg_terminate_backend) and reports how many it ended.
func (d *Database) TerminateBackends(ctx context.Context) (int, error) {
	var n int
	err := d.Pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()) t`).Scan(&n)
	return n, err
}

// Drop closes the harness's connections and drops the database (its remaining
// connections are terminated).
func (d *Database) Drop(ctx context.Context) {
	if d.Pool != nil {
		d.Pool.Close()
	}
	conn, err := pgx.Connect(ctx, d.base)
	if err != nil {
		return
	}
	defer conn.Close(ctx)
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+d.name+" WITH (FORCE)")
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable url)"
	}
	return u.Redacted()
}
