package server

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/postgres"
	"github.com/kycgate/kycgate/storage/sqlite"
)

// DatabaseTarget is a parsed KYCGATE_DATABASE_URL.
type DatabaseTarget struct {
	// Backend is "postgres" or "sqlite".
	Backend string
	// Location is the PostgreSQL URL or the SQLite path (sqlite.Memory for memory).
	Location string
}

// ParseDatabaseURL reads postgres://…, postgresql://…, sqlite://PATH or memory.
func ParseDatabaseURL(raw string) (DatabaseTarget, error) {
	switch {
	case raw == "memory":
		return DatabaseTarget{Backend: "sqlite", Location: sqlite.Memory}, nil
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		return DatabaseTarget{Backend: "postgres", Location: raw}, nil
	case strings.HasPrefix(raw, "sqlite://"):
		path := strings.TrimPrefix(raw, "sqlite://")
		if path == "" {
			return DatabaseTarget{}, errors.New("sqlite:// needs a file path, e.g. sqlite://./data/kycgate.db")
		}
		return DatabaseTarget{Backend: "sqlite", Location: path}, nil
	default:
		return DatabaseTarget{}, errors.New("want postgres://…, sqlite://PATH or memory")
	}
}

// OpenStore opens the configured store. SQLite is migrated on open (the zero-setup
// default); PostgreSQL is migrated only when migrate is true, and otherwise refused if
// its schema is behind, so production runs `kycgate migrate up` as its own step.
func OpenStore(ctx context.Context, databaseURL string, migrate bool) (storage.Store, error) {
	return OpenStoreConns(ctx, databaseURL, migrate, 0)
}

// OpenStoreConns is OpenStore with a PostgreSQL pool of at most maxConns connections
// (0: the URL's pool_max_conns or pgx's default); serve passes KYCGATE_DB_MAX_CONNS.
func OpenStoreConns(ctx context.Context, databaseURL string, migrate bool, maxConns int) (storage.Store, error) {
	target, err := ParseDatabaseURL(databaseURL)
	if err != nil {
		return nil, err
	}
	if target.Backend == "sqlite" {
		return sqlite.OpenMigrated(ctx, target.Location)
	}
	st, pool, err := postgres.OpenWith(ctx, target.Location, postgres.Options{MaxConns: int32(min(maxConns, 1<<20))})
	if err != nil {
		return nil, err
	}
	if migrate {
		if _, err := postgres.Migrate(ctx, pool); err != nil {
			st.Close()
			return nil, err
		}
		return st, nil
	}
	pending, err := postgres.Pending(ctx, pool)
	if err != nil {
		st.Close()
		return nil, err
	}
	if pending {
		st.Close()
		return nil, fmt.Errorf("the PostgreSQL schema is behind this binary: run `kycgate migrate up` first")
	}
	return st, nil
}

// Migrate applies pending migrations to the configured database and reports how many ran.
func Migrate(ctx context.Context, databaseURL string) (int, error) {
	target, err := ParseDatabaseURL(databaseURL)
	if err != nil {
		return 0, err
	}
	if target.Backend == "sqlite" {
		st, db, err := sqlite.Open(ctx, target.Location)
		if err != nil {
			return 0, err
		}
		defer st.Close()
		return sqlite.Migrate(ctx, db)
	}
	st, pool, err := postgres.Open(ctx, target.Location)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return postgres.Migrate(ctx, pool)
}
