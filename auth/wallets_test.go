package auth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
)

// linkWallet links a fresh wallet to the account of bearer and returns the response.
func linkWallet(t *testing.T, b testBundle, bearer []string) (*http.Response, string) {
	t.Helper()
	key := authtest.NewKey(t)
	msg, sig := authtest.SignedMessage(t, b.h, publicURL, key, 1, b.clock.Now())
	rec := authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": sig}, bearer...)
	return rec.Result(), authtest.Address(key).Hex()
}

// An account holds at most KYCGATE_MAX_WALLETS wallets: one more is 409 too_many_wallets
// until one is unlinked; relinking a wallet it already has is not a new one.
func TestWalletCap(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{MaxWallets: 3}, nil)
	owner := authtest.NewKey(t)
	bearer := []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, owner, 1, b.clock.Now())}
	var linked []string
	for range 2 {
		res, addr := linkWallet(t, b, bearer)
		require.Equal(t, http.StatusCreated, res.StatusCode)
		linked = append(linked, addr)
	}
	res, _ := linkWallet(t, b, bearer)
	require.Equal(t, http.StatusConflict, res.StatusCode)
	var env struct {
		Error struct{ Code, Message string }
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&env))
	require.Equal(t, auth.CodeTooManyWallets, env.Error.Code)
	require.Contains(t, env.Error.Message, "at most 3")

	// The same wallet again is acknowledged, not counted.
	msg, sig := authtest.SignedMessage(t, b.h, publicURL, owner, 1, b.clock.Now())
	rec := authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": sig}, bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())

	rec = authtest.Do(t, b.h, "DELETE", "/v1/me/wallets/"+linked[0], nil, bearer...)
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	res, _ = linkWallet(t, b, bearer)
	require.Equal(t, http.StatusCreated, res.StatusCode, "room again after an unlink")

	// The default is 100.
	d := setup(t, server.Config{}, nil)
	bearer = []string{"Authorization", "Bearer " + authtest.SignIn(t, d.h, publicURL, authtest.NewKey(t), 1, d.clock.Now())}
	st, err := d.store.GetSessionByTokenHash(context.Background(), auth.HashSecret(strings.TrimPrefix(bearer[1], "Bearer ")), d.clock.Now())
	require.NoError(t, err)
	for range 99 {
		require.NoError(t, d.store.LinkWallet(context.Background(), randomWallet(t, st.SubjectID, d)))
	}
	res, _ = linkWallet(t, d, bearer)
	require.Equal(t, http.StatusConflict, res.StatusCode)
}

// A customer link moves the signed-in account's wallets into the customer's subject: it
// is refused when they would take that subject past the cap, and nothing moves.
func TestCustomerLinkRespectsTheWalletCap(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{MaxWallets: 2, DataKey: strings.Repeat("ab", 32)}, nil)
	_, tenantKey, err := auth.CreateTenant(context.Background(), b.store, "Acme", b.clock.Now())
	require.NoError(t, err)
	tenant := []string{"Authorization", "Bearer " + tenantKey}
	rec := authtest.Do(t, b.h, "POST", "/v1/tenant/customers/user-1/verifications", nil, tenant...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	linkToken := func() string {
		rec := authtest.Do(t, b.h, "POST", "/v1/tenant/customers/user-1/link-token", nil, tenant...)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		var out struct{ LinkToken string }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
		return out.LinkToken
	}

	// A first wallet links: the customer has 1.
	first := []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, authtest.NewKey(t), 1, b.clock.Now())}
	rec = authtest.Do(t, b.h, "POST", "/v1/kyc/link", map[string]string{"linkToken": linkToken()}, first...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	// An account with two wallets would bring it to 3.
	second := []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, authtest.NewKey(t), 1, b.clock.Now())}
	res, _ := linkWallet(t, b, second)
	require.Equal(t, http.StatusCreated, res.StatusCode)
	rec = authtest.Do(t, b.h, "POST", "/v1/kyc/link", map[string]string{"linkToken": linkToken()}, second...)
	require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	require.Equal(t, auth.CodeTooManyWallets, errorCode(t, rec))
	rec = authtest.Do(t, b.h, "GET", "/v1/tenant/customers/user-1", nil, tenant...)
	var cust struct{ Wallets []string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &cust))
	require.Len(t, cust.Wallets, 1, "nothing moved")

	// An account with one wallet fits.
	third := []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, authtest.NewKey(t), 1, b.clock.Now())}
	rec = authtest.Do(t, b.h, "POST", "/v1/kyc/link", map[string]string{"linkToken": linkToken()}, third...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

func randomWallet(t *testing.T, subjectID string, b testBundle) *storage.Wallet {
	t.Helper()
	return &storage.Wallet{Address: storage.NormalizeAddress(authtest.Address(authtest.NewKey(t)).Hex()), SubjectID: subjectID, LinkedAt: b.clock.Now()}
}
