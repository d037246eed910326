package notify

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// OtherTenants is the tenant label value of the tenants past the label cap.
const OtherTenants = "other"

// Metrics counts outbound deliveries per tenant:
//
//   - kycgate_webhook_attempts_total{tenant,result}: attempts, result success or failure
//     (an HTTP answer other than 2xx, or none);
//   - kycgate_webhook_attempt_duration_seconds{tenant}: how long attempts took;
//   - kycgate_webhook_events_finished_total{tenant,outcome}: events finished, delivered
//     or failed (given up, 410 Gone, undeliverable).
//
// The tenant label is the tenant id for the first maxTenants tenants this replica
// delivers to, and OtherTenants for the rest, so the series stay bounded whatever the
// number of tenants.
type Metrics struct {
	attempts *prometheus.CounterVec
	duration *prometheus.HistogramVec
	finished *prometheus.CounterVec

	mu         sync.Mutex
	maxTenants int
	labelled   map[string]bool
}

// NewMetrics returns the delivery metrics, registered with reg (nil: not registered),
// labelling at most maxTenants tenants by id.
func NewMetrics(reg prometheus.Registerer, maxTenants int) *Metrics {
	m := &Metrics{
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "webhook_attempts_total",
			Help: "Outbound webhook delivery attempts by tenant (id, or other past the label cap) and result (success, failure).",
		}, []string{"tenant", "result"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "kycgate", Name: "webhook_attempt_duration_seconds",
			Help:    "Duration of outbound webhook delivery attempts by tenant (id, or other past the label cap).",
			Buckets: prometheus.ExponentialBuckets(0.01, 2, 12),
		}, []string{"tenant"}),
		finished: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "webhook_events_finished_total",
			Help: "Outbound webhook events finished, by tenant (id, or other past the label cap) and outcome (delivered, failed).",
		}, []string{"tenant", "outcome"}),
		maxTenants: max(maxTenants, 0), labelled: map[string]bool{},
	}
	if reg != nil {
		reg.MustRegister(m.attempts, m.duration, m.finished)
	}
	return m
}

// tenant is the label value of a tenant id.
func (m *Metrics) tenant(id string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.labelled[id] {
		return id
	}
	if len(m.labelled) < m.maxTenants {
		m.labelled[id] = true
		return id
	}
	return OtherTenants
}

// attempt counts one attempt and observes its duration.
func (m *Metrics) attempt(tenantID string, ok bool, took time.Duration) {
	if m == nil {
		return
	}
	t := m.tenant(tenantID)
	result := "success"
	if !ok {
		result = "failure"
	}
	m.attempts.WithLabelValues(t, result).Inc()
	m.duration.WithLabelValues(t).Observe(took.Seconds())
}

// finish counts one finished event.
func (m *Metrics) finish(tenantID, outcome string) {
	if m != nil {
		m.finished.WithLabelValues(m.tenant(tenantID), outcome).Inc()
	}
}
