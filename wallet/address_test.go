package wallet_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/wallet"
)

func TestParseAddress(t *testing.T) {
	t.Parallel()
	want := common.HexToAddress("0x9D85ca56217D2bb651b00f15e694EB7E713637D4")
	for _, in := range []string{
		"0x9D85ca56217D2bb651b00f15e694EB7E713637D4", // EIP-55
		"0x9d85ca56217d2bb651b00f15e694eb7e713637d4", // lower case: no checksum
		"0x9D85CA56217D2BB651B00F15E694EB7E713637D4", // upper case: no checksum
	} {
		got, err := wallet.ParseAddress(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
		require.Equal(t, "0x9D85ca56217D2bb651b00f15e694EB7E713637D4", got.Hex())
	}
	for _, in := range []string{
		"",
		"0x",
		"9D85ca56217D2bb651b00f15e694EB7E713637D4",   // no 0x
		"0X9D85ca56217D2bb651b00f15e694EB7E713637D4", // 0X
		"0x9d85ca56217D2bb651b00f15e694EB7E713637D4", // bad checksum (first letter)
		"0x9D85ca56217D2bb651b00f15e694EB7E713637D",  // 39 digits
		"0x9D85ca56217D2bb651b00f15e694EB7E713637D44",
		"0x9D85ca56217D2bb651b00f15e694EB7E713637Dg",
		" 0x9D85ca56217D2bb651b00f15e694EB7E713637D4",
	} {
		_, err := wallet.ParseAddress(in)
		require.ErrorIs(t, err, wallet.ErrInvalidAddress, in)
	}
}
