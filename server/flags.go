package server

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// chainIDList is a flag.Value for "1,10,8453".
type chainIDList []uint64

func (l *chainIDList) String() string {
	if l == nil {
		return ""
	}
	parts := make([]string, len(*l))
	for i, id := range *l {
		parts[i] = strconv.FormatUint(id, 10)
	}
	return strings.Join(parts, ",")
}

func (l *chainIDList) Set(s string) error {
	var ids []uint64
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		id, err := strconv.ParseUint(p, 10, 64)
		if err != nil || id == 0 {
			return fmt.Errorf("chain id %q is not a positive integer", p)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return errors.New("no chain ids")
	}
	*l = ids
	return nil
}

// nameList is a flag.Value for "manual,sumsub".
type nameList []string

func (l *nameList) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ",")
}

func (l *nameList) Set(s string) error {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	*l = out
	return nil
}

// chainURLs is a flag.Value for "1=https://…,8453=https://…" (one URL a chain).
type chainURLs map[uint64]string

func (m *chainURLs) String() string {
	if m == nil {
		return ""
	}
	return formatChainPairs(*m, func(u string) []string { return []string{u} })
}

func (m *chainURLs) Set(s string) error {
	out := map[uint64]string{}
	err := parseChainPairs(s, "url", func(id uint64, v string) error {
		out[id] = v
		return nil
	})
	if err == nil {
		*m = out
	}
	return err
}

// chainAddresses is a flag.Value for "1=0xabc…,1=0xdef…,8453=0x123…" (a chain may repeat).
type chainAddresses map[uint64][]common.Address

func (m *chainAddresses) String() string {
	if m == nil {
		return ""
	}
	return formatChainPairs(*m, func(list []common.Address) []string {
		out := make([]string, len(list))
		for i, a := range list {
			out[i] = a.Hex()
		}
		return out
	})
}

func (m *chainAddresses) Set(s string) error {
	out := map[uint64][]common.Address{}
	err := parseChainPairs(s, "0xaddress", func(id uint64, v string) error {
		if !common.IsHexAddress(v) || common.HexToAddress(v) == (common.Address{}) {
			return errors.New("not an address")
		}
		if a := common.HexToAddress(v); !slices.Contains(out[id], a) {
			out[id] = append(out[id], a)
		}
		return nil
	})
	if err == nil {
		*m = out
	}
	return err
}

// parseChainPairs reads "chainId=value,…", calling add for each pair in order; want
// names the value in the error.
func parseChainPairs(s, want string, add func(id uint64, value string) error) error {
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		k, v, ok := strings.Cut(p, "=")
		id, err := strconv.ParseUint(strings.TrimSpace(k), 10, 64)
		v = strings.TrimSpace(v)
		if !ok || err != nil || id == 0 || v == "" || add(id, v) != nil {
			return fmt.Errorf("%q is not chainId=%s", p, want)
		}
	}
	return nil
}

// formatChainPairs writes a chain map back as "chainId=value,…", chains in order.
func formatChainPairs[V any](m map[uint64]V, values func(V) []string) string {
	ids := make([]uint64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var parts []string
	for _, id := range ids {
		for _, v := range values(m[id]) {
			parts = append(parts, fmt.Sprintf("%d=%s", id, v))
		}
	}
	return strings.Join(parts, ",")
}
