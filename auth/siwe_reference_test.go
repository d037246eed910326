package auth_test

import (
	"net/url"
	"testing"
	"time"

	siwego "github.com/spruceid/siwe-go"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
)

// referenceFields compares what siwe-go (v0.2.1, the reference implementation) and
// ParseMessage read from text when both accept it, and reports whether both did.
func referenceFields(t *testing.T, text string) bool {
	t.Helper()
	ref, err := siwego.ParseMessage(text)
	if err != nil {
		return false
	}
	ours, err := auth.ParseMessage(text)
	if err != nil {
		// siwe-go's regular expressions accept some texts EIP-4361's grammar refuses;
		// what ours refuses is checked production by production in siwe_grammar_test.go.
		return false
	}
	require.Empty(t, ours.Scheme, "siwe-go v0.2.1 reads no scheme prefix")
	require.Equal(t, ref.GetDomain(), ours.Domain)
	require.Equal(t, ref.GetAddress(), ours.Address)
	if st := ref.GetStatement(); st != nil {
		require.Equal(t, *st, ours.Statement)
	} else {
		require.Empty(t, ours.Statement)
	}
	uri, err := url.Parse(ours.URI)
	require.NoError(t, err)
	require.Equal(t, ref.GetURI(), *uri)
	require.Equal(t, ref.GetVersion(), ours.Version)
	require.EqualValues(t, ref.GetChainID(), ours.ChainID)
	require.Equal(t, ref.GetNonce(), ours.Nonce)
	sameTime(t, ref.GetIssuedAt(), &ours.IssuedAt)
	if at := ref.GetExpirationTime(); at != nil {
		sameTime(t, *at, ours.ExpirationTime)
	} else {
		require.Nil(t, ours.ExpirationTime)
	}
	if at := ref.GetNotBefore(); at != nil {
		sameTime(t, *at, ours.NotBefore)
	} else {
		require.Nil(t, ours.NotBefore)
	}
	if id := ref.GetRequestID(); id != nil {
		require.Equal(t, *id, ours.RequestID)
	} else {
		require.Empty(t, ours.RequestID)
	}
	resources := ref.GetResources()
	require.Len(t, ours.Resources, len(resources))
	for i, r := range resources {
		u, err := url.Parse(ours.Resources[i])
		require.NoError(t, err)
		require.Equal(t, r, *u)
	}
	return true
}

// sameTime: the reference keeps the RFC 3339 text, ours the instant.
func sameTime(t *testing.T, text string, got *time.Time) {
	t.Helper()
	want, err := time.Parse(time.RFC3339Nano, text)
	require.NoError(t, err, text)
	require.NotNil(t, got)
	require.True(t, want.Equal(*got), "%s vs %s", text, got)
}

// fullFields is a message with every field and no scheme prefix (siwe-go v0.2.1 reads
// none).
func fullFields() map[string]any {
	f := fields(aliceAddr)
	delete(f, "scheme")
	f["expirationTime"] = t0.Add(time.Hour).Format(time.RFC3339Nano)
	f["notBefore"] = t0.Add(-time.Minute).Format("2006-01-02T15:04:05.000+02:00")
	f["requestId"] = "req-1"
	f["resources"] = []any{"https://example.com/terms", "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/"}
	return f
}

// TestParseMessageAgreesWithSiweGo: every positive vector and the fully populated
// message are read alike by siwe-go and ParseMessage (the fuzz test below compares any
// text both accept; this keeps it from passing on inputs neither reads).
func TestParseMessageAgreesWithSiweGo(t *testing.T) {
	t.Parallel()
	type parsed struct {
		Message string `json:"message"`
	}
	both := 0
	for name, v := range loadVectors[parsed](t, "parsing_positive.json") {
		if referenceFields(t, v.Message) {
			both++
		} else {
			_, refErr := siwego.ParseMessage(v.Message)
			_, err := auth.ParseMessage(v.Message)
			t.Logf("%s: siwe-go %v, ours %v", name, refErr, err)
		}
	}
	require.True(t, referenceFields(t, render(fullFields())), "the fully populated message")
	require.Greater(t, both, 0)
	t.Logf("%d positive vectors read alike by both", both)
}

// FuzzParseMessageAgreesWithSiweGo: any text that siwe-go accepts and EIP-4361's grammar
// allows (ParseMessage accepts) gets the same fields from both. Run it with
//
//	go test ./auth -run '^$' -fuzz FuzzParseMessageAgreesWithSiweGo -fuzztime 30s
func FuzzParseMessageAgreesWithSiweGo(f *testing.F) {
	type parsed struct {
		Message string `json:"message"`
	}
	for _, v := range loadVectors[parsed](f, "parsing_positive.json") {
		f.Add(v.Message)
	}
	for _, text := range loadVectors[string](f, "parsing_negative.json") {
		f.Add(text)
	}
	f.Add(render(fullFields()))
	f.Fuzz(func(t *testing.T, text string) { referenceFields(t, text) })
}
