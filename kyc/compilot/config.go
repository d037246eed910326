package compilot

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/kyc/provider"
)

// Type is the provider's name in KYCGATE_PROVIDERS and the registry.
const Type = "compilot"

// DefaultBaseURL is ComPilot's API origin.
const DefaultBaseURL = "https://api.compilot.ai"

// SecretPrefix starts a Svix webhook signing secret; the rest is the base64 key.
const SecretPrefix = "whsec_"

// Config is the ComPilot adapter's schema, read from KYCGATE_COMPILOT_*. The API key and
// the webhook secret are secrets: they are never logged nor echoed in errors.
type Config struct {
	// BaseURL is ComPilot's API origin (KYCGATE_COMPILOT_BASE_URL), no path.
	BaseURL string `env:"BASE_URL" default:"https://api.compilot.ai"`
	// APIKey authenticates every call (Authorization: Bearer).
	APIKey string `env:"API_KEY,required"`
	// WorkflowID is the ComPilot workflow sessions are opened on.
	WorkflowID string `env:"WORKFLOW_ID,required"`
	// WebhookSecret is the Svix signing secret of the webhook endpoint, whsec_<base64>.
	WebhookSecret string `env:"WEBHOOK_SECRET,required"`
	// Level is the gateway level an approval by the workflow grants (1 to provider.MaxLevel).
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
	case !validSecret(c.WebhookSecret):
		return conf.Invalid("WebhookSecret", "want the endpoint's Svix signing secret: "+SecretPrefix+" and base64")
	case c.Level < 1 || c.Level > provider.MaxLevel:
		return conf.Invalid("Level", fmt.Sprintf("want 1 to %d", provider.MaxLevel))
	case c.Timeout <= 0 || c.Timeout > 5*time.Minute:
		return conf.Invalid("Timeout", "want a duration above 0 and at most 5m")
	}
	return nil
}

// validSecret reports whether s is whsec_ followed by a non-empty standard base64 key.
func validSecret(s string) bool {
	key, ok := strings.CutPrefix(s, SecretPrefix)
	if !ok || key == "" {
		return false
	}
	wh, err := standardwebhooks.NewWebhook(s)
	return err == nil && wh != nil
}

// LogValue keeps the secrets out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("baseURL", c.BaseURL), slog.String("workflowId", c.WorkflowID),
		slog.Int("level", c.Level), slog.Duration("timeout", c.Timeout))
}

// Open implements provider.Config: it validates the settings and returns the provider.
func (c *Config) Open(name string, deps provider.Deps) (provider.Provider, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("compilot: %w", err)
	}
	wh, err := standardwebhooks.NewWebhook(c.WebhookSecret)
	if err != nil {
		return nil, fmt.Errorf("compilot: %w", conf.Invalid("WebhookSecret", "not base64"))
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
		name: name, workflowID: c.WorkflowID, origin: strings.TrimSuffix(deps.PublicURL, "/"), level: c.Level, webhook: wh, now: now, log: log.With("provider", name),
		api: &client{base: strings.TrimSuffix(c.BaseURL, "/"), key: c.APIKey, http: &http.Client{Timeout: c.Timeout}, now: now},
	}, nil
}
