package chainalysis

import (
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/screening/source"
)

// Registry names of the two sources and the prefix of their variables.
const (
	OracleName = "chainalysis-oracle"
	APIName    = "chainalysis-api"
	ConfName   = "chainalysis"
)

// DefaultAPIURL is the sanctions API's origin.
const DefaultAPIURL = "https://public.chainalysis.com"

// Oracle addresses Chainalysis publishes.
var (
	// OracleAddress is the oracle on Ethereum, Optimism, BNB Chain, Polygon, Arbitrum and
	// Avalanche (and others).
	OracleAddress = common.HexToAddress("0x40C57923924B5c5c5455c48D93317139ADDaC8fb")
	// BaseOracleAddress is the oracle on Base.
	BaseOracleAddress = common.HexToAddress("0x3A91A31cB3dC49b4db9Ce721F50a9D076c8D739B")
)

// DefaultOracles are the oracle addresses by EIP-155 chain id.
func DefaultOracles() map[uint64]common.Address {
	return map[uint64]common.Address{
		1: OracleAddress, 10: OracleAddress, 56: OracleAddress, 137: OracleAddress,
		42161: OracleAddress, 43114: OracleAddress, 8453: BaseOracleAddress,
	}
}

// Entries register the sources: source.Registry{chainalysis.OracleName:
// chainalysis.OracleEntry, chainalysis.APIName: chainalysis.APIEntry}.
var (
	OracleEntry = source.Entry{ConfName: ConfName, New: func() source.Config { return &OracleConfig{} }}
	APIEntry    = source.Entry{ConfName: ConfName, New: func() source.Config { return &APIConfig{} }}
)

// OracleConfig is chainalysis-oracle's schema, read from KYCGATE_CHAINALYSIS_*.
type OracleConfig struct {
	// Oracles overrides or adds oracle addresses per chain (KYCGATE_CHAINALYSIS_ORACLES):
	// "chainId=0x…" pairs separated by commas, on top of DefaultOracles.
	Oracles string `env:"ORACLES"`
	// Timeout bounds one eth_call (KYCGATE_CHAINALYSIS_TIMEOUT).
	Timeout time.Duration `env:"TIMEOUT" default:"10s"`
}

// ParseOracles reads "chainId=0x…,…" on top of DefaultOracles.
func ParseOracles(raw string) (map[uint64]common.Address, error) {
	out := DefaultOracles()
	for pair := range strings.SplitSeq(raw, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		id, addr, ok := strings.Cut(pair, "=")
		n, err := strconv.ParseUint(strings.TrimSpace(id), 10, 64)
		addr = strings.TrimSpace(addr)
		if !ok || err != nil || n == 0 || !common.IsHexAddress(addr) || !strings.HasPrefix(addr, "0x") {
			return nil, fmt.Errorf("want chainId=0x… (40 hex digits) pairs separated by commas, not %q", pair)
		}
		out[n] = common.HexToAddress(addr)
	}
	return out, nil
}

// Validate implements conf's validation: each error names its field.
func (c *OracleConfig) Validate() error {
	if _, err := ParseOracles(c.Oracles); err != nil {
		return conf.Invalid("Oracles", err.Error())
	}
	if c.Timeout <= 0 || c.Timeout > 5*time.Minute {
		return conf.Invalid("Timeout", "want a duration above 0 and at most 5m")
	}
	return nil
}

// Open implements source.Config: the oracle on every chain that has both an oracle and a
// client in deps.Chains. It fails when there is none (set KYCGATE_RPC_URLS).
func (c *OracleConfig) Open(name string, deps source.Deps) (source.Screener, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("chainalysis: %w", err)
	}
	oracles, _ := ParseOracles(c.Oracles)
	o := &Oracle{name: name, oracles: oracles, chains: deps.Chains, timeout: c.Timeout, now: deps.Now}
	if o.now == nil {
		o.now = time.Now
	}
	if len(o.ready()) == 0 {
		return nil, fmt.Errorf("chainalysis: %s needs a chain client (KYCGATE_RPC_URLS) for a chain with an oracle (%v)",
			name, slices.Sorted(maps.Keys(oracles)))
	}
	return o, nil
}

// APIConfig is chainalysis-api's schema, read from KYCGATE_CHAINALYSIS_*. The API key is
// a secret: never logged nor echoed in errors.
type APIConfig struct {
	// APIURL is the sanctions API's origin (KYCGATE_CHAINALYSIS_API_URL), no path.
	APIURL string `env:"API_URL" default:"https://public.chainalysis.com"`
	// APIKey is sent as X-API-Key (KYCGATE_CHAINALYSIS_API_KEY).
	APIKey string `env:"API_KEY,required"`
	// Timeout bounds one call (KYCGATE_CHAINALYSIS_TIMEOUT).
	Timeout time.Duration `env:"TIMEOUT" default:"10s"`
	// RatePerSecond paces the calls (KYCGATE_CHAINALYSIS_RATE_PER_SECOND; the API's limits
	// are not documented).
	RatePerSecond float64 `env:"RATE_PER_SECOND" default:"5"`
}

// Validate implements conf's validation: each error names its field.
func (c *APIConfig) Validate() error {
	if err := conf.Origin("APIURL", c.APIURL, DefaultAPIURL); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(c.APIKey) == "":
		return conf.Invalid("APIKey", "must not be empty")
	case c.Timeout <= 0 || c.Timeout > 5*time.Minute:
		return conf.Invalid("Timeout", "want a duration above 0 and at most 5m")
	case c.RatePerSecond <= 0 || c.RatePerSecond > 10_000:
		return conf.Invalid("RatePerSecond", "want a number above 0 and at most 10000")
	}
	return nil
}

// LogValue keeps the API key out of logs.
func (c APIConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("apiURL", c.APIURL), slog.Duration("timeout", c.Timeout),
		slog.Float64("ratePerSecond", c.RatePerSecond))
}

// Open implements source.Config.
func (c *APIConfig) Open(name string, deps source.Deps) (source.Screener, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("chainalysis: %w", err)
	}
	now := deps.Now
	if now == nil {
		now = time.Now
	}
	return &API{name: name, base: strings.TrimSuffix(c.APIURL, "/"), key: c.APIKey, now: now,
		api: source.NewAPI(name, deps, c.Timeout, c.RatePerSecond)}, nil
}
