package server

import (
	"fmt"
	"strconv"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// invalidSetting names a bad setting's environment variable, its value and what is wanted.
func invalidSetting(env, value, why string) error {
	return fmt.Errorf("invalid %s %q: %s", env, value, why)
}

// validateWebhooks checks the webhook delivery settings.
func (c Config) validateWebhooks() error {
	switch {
	case c.WebhookRetryFor < time.Minute || c.WebhookRetryFor > storage.OutboxRetention:
		return invalidSetting("KYCGATE_WEBHOOK_RETRY_FOR", c.WebhookRetryFor.String(), "want 1m to 720h (failed deliveries are kept 30 days)")
	case c.WebhookTimeout < time.Second || c.WebhookTimeout > time.Minute:
		return invalidSetting("KYCGATE_WEBHOOK_TIMEOUT", c.WebhookTimeout.String(), "want 1s to 1m")
	case c.WebhookConcurrency < 1 || c.WebhookConcurrency > 100:
		return invalidSetting("KYCGATE_WEBHOOK_CONCURRENCY", strconv.Itoa(c.WebhookConcurrency), "want 1 to 100")
	case c.WebhookBreakerFailures < 1 || c.WebhookBreakerFailures > 1000:
		return invalidSetting("KYCGATE_WEBHOOK_BREAKER_FAILURES", strconv.Itoa(c.WebhookBreakerFailures), "want 1 to 1000")
	case c.WebhookBreakerOpen < time.Second || c.WebhookBreakerOpen > time.Hour:
		return invalidSetting("KYCGATE_WEBHOOK_BREAKER_OPEN", c.WebhookBreakerOpen.String(), "want 1s to 1h")
	case c.MetricsTenantLabels < 1 || c.MetricsTenantLabels > 10000:
		return invalidSetting("KYCGATE_METRICS_TENANT_LABELS", strconv.Itoa(c.MetricsTenantLabels), "want 1 to 10000")
	}
	return nil
}
