package queue

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// MetricsCacheFor is how long the job queue collector reuses its last query: scrapes in
// quick succession (several Prometheus servers) cost one query.
const MetricsCacheFor = 5 * time.Second

// The grouped query behind the collector: one statement, over River's job table, for the
// states that wait. The age of a group is the time since its oldest job became due
// (available: scheduled_at) or was created (scheduled, retryable), as Unix seconds.
const (
	jobStatsPostgres = `SELECT kind, state::text, count(*),
min(extract(epoch FROM CASE WHEN state = 'available' THEN scheduled_at ELSE created_at END))::float8
FROM river_job WHERE state IN ('available', 'scheduled', 'retryable') GROUP BY kind, state`
	jobStatsSQLite = `SELECT kind, state, count(*),
min((julianday(CASE WHEN state = 'available' THEN scheduled_at ELSE created_at END) - 2440587.5) * 86400.0)
FROM river_job WHERE state IN ('available', 'scheduled', 'retryable') GROUP BY kind, state`
)

// jobStat is one (kind, state) group.
type jobStat struct {
	kind, state string
	count       float64
	oldest      float64 // Unix seconds
}

// collector exports the job queue's depth and age per kind and state:
// kycgate_jobs{kind,state} and kycgate_job_oldest_age_seconds{kind,state}, for the
// states available, scheduled and retryable (kinds are the registered job kinds: a
// bounded set).
type collector struct {
	q     *Queue
	depth *prometheus.Desc
	age   *prometheus.Desc

	mu     sync.Mutex
	at     time.Time
	cached []jobStat
}

// Collector returns the Prometheus collector of q's job table (one grouped query per
// scrape, reused for MetricsCacheFor).
func (q *Queue) Collector() prometheus.Collector {
	return &collector{q: q,
		depth: prometheus.NewDesc("kycgate_jobs", "Jobs waiting in the queue, by kind and state (available, scheduled, retryable).",
			[]string{"kind", "state"}, nil),
		age: prometheus.NewDesc("kycgate_job_oldest_age_seconds",
			"Age of the oldest waiting job by kind and state: since it became due (available) or was created (scheduled, retryable).",
			[]string{"kind", "state"}, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.depth
	ch <- c.age
}

// Collect implements prometheus.Collector. A failed query exports nothing (and is logged)
// rather than failing the whole scrape.
func (c *collector) Collect(ch chan<- prometheus.Metric) {
	stats, err := c.stats()
	if err != nil {
		c.q.cfg.Log.Warn("job queue metrics: query failed", "error", err)
		return
	}
	now := float64(c.q.now().UnixMicro()) / 1e6
	for _, s := range stats {
		ch <- prometheus.MustNewConstMetric(c.depth, prometheus.GaugeValue, s.count, s.kind, s.state)
		// Millisecond resolution: SQLite's julian days carry about 20 µs of float error.
		age := math.Round(max(now-s.oldest, 0)*1000) / 1000
		ch <- prometheus.MustNewConstMetric(c.age, prometheus.GaugeValue, age, s.kind, s.state)
	}
}

// stats runs the grouped query, or reuses its last result for MetricsCacheFor.
func (c *collector) stats() ([]jobStat, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cached != nil && time.Since(c.at) < MetricsCacheFor {
		return c.cached, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var out []jobStat
	var err error
	switch db := c.q.db.(type) {
	case *pgxpool.Pool:
		out, err = pgStats(ctx, db)
	case *sql.DB:
		out, err = sqliteStats(ctx, db)
	default:
		err = fmt.Errorf("queue: unsupported database %T", db)
	}
	if err != nil {
		return nil, err
	}
	c.at, c.cached = time.Now(), append([]jobStat{}, out...)
	return out, nil
}

func pgStats(ctx context.Context, db *pgxpool.Pool) ([]jobStat, error) {
	rows, err := db.Query(ctx, jobStatsPostgres)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []jobStat
	for rows.Next() {
		var s jobStat
		var n int64
		if err := rows.Scan(&s.kind, &s.state, &n, &s.oldest); err != nil {
			return nil, err
		}
		s.count = float64(n)
		out = append(out, s)
	}
	return out, rows.Err()
}

func sqliteStats(ctx context.Context, db *sql.DB) ([]jobStat, error) {
	rows, err := db.QueryContext(ctx, jobStatsSQLite)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []jobStat
	for rows.Next() {
		var s jobStat
		var n int64
		if err := rows.Scan(&s.kind, &s.state, &n, &s.oldest); err != nil {
			return nil, err
		}
		s.count = float64(n)
		out = append(out, s)
	}
	return out, rows.Err()
}

// now is the queue's clock.
func (q *Queue) now() time.Time {
	if q.cfg.Now != nil {
		return q.cfg.Now()
	}
	return time.Now()
}
