package harness

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kycgate/kycgate/queue"
)

// QueuedJobs is the number of jobs waiting to run now on the gateway (kycgate_jobs of
// state available or retryable on GET /metrics), the onchain revocations aside (with
// no chain configured nobody works their queue, by design).
func (g *Gateway) QueuedJobs(ctx context.Context) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.Base+"/metrics", nil)
	if err != nil {
		return 0, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET /metrics: status %d", res.StatusCode)
	}
	return queuedJobs(bufio.NewScanner(res.Body))
}

// onchainKind is the onchain revocations' job kind (onchain/verifier.RevokeKind), whose
// queue nobody works without a chain configured.
const onchainKind = "attestation.revoked"

// queuedJobs sums the kycgate_jobs samples of state available or retryable, except
// onchain ones, in a Prometheus text exposition.
func queuedJobs(sc *bufio.Scanner) (int, error) {
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "kycgate_jobs{") || strings.Contains(line, `kind="`+onchainKind+`"`) ||
			!(strings.Contains(line, `state="available"`) || strings.Contains(line, `state="retryable"`)) {
			continue
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			return 0, fmt.Errorf("metrics line %q: %w", line, err)
		}
		n += int(v)
	}
	return n, sc.Err()
}

// Drain waits until no job is queued (QueuedJobs), polling every half second, for at
// most wait: a scenario then starts on a gateway that is not still working through
// what the previous one queued (the sign-ins' first screenings). The gateway computes
// the figure at most every queue.MetricsCacheFor, so only a zero read that long after
// the call counts. It returns how long it waited and the jobs still queued (0 once
// drained).
func (g *Gateway) Drain(ctx context.Context, wait time.Duration) (time.Duration, int, error) {
	start := time.Now()
	fresh := start.Add(queue.MetricsCacheFor + 500*time.Millisecond)
	for {
		n, err := g.QueuedJobs(ctx)
		if err != nil || (n == 0 && time.Now().After(fresh)) || time.Since(start) > wait {
			return time.Since(start), n, err
		}
		select {
		case <-ctx.Done():
			return time.Since(start), n, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}
