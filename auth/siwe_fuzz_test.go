package auth_test

import (
	"context"
	"encoding/hex"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/wallet"
)

var allCodes = []string{
	auth.CodeInvalidMessage, auth.CodeInvalidSignature, auth.CodeNonceInvalid, auth.CodeDomainMismatch,
	auth.CodeURIMismatch, auth.CodeChainNotAllowed, auth.CodeExpired, auth.CodeNotYetValid,
	auth.CodeContractWalletUnsupported,
}

// FuzzVerifyMessage feeds message texts and signature bytes to ParseMessage and
// VerifyMessage: neither may panic, and with no chain to ask every failure is a *SIWEError
// with one of the documented codes. Run it with
//
//	go test ./auth -run '^$' -fuzz FuzzVerifyMessage -fuzztime 30s
func FuzzVerifyMessage(f *testing.F) {
	type parsed struct {
		Message string `json:"message"`
	}
	for _, v := range loadVectors[parsed](f, "parsing_positive.json") {
		f.Add(v.Message, make([]byte, 65))
	}
	for _, text := range loadVectors[string](f, "parsing_negative.json") {
		f.Add(text, []byte{1})
	}
	for _, fields := range loadVectors[map[string]any](f, "parsing_negative_objects.json") {
		f.Add(render(fields), []byte(nil))
	}
	for _, file := range []string{"verification_positive.json", "verification_negative.json"} {
		for _, v := range loadVectors[map[string]any](f, file) {
			f.Add(render(v), common.FromHex(v["signature"].(string)))
		}
	}
	type eip1271 struct{ Message, Signature string }
	for _, v := range loadVectors[eip1271](f, "eip1271.json") {
		f.Add(v.Message, common.FromHex(v.Signature))
	}
	text := render(fields(aliceAddr))
	f.Add(text, personalSign(f, alice, text))
	f.Add(text, wallet.WrapERC6492(common.Address{1}, []byte{2}, personalSign(f, alice, text)))

	ctx := context.Background()
	f.Fuzz(func(t *testing.T, message string, sig []byte) {
		sigHex := hex.EncodeToString(sig)
		check := func(got *auth.SignedMessage, err error) {
			t.Helper()
			if err == nil {
				require.NotNil(t, got)
				require.Equal(t, message, got.Raw)
				require.Equal(t, sig, got.Signature)
				return
			}
			var se *auth.SIWEError
			require.True(t, errors.As(err, &se), "not a *SIWEError: %v", err)
			require.True(t, slices.Contains(allCodes, se.Code), se.Code)
			require.NotEmpty(t, se.Message)
		}

		msg, err := auth.ParseMessage(message)
		if err != nil {
			var se *auth.SIWEError
			require.True(t, errors.As(err, &se))
			require.Equal(t, auth.CodeInvalidMessage, se.Code)
		} else {
			require.Equal(t, message, msg.Raw)
		}

		// Against a fixed site: most inputs stop at the domain.
		check(auth.VerifyMessage(ctx, message, sigHex, testOptions(t, nil)))
		if msg == nil {
			return
		}
		// Against the message's own site, chain and time, so the signature is reached.
		if u, err := url.Parse(msg.URI); err != nil || !u.IsAbs() || u.Host == "" || u.User != nil || strings.Contains(msg.Domain, "@") {
			return // the URI has no origin to configure (e.g. a DID), or user-info no site has
		}
		scheme := msg.Scheme
		if scheme == "" {
			scheme = "https"
		}
		opts := auth.SIWEOptions{
			Domain: msg.Domain, Scheme: scheme, URIOrigin: msg.URI, ChainIDs: []uint64{msg.ChainID},
			Now: func() time.Time { return msg.IssuedAt }, Nonce: msg.Nonce,
		}
		got, err := auth.VerifyMessage(ctx, message, sigHex, opts)
		var se *auth.SIWEError
		if errors.As(err, &se) {
			require.NotEqual(t, auth.CodeDomainMismatch, se.Code)
			require.NotEqual(t, auth.CodeChainNotAllowed, se.Code)
			require.NotEqual(t, auth.CodeNonceInvalid, se.Code)
		}
		check(got, err)
	})
}
