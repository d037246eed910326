package sqlite

import (
	"context"
	"database/sql"

	"github.com/kycgate/kycgate/storage"
)

// MigrateTo exposes migrateTo to the tests of the jobs-table upgrade.
var MigrateTo = migrateTo

// OpenWith opens path with the statement cache on or off and readers read-only
// connections (0: none), for the tests and benchmarks that compare them.
func OpenWith(ctx context.Context, path string, prepare bool, readers int) (storage.Store, *sql.DB, error) {
	return open(ctx, path, options{prepare: prepare, readers: readers})
}
