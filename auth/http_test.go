package auth_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

const publicURL = servertest.PublicURL

type testBundle struct {
	h     http.Handler
	store storage.Store
	clock *servertest.Clock
}

func setup(t testing.TB, cfg server.Config, store storage.Store) testBundle {
	t.Helper()
	cfg.CookieSecure = true
	g := servertest.Start(t, cfg, store)
	return testBundle{h: g.Handler, store: g.Store, clock: g.Clock}
}

func errorCode(t testing.TB, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var env api.Envelope
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env), rec.Body.String())
	return env.Error.Code
}

func siwe(t testing.TB, b testBundle, msg, sig string) *httptest.ResponseRecorder {
	return authtest.Do(t, b.h, "POST", "/v1/auth/siwe", map[string]string{"message": msg, "signature": sig})
}

func TestNonceIsFreshAndWellFormed(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	rec := authtest.Do(t, b.h, "POST", "/v1/auth/nonce", nil)
	require.Equal(t, http.StatusCreated, rec.Code)
	var out struct{ Nonce, ExpiresAt string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.Regexp(t, regexp.MustCompile(`^[A-Za-z0-9]{17}$`), out.Nonce)
	exp, err := time.Parse(time.RFC3339, out.ExpiresAt)
	require.NoError(t, err)
	require.Equal(t, b.clock.Now().Add(5*time.Minute), exp)
	require.NotEqual(t, out.Nonce, authtest.Nonce(t, b.h))
}

func TestSignInSessionAndMe(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	key := authtest.NewKey(t)
	msg, sig := authtest.SignedMessage(t, b.h, publicURL, key, 8453, b.clock.Now())
	rec := siwe(t, b, msg, sig)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	var out struct {
		Token, Address, SubjectID, ExpiresAt string
		ChainID                              uint64
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.Equal(t, authtest.Address(key).Hex(), out.Address)
	require.EqualValues(t, 8453, out.ChainID)
	require.True(t, strings.HasPrefix(out.Token, auth.SessionTokenPrefix))

	cookie := rec.Result().Cookies()[0]
	require.Equal(t, auth.CookieName, cookie.Name)
	require.True(t, cookie.HttpOnly)
	require.True(t, cookie.Secure)
	require.Equal(t, http.SameSiteLaxMode, cookie.SameSite)

	me := authtest.Do(t, b.h, "GET", "/v1/me", nil, "Authorization", "Bearer "+out.Token)
	require.Equal(t, http.StatusOK, me.Code, me.Body.String())
	require.Contains(t, me.Body.String(), out.SubjectID)
	require.Contains(t, me.Body.String(), authtest.Address(key).Hex())

	req := httptest.NewRequest("GET", "/v1/me", nil)
	req.AddCookie(cookie)
	viaCookie := httptest.NewRecorder()
	b.h.ServeHTTP(viaCookie, req)
	require.Equal(t, http.StatusOK, viaCookie.Code, "the cookie authenticates too")

	// The same wallet signing in again is the same subject.
	token2 := authtest.SignIn(t, b.h, publicURL, key, 1, b.clock.Now())
	me2 := authtest.Do(t, b.h, "GET", "/v1/me", nil, "Authorization", "Bearer "+token2)
	require.Contains(t, me2.Body.String(), out.SubjectID)

	// Logout ends that session only.
	rec = authtest.Do(t, b.h, "POST", "/v1/auth/logout", nil, "Authorization", "Bearer "+out.Token)
	require.Equal(t, http.StatusNoContent, rec.Code)
	rec = authtest.Do(t, b.h, "GET", "/v1/me", nil, "Authorization", "Bearer "+out.Token)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	require.Equal(t, "unauthenticated", errorCode(t, rec))
	rec = authtest.Do(t, b.h, "GET", "/v1/me", nil, "Authorization", "Bearer "+token2)
	require.Equal(t, http.StatusOK, rec.Code)

	// Sessions expire.
	b.clock.Add(25 * time.Hour)
	rec = authtest.Do(t, b.h, "GET", "/v1/me", nil, "Authorization", "Bearer "+token2)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	rec = authtest.Do(t, b.h, "GET", "/v1/me", nil)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
}

func TestSignInRefusals(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	key := authtest.NewKey(t)
	now := b.clock.Now()
	build := func(edit func(*authtest.Message)) (string, string) {
		m := authtest.Message{Scheme: "http", Domain: "localhost:8080", Address: authtest.Address(key), URI: publicURL,
			ChainID: 1, Nonce: authtest.Nonce(t, b.h), IssuedAt: now}
		edit(&m)
		text := m.String()
		return text, authtest.Sign(t, key, text)
	}
	past, future := now.Add(-time.Second), now.Add(time.Hour)
	for _, tc := range []struct {
		name   string
		edit   func(*authtest.Message)
		status int
		code   string
	}{
		{"phishing domain", func(m *authtest.Message) { m.Domain = "evil.example" }, 401, "domain_mismatch"},
		{"wrong scheme", func(m *authtest.Message) { m.Scheme = "https" }, 401, "domain_mismatch"},
		{"uri elsewhere", func(m *authtest.Message) { m.URI = "https://evil.example/login" }, 401, "uri_mismatch"},
		{"chain not allowed", func(m *authtest.Message) { m.ChainID = 56 }, 400, "chain_not_allowed"},
		{"expired", func(m *authtest.Message) { m.ExpirationTime = &past }, 401, "expired"},
		{"expired at the instant", func(m *authtest.Message) { m.ExpirationTime = &now }, 401, "expired"},
		{"not before", func(m *authtest.Message) { m.NotBefore = &future }, 401, "not_yet_valid"},
		{"issued in the future", func(m *authtest.Message) { m.IssuedAt = future }, 401, "not_yet_valid"},
		{"unknown nonce", func(m *authtest.Message) { m.Nonce = "NeverIssued123" }, 401, "nonce_invalid"},
	} {
		msg, sig := build(tc.edit)
		rec := siwe(t, b, msg, sig)
		require.Equal(t, tc.status, rec.Code, "%s: %s", tc.name, rec.Body)
		require.Equal(t, tc.code, errorCode(t, rec), tc.name)
	}

	// Another key's signature is not the address's EOA signature; without an RPC for the
	// chain the gateway cannot rule out a contract wallet, and says so instead of passing.
	msg, _ := build(func(*authtest.Message) {})
	other := authtest.Sign(t, authtest.NewKey(t), msg)
	rec := siwe(t, b, msg, other)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	require.Equal(t, "contract_wallet_unsupported", errorCode(t, rec))
	for _, sig := range []string{"0x", "nothex", "0x" + strings.Repeat("ab", 70<<10)} {
		rec = siwe(t, b, msg, sig)
		require.Equal(t, http.StatusUnauthorized, rec.Code, sig)
		require.Equal(t, "invalid_signature", errorCode(t, rec))
	}
	rec = siwe(t, b, "not a siwe message", other)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "invalid_message", errorCode(t, rec))
	rec = authtest.Do(t, b.h, "POST", "/v1/auth/siwe", `{"message":1}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "invalid_json", errorCode(t, rec))
	rec = authtest.Do(t, b.h, "POST", "/v1/auth/siwe", `{}`)
	require.Equal(t, "invalid_request", errorCode(t, rec))
}

func TestNonceIsSingleUseAndExpires(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	key := authtest.NewKey(t)
	msg, sig := authtest.SignedMessage(t, b.h, publicURL, key, 1, b.clock.Now())
	require.Equal(t, http.StatusOK, siwe(t, b, msg, sig).Code)
	rec := siwe(t, b, msg, sig)
	require.Equal(t, http.StatusUnauthorized, rec.Code, "replay")
	require.Equal(t, "nonce_invalid", errorCode(t, rec))

	msg, sig = authtest.SignedMessage(t, b.h, publicURL, key, 1, b.clock.Now())
	b.clock.Add(5 * time.Minute)
	rec = siwe(t, b, msg, sig)
	require.Equal(t, "nonce_invalid", errorCode(t, rec), "expired nonce")

	// A refused message does not burn its nonce: a correct signature still works.
	msg, sig = authtest.SignedMessage(t, b.h, publicURL, key, 1, b.clock.Now())
	bad := sig[:len(sig)-2] + "1f" // v = 31
	require.NotEqual(t, http.StatusOK, siwe(t, b, msg, bad).Code)
	require.Equal(t, http.StatusOK, siwe(t, b, msg, sig).Code)
}

// twoReplicas starts two gateways, each with its own connection pool, over one fresh
// PostgreSQL schema: two replicas behind a load balancer.
func twoReplicas(t *testing.T) (testBundle, testBundle) {
	t.Helper()
	url := storagetest.PostgresURL(t)
	open := func() storage.Store {
		st, err := server.OpenStore(t.Context(), url, true)
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		return st
	}
	return setup(t, server.Config{}, open()), setup(t, server.Config{}, open())
}

func TestReplayAcrossTwoReplicasOverPostgres(t *testing.T) {
	t.Parallel()
	a, bReplica := twoReplicas(t)
	key := authtest.NewKey(t)
	for round := range 5 {
		msg, sig := authtest.SignedMessage(t, a.h, publicURL, key, 1, a.clock.Now())
		var wg sync.WaitGroup
		codes := make([]int, 6)
		for i := range codes {
			h := a.h
			if i%2 == 1 {
				h = bReplica.h
			}
			wg.Go(func() {
				codes[i] = authtest.Do(t, h, "POST", "/v1/auth/siwe", map[string]string{"message": msg, "signature": sig}).Code
			})
		}
		wg.Wait()
		ok := 0
		for _, c := range codes {
			if c == http.StatusOK {
				ok++
			} else {
				require.Equal(t, http.StatusUnauthorized, c)
			}
		}
		require.Equal(t, 1, ok, "round %d: exactly one session from one signed message (%v)", round, codes)
	}
	n, err := a.store.ListWallets(t.Context(), mustSubject(t, a.store, authtest.Address(key).Hex()))
	require.NoError(t, err)
	require.Len(t, n, 1)
}

func mustSubject(t *testing.T, st storage.Store, address string) string {
	w, err := st.GetWallet(t.Context(), address)
	require.NoError(t, err)
	return w.SubjectID
}

func TestLinkAndUnlinkWallets(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	first, second, stranger := authtest.NewKey(t), authtest.NewKey(t), authtest.NewKey(t)
	token := authtest.SignIn(t, b.h, publicURL, first, 1, b.clock.Now())
	bearer := []string{"Authorization", "Bearer " + token}

	msg, sig := authtest.SignedMessage(t, b.h, publicURL, second, 10, b.clock.Now())
	rec := authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": sig}, bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), authtest.Address(second).Hex())

	rec = authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": sig}, bearer...)
	require.Equal(t, "nonce_invalid", errorCode(t, rec), "the link proof is single-use too")

	me := authtest.Do(t, b.h, "GET", "/v1/me", nil, bearer...)
	var view struct{ Wallets []struct{ Address string } }
	require.NoError(t, json.Unmarshal(me.Body.Bytes(), &view))
	require.Len(t, view.Wallets, 2)

	// A wallet of another subject cannot be taken over.
	authtest.SignIn(t, b.h, publicURL, stranger, 1, b.clock.Now())
	msg, sig = authtest.SignedMessage(t, b.h, publicURL, stranger, 1, b.clock.Now())
	rec = authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": sig}, bearer...)
	require.Equal(t, http.StatusConflict, rec.Code)
	require.Equal(t, "wallet_already_linked", errorCode(t, rec))

	// Linking needs the new wallet's own signature.
	msg, _ = authtest.SignedMessage(t, b.h, publicURL, authtest.NewKey(t), 1, b.clock.Now())
	forged := authtest.Sign(t, first, msg)
	rec = authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": forged}, bearer...)
	require.Equal(t, "contract_wallet_unsupported", errorCode(t, rec), "not its EOA signature, and no RPC to ask")
	rec = authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": "0x"}, bearer...)
	require.Equal(t, "invalid_signature", errorCode(t, rec))

	rec = authtest.Do(t, b.h, "DELETE", "/v1/me/wallets/"+authtest.Address(stranger).Hex(), nil, bearer...)
	require.Equal(t, http.StatusNotFound, rec.Code, "another subject's wallet is not ours to unlink")
	rec = authtest.Do(t, b.h, "DELETE", "/v1/me/wallets/"+authtest.Address(second).Hex(), nil, bearer...)
	require.Equal(t, http.StatusNoContent, rec.Code)
	rec = authtest.Do(t, b.h, "DELETE", "/v1/me/wallets/"+authtest.Address(first).Hex(), nil, bearer...)
	require.Equal(t, http.StatusConflict, rec.Code)
	require.Equal(t, "last_wallet", errorCode(t, rec))
	rec = authtest.Do(t, b.h, "DELETE", "/v1/me/wallets/nope", nil, bearer...)
	require.Equal(t, "invalid_address", errorCode(t, rec))

	entries, err := b.store.ListAudit(t.Context(), "subject", mustSubject(t, b.store, authtest.Address(first).Hex()))
	require.NoError(t, err)
	require.Len(t, entries, 3, "created, linked, unlinked")
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{RateLimit: 3}, nil)
	for range 3 {
		require.Equal(t, http.StatusCreated, authtest.Do(t, b.h, "POST", "/v1/auth/nonce", nil).Code)
	}
	rec := authtest.Do(t, b.h, "POST", "/v1/auth/nonce", nil)
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	require.Equal(t, "rate_limited", errorCode(t, rec))
	require.Equal(t, "20", rec.Header().Get("Retry-After"))
	b.clock.Add(20 * time.Second)
	require.Equal(t, http.StatusCreated, authtest.Do(t, b.h, "POST", "/v1/auth/nonce", nil).Code)
}

func BenchmarkSignInHandler(b *testing.B) {
	bundle := setup(b, server.Config{}, nil)
	key := authtest.NewKey(b)
	type pair struct{ msg, sig string }
	pairs := make([]pair, b.N)
	for i := range pairs {
		pairs[i].msg, pairs[i].sig = authtest.SignedMessage(b, bundle.h, publicURL, key, 1, bundle.clock.Now())
	}
	b.ResetTimer()
	for i := range b.N {
		rec := authtest.Do(b, bundle.h, "POST", "/v1/auth/siwe", map[string]string{"message": pairs[i].msg, "signature": pairs[i].sig})
		if rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
}

func TestNonceWithPreparedMessage(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	key := authtest.NewKey(t)
	lower := strings.ToLower(authtest.Address(key).Hex())
	rec := authtest.Do(t, b.h, "POST", "/v1/auth/nonce", map[string]any{"address": lower, "chainId": 10})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ Nonce, Message string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	msg, err := auth.ParseMessage(out.Message)
	require.NoError(t, err)
	require.Equal(t, "localhost:8080", msg.Domain)
	require.Equal(t, "http", msg.Scheme)
	require.Equal(t, out.Nonce, msg.Nonce)
	require.EqualValues(t, 10, msg.ChainID)
	require.Contains(t, out.Message, authtest.Address(key).Hex(), "the address is checksummed for the wallet")

	rec = siwe(t, b, out.Message, authtest.Sign(t, key, out.Message))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	rec = authtest.Do(t, b.h, "POST", "/v1/auth/nonce", `{"address":`)
	require.Equal(t, "invalid_json", errorCode(t, rec))
}

// An unlinked wallet loses the account: all its sessions end, not only the caller's.
func TestUnlinkEndsEverySessionOfTheWallet(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	owner, lost := authtest.NewKey(t), authtest.NewKey(t)
	ownerBearer := []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, owner, 1, b.clock.Now())}
	msg, sig := authtest.SignedMessage(t, b.h, publicURL, lost, 1, b.clock.Now())
	rec := authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": sig}, ownerBearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	// The lost wallet has two sessions of its own (two devices, or an attacker).
	lostBearers := [][]string{
		{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, lost, 1, b.clock.Now())},
		{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, lost, 10, b.clock.Now())},
	}
	rec = authtest.Do(t, b.h, "DELETE", "/v1/me/wallets/"+authtest.Address(lost).Hex(), nil, ownerBearer...)
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	for _, bearer := range lostBearers {
		rec = authtest.Do(t, b.h, "GET", "/v1/me", nil, bearer...)
		require.Equal(t, http.StatusUnauthorized, rec.Code, "the unlinked wallet's sessions are over")
	}
	require.Equal(t, http.StatusOK, authtest.Do(t, b.h, "GET", "/v1/me", nil, ownerBearer...).Code)
}

// A blocked account's wallets cannot change: otherwise a blocked wallet could leave the
// account and start over as a new subject.
func TestBlockedAccountCannotChangeWallets(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	first, second := authtest.NewKey(t), authtest.NewKey(t)
	bearer := []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, first, 1, b.clock.Now())}
	msg, sig := authtest.SignedMessage(t, b.h, publicURL, second, 1, b.clock.Now())
	require.Equal(t, http.StatusCreated, authtest.Do(t, b.h, "POST", "/v1/me/wallets",
		map[string]string{"message": msg, "signature": sig}, bearer...).Code)
	_, err := b.store.UpdateSubject(t.Context(), mustSubject(t, b.store, authtest.Address(first).Hex()),
		func(s storage.Subject) (storage.Subject, error) {
			s.Blocked = true
			return s, nil
		})
	require.NoError(t, err)

	rec := authtest.Do(t, b.h, "DELETE", "/v1/me/wallets/"+authtest.Address(second).Hex(), nil, bearer...)
	require.Equal(t, http.StatusConflict, rec.Code)
	require.Equal(t, "subject_blocked", errorCode(t, rec))
	msg, sig = authtest.SignedMessage(t, b.h, publicURL, authtest.NewKey(t), 1, b.clock.Now())
	rec = authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": sig}, bearer...)
	require.Equal(t, http.StatusConflict, rec.Code)
	require.Equal(t, "subject_blocked", errorCode(t, rec))
}

// Two first sign-ins of a new address on two replicas at once both succeed, on one subject.
func TestConcurrentFirstSignInsOverPostgres(t *testing.T) {
	t.Parallel()
	a, bReplica := twoReplicas(t)
	for range 5 {
		key := authtest.NewKey(t)
		m1, s1 := authtest.SignedMessage(t, a.h, publicURL, key, 1, a.clock.Now())
		m2, s2 := authtest.SignedMessage(t, bReplica.h, publicURL, key, 1, a.clock.Now())
		var wg sync.WaitGroup
		codes := make([]int, 2)
		subjects := make([]string, 2)
		for i, r := range []struct {
			h      http.Handler
			m, sig string
		}{{a.h, m1, s1}, {bReplica.h, m2, s2}} {
			wg.Go(func() {
				rec := authtest.Do(t, r.h, "POST", "/v1/auth/siwe", map[string]string{"message": r.m, "signature": r.sig})
				codes[i] = rec.Code
				var out struct{ SubjectID string }
				_ = json.Unmarshal(rec.Body.Bytes(), &out)
				subjects[i] = out.SubjectID
			})
		}
		wg.Wait()
		require.Equal(t, []int{200, 200}, codes)
		require.Equal(t, subjects[0], subjects[1], "one address, one subject")
	}
	var jobs int
	pool := a.store.(storage.DriverHandles).DriverDB().(*pgxpool.Pool)
	require.NoError(t, pool.QueryRow(t.Context(), `SELECT count(*) FROM river_job WHERE kind = 'screening.screen_wallet'`).Scan(&jobs))
	require.Equal(t, 5, jobs, "one first-screening job per new address, from the sign-in that created it")
}

// The session cookie does not authenticate writes coming from another origin.
func TestCookieWritesFromAnotherOriginAreRefused(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{}, nil)
	key := authtest.NewKey(t)
	msg, sig := authtest.SignedMessage(t, b.h, publicURL, key, 1, b.clock.Now())
	rec := siwe(t, b, msg, sig)
	require.Equal(t, http.StatusOK, rec.Code)
	cookie := rec.Result().Cookies()[0]

	send := func(method, origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "/v1/auth/logout", nil)
		req.AddCookie(cookie)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		out := httptest.NewRecorder()
		b.h.ServeHTTP(out, req)
		return out
	}
	rec = send("POST", "https://evil.example")
	require.Equal(t, http.StatusForbidden, rec.Code)
	require.Equal(t, "origin_mismatch", errorCode(t, rec))
	req := httptest.NewRequest("GET", "/v1/me", nil)
	req.AddCookie(cookie)
	req.Header.Set("Origin", "https://evil.example")
	read := httptest.NewRecorder()
	b.h.ServeHTTP(read, req)
	require.Equal(t, http.StatusOK, read.Code, "reads are not writes (and CORS keeps their answers from other sites)")
	require.Equal(t, http.StatusNoContent, send("POST", publicURL).Code, "the gateway's own pages may write")
}
