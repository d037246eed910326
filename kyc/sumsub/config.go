package sumsub

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/kyc/provider"
)

// Type is the provider's name in KYCGATE_PROVIDERS and the registry.
const Type = "sumsub"

// The integration modes (KYCGATE_SUMSUB_MODE).
const (
	// ModeWebSDK: the user completes Sumsub's own widget, opened with an access token.
	ModeWebSDK = "websdk"
	// ModeAPI: Sumsub's "API integration": the gateway's hosted flow collects the
	// personal details, documents and selfie and sends them to Sumsub.
	ModeAPI = "api"
)

// DefaultBaseURL is Sumsub's API origin, for sandbox and production alike (the app
// token's sbx:/prd: prefix decides).
const DefaultBaseURL = "https://api.sumsub.com"

// Config is the Sumsub adapter's schema, read from KYCGATE_SUMSUB_*. The app token, its
// secret key and the webhook secret are secrets: they are never logged nor echoed in
// errors.
type Config struct {
	// BaseURL is Sumsub's API origin (KYCGATE_SUMSUB_BASE_URL), no path.
	BaseURL string `env:"BASE_URL" default:"https://api.sumsub.com"`
	// AppToken and SecretKey sign every API call (X-App-Token, X-App-Access-Sig).
	AppToken  string `env:"APP_TOKEN,required"`
	SecretKey string `env:"SECRET_KEY,required"`
	// WebhookSecret is the secret key of the webhook in Sumsub's dashboard (not the app
	// token's): it keys X-Payload-Digest.
	WebhookSecret string `env:"WEBHOOK_SECRET,required"`
	// LevelName is the Sumsub verification level applicants are created at.
	LevelName string `env:"LEVEL_NAME,required"`
	// Mode is websdk (default) or api.
	Mode string `default:"websdk"`
	// Level is the gateway level an approval at LevelName grants (1 to provider.MaxLevel).
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
	case strings.TrimSpace(c.AppToken) == "":
		return conf.Invalid("AppToken", "must not be empty")
	case strings.TrimSpace(c.SecretKey) == "":
		return conf.Invalid("SecretKey", "must not be empty")
	case strings.TrimSpace(c.WebhookSecret) == "":
		return conf.Invalid("WebhookSecret", "must not be empty")
	case strings.TrimSpace(c.LevelName) == "":
		return conf.Invalid("LevelName", "must not be empty")
	case c.Mode != ModeWebSDK && c.Mode != ModeAPI:
		return conf.Invalid("Mode", "want websdk or api")
	case c.Level < 1 || c.Level > provider.MaxLevel:
		return conf.Invalid("Level", fmt.Sprintf("want 1 to %d", provider.MaxLevel))
	case c.Timeout <= 0 || c.Timeout > 5*time.Minute:
		return conf.Invalid("Timeout", "want a duration above 0 and at most 5m")
	}
	return nil
}

// LogValue keeps the secrets out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("baseURL", c.BaseURL), slog.String("levelName", c.LevelName),
		slog.String("mode", c.Mode), slog.Int("level", c.Level), slog.Duration("timeout", c.Timeout))
}

// Open implements provider.Config: it validates the settings and returns the provider.
func (c *Config) Open(name string, deps provider.Deps) (provider.Provider, error) {
	return c.open(name, deps)
}

func (c *Config) open(name string, deps provider.Deps) (*Provider, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("sumsub: %w", err)
	}
	if c.Mode == ModeAPI && deps.PublicURL == "" {
		return nil, errors.New("sumsub: api mode needs the gateway's public URL for its hosted flow")
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
		name: name, mode: c.Mode, levelName: c.LevelName, level: c.Level,
		webhookSecret: []byte(c.WebhookSecret), publicURL: strings.TrimSuffix(deps.PublicURL, "/"),
		now: now, log: log.With("provider", name),
		api: &client{base: strings.TrimSuffix(c.BaseURL, "/"), token: c.AppToken, secret: []byte(c.SecretKey),
			http: &http.Client{Timeout: c.Timeout}, now: now},
	}, nil
}
