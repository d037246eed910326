package didit

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/kyc/provider"
)

// Type is the provider's name in KYCGATE_PROVIDERS and the registry.
const Type = "didit"

// DefaultBaseURL is Didit's verification API origin.
const DefaultBaseURL = "https://verification.didit.me"

// Config is the Didit adapter's schema, read from KYCGATE_DIDIT_*. The API key and the
// webhook secret are secrets: they are never logged nor echoed in errors.
type Config struct {
	// BaseURL is Didit's API origin (KYCGATE_DIDIT_BASE_URL), no path.
	BaseURL string `env:"BASE_URL" default:"https://verification.didit.me"`
	// APIKey authenticates every API call (x-api-key).
	APIKey string `env:"API_KEY,required"`
	// WorkflowID is the Didit workflow sessions are created with.
	WorkflowID string `env:"WORKFLOW_ID,required"`
	// WebhookSecret keys the webhooks' X-Signature.
	WebhookSecret string `env:"WEBHOOK_SECRET,required"`
	// CallbackURL is where Didit sends the user when the session ends; empty: the
	// gateway's public URL.
	CallbackURL string `env:"CALLBACK_URL"`
	// Level is the gateway level an approval grants (1 to provider.MaxLevel).
	Level int `default:"1"`
	// Timeout bounds one API call.
	Timeout time.Duration `default:"30s"`
}

// NewConfig returns an empty Config (the registry's factory).
func NewConfig() provider.Config { return &Config{} }

// Validate implements conf's validation: each error names its field.
func (c *Config) Validate() error {
	if err := conf.Origin("BaseURL", c.BaseURL, DefaultBaseURL); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(c.APIKey) == "":
		return conf.Invalid("APIKey", "must not be empty")
	case strings.TrimSpace(c.WorkflowID) == "":
		return conf.Invalid("WorkflowID", "must not be empty")
	case strings.TrimSpace(c.WebhookSecret) == "":
		return conf.Invalid("WebhookSecret", "must not be empty")
	case c.Level < 1 || c.Level > provider.MaxLevel:
		return conf.Invalid("Level", fmt.Sprintf("want 1 to %d", provider.MaxLevel))
	case c.Timeout <= 0 || c.Timeout > 5*time.Minute:
		return conf.Invalid("Timeout", "want a duration above 0 and at most 5m")
	}
	if c.CallbackURL != "" {
		cb, err := url.Parse(c.CallbackURL)
		if err != nil || (cb.Scheme != "https" && cb.Scheme != "http") || cb.Host == "" || cb.User != nil {
			return conf.Invalid("CallbackURL", "want an absolute http(s) URL")
		}
	}
	return nil
}

// LogValue keeps the secrets out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("baseURL", c.BaseURL), slog.String("workflowID", c.WorkflowID),
		slog.Int("level", c.Level), slog.Duration("timeout", c.Timeout))
}

// Open implements provider.Config: it validates the settings and returns the provider.
func (c *Config) Open(name string, deps provider.Deps) (provider.Provider, error) {
	return c.open(name, deps)
}

func (c *Config) open(name string, deps provider.Deps) (*Provider, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("didit: %w", err)
	}
	callback := c.CallbackURL
	if callback == "" {
		callback = deps.PublicURL
	}
	now := deps.Now
	if now == nil {
		now = time.Now
	}
	log := deps.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Provider{
		name: name, workflowID: c.WorkflowID, level: c.Level, callback: callback,
		webhookSecret: []byte(c.WebhookSecret), now: now, log: log.With("provider", name),
		api: &client{base: strings.TrimSuffix(c.BaseURL, "/"), key: c.APIKey,
			http: &http.Client{Timeout: c.Timeout}, now: now},
	}, nil
}
