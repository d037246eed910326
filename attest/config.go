package attest

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/onchain/eas"
)

// DefaultDomains are the EAS deployments known out of the box: Ethereum mainnet, and
// the OP-stack predeploy on Optimism and Base.
func DefaultDomains() map[uint64]eas.Domain {
	mainnet := common.HexToAddress("0xA1207F3BBa224E2c9c3c6D5aF63D0eb1582Ce587")
	predeploy := common.HexToAddress("0x4200000000000000000000000000000000000021")
	return map[uint64]eas.Domain{
		1:    eas.NewDomain(1, mainnet, "0.26"),
		10:   eas.NewDomain(10, predeploy, "1.0.1"),
		8453: eas.NewDomain(8453, predeploy, "1.0.1"),
	}
}

// ParseDomains reads KYCGATE_EAS_DOMAINS, "chainId=address@version,…", over the
// defaults: a listed chain replaces its default, others are added.
func ParseDomains(s string) (map[uint64]eas.Domain, error) {
	out := DefaultDomains()
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, rest, ok := strings.Cut(part, "=")
		addr, version, ok2 := strings.Cut(rest, "@")
		chainID, err := strconv.ParseUint(strings.TrimSpace(id), 10, 64)
		if !ok || !ok2 || err != nil || chainID == 0 || !common.IsHexAddress(addr) || strings.TrimSpace(version) == "" {
			return nil, fmt.Errorf("%q is not chainId=0xAddress@version", part)
		}
		out[chainID] = eas.NewDomain(chainID, common.HexToAddress(addr), strings.TrimSpace(version))
	}
	return out, nil
}

// FormatDomains is ParseDomains' inverse for the chains that differ from the defaults.
func FormatDomains(m map[uint64]eas.Domain) string {
	def := DefaultDomains()
	var parts []string
	for _, id := range sortedKeys(m) {
		if d, ok := def[id]; ok && d == m[id] {
			continue
		}
		parts = append(parts, fmt.Sprintf("%d=%s@%s", id, m[id].VerifyingContract.Hex(), m[id].Version))
	}
	return strings.Join(parts, ",")
}

func sortedKeys[V any](m map[uint64]V) []uint64 { return slices.Sorted(maps.Keys(m)) }
