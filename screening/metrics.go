package screening

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kycgate/kycgate/screening/source"
)

// Metrics are the screening's Prometheus series, labelled by source:
// kycgate_screening_duration_seconds (a source call's latency),
// kycgate_screening_errors_total (failed calls), kycgate_screening_cache_total (answers
// served from the store, result=hit, or asked of the source, result=miss) and, for a
// source that reports a list date, kycgate_screening_list_age_seconds.
type Metrics struct {
	reg      prometheus.Registerer
	duration *prometheus.HistogramVec
	errors   *prometheus.CounterVec
	cached   *prometheus.CounterVec
}

// NewMetrics registers the series with reg (nil: unregistered, for tests).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		reg: reg,
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "kycgate", Name: "screening_duration_seconds",
			Help:    "Latency of one wallet-screening source call, by source.",
			Buckets: []float64{.001, .005, .025, .1, .25, .5, 1, 2.5, 5, 10, 20},
		}, []string{"source"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "screening_errors_total",
			Help: "Wallet-screening source calls that failed (no answer), by source.",
		}, []string{"source"}),
		cached: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "screening_cache_total",
			Help: "Source answers needed by a screening, served from the store (hit) or asked of the source (miss).",
		}, []string{"source", "result"}),
	}
	if reg != nil {
		reg.MustRegister(m.duration, m.errors, m.cached)
	}
	return m
}

func (m *Metrics) observe(name string, d time.Duration, err error) {
	m.duration.WithLabelValues(name).Observe(d.Seconds())
	if err != nil {
		m.errors.WithLabelValues(name).Inc()
	}
}

func (m *Metrics) cache(name string, hit bool) {
	result := "miss"
	if hit {
		result = "hit"
	}
	m.cached.WithLabelValues(name, result).Inc()
}

// listAge registers kycgate_screening_list_age_seconds{source=name}: how old the list
// r reports is at scrape time (0 while it reports no date).
func (m *Metrics) listAge(name string, r source.Reporter, now func() time.Time) {
	if m.reg == nil {
		return
	}
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: "kycgate", Name: "screening_list_age_seconds",
		Help:        "Age of the list a screening source answers from (its publication date), by source.",
		ConstLabels: prometheus.Labels{"source": name},
	}, func() float64 {
		rep := r.Report(context.Background())
		if rep.ListDate.IsZero() {
			return 0
		}
		return now().Sub(rep.ListDate).Seconds()
	}))
}

// SourceReport is one source's state for /readyz.
type SourceReport struct {
	Source   string     `json:"source"`
	OK       bool       `json:"ok"`
	Detail   string     `json:"detail,omitempty"`
	ListDate *time.Time `json:"listDate,omitempty"`
}

// Reports are the enabled sources' states (a source without Report is OK with no
// detail). They never fail readiness: a source's state is information for operators.
func (s *Service) Reports(ctx context.Context) []SourceReport {
	out := make([]SourceReport, 0, len(s.sources))
	for _, n := range s.sources {
		rep := SourceReport{Source: n.Name, OK: true}
		if r, ok := n.Source.(source.Reporter); ok {
			got := r.Report(ctx)
			rep.OK, rep.Detail = got.OK, got.Detail
			if !got.ListDate.IsZero() {
				d := got.ListDate.UTC()
				rep.ListDate = &d
			}
		}
		out = append(out, rep)
	}
	return out
}
