// Package kora is the Kora Compliance person-screening adapter (sanctions, PEP and
// adverse media): screenings in SYNC or ASYNC mode, monitored subjects and their
// periodic re-screening, and the signed webhooks that complete ASYNC screenings and
// report matches. It follows the Kora server-integration guide and the compliance API
// reference (docs.korastratum.com/compliance: api-reference, reference/error-codes,
// reference/rate-limits, guides/webhooks), summarised in PROVIDERS.md.
//
// Everything it sends is personal data: it is sent over TLS only (plain HTTP is allowed
// to a loopback address, for local fakes) and never logged, and errors never quote it.
package kora

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/screening/source"
)

// Name is the service's name in KYCGATE_PERSON_SCREENERS and the prefix of its settings
// (KYCGATE_KORA_*).
const Name = "kora"

// DefaultBaseURL is Kora's compliance API.
const DefaultBaseURL = "https://api.korastratum.com/api/v1"

// Signed-bytes forms of the webhook signature.
const (
	// SignBody signs the raw body (the integration guide's form, the default).
	SignBody = "body"
	// SignTimestampBody signs "{timestamp}.{body}", timestamp from TimestampHeader (the
	// form sibling Kora products use).
	SignTimestampBody = "timestamp.body"
)

// Checks Kora runs (checks[]).
var knownChecks = []string{"SANCTIONS", "PEP", "ADVERSE_MEDIA"}

// Config is the Kora adapter's schema, read from KYCGATE_KORA_*. The API key and the
// webhook secret are secrets: never logged nor echoed in errors.
type Config struct {
	// BaseURL is the API's base, path included (KYCGATE_KORA_BASE_URL).
	BaseURL string `env:"BASE_URL" default:"https://api.korastratum.com/api/v1"`
	// APIKey is sent as Authorization: Bearer.
	APIKey string `env:"API_KEY,required"`
	// TenantID is sent as X-Tenant-ID.
	TenantID string `env:"TENANT_ID,required"`
	// WebhookSecret keys the webhooks' HMAC-SHA256 signature.
	WebhookSecret string `env:"WEBHOOK_SECRET,required"`
	// Checks are the checks every screening runs.
	Checks []string `env:"CHECKS" default:"SANCTIONS,PEP,ADVERSE_MEDIA"`
	// SignatureHeader carries the webhook signature (hex).
	SignatureHeader string `env:"SIGNATURE_HEADER" default:"X-Webhook-Signature"`
	// SignedPayload is what the signature covers: "body" or "timestamp.body".
	SignedPayload string `env:"SIGNED_PAYLOAD" default:"body"`
	// TimestampHeader carries the timestamp of the "timestamp.body" form.
	TimestampHeader string `env:"TIMESTAMP_HEADER" default:"X-Webhook-Timestamp"`
	// Timeout bounds one API call. Kora gives a SYNC screening 30 s before it answers
	// SCREENING_TIMEOUT, so the default leaves room for that answer.
	Timeout time.Duration `default:"40s"`
	// RescreenEvery is how often a monitored person is screened again (PERIODIC).
	RescreenEvery time.Duration `env:"RESCREEN_EVERY" default:"720h"`
}

// NewConfig returns an empty Config.
func NewConfig() *Config { return &Config{} }

// Validate implements conf's validation: each error names its field.
func (c *Config) Validate() error {
	if err := tlsURL("BaseURL", c.BaseURL); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(c.APIKey) == "":
		return conf.Invalid("APIKey", "must not be empty")
	case strings.TrimSpace(c.TenantID) == "":
		return conf.Invalid("TenantID", "must not be empty")
	case strings.TrimSpace(c.WebhookSecret) == "":
		return conf.Invalid("WebhookSecret", "must not be empty")
	case len(c.Checks) == 0:
		return conf.Invalid("Checks", "want at least one of "+strings.Join(knownChecks, ","))
	case c.SignedPayload != SignBody && c.SignedPayload != SignTimestampBody:
		return conf.Invalid("SignedPayload", `want "body" or "timestamp.body"`)
	case strings.TrimSpace(c.SignatureHeader) == "":
		return conf.Invalid("SignatureHeader", "must not be empty")
	case c.SignedPayload == SignTimestampBody && strings.TrimSpace(c.TimestampHeader) == "":
		return conf.Invalid("TimestampHeader", "must not be empty with the timestamp.body form")
	case c.Timeout <= 0 || c.Timeout > 5*time.Minute:
		return conf.Invalid("Timeout", "want a duration above 0 and at most 5m")
	case c.RescreenEvery < time.Hour:
		return conf.Invalid("RescreenEvery", "want at least 1h")
	}
	for i, ch := range c.Checks {
		c.Checks[i] = strings.ToUpper(strings.TrimSpace(ch))
		if !slices.Contains(knownChecks, c.Checks[i]) {
			return conf.Invalid("Checks", fmt.Sprintf("unknown check %q (known: %s)", ch, strings.Join(knownChecks, ",")))
		}
	}
	return nil
}

// tlsURL accepts an absolute https URL, or http to a loopback host (a local fake): the
// screened person's data never crosses a network in clear.
func tlsURL(field, raw string) *conf.FieldError {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return conf.Invalid(field, "want an absolute URL such as "+DefaultBaseURL+" (no query or credentials)")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if ip := net.ParseIP(u.Hostname()); (ip != nil && ip.IsLoopback()) || u.Hostname() == "localhost" {
			return nil
		}
		return conf.Invalid(field, "want https: personal data is sent over TLS only (plain http only to a loopback address)")
	}
	return conf.Invalid(field, "want an https URL such as "+DefaultBaseURL)
}

// LogValue keeps the secrets out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("baseURL", c.BaseURL), slog.String("tenantID", c.TenantID),
		slog.Any("checks", c.Checks), slog.Duration("timeout", c.Timeout))
}

// OpenPerson implements source.PersonConfig.
func (c *Config) OpenPerson(deps source.Deps) (source.PersonScreener, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return newClient(*c, deps), nil
}
