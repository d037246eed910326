package auth_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
)

// The nonce step refuses what sign-in would refuse: a chain not in KYCGATE_CHAIN_IDS, an
// address that is not one (or a mixed-case one with a wrong checksum), and half a request.
func TestNonceRefusesWhatSignInWould(t *testing.T) {
	t.Parallel()
	b := setup(t, server.Config{ChainIDs: []uint64{1, 8453}}, nil)
	good := "0x328809Bc894f92807417D2dAD6b7C998c1aFdac6"
	badSum := "0x328809bC894f92807417D2dAD6b7C998c1aFdac6" // two letters' case swapped
	for _, tc := range []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"chain not allowed", map[string]any{"address": good, "chainId": 5}, http.StatusBadRequest, auth.CodeChainNotAllowed},
		{"chain 10 not configured here", map[string]any{"address": good, "chainId": 10}, http.StatusBadRequest, auth.CodeChainNotAllowed},
		{"short address", map[string]any{"address": "0x12", "chainId": 1}, http.StatusBadRequest, "invalid_address"},
		{"no 0x", map[string]any{"address": good[2:], "chainId": 1}, http.StatusBadRequest, "invalid_address"},
		{"not hex", map[string]any{"address": "0x" + strings.Repeat("g", 40), "chainId": 1}, http.StatusBadRequest, "invalid_address"},
		{"wrong checksum", map[string]any{"address": badSum, "chainId": 1}, http.StatusBadRequest, "invalid_address"},
		{"chain without address", map[string]any{"chainId": 1}, http.StatusBadRequest, "invalid_request"},
		{"address without chain", map[string]any{"address": good}, http.StatusBadRequest, "invalid_request"},
		{"allowed", map[string]any{"address": good, "chainId": 8453}, http.StatusCreated, ""},
		{"lower case", map[string]any{"address": strings.ToLower(good), "chainId": 1}, http.StatusCreated, ""},
		{"bare nonce", nil, http.StatusCreated, ""},
	} {
		rec := authtest.Do(t, b.h, "POST", "/v1/auth/nonce", tc.body)
		require.Equal(t, tc.status, rec.Code, "%s: %s", tc.name, rec.Body.String())
		if tc.code != "" {
			require.Equal(t, tc.code, errorCode(t, rec), tc.name)
		}
	}
}

// A session signed in with the gateway's own prepared message (what kycgate.js and the
// pages sign) lasts KYCGATE_SESSION_TTL from sign-in, however long the wallet took within
// the nonce's lifetime; a message the wallet signed with an earlier Expiration Time still
// caps its session.
func TestPreparedMessageSessionLastsTheSessionTTL(t *testing.T) {
	t.Parallel()
	for _, ttl := range []time.Duration{0, 72 * time.Hour, 2 * time.Minute} {
		b := setup(t, server.Config{SessionTTL: ttl}, nil)
		want := ttl
		if want == 0 {
			want = 24 * time.Hour // the default
		}
		key := authtest.NewKey(t)
		rec := authtest.Do(t, b.h, "POST", "/v1/auth/nonce", map[string]any{"address": authtest.Address(key).Hex(), "chainId": 1})
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		var prepared struct{ Message string }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &prepared))
		msg, err := auth.ParseMessage(prepared.Message)
		require.NoError(t, err)
		require.Nil(t, msg.ExpirationTime, "the prepared message does not cap the session")

		b.clock.Add(4 * time.Minute) // the user reads the message in the wallet
		signedAt := b.clock.Now()
		rec = siwe(t, b, prepared.Message, authtest.Sign(t, key, prepared.Message))
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var out struct{ Token, ExpiresAt string }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
		exp, err := time.Parse(time.RFC3339, out.ExpiresAt)
		require.NoError(t, err)
		require.Equal(t, signedAt.Add(want).Truncate(time.Second), exp.UTC(), "session TTL %s", want)
		cookie := rec.Result().Cookies()[0]
		require.Equal(t, int(want.Seconds()), cookie.MaxAge)

		b.clock.Add(want - time.Second)
		require.Equal(t, http.StatusOK, authtest.Do(t, b.h, "GET", "/v1/me", nil, "Authorization", "Bearer "+out.Token).Code,
			"still signed in just before the session TTL")
		b.clock.Add(time.Second)
		require.Equal(t, http.StatusUnauthorized, authtest.Do(t, b.h, "GET", "/v1/me", nil, "Authorization", "Bearer "+out.Token).Code)
	}

	// The wallet's own earlier Expiration Time caps the session.
	b := setup(t, server.Config{}, nil)
	key := authtest.NewKey(t)
	exp := b.clock.Now().Add(time.Hour).UTC().Truncate(time.Second)
	m := authtest.Message{Scheme: "http", Domain: "localhost:8080", Address: authtest.Address(key), URI: publicURL,
		ChainID: 1, Nonce: authtest.Nonce(t, b.h), IssuedAt: b.clock.Now(), ExpirationTime: &exp}
	text := m.String()
	rec := siwe(t, b, text, authtest.Sign(t, key, text))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct{ ExpiresAt string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.Equal(t, exp.Format(time.RFC3339), out.ExpiresAt)
}
