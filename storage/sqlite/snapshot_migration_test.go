package sqlite

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"
)

// TestRulesSnapshotMigrationBackfills: shares that exist before the rules snapshot get
// their tenant's rules of the moment, taken as of the share's creation.
func TestRulesSnapshotMigrationBackfills(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, db, err := Open(ctx, filepath.Join(t.TempDir(), "kycgate.db"))
	require.NoError(t, err)
	defer st.Close()
	sub, err := fs.Sub(migrations, "migrations")
	require.NoError(t, err)
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	require.NoError(t, err)
	_, err = p.UpTo(ctx, 2)
	require.NoError(t, err)

	at := "2026-01-02T03:04:05.000006Z"
	for _, q := range []string{
		`INSERT INTO tenants (id, name, created_at, rules) VALUES ('ten_a', 'A', '` + at + `', '{"minLevel":2,"blockedCountries":["DE"]}')`,
		`INSERT INTO subjects (id, created_at, updated_at) VALUES ('sub_a', '` + at + `', '` + at + `')`,
		`INSERT INTO subject_shares (tenant_id, subject_id, created_at) VALUES ('ten_a', 'sub_a', '` + at + `')`,
	} {
		_, err := db.ExecContext(ctx, q)
		require.NoError(t, err)
	}
	_, err = Migrate(ctx, db)
	require.NoError(t, err)
	sh, err := st.GetShare(ctx, "ten_a", "sub_a")
	require.NoError(t, err)
	require.JSONEq(t, `{"minLevel":2,"blockedCountries":["DE"]}`, sh.Rules)
	require.True(t, sh.RulesAt.Equal(time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)), sh.RulesAt)
}
