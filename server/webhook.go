package server

import (
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/pii"
)

// registerWebhooks mounts /v1/tenant/webhook and the operators' view of every tenant's
// webhooks (/v1/operator: notify.Operator), and adds the worker that delivers the
// outbound webhooks (part of the KYC feature: the secrets are sealed with its data key).
// Dev mode accepts http and private addresses.
func (s *Server) registerWebhooks(e *gin.Engine, sealer *pii.Sealer) {
	policy := notify.Policy{
		AllowHTTP:    s.cfg.WebhookAllowHTTP || s.cfg.Dev,
		AllowPrivate: s.cfg.WebhookAllowPrivate || s.cfg.Dev,
	}
	if policy.AllowPrivate && !s.cfg.Dev {
		s.log.Warn("KYCGATE_WEBHOOK_ALLOW_PRIVATE is on: tenant webhooks may reach private addresses")
	}
	svc := notify.NewService(s.store, sealer, policy, s.now)
	svc.Register(e, auth.RequireTenant(s.keys))
	d := &notify.Deliverer{Store: s.store, Sealer: sealer, Client: notify.NewClientWithTimeout(policy.AllowPrivate, s.cfg.WebhookTimeout),
		Now: s.now, RetryFor: s.cfg.WebhookRetryFor, Concurrency: s.cfg.WebhookConcurrency,
		BreakerFailures: s.cfg.WebhookBreakerFailures, BreakerOpen: s.cfg.WebhookBreakerOpen,
		Metrics: notify.NewMetrics(s.metrics, s.cfg.MetricsTenantLabels)}
	d.Jobs(s.queue)
	notify.NewOperator(svc, d).Register(e, auth.RequireOperator(s.keys, s.console))
}
