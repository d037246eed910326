package trm

import (
	"fmt"
	"log/slog"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/screening/source"
)

// Name is the source's name in KYCGATE_SCREENERS and the prefix of its variables
// (KYCGATE_TRM_*).
const Name = "trm"

// DefaultURL is TRM Labs' API origin.
const DefaultURL = "https://api.trmlabs.com"

// Modes (KYCGATE_TRM_MODE).
const (
	ModeSanctions = "sanctions"
	ModeRisk      = "risk"
)

// Free-tier and keyed rates TRM documents for the sanctions check (requests per second).
const (
	FreeRatePerSecond  = 1
	KeyedRatePerSecond = 1000
)

// MaxBatch bounds KYCGATE_TRM_BATCH_SIZE.
const MaxBatch = 1000

// Entry registers the source: source.Registry{trm.Name: trm.Entry}.
var Entry = source.Entry{ConfName: Name, New: func() source.Config { return &Config{} }}

// DefaultChains maps EIP-155 chain ids to TRM's chain names.
func DefaultChains() map[uint64]string {
	return map[uint64]string{
		1: "ethereum", 10: "optimism", 56: "binance_smart_chain", 137: "polygon",
		8453: "base", 42161: "arbitrum", 43114: "avalanche_c_chain",
	}
}

var chainName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// ParseChains reads "chainId=name,…" on top of DefaultChains.
func ParseChains(raw string) (map[uint64]string, error) {
	out := DefaultChains()
	for pair := range strings.SplitSeq(raw, ",") {
		if pair = strings.TrimSpace(pair); pair == "" {
			continue
		}
		id, name, ok := strings.Cut(pair, "=")
		n, err := strconv.ParseUint(strings.TrimSpace(id), 10, 64)
		name = strings.TrimSpace(name)
		if !ok || err != nil || n == 0 || !chainName.MatchString(name) {
			return nil, fmt.Errorf("want chainId=name pairs (name in lower case, e.g. 1=ethereum) separated by commas, not %q", pair)
		}
		out[n] = name
	}
	return out, nil
}

// Config is the TRM source's schema, read from KYCGATE_TRM_*. The API key is a secret:
// never logged nor echoed in errors.
type Config struct {
	// URL is TRM's API origin (KYCGATE_TRM_URL), no path.
	URL string `env:"URL" default:"https://api.trmlabs.com"`
	// APIKey is sent as the Basic auth user name (KYCGATE_TRM_API_KEY); optional in
	// sanctions mode, required in risk mode.
	APIKey string `env:"API_KEY"`
	// Mode is sanctions (the free check) or risk (wallet screening v2).
	Mode string `env:"MODE" default:"sanctions"`
	// Chains adds or overrides chain names (KYCGATE_TRM_CHAINS: "1=ethereum,…").
	Chains string `env:"CHAINS"`
	// Timeout bounds one call (KYCGATE_TRM_TIMEOUT).
	Timeout time.Duration `env:"TIMEOUT" default:"10s"`
	// RatePerSecond paces the calls (KYCGATE_TRM_RATE_PER_SECOND); 0: TRM's documented rate
	// for the key (1 without one, 1000 with one).
	RatePerSecond float64 `env:"RATE_PER_SECOND" default:"0"`
	// BatchSize is the most addresses sent in one call (KYCGATE_TRM_BATCH_SIZE).
	BatchSize int `env:"BATCH_SIZE" default:"100"`
}

// Validate implements conf's validation: each error names its field.
func (c *Config) Validate() error {
	if err := conf.Origin("URL", c.URL, DefaultURL); err != nil {
		return err
	}
	if _, err := ParseChains(c.Chains); err != nil {
		return conf.Invalid("Chains", err.Error())
	}
	switch {
	case c.Mode != ModeSanctions && c.Mode != ModeRisk:
		return conf.Invalid("Mode", "want sanctions or risk")
	case c.Mode == ModeRisk && strings.TrimSpace(c.APIKey) == "":
		return conf.Invalid("APIKey", "is required in risk mode (KYCGATE_TRM_MODE=risk)")
	case c.Timeout <= 0 || c.Timeout > 5*time.Minute:
		return conf.Invalid("Timeout", "want a duration above 0 and at most 5m")
	case c.RatePerSecond < 0 || c.RatePerSecond > 10_000:
		return conf.Invalid("RatePerSecond", "want 0 (TRM's rate for the key) or a number above 0 and at most 10000")
	case c.BatchSize < 1 || c.BatchSize > MaxBatch:
		return conf.Invalid("BatchSize", fmt.Sprintf("want 1 to %d", MaxBatch))
	}
	return nil
}

// LogValue keeps the API key out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("url", c.URL), slog.String("mode", c.Mode), slog.Bool("apiKeySet", c.APIKey != ""),
		slog.String("chains", c.Chains), slog.Duration("timeout", c.Timeout),
		slog.Float64("ratePerSecond", c.RatePerSecond), slog.Int("batchSize", c.BatchSize))
}

// Open implements source.Config.
func (c *Config) Open(name string, deps source.Deps) (source.Screener, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("trm: %w", err)
	}
	chains, _ := ParseChains(c.Chains)
	rate := c.RatePerSecond
	if rate == 0 {
		rate = FreeRatePerSecond
		if c.APIKey != "" {
			rate = KeyedRatePerSecond
		}
	}
	now := deps.Now
	if now == nil {
		now = time.Now
	}
	return &Screener{name: name, base: strings.TrimSuffix(c.URL, "/"), key: c.APIKey, mode: c.Mode,
		chains: maps.Clone(chains), batch: c.BatchSize, now: now,
		api: source.NewAPI(name, deps, c.Timeout, rate)}, nil
}
