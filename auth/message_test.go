package auth_test

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
)

func TestMessageStringParsesBack(t *testing.T) {
	t.Parallel()
	exp, nbf := time.Date(2026, 1, 2, 4, 0, 0, 0, time.UTC), time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC)
	for _, m := range []auth.Message{
		{Domain: "kyc.example.com", Address: common.HexToAddress("0x00000000000000000000000000000000000000Aa"),
			URI: "https://kyc.example.com", ChainID: 1, Nonce: "abcdefgh1", IssuedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		{Scheme: "http", Domain: "localhost:8080", Address: common.HexToAddress("0x00000000000000000000000000000000000000bB"),
			Statement: "Sign in to kycgate.", URI: "http://localhost:8080/login", Version: "1", ChainID: 8453, Nonce: "Zz0123456789",
			IssuedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), ExpirationTime: &exp, NotBefore: &nbf, RequestID: "req-1",
			Resources: []string{"https://kyc.example.com/terms", "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq"}},
	} {
		text := m.String()
		got, err := auth.ParseMessage(text)
		require.NoError(t, err, text)
		require.Equal(t, text, got.Raw)
		require.Equal(t, text, got.String(), "rendering a parsed message gives the same text")
		require.Equal(t, m.Address, got.Address)
		require.Equal(t, m.Scheme, got.Scheme)
		require.Equal(t, m.Resources, got.Resources)
	}
}
