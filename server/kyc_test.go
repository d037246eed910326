package server_test

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

func TestDevDataKeyIsKeptPrivateAndStable(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	key, created, err := server.EnsureDevDataKey(dir)
	require.NoError(t, err)
	require.True(t, created)
	_, err = pii.ParseKey(key)
	require.NoError(t, err)
	info, err := os.Stat(filepath.Join(dir, "data.key"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	again, created, err := server.EnsureDevDataKey(dir)
	require.NoError(t, err)
	require.False(t, created)
	require.Equal(t, key, again, "the same key on every start, or sealed data would be lost")
}

func TestDataKeySettings(t *testing.T) {
	t.Parallel()
	require.ErrorContains(t, server.Config{}.ValidateServe(), "KYCGATE_DATA_KEY is required")
	require.NoError(t, server.Config{Dev: true}.ValidateServe(), "dev mode keeps a key under the data dir")
	require.NoError(t, server.Config{DataKey: pii.GenerateKey()}.ValidateServe())

	bad := server.Config{DataKey: "00ff"}.WithDefaults()
	err := bad.Validate()
	require.ErrorContains(t, err, "KYCGATE_DATA_KEY")
	require.NotContains(t, err.Error(), "00ff", "the secret is not echoed")
	require.ErrorContains(t, server.Config{DataKey: pii.GenerateKey(), OldDataKeys: "x"}.WithDefaults().Validate(), "KYCGATE_OLD_DATA_KEYS")
	require.ErrorContains(t, server.Config{UploadLimit: 10}.WithDefaults().Validate(), "KYCGATE_UPLOAD_LIMIT")
	require.EqualValues(t, 10<<20, server.Config{}.WithDefaults().UploadLimit)
}

func TestKYCRoutesNeedADataKey(t *testing.T) {
	t.Parallel()
	st := storagetest.OpenSQLite(t)
	without, err := server.New(server.Config{}, st, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	rec := authtest.Do(t, without.Handler(), "GET", "/v1/admin/reviews", "")
	require.Equal(t, http.StatusNotFound, rec.Code, "no data key: the KYC feature is off")

	dir := t.TempDir()
	dev, err := server.New(server.Config{Dev: true, DataDir: dir}, st, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	rec = authtest.Do(t, dev.Handler(), "GET", "/v1/admin/reviews", "")
	require.Equal(t, http.StatusUnauthorized, rec.Code, "dev mode: on, with the development key")
	_, err = os.Stat(filepath.Join(dir, "data.key"))
	require.NoError(t, err)

	dr, created, err := server.EnsureDevReviewer(context.Background(), st, dir, time.Now())
	require.NoError(t, err)
	require.True(t, created)
	rec = authtest.Do(t, dev.Handler(), "GET", "/v1/admin/reviews", "", "Authorization", "Bearer "+dr.APIKey)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	again, created, err := server.EnsureDevReviewer(context.Background(), st, dir, time.Now())
	require.NoError(t, err)
	require.False(t, created)
	require.Equal(t, dr, again)
	k, err := auth.Authenticate(context.Background(), st, storage.OwnerReviewer, dr.APIKey)
	require.NoError(t, err)
	require.Equal(t, dr.ID, k.OwnerID)
}
