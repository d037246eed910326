package server

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// screenerName is a screening source's registry name (ofac, chainalysis-oracle).
var screenerName = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// validateScreeningAndRetention checks the wallet- and person-screening settings and the
// retention periods.
func (c Config) validateScreeningAndRetention() error {
	if c.RetentionDocuments < 24*time.Hour || c.RetentionAbandoned < 24*time.Hour {
		return invalidSetting("KYCGATE_RETENTION_DOCUMENTS/KYCGATE_RETENTION_ABANDONED",
			c.RetentionDocuments.String()+"/"+c.RetentionAbandoned.String(), "want at least 24h each")
	}
	if len(c.PersonScreeners) > 1 || (len(c.PersonScreeners) == 1 && !providerName.MatchString(c.PersonScreeners[0])) {
		return invalidSetting("KYCGATE_PERSON_SCREENERS", strings.Join(c.PersonScreeners, ","), "want one person-screening service, such as kora")
	}
	for i, p := range c.Screeners {
		if !screenerName.MatchString(p) || slices.Contains(c.Screeners[:i], p) {
			return invalidSetting("KYCGATE_SCREENERS", strings.Join(c.Screeners, ","), "want distinct source names such as ofac,chainalysis-api")
		}
	}
	if c.RescreenEvery < time.Hour {
		return invalidSetting("KYCGATE_RESCREEN_EVERY", c.RescreenEvery.String(), "want at least 1h")
	}
	return nil
}
