package auth_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestSignInCarriesTheNewWalletJob: every sign-in hands the store the job NewWalletJob
// describes for its address and chain; the store inserts it only with a new subject,
// and NewWalletJobInserted hears of exactly those. A failing description fails the
// sign-in before anything is written.
func TestSignInCarriesTheNewWalletJob(t *testing.T) {
	t.Parallel()
	store := storagetest.OpenSQLite(t)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	svc, err := auth.NewService(store, auth.Config{PublicURL: publicURL, ChainIDs: []uint64{1, 10}, NonceTTL: time.Minute,
		SessionTTL: time.Hour}, nil, func() time.Time { return now })
	require.NoError(t, err)
	var described []string
	var inserted []storage.Job
	fail := false
	svc.NewWalletJob = func(address string, chainID uint64) (storage.Job, error) {
		if fail {
			return storage.Job{}, errors.New("no queue")
		}
		described = append(described, address)
		return storage.Job{Kind: "test.first", Args: []byte(`{"address":"` + address + `"}`), Queue: "default",
			Priority: 2, MaxAttempts: 10, At: &now}, nil
	}
	svc.NewWalletJobInserted = func(j storage.Job) { inserted = append(inserted, j) }
	key := authtest.NewKey(t)
	signIn := func() (auth.SignInResult, error) {
		_, msg, err := svc.PrepareSignIn(t.Context(), authtest.Address(key).Hex(), 10)
		require.NoError(t, err)
		return svc.SignIn(t.Context(), msg, authtest.Sign(t, key, msg))
	}
	address := storage.NormalizeAddress(authtest.Address(key).Hex())

	fail = true
	_, err = signIn()
	require.Error(t, err)
	_, err = store.GetWallet(t.Context(), address)
	require.ErrorIs(t, err, storage.ErrNotFound, "nothing written")
	fail = false

	first, err := signIn()
	require.NoError(t, err)
	require.Len(t, inserted, 1, "the first sign-in inserted its job")
	require.JSONEq(t, `{"address":"`+address+`"}`, string(inserted[0].Args))
	_, err = signIn()
	require.NoError(t, err)
	require.Equal(t, []string{address, address}, described, "described for every sign-in")
	require.Len(t, inserted, 1, "a returning sign-in inserts none")
	require.NotEmpty(t, first.Session.SubjectID)
}
