package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestTenantsCreatePrintsTheKeyOnce(t *testing.T) {
	t.Parallel()
	db := "sqlite://" + filepath.Join(t.TempDir(), "k.db")
	code, out, stderr := runCmd(t, "tenants", "create", "--name", "Acme", "--database-url", db)
	require.Equal(t, 0, code, stderr)
	var got struct{ TenantID, APIKey string }
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.True(t, strings.HasPrefix(got.TenantID, "ten_"))
	require.True(t, strings.HasPrefix(got.APIKey, auth.TenantKeyPrefix))

	st, err := server.OpenStore(context.Background(), db, false)
	require.NoError(t, err)
	defer st.Close()
	k, err := auth.Authenticate(context.Background(), st, storage.OwnerTenant, got.APIKey)
	require.NoError(t, err)
	require.Equal(t, got.TenantID, k.OwnerID)
	require.NotContains(t, string(k.Hash), got.APIKey, "only the hash is stored")

	code, _, stderr = runCmd(t, "tenants", "create", "--database-url", db)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "--name is required")
}

func TestBadSettingIsNamed(t *testing.T) {
	t.Parallel()
	code, _, stderr := runCmd(t, "migrate", "up", "--database-url", "mysql://nope")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "KYCGATE_DATABASE_URL")
	code, _, _ = runCmd(t, "frobnicate")
	require.Equal(t, 2, code)
	code, out, _ := runCmd(t, "version")
	require.Equal(t, 0, code)
	require.Contains(t, out, `"version"`)
}

func TestServeOnPostgresAfterMigrateUp(t *testing.T) {
	t.Parallel()
	db := storagetest.PostgresURL(t)

	// serve refuses a schema that has not been migrated, and says what to do.
	code, _, stderr := runCmd(t, "serve", "--database-url", db, "--listen", "127.0.0.1:0", "--data-key", testDataKey)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "kycgate migrate up")

	code, out, stderr := runCmd(t, "migrate", "up", "--database-url", db)
	require.Equal(t, 0, code, stderr)
	require.NotContains(t, out, `"applied":0`)
	code, out, _ = runCmd(t, "migrate", "up", "--database-url", db)
	require.Equal(t, 0, code)
	require.JSONEq(t, `{"applied":0}`, out, "a second migrate up applies nothing")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		var out, errb bytes.Buffer
		done <- runWithContext(ctx, []string{"serve", "--database-url", db, "--listen", addr, "--data-key", testDataKey}, &out, &errb)
	}()
	var resp *http.Response
	require.Eventually(t, func() bool {
		resp, err = http.Get(fmt.Sprintf("http://%s/readyz", addr))
		return err == nil
	}, 10*time.Second, 20*time.Millisecond)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	cancel()
	require.Equal(t, 0, <-done)
}
