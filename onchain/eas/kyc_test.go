package eas_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

func kycArgs(t *testing.T) abi.Arguments {
	t.Helper()
	var args abi.Arguments
	for _, typ := range []string{"uint8", "bytes2", "bool", "uint8"} {
		ty, err := abi.NewType(typ, "", nil)
		require.NoError(t, err)
		args = append(args, abi.Argument{Type: ty})
	}
	return args
}

func TestKYCClaimsRoundTripAndABI(t *testing.T) {
	t.Parallel()
	args := kycArgs(t)
	for _, c := range []eas.KYCClaims{
		testClaims,
		{},
		{Level: 255, Country: "ZZ", Over18: false, WalletRisk: 255},
		{Level: 1, Country: "", Over18: true, WalletRisk: 0},
	} {
		data, err := c.Encode()
		require.NoError(t, err)
		require.Len(t, data, eas.KYCDataLen)

		var country [2]byte
		copy(country[:], c.Country)
		want, err := args.Pack(c.Level, country, c.Over18, c.WalletRisk)
		require.NoError(t, err)
		require.Equal(t, want, data, "%+v", c)

		got, err := eas.DecodeKYCClaims(data)
		require.NoError(t, err)
		require.Equal(t, c, got)
	}
}

func TestKYCClaimsEncodeRejects(t *testing.T) {
	t.Parallel()
	for _, country := range []string{"de", "D", "DEU", "D1", "É", "\x00\x00"} {
		_, err := eas.KYCClaims{Country: country}.Encode()
		require.ErrorIs(t, err, eas.ErrInvalidClaims, "%q", country)
	}
	// The refused value is a person's claim: the error, which is logged, does not carry it.
	_, err := eas.KYCClaims{Country: "Deutschland"}.Encode()
	require.ErrorIs(t, err, eas.ErrInvalidClaims)
	require.NotContains(t, err.Error(), "Deutschland")
}

func TestDecodeKYCClaimsIsStrict(t *testing.T) {
	t.Parallel()
	good, err := testClaims.Encode()
	require.NoError(t, err)
	for name, change := range map[string]func([]byte) []byte{
		"short":             func(b []byte) []byte { return b[:127] },
		"long":              func(b []byte) []byte { return append(b, 0) },
		"empty":             func([]byte) []byte { return nil },
		"level padding":     func(b []byte) []byte { b[30] = 1; return b },
		"level high byte":   func(b []byte) []byte { b[0] = 1; return b },
		"country padding":   func(b []byte) []byte { b[34] = 1; return b },
		"country tail":      func(b []byte) []byte { b[63] = 1; return b },
		"country lower":     func(b []byte) []byte { b[32] = 'd'; return b },
		"country half zero": func(b []byte) []byte { b[33] = 0; return b },
		"country digit":     func(b []byte) []byte { b[33] = '1'; return b },
		"bool two":          func(b []byte) []byte { b[95] = 2; return b },
		"bool padding":      func(b []byte) []byte { b[64] = 1; return b },
		"risk padding":      func(b []byte) []byte { b[126] = 1; return b },
	} {
		data := change(append([]byte(nil), good...))
		_, err := eas.DecodeKYCClaims(data)
		require.ErrorIs(t, err, eas.ErrInvalidClaims, name)
	}
}
