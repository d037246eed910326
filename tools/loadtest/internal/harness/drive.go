package harness

import (
	"context"
	"io"
	"log"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Op is one operation of a scenario, run by worker (0 … workers-1) as its iteration
// i. It returns an error when the operation failed (a transport error or an answer
// other than the expected one); the driver counts it and goes on.
type Op func(ctx context.Context, worker, i int) error

// Result is what one scenario measured: operations that succeeded, failed, the time they
// ran, and the latency of each successful operation.
type Result struct {
	// Name names the scenario.
	Name string
	// OK and Failed count operations.
	OK, Failed int
	// Elapsed is the scenario's wall time.
	Elapsed time.Duration
	// FirstError is the first failure's error, to say what broke.
	FirstError error
	latencies  []time.Duration
}

// Rate is successful operations per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.OK) / r.Elapsed.Seconds()
}

// Quantile is the q-quantile (0 < q ≤ 1) of successful operations' latencies
// (nearest rank over the sorted latencies; 0 without any).
func (r Result) Quantile(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.latencies))*q+0.999999) - 1
	return r.latencies[max(0, min(i, len(r.latencies)-1))]
}

// Drive runs op on workers goroutines for d: each worker loops, starting a new
// operation as soon as the previous one ended, until d has passed; each worker runs at
// least one. Operations in flight at the end complete and count.
func Drive(ctx context.Context, name string, workers int, d time.Duration, op Op) Result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	res := Result{Name: name}
	start := time.Now()
	var g errgroup.Group
	for w := range workers {
		g.Go(func() error {
			var lat []time.Duration
			ok, failed := 0, 0
			var first error
			for i := 0; i == 0 || ctx.Err() == nil; i++ {
				t0 := time.Now()
				// The operation runs on a context that outlives the deadline: it completes.
				if err := op(context.WithoutCancel(ctx), w, i); err != nil {
					failed++
					if first == nil {
						first = err
					}
					continue
				}
				lat = append(lat, time.Since(t0))
				ok++
			}
			mu.Lock()
			res.OK += ok
			res.Failed += failed
			res.latencies = append(res.latencies, lat...)
			if res.FirstError == nil {
				res.FirstError = first
			}
			mu.Unlock()
			return nil
		})
	}
	_ = g.Wait()
	res.Elapsed = time.Since(start)
	slices.Sort(res.latencies)
	return res
}

func discardLogger() *log.Logger { return log.New(io.Discard, "", 0) }
