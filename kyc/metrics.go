package kyc

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kycgate/kycgate/storage"
)

// Metrics counts what the verification lifecycle and the inbound provider pipeline do,
// per provider (the enabled providers: a bounded set):
//
//   - kycgate_verifications_total{provider,status}: verifications that moved to a status
//     (created included), counted by the one writer's announce;
//   - kycgate_verification_decision_seconds{provider,status}: from a verification's start
//     to its decision (approved or rejected);
//   - kycgate_provider_webhooks_total{provider,outcome}: inbound webhooks received
//     (stored), duplicates (acknowledged, ignored), refused (bad signature) and too_large;
//   - kycgate_provider_event_lag_seconds{provider}: from an inbound webhook's receipt to
//     the end of its processing;
//   - kycgate_provider_processing_failures_total{provider,kind}: failed runs of event
//     processing and polling (retry, permanent).
type Metrics struct {
	transitions *prometheus.CounterVec
	decisions   *prometheus.HistogramVec
	webhooks    *prometheus.CounterVec
	lag         *prometheus.HistogramVec
	failures    *prometheus.CounterVec
	persons     *prometheus.CounterVec
	// health is the providers' last failures and successes, for /readyz (health.go).
	health *health
}

// NewMetrics returns the lifecycle's and the pipeline's metrics, registered with reg (nil:
// not registered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		health: newHealth(),
		transitions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "verifications_total",
			Help: "Verification status changes by provider and the status moved to (created, in_progress, approved, …).",
		}, []string{"provider", "status"}),
		decisions: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "kycgate", Name: "verification_decision_seconds",
			Help:    "Time from a verification's start to its decision (approved or rejected), by provider and decision.",
			Buckets: []float64{1, 10, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86400, 3 * 86400, 7 * 86400},
		}, []string{"provider", "status"}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "provider_webhooks_total",
			Help: "Inbound provider webhooks by provider and outcome (received, duplicate, refused, too_large).",
		}, []string{"provider", "outcome"}),
		lag: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "kycgate", Name: "provider_event_lag_seconds",
			Help:    "Time from an inbound provider webhook's receipt to the end of its processing, by provider.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 14),
		}, []string{"provider"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "provider_processing_failures_total",
			Help: "Failed runs of provider event processing and polling, by provider and kind (retry, permanent).",
		}, []string{"provider", "kind"}),
	}
	m.persons = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "kycgate", Name: "person_screenings_total",
		Help: "Person screenings asked of the screening service, by service and result (an outcome, pending, or an error code).",
	}, []string{"service", "result"})
	if reg != nil {
		reg.MustRegister(m.transitions, m.decisions, m.webhooks, m.lag, m.failures, m.persons)
	}
	return m
}

func (m *Metrics) webhook(provider, outcome string) {
	m.webhooks.WithLabelValues(provider, outcome).Inc()
	switch outcome {
	case "refused":
		m.health.failed(provider, "an inbound webhook's signature did not verify")
	case "too_large":
		m.health.failed(provider, "an inbound webhook was too large")
	default:
		m.health.ok(provider)
	}
}

func (m *Metrics) failure(provider, kind string) {
	m.failures.WithLabelValues(provider, kind).Inc()
	m.health.failed(provider, "processing its event or polling it failed ("+kind+")")
}

// moved counts a verification's move to its status, and its decision time when it was
// decided.
func (m *Metrics) moved(v storage.Verification, now time.Time) {
	m.transitions.WithLabelValues(v.Provider, string(v.Status)).Inc()
	if v.Status == storage.StatusApproved || v.Status == storage.StatusRejected {
		m.decisions.WithLabelValues(v.Provider, string(v.Status)).Observe(max(now.Sub(v.CreatedAt), 0).Seconds())
	}
}

// processed observes an event's lag from receipt to processed.
func (m *Metrics) processed(e storage.ProviderEvent, now time.Time) {
	m.lag.WithLabelValues(e.Provider).Observe(max(now.Sub(e.ReceivedAt), 0).Seconds())
	m.health.ok(e.Provider)
}
