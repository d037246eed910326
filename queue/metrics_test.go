package queue_test

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestQueueDepthAndAge runs on SQLite and PostgreSQL: the collector reports the waiting
// jobs per kind and state, and how long the oldest has waited, on the queue's clock.
func TestQueueDepthAndAge(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, open)
			reg := prometheus.NewRegistry()
			reg.MustRegister(b.q.Collector())
			start := b.clock.Now()
			b.insert(t, nil)
			b.insert(t, nil)
			b.clock.Add(90 * time.Second)
			b.insert(t, &river.InsertOpts{ScheduledAt: start.Add(time.Hour)})

			got := map[string]float64{}
			families, err := reg.Gather()
			require.NoError(t, err)
			for _, f := range families {
				for _, m := range f.GetMetric() {
					labels := map[string]string{}
					for _, l := range m.GetLabel() {
						labels[l.GetName()] = l.GetValue()
					}
					require.Equal(t, "test.kind", labels["kind"])
					got[f.GetName()+"/"+labels["state"]] = m.GetGauge().GetValue()
				}
			}
			require.Equal(t, map[string]float64{
				"kycgate_jobs/available": 2, "kycgate_jobs/scheduled": 1,
				"kycgate_job_oldest_age_seconds/available": 90, "kycgate_job_oldest_age_seconds/scheduled": 0,
			}, got)
		})
	}
}
