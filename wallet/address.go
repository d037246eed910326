package wallet

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// ErrInvalidAddress is returned by ParseAddress for text that is not an Ethereum address.
var ErrInvalidAddress = errors.New("wallet: invalid address")

// ParseAddress parses a 0x-prefixed, 40-hex-digit address. All-lowercase and all-uppercase
// forms carry no checksum and are accepted; a mixed-case form must be its EIP-55 checksum
// form, so a mistyped address is caught. Address.Hex() gives the normal (checksummed) form.
func ParseAddress(s string) (common.Address, error) {
	hexPart, ok := strings.CutPrefix(s, "0x")
	if !ok || len(hexPart) != 2*common.AddressLength {
		return common.Address{}, fmt.Errorf("%w: want 0x and 40 hex digits", ErrInvalidAddress)
	}
	var lower, upper bool
	for i := 0; i < len(hexPart); i++ {
		switch c := hexPart[i]; {
		case c >= '0' && c <= '9':
		case c >= 'a' && c <= 'f':
			lower = true
		case c >= 'A' && c <= 'F':
			upper = true
		default:
			return common.Address{}, fmt.Errorf("%w: %q is not a hex digit", ErrInvalidAddress, c)
		}
	}
	addr := common.HexToAddress(hexPart)
	if lower && upper && addr.Hex() != s {
		return common.Address{}, fmt.Errorf("%w: wrong EIP-55 checksum", ErrInvalidAddress)
	}
	return addr, nil
}
