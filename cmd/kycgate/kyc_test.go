package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
)

// testDataKey is a fixed data key for commands that serve.
const testDataKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

func TestServeRefusesToStartWithoutADataKey(t *testing.T) {
	t.Parallel()
	db := "sqlite://" + filepath.Join(t.TempDir(), "k.db")
	code, _, stderr := runCmd(t, "serve", "--database-url", db, "--listen", "127.0.0.1:0")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "KYCGATE_DATA_KEY is required")

	code, _, stderr = runCmd(t, "serve", "--database-url", db, "--listen", "127.0.0.1:0", "--data-key", "abcd")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "invalid KYCGATE_DATA_KEY")
	require.NotContains(t, stderr, "abcd", "the secret is not echoed")
}

func TestReviewersCreateAndAPIKeyRotation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := "sqlite://" + filepath.Join(t.TempDir(), "k.db")
	code, out, stderr := runCmd(t, "reviewers", "create", "--name", "Compliance", "--database-url", db)
	require.Equal(t, 0, code, stderr)
	var rev struct{ ReviewerID, APIKey string }
	require.NoError(t, json.Unmarshal([]byte(out), &rev))
	require.True(t, strings.HasPrefix(rev.ReviewerID, "rev_"))
	require.True(t, strings.HasPrefix(rev.APIKey, auth.ReviewerKeyPrefix))

	code, _, stderr = runCmd(t, "reviewers", "create", "--database-url", db)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "--name is required")
	code, _, _ = runCmd(t, "reviewers", "delete")
	require.Equal(t, 2, code)

	// A second key for the reviewer, then the first one revoked: only the second works.
	code, out, stderr = runCmd(t, "apikeys", "create", "--reviewer", rev.ReviewerID, "--database-url", db)
	require.Equal(t, 0, code, stderr)
	var second struct{ KeyID, APIKey string }
	require.NoError(t, json.Unmarshal([]byte(out), &second))
	code, _, stderr = runCmd(t, "apikeys", "revoke", "--key", rev.APIKey, "--database-url", db)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runCmd(t, "apikeys", "revoke", "--key", rev.APIKey, "--database-url", db)
	require.Equal(t, 1, code, "revoking twice fails")
	require.Contains(t, stderr, "no live key")
	code, _, stderr = runCmd(t, "apikeys", "create", "--tenant", "ten_missing", "--database-url", db)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "ten_missing")

	st, err := server.OpenStore(ctx, db, false)
	require.NoError(t, err)
	defer st.Close()
	_, err = auth.Authenticate(ctx, st, storage.OwnerReviewer, rev.APIKey)
	require.ErrorIs(t, err, storage.ErrNotFound)
	k, err := auth.Authenticate(ctx, st, storage.OwnerReviewer, second.APIKey)
	require.NoError(t, err)
	require.Equal(t, rev.ReviewerID, k.OwnerID)
	require.Equal(t, second.KeyID, k.ID)
	_, err = auth.Authenticate(ctx, st, storage.OwnerTenant, second.APIKey)
	require.ErrorIs(t, err, storage.ErrNotFound, "a reviewer key is no tenant key")
}

// Tenant and reviewer names refuse control and format characters (a name is shown to
// reviewers and in audit rows); the error names the problem and nothing is created.
func TestNamesRefuseControlAndFormatCharacters(t *testing.T) {
	t.Parallel()
	db := "sqlite://" + filepath.Join(t.TempDir(), "n.db")
	for _, cmd := range [][]string{{"tenants", "create"}, {"reviewers", "create"}, {"operators", "create"}} {
		for _, name := range []string{"Acme\nApproved: yes", "Acme\x1b[2J", "Acme\u202Egnp", "Ac\u200Bme", "\uFEFFAcme", "Acme\t"} {
			code, out, stderr := runCmd(t, append(cmd, "--name", name, "--database-url", db)...)
			require.Equal(t, 1, code, "%v %q", cmd, name)
			require.Empty(t, out)
			require.Contains(t, stderr, "invalid_name", "%v %q", cmd, name)
		}
		code, _, stderr := runCmd(t, append(cmd, "--name", "Société Générale", "--database-url", db)...)
		require.Equal(t, 0, code, stderr)
	}
}

func TestOperatorsCreateRotateAndRevoke(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := "sqlite://" + filepath.Join(t.TempDir(), "k.db")
	code, out, stderr := runCmd(t, "operators", "create", "--name", "Platform team", "--database-url", db)
	require.Equal(t, 0, code, stderr)
	var op struct{ OperatorID, APIKey string }
	require.NoError(t, json.Unmarshal([]byte(out), &op))
	require.True(t, strings.HasPrefix(op.OperatorID, "op_"))
	require.True(t, strings.HasPrefix(op.APIKey, auth.OperatorKeyPrefix))
	code, _, stderr = runCmd(t, "operators", "create", "--database-url", db)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "--name is required")

	code, out, stderr = runCmd(t, "apikeys", "create", "--operator", op.OperatorID, "--database-url", db)
	require.Equal(t, 0, code, stderr)
	var second struct{ APIKey string }
	require.NoError(t, json.Unmarshal([]byte(out), &second))
	require.True(t, strings.HasPrefix(second.APIKey, auth.OperatorKeyPrefix))
	code, _, stderr = runCmd(t, "apikeys", "revoke", "--key", op.APIKey, "--database-url", db)
	require.Equal(t, 0, code, stderr)

	st, err := server.OpenStore(ctx, db, false)
	require.NoError(t, err)
	defer st.Close()
	_, err = auth.Authenticate(ctx, st, storage.OwnerOperator, op.APIKey)
	require.ErrorIs(t, err, storage.ErrNotFound, "revoked")
	k, err := auth.Authenticate(ctx, st, storage.OwnerOperator, second.APIKey)
	require.NoError(t, err)
	require.Equal(t, op.OperatorID, k.OwnerID)
	_, err = auth.Authenticate(ctx, st, storage.OwnerReviewer, second.APIKey)
	require.ErrorIs(t, err, storage.ErrNotFound, "an operator key is no reviewer key")
}
