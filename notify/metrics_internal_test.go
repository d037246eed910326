package notify

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"
)

// TestTenantLabelsAreCapped: the first tenants keep their own label, later ones count as
// "other", so the delivery metrics' series stay bounded.
func TestTenantLabelsAreCapped(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg, 2)
	for _, id := range []string{"ten_a", "ten_b", "ten_c", "ten_a", "ten_d"} {
		m.attempt(id, true, time.Millisecond)
	}
	m.finish("ten_e", "failed")
	require.Equal(t, 2.0, value(t, m.attempts.WithLabelValues("ten_a", "success")))
	require.Equal(t, 1.0, value(t, m.attempts.WithLabelValues("ten_b", "success")))
	require.Equal(t, 2.0, value(t, m.attempts.WithLabelValues(OtherTenants, "success")), "ten_c and ten_d")
	require.Equal(t, 1.0, value(t, m.finished.WithLabelValues(OtherTenants, "failed")))
	families, err := reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() == "kycgate_webhook_attempts_total" {
			require.Len(t, f.GetMetric(), 3, "a, b and other: bounded")
		}
	}
	var none *Metrics
	none.attempt("ten_a", false, 0) // a Deliverer without metrics counts nothing
}

func value(t *testing.T, c prometheus.Counter) float64 {
	t.Helper()
	var d dto.Metric
	require.NoError(t, c.Write(&d))
	return d.GetCounter().GetValue()
}
