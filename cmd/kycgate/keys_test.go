package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
)

// TestKeysStatusCountsSealedValuesPerKey: a tenant's webhook secret sealed under an old
// key and a subject's date of birth under the primary one; keys status reads the
// database and reports one value left under the old key.
func TestKeysStatusCountsSealedValuesPerKey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := "sqlite://" + filepath.Join(t.TempDir(), "k.db")
	st, err := server.OpenStore(ctx, db, true)
	require.NoError(t, err)
	oldHex, newHex := pii.GenerateKey(), testDataKey
	oldKey, err := pii.ParseKey(oldHex)
	require.NoError(t, err)
	newKey, err := pii.ParseKey(newHex)
	require.NoError(t, err)
	oldSealer, err := pii.NewSealer(oldKey)
	require.NoError(t, err)
	newSealer, err := pii.NewSealer(newKey)
	require.NoError(t, err)
	now := time.Now()
	tn := storage.Tenant{Name: "Acme", CreatedAt: now}
	tn.WebhookSecret, err = oldSealer.Seal([]byte("whsec"), "x")
	require.NoError(t, err)
	require.NoError(t, st.CreateTenant(ctx, &tn))
	sub := storage.Subject{CreatedAt: now, UpdatedAt: now}
	sub.BirthDate, err = newSealer.Seal([]byte("1990-01-01"), "y")
	require.NoError(t, err)
	require.NoError(t, st.CreateSubject(ctx, &sub))
	require.NoError(t, st.Close())

	code, out, stderr := runCmd(t, "keys", "status", "--database-url", db, "--data-key", newHex, "--old-data-keys", oldHex)
	require.Equal(t, 0, code, stderr)
	var got struct {
		PrimaryKeyID string
		OldKeyIDs    []string
		Counts       map[string]int64
		Left         int64
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Equal(t, newKey.ID(), got.PrimaryKeyID)
	require.Equal(t, []string{oldKey.ID()}, got.OldKeyIDs)
	require.Equal(t, map[string]int64{newKey.ID(): 1, oldKey.ID(): 1}, got.Counts)
	require.Equal(t, int64(1), got.Left)
	require.NotContains(t, out+stderr, oldHex, "no key is printed")

	code, _, _ = runCmd(t, "keys", "nope")
	require.Equal(t, 2, code)
}
