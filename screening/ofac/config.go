package ofac

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/screening/source"
)

// Name is the source's name in KYCGATE_SCREENERS and the prefix of its variables
// (KYCGATE_OFAC_*).
const Name = "ofac"

// DefaultSDNURL is OFAC's SDN advanced XML export (it redirects; about 116 MB).
const DefaultSDNURL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML"

// Entry registers the source: source.Registry{ofac.Name: ofac.Entry}.
var Entry = source.Entry{ConfName: Name, New: func() source.Config { return &Config{} }}

// Config is the OFAC source's schema, read from KYCGATE_OFAC_*.
type Config struct {
	// SDNURL is where the list is downloaded from (KYCGATE_OFAC_SDN_URL): the advanced XML
	// export or a plain list, http(s).
	SDNURL string `env:"SDN_URL" default:"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML"`
	// SDNFile, when set, is read instead of downloading (KYCGATE_OFAC_SDN_FILE): the XML
	// export or one address per line. It is read at start (an unreadable file fails the
	// start) and again at every refresh.
	SDNFile string `env:"SDN_FILE"`
	// Refresh is how often the list is reloaded (KYCGATE_OFAC_REFRESH).
	Refresh time.Duration `env:"REFRESH" default:"24h"`
	// MaxAge is the oldest list that may answer (KYCGATE_OFAC_MAX_AGE; 0: no limit). Not
	// enforced under --dev.
	MaxAge time.Duration `env:"MAX_AGE" default:"720h"`
	// Timeout bounds one download (KYCGATE_OFAC_TIMEOUT).
	Timeout time.Duration `env:"TIMEOUT" default:"5m"`
	// MaxBytes bounds the size of a download or file (KYCGATE_OFAC_MAX_BYTES).
	MaxBytes int64 `env:"MAX_BYTES" default:"536870912"`
}

// Validate implements conf's validation: each error names its field.
func (c *Config) Validate() error {
	u, err := url.Parse(c.SDNURL)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return conf.Invalid("SDNURL", "want an absolute http(s) URL such as "+DefaultSDNURL)
	case u.User != nil:
		return conf.Invalid("SDNURL", "want a URL without credentials")
	case c.Refresh < time.Minute:
		return conf.Invalid("Refresh", "want at least 1m")
	case c.MaxAge < 0:
		return conf.Invalid("MaxAge", "want 0 (no limit) or a positive duration")
	case c.MaxAge > 0 && c.MaxAge < c.Refresh:
		return conf.Invalid("MaxAge", "want at least KYCGATE_OFAC_REFRESH, or every list would expire before the next refresh")
	case c.Timeout <= 0 || c.Timeout > time.Hour:
		return conf.Invalid("Timeout", "want a duration above 0 and at most 1h")
	case c.MaxBytes < 1<<20:
		return conf.Invalid("MaxBytes", "want at least 1048576 (1 MiB)")
	}
	return nil
}

// Open implements source.Config: it validates the settings and returns the source,
// answering from the embedded snapshot, or from SDNFile when set.
func (c *Config) Open(name string, deps source.Deps) (source.Screener, error) {
	return c.open(name, deps)
}

func (c *Config) open(name string, deps source.Deps) (*Screener, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("ofac: %w", err)
	}
	now := deps.Now
	if now == nil {
		now = time.Now
	}
	snap, err := snapshot()
	if err != nil {
		return nil, err
	}
	s := &Screener{
		name: name, url: c.SDNURL, file: c.SDNFile, every: c.Refresh, maxBytes: c.MaxBytes,
		client: &http.Client{Timeout: c.Timeout}, now: now,
	}
	if !deps.Dev {
		s.maxAge = c.MaxAge
	}
	s.store(snap, OriginSnapshot)
	if c.SDNFile != "" {
		l, err := s.readFile()
		if err != nil {
			return nil, fmt.Errorf("ofac: KYCGATE_OFAC_SDN_FILE: %w", err)
		}
		s.store(l, OriginFile)
	}
	return s, nil
}
