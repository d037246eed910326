package server

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/pii"
)

// Config is the gateway's configuration. Every field has a flag and a KYCGATE_*
// environment variable (flag "public-url" ↔ KYCGATE_PUBLIC_URL); flags win over the
// environment, which wins over WithDefaults.
type Config struct {
	// Listen is the address to serve on: by default :8080 (every interface), or
	// 127.0.0.1:8080 in development (Dev), whose keys and relaxed webhook checks must not
	// be reachable from the network unless an address is given explicitly.
	Listen string
	// PublicURL is the origin users reach; SIWE's domain and URI checks derive from it.
	PublicURL string
	// DatabaseURL selects the store: postgres://…, sqlite://PATH or memory.
	DatabaseURL string
	// DBMaxConns is the most PostgreSQL connections this replica opens (River's share the
	// pool): DefaultDBMaxConns unless set. N replicas need N × DBMaxConns connections
	// within PostgreSQL's max_connections (less its reserved ones). SQLite ignores it.
	DBMaxConns int
	// PprofListen, when set (e.g. 127.0.0.1:6060), serves net/http/pprof's /debug/pprof
	// on its own listener for operators; never on Listen. Empty (the default): off.
	PprofListen string
	// Dev turns on the development bootstrap of `make run`: a development tenant,
	// signing key and data key kept under DataDir.
	Dev bool
	// DataDir holds development files (keys, the dev tenant's credentials).
	DataDir string
	// LogLevel is debug, info, warn or error; LogFormat is json or text.
	LogLevel  string
	LogFormat string
	// BodyLimit is the largest request body accepted, in bytes.
	BodyLimit int64
	// ShutdownTimeout bounds how long in-flight requests may take after SIGTERM.
	ShutdownTimeout time.Duration
	// ChainIDs are the chains a SIWE message may name.
	ChainIDs []uint64
	// RPCURLs are JSON-RPC endpoints per chain id, for contract-wallet signatures.
	RPCURLs map[uint64]string
	// CookieSecure marks the session cookie Secure; false only for local http.
	CookieSecure bool
	// NonceTTL is how long a SIWE nonce stays usable; SessionTTL how long a session lasts.
	NonceTTL   time.Duration
	SessionTTL time.Duration
	// ConsoleIdleTimeout ends a reviewer's or operator's browser session (/review,
	// /admin) unused this long (KYCGATE_CONSOLE_IDLE_TIMEOUT, default 15m);
	// ConsoleMaxAge ends it this long after sign-in however active
	// (KYCGATE_CONSOLE_MAX_AGE, default 8h).
	ConsoleIdleTimeout, ConsoleMaxAge time.Duration
	// CORSOrigins are the dApp front-end origins whose browsers may call the API (with
	// bearer tokens), comma-separated; "*" for any.
	CORSOrigins string
	// MaxWallets is the most wallets one subject (account) may have linked; linking one
	// more, or a customer link that would move wallets past it, is refused.
	MaxWallets int
	// RateLimit is the number of nonce and sign-in requests allowed per client IP per
	// minute on each replica; 0 disables it.
	RateLimit int
	// SignerKeyFile is the attestation signing key (hex secp256k1, mode 0600);
	// SignerKey is the same as a hex string, for platforms that inject secrets as
	// environment variables. Without either (and outside dev mode) the gateway verifies
	// attestations but does not issue them.
	SignerKeyFile string
	SignerKey     string
	// TrustedSigners are extra addresses whose attestations still verify (rotation).
	TrustedSigners string
	// EASDomains overrides or adds EAS deployments: chainId=address@version,…
	EASDomains string
	// AttestationTTL is how long a new attestation is valid.
	AttestationTTL time.Duration
	// DataKey seals personal data at rest (AES-256-GCM): 32 bytes as 64 hex digits.
	// `serve` refuses to start without it outside dev mode, where a development key is
	// kept under DataDir. OldDataKeys (comma-separated) still open data sealed before a
	// rotation.
	DataKey     string
	OldDataKeys string
	// UploadLimit is the largest document or selfie upload in bytes.
	UploadLimit int64
	// Verifiers are the onchain registries revocations are published to, per chain: the
	// chain's KYCVerifier first (the discovery document lists it), then any KYCGated
	// integrators. KYCGATE_VERIFIERS is chainId=0xaddress,… (a chain may repeat).
	Verifiers map[uint64][]common.Address
	// RevokerKeyFile is the key (hex secp256k1, mode 0600) that sends revocations to the
	// Verifiers through KYCGATE_RPC_URLS; it must be a revoker on each of them.
	RevokerKeyFile string
	// WebhookAllowHTTP accepts http:// tenant webhook URLs (https only otherwise);
	// WebhookAllowPrivate lets them reach loopback, private, link-local and unspecified
	// addresses (refused otherwise, at registration and at connect time). Dev mode
	// allows both.
	WebhookAllowHTTP    bool
	WebhookAllowPrivate bool
	// Webhook delivery (notify.Delivery): WebhookRetryFor is how long an event is retried
	// after its first attempt before it fails; WebhookTimeout bounds one attempt;
	// WebhookConcurrency is how many of one tenant's events this replica sends at once;
	// after WebhookBreakerFailures consecutive failures of a tenant's endpoint its events
	// wait WebhookBreakerOpen (then one probe decides).
	WebhookRetryFor        time.Duration
	WebhookTimeout         time.Duration
	WebhookConcurrency     int
	WebhookBreakerFailures int
	WebhookBreakerOpen     time.Duration
	// MetricsTenantLabels is how many tenants get their own label value on the
	// per-tenant delivery metrics; the rest are counted under tenant="other".
	MetricsTenantLabels int
	// Providers are the enabled KYC providers, by registry name (KYCGATE_PROVIDERS,
	// comma-separated); the first is the default. Each reads its own settings from
	// KYCGATE_<NAME>_* through Env.
	Providers []string
	// PersonScreeners are the enabled person-screening services (sanctions, PEP, adverse
	// media) every approval is screened with first, by name (KYCGATE_PERSON_SCREENERS,
	// comma-separated; at most one: kora). Empty: no person screening.
	PersonScreeners []string
	// ProviderPollAfter is how long an open verification of an external provider stays
	// unchanged before it is fetched from the provider (polling covers lost webhooks).
	ProviderPollAfter time.Duration
	// RetentionDocuments is how long personal data is kept after a subject's last
	// decision (KYCGATE_RETENTION_DOCUMENTS; kyc.DefaultRetentionDocuments, five years);
	// RetentionAbandoned how long after its last start a subject that never reached a
	// decision is kept (KYCGATE_RETENTION_ABANDONED; kyc.DefaultRetentionAbandoned, 90
	// days). The retention job erases what is past its time.
	RetentionDocuments, RetentionAbandoned time.Duration
	// Screeners are the enabled wallet-screening sources, by registry name
	// (KYCGATE_SCREENERS, comma-separated; default ofac, which needs no account). Each
	// reads its own settings from KYCGATE_<NAME>_*; the policy and cache come from
	// KYCGATE_SCREENING_* (screening.Settings).
	Screeners []string
	// RescreenEvery is how old a screening may grow before the periodic job screens the
	// wallet again (wallets holding a valid attestation or shared with a tenant).
	RescreenEvery time.Duration
	// Env looks up adapter settings (KYCGATE_<NAME>_*); os.Getenv when nil. It is not a
	// flag: each adapter's Config is its own schema (package conf).
	Env func(string) string
}

// DevListen is where a development gateway (--dev) listens unless told otherwise:
// loopback only.
const DevListen = "127.0.0.1:8080"

// WithDefaults returns c with every unset field at its default.
func (c Config) WithDefaults() Config {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	if c.Dev {
		def(&c.Listen, DevListen)
	}
	def(&c.Listen, ":8080")
	def(&c.PublicURL, "http://localhost:8080")
	def(&c.DatabaseURL, "sqlite://./data/kycgate.db")
	def(&c.DataDir, "./data")
	def(&c.LogLevel, "info")
	def(&c.LogFormat, "json")
	if c.BodyLimit == 0 {
		c.BodyLimit = 1 << 20
	}
	if c.ShutdownTimeout == 0 {
		c.ShutdownTimeout = 20 * time.Second
	}
	if c.ChainIDs == nil {
		c.ChainIDs = []uint64{1, 10, 8453}
	}
	if c.RPCURLs == nil {
		c.RPCURLs = map[uint64]string{}
	}
	if c.NonceTTL == 0 {
		c.NonceTTL = 5 * time.Minute
	}
	if c.SessionTTL == 0 {
		c.SessionTTL = 24 * time.Hour
	}
	if c.ConsoleIdleTimeout == 0 {
		c.ConsoleIdleTimeout = auth.DefaultConsoleIdleTimeout
	}
	if c.ConsoleMaxAge == 0 {
		c.ConsoleMaxAge = auth.DefaultConsoleMaxAge
	}
	if c.AttestationTTL == 0 {
		c.AttestationTTL = 180 * 24 * time.Hour
	}
	if c.RetentionDocuments == 0 {
		c.RetentionDocuments = kyc.DefaultRetentionDocuments
	}
	if c.RetentionAbandoned == 0 {
		c.RetentionAbandoned = kyc.DefaultRetentionAbandoned
	}
	if c.ProviderPollAfter == 0 {
		c.ProviderPollAfter = kyc.DefaultPollAfter
	}
	if c.UploadLimit == 0 {
		c.UploadLimit = 10 << 20
	}
	if c.WebhookRetryFor == 0 {
		c.WebhookRetryFor = notify.DefaultRetryFor
	}
	if c.WebhookTimeout == 0 {
		c.WebhookTimeout = notify.DefaultTimeout
	}
	if c.WebhookConcurrency == 0 {
		c.WebhookConcurrency = notify.DefaultConcurrency
	}
	if c.WebhookBreakerFailures == 0 {
		c.WebhookBreakerFailures = notify.DefaultBreakerFailures
	}
	if c.WebhookBreakerOpen == 0 {
		c.WebhookBreakerOpen = notify.DefaultBreakerOpen
	}
	if c.MetricsTenantLabels == 0 {
		c.MetricsTenantLabels = 100
	}
	if len(c.Providers) == 0 {
		c.Providers = []string{"manual"}
	}
	if c.Env == nil {
		c.Env = os.Getenv
	}
	if len(c.Screeners) == 0 {
		c.Screeners = []string{"ofac"}
	}
	if c.RescreenEvery == 0 {
		c.RescreenEvery = 24 * time.Hour
	}
	if c.MaxWallets == 0 {
		c.MaxWallets = 100
	}
	if c.DBMaxConns == 0 {
		c.DBMaxConns = DefaultDBMaxConns()
	}
	return c
}

// DefaultDBMaxConns is the PostgreSQL pool size of a replica unless KYCGATE_DB_MAX_CONNS
// says otherwise: 4 per CPU the process may use (GOMAXPROCS), at least 8. A request holds
// a connection only for its statements (a sign-in's is one round trip), so a few per
// core keep the cores busy while others wait on the network or the database's commit.
func DefaultDBMaxConns() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

// Validate reports the first bad setting, naming its environment variable.
func (c Config) Validate() error {
	bad := func(env, value, why string) error {
		return fmt.Errorf("invalid %s %q: %s", env, value, why)
	}
	if _, port, err := splitHostPort(c.Listen); err != nil || port == "" {
		return bad("KYCGATE_LISTEN", c.Listen, "want host:port or :port")
	}
	u, err := url.Parse(c.PublicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return bad("KYCGATE_PUBLIC_URL", c.PublicURL, "want an origin such as https://kyc.example.com (scheme and host, no path)")
	}
	if _, err := ParseDatabaseURL(c.DatabaseURL); err != nil {
		return bad("KYCGATE_DATABASE_URL", c.DatabaseURL, err.Error())
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, c.LogLevel) {
		return bad("KYCGATE_LOG_LEVEL", c.LogLevel, "want debug, info, warn or error")
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return bad("KYCGATE_LOG_FORMAT", c.LogFormat, "want json or text")
	}
	if c.BodyLimit < 1024 {
		return bad("KYCGATE_BODY_LIMIT", strconv.FormatInt(c.BodyLimit, 10), "want at least 1024 bytes")
	}
	if c.ShutdownTimeout <= 0 {
		return bad("KYCGATE_SHUTDOWN_TIMEOUT", c.ShutdownTimeout.String(), "must be positive")
	}
	if len(c.ChainIDs) == 0 {
		return bad("KYCGATE_CHAIN_IDS", "", "at least one chain id is required")
	}
	for id, raw := range c.RPCURLs {
		if u, err := url.Parse(raw); err != nil || u.Scheme == "" || u.Host == "" {
			return bad("KYCGATE_RPC_URLS", fmt.Sprintf("%d=%s", id, raw), "want chainId=http(s)://… or ws(s)://…")
		}
	}
	if c.NonceTTL < 10*time.Second || c.NonceTTL > time.Hour {
		return bad("KYCGATE_NONCE_TTL", c.NonceTTL.String(), "want between 10s and 1h")
	}
	if c.SessionTTL < time.Minute {
		return bad("KYCGATE_SESSION_TTL", c.SessionTTL.String(), "want at least 1m")
	}
	if c.ConsoleIdleTimeout < time.Minute || c.ConsoleIdleTimeout > 24*time.Hour {
		return bad("KYCGATE_CONSOLE_IDLE_TIMEOUT", c.ConsoleIdleTimeout.String(), "want between 1m and 24h")
	}
	if c.ConsoleMaxAge < c.ConsoleIdleTimeout || c.ConsoleMaxAge > 7*24*time.Hour {
		return bad("KYCGATE_CONSOLE_MAX_AGE", c.ConsoleMaxAge.String(), "want at least KYCGATE_CONSOLE_IDLE_TIMEOUT and at most 168h")
	}
	if c.SignerKeyFile != "" && c.SignerKey != "" {
		return bad("KYCGATE_SIGNER_KEY", "(secret)", "set KYCGATE_SIGNER_KEY or KYCGATE_SIGNER_KEY_FILE, not both")
	}
	if _, err := signer.ParseAddresses(c.TrustedSigners); err != nil {
		return bad("KYCGATE_TRUSTED_SIGNERS", c.TrustedSigners, err.Error())
	}
	if _, err := attest.ParseDomains(c.EASDomains); err != nil {
		return bad("KYCGATE_EAS_DOMAINS", c.EASDomains, err.Error())
	}
	if c.AttestationTTL < time.Hour {
		return bad("KYCGATE_ATTESTATION_TTL", c.AttestationTTL.String(), "want at least 1h")
	}
	if _, _, err := c.DataKeys(); err != nil {
		return err
	}
	if c.ProviderPollAfter < time.Minute {
		return bad("KYCGATE_PROVIDER_POLL_AFTER", c.ProviderPollAfter.String(), "want at least 1m")
	}
	if err := c.validateScreeningAndRetention(); err != nil {
		return err
	}
	if err := c.validateWebhooks(); err != nil {
		return err
	}
	if c.UploadLimit < 1024 || c.UploadLimit > 100<<20 {
		return bad("KYCGATE_UPLOAD_LIMIT", strconv.FormatInt(c.UploadLimit, 10), "want 1024 to 104857600 bytes")
	}
	if _, err := api.ParseOrigins(c.CORSOrigins); err != nil {
		return fmt.Errorf("invalid KYCGATE_CORS_ORIGINS: %w", err)
	}
	if c.MaxWallets < 1 || c.MaxWallets > 10000 {
		return bad("KYCGATE_MAX_WALLETS", strconv.Itoa(c.MaxWallets), "want 1 to 10000")
	}
	for i, p := range c.Providers {
		if !providerName.MatchString(p) || slices.Contains(c.Providers[:i], p) {
			return bad("KYCGATE_PROVIDERS", strings.Join(c.Providers, ","), "want distinct provider names such as manual,sumsub")
		}
	}
	if c.DBMaxConns < 2 || c.DBMaxConns > 10000 {
		return bad("KYCGATE_DB_MAX_CONNS", strconv.Itoa(c.DBMaxConns), "want 2 to 10000 (River keeps one for its notifications)")
	}
	if c.PprofListen != "" {
		if _, port, err := splitHostPort(c.PprofListen); err != nil || port == "" || c.PprofListen == c.Listen {
			return bad("KYCGATE_PPROF_LISTEN", c.PprofListen, "want host:port (e.g. 127.0.0.1:6060), not the public listen address")
		}
	}
	if c.RateLimit < 0 {
		return bad("KYCGATE_RATE_LIMIT", strconv.Itoa(c.RateLimit), "must not be negative")
	}
	for id, list := range c.Verifiers {
		for _, a := range list {
			if id == 0 || a == (common.Address{}) {
				return bad("KYCGATE_VERIFIERS", (*chainAddresses)(&c.Verifiers).String(), "want chainId=0xaddress,… with non-zero addresses")
			}
		}
	}
	return nil
}

var providerName = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

func splitHostPort(s string) (string, string, error) {
	i := strings.LastIndex(s, ":")
	if i < 0 {
		return "", "", errors.New("no port")
	}
	if _, err := strconv.ParseUint(s[i+1:], 10, 16); err != nil {
		return "", "", err
	}
	return s[:i], s[i+1:], nil
}

// Flags registers every Config field on fs, with c's values as defaults.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Listen, "listen", c.Listen, "address to serve on (default :8080, or "+DevListen+" with --dev)")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "origin users reach (SIWE domain and URI derive from it)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "postgres://…, sqlite://PATH or memory")
	fs.IntVar(&c.DBMaxConns, "db-max-conns", c.DBMaxConns, "most PostgreSQL connections of this replica (default 4 per CPU, at least 8)")
	fs.StringVar(&c.PprofListen, "pprof-listen", c.PprofListen, "serve /debug/pprof on this separate address, e.g. 127.0.0.1:6060 (off unless set)")
	fs.BoolVar(&c.Dev, "dev", c.Dev, "development bootstrap: dev tenant and keys under the data dir")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory for development files")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "json or text")
	fs.Int64Var(&c.BodyLimit, "body-limit", c.BodyLimit, "largest request body in bytes")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "grace period for in-flight requests")
	fs.Var((*chainIDList)(&c.ChainIDs), "chain-ids", "allowed SIWE chain ids, comma-separated")
	fs.Var((*chainURLs)(&c.RPCURLs), "rpc-urls", "JSON-RPC URL per chain: chainId=url,…")
	fs.BoolVar(&c.CookieSecure, "cookie-secure", c.CookieSecure, "mark the session cookie Secure")
	fs.DurationVar(&c.NonceTTL, "nonce-ttl", c.NonceTTL, "SIWE nonce lifetime")
	fs.DurationVar(&c.SessionTTL, "session-ttl", c.SessionTTL, "wallet session lifetime")
	fs.DurationVar(&c.ConsoleIdleTimeout, "console-idle-timeout", c.ConsoleIdleTimeout, "reviewer and operator browser sessions end after this long unused")
	fs.DurationVar(&c.ConsoleMaxAge, "console-max-age", c.ConsoleMaxAge, "reviewer and operator browser sessions end this long after sign-in")
	fs.StringVar(&c.CORSOrigins, "cors-origins", c.CORSOrigins, "dApp origins allowed to call the API from browsers, comma-separated (* for any)")
	fs.IntVar(&c.MaxWallets, "max-wallets", c.MaxWallets, "most wallets one account may link")
	fs.IntVar(&c.RateLimit, "rate-limit", c.RateLimit, "nonce and sign-in requests per client IP per minute (0: off)")
	fs.StringVar(&c.SignerKeyFile, "signer-key-file", c.SignerKeyFile, "attestation signing key file (hex, mode 0600)")
	fs.StringVar(&c.SignerKey, "signer-key", c.SignerKey, "attestation signing key as hex (prefer the file)")
	fs.StringVar(&c.TrustedSigners, "trusted-signers", c.TrustedSigners, "extra trusted attester addresses, comma-separated")
	fs.StringVar(&c.EASDomains, "eas-domains", c.EASDomains, "EAS deployments: chainId=address@version,… (over built-in 1, 10, 8453)")
	fs.DurationVar(&c.AttestationTTL, "attestation-ttl", c.AttestationTTL, "validity of new attestations")
	fs.Var((*chainAddresses)(&c.Verifiers), "verifiers", "onchain registries revocations go to: chainId=0xaddress,… (a chain may repeat)")
	fs.StringVar(&c.RevokerKeyFile, "revoker-key-file", c.RevokerKeyFile, "key that sends onchain revocations (hex, mode 0600)")
	fs.StringVar(&c.DataKey, "data-key", c.DataKey, "key sealing personal data at rest: 64 hex digits (required outside --dev)")
	fs.StringVar(&c.OldDataKeys, "old-data-keys", c.OldDataKeys, "retired data keys still opening older data, comma-separated")
	fs.Int64Var(&c.UploadLimit, "upload-limit", c.UploadLimit, "largest document or selfie upload in bytes")
	fs.Var((*nameList)(&c.Providers), "providers", "enabled KYC providers, comma-separated; the first is the default")
	fs.Var((*nameList)(&c.PersonScreeners), "person-screeners", "person-screening services every approval is screened with first (kora); empty: none")
	fs.DurationVar(&c.ProviderPollAfter, "provider-poll-after", c.ProviderPollAfter,
		"poll an external provider for a verification unchanged this long (lost webhooks)")
	fs.DurationVar(&c.RetentionDocuments, "retention-documents", c.RetentionDocuments,
		"erase personal data this long after a subject's last decision (AML record keeping)")
	fs.DurationVar(&c.RetentionAbandoned, "retention-abandoned", c.RetentionAbandoned,
		"erase a subject that never reached a decision this long after its last start")
	fs.Var((*nameList)(&c.Screeners), "screeners", "enabled wallet-screening sources, comma-separated (default ofac)")
	fs.DurationVar(&c.RescreenEvery, "rescreen-every", c.RescreenEvery,
		"screen wallets with a valid attestation or shared with a tenant again when their screening is this old")
	fs.BoolVar(&c.WebhookAllowHTTP, "webhook-allow-http", c.WebhookAllowHTTP, "accept http:// tenant webhook URLs (https only otherwise)")
	fs.BoolVar(&c.WebhookAllowPrivate, "webhook-allow-private", c.WebhookAllowPrivate,
		"let tenant webhooks reach loopback, private and link-local addresses (SSRF protection off)")
	fs.DurationVar(&c.WebhookRetryFor, "webhook-retry-for", c.WebhookRetryFor, "retry a webhook delivery this long after its first attempt, then fail it")
	fs.DurationVar(&c.WebhookTimeout, "webhook-timeout", c.WebhookTimeout, "bound of one webhook delivery attempt")
	fs.IntVar(&c.WebhookConcurrency, "webhook-concurrency", c.WebhookConcurrency, "webhook deliveries in flight per tenant, per replica")
	fs.IntVar(&c.WebhookBreakerFailures, "webhook-breaker-failures", c.WebhookBreakerFailures,
		"consecutive failures of a tenant's endpoint that open its circuit breaker")
	fs.DurationVar(&c.WebhookBreakerOpen, "webhook-breaker-open", c.WebhookBreakerOpen, "how long an open breaker holds a tenant's deliveries before a probe")
	fs.IntVar(&c.MetricsTenantLabels, "metrics-tenant-labels", c.MetricsTenantLabels,
		"tenants that get their own label on delivery metrics; the rest count as tenant=\"other\"")
}

// DataKeys parses the data key and the old ones; the key is nil when none is set.
func (c Config) DataKeys() (*pii.Key, []pii.Key, error) {
	var key *pii.Key
	if c.DataKey != "" {
		k, err := pii.ParseKey(c.DataKey)
		if err != nil {
			return nil, nil, fmt.Errorf("invalid KYCGATE_DATA_KEY (secret): %w", err)
		}
		key = &k
	}
	var old []pii.Key
	for _, raw := range strings.Split(c.OldDataKeys, ",") {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		k, err := pii.ParseKey(raw)
		if err != nil {
			return nil, nil, fmt.Errorf("invalid KYCGATE_OLD_DATA_KEYS (secret): %w", err)
		}
		old = append(old, k)
	}
	return key, old, nil
}

// CORSList is CORSOrigins as browsers send them (api.ParseOrigins); Validate refuses a
// list with an entry that is not an origin, and this returns nil for one.
func (c Config) CORSList() []string {
	out, err := api.ParseOrigins(c.CORSOrigins)
	if err != nil {
		return nil
	}
	return out
}

// EnvName is the environment variable of a flag: "public-url" → KYCGATE_PUBLIC_URL.
func EnvName(flagName string) string {
	return "KYCGATE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// ApplyEnv sets every flag of fs whose KYCGATE_* variable is set in the environment
// (looked up with getenv), reporting a bad value by its variable's name.
func ApplyEnv(fs *flag.FlagSet, getenv func(string) string) error {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if err != nil {
			return
		}
		env := EnvName(f.Name)
		if v := getenv(env); v != "" {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("invalid %s %q: %v", env, v, e)
			}
		}
	})
	return err
}

// LoadConfig builds a Config from defaults, the environment and command-line args
// (flags win), then validates it. Extra flags may be registered on fs before calling.
func LoadConfig(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	c := Config{CookieSecure: true, RateLimit: 60, Env: getenv}.WithDefaults()
	c.Listen = "" // its default depends on --dev, known only after parsing
	c.Flags(fs)
	if err := ApplyEnv(fs, getenv); err != nil {
		return c, err
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c = c.WithDefaults()
	return c, c.Validate()
}

// LoadConfigFromEnv is LoadConfig with the process environment.
func LoadConfigFromEnv(fs *flag.FlagSet, args []string) (Config, error) {
	return LoadConfig(fs, args, os.Getenv)
}
