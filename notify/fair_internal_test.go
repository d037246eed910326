package notify

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestEndpointConcurrencyAndBreaker(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p := newEndpoints(2, 3, time.Minute)

	// Concurrency: two slots per endpoint; another endpoint is not affected.
	r1, _ := p.acquire("a", t0)
	r2, _ := p.acquire("a", t0)
	require.NotNil(t, r1)
	require.NotNil(t, r2)
	r3, wait := p.acquire("a", t0)
	require.Nil(t, r3)
	require.Equal(t, Busy, wait)
	rb, _ := p.acquire("b", t0)
	require.NotNil(t, rb, "another tenant's endpoint has its own slots")
	rb(true, t0)
	r1(true, t0)
	r3, _ = p.acquire("a", t0)
	require.NotNil(t, r3, "a released slot is free again")

	// Three consecutive failures open the breaker for a minute.
	r2(false, t0)
	r3(false, t0)
	r, _ := p.acquire("a", t0)
	require.NotNil(t, r, "two failures: still closed")
	r(false, t0.Add(time.Second))
	r, wait = p.acquire("a", t0.Add(2*time.Second))
	require.Nil(t, r)
	require.Equal(t, 59*time.Second, wait, "open until a minute after the third failure")

	// Half-open: one probe; its failure opens it again.
	probe, _ := p.acquire("a", t0.Add(61*time.Second))
	require.NotNil(t, probe)
	r, wait = p.acquire("a", t0.Add(61*time.Second))
	require.Nil(t, r, "one probe at a time")
	require.Equal(t, Busy, wait)
	probe(false, t0.Add(62*time.Second))
	_, wait = p.acquire("a", t0.Add(63*time.Second))
	require.Equal(t, 59*time.Second, wait, "a failed probe opens it again")

	// A successful probe closes it.
	probe, _ = p.acquire("a", t0.Add(3*time.Minute))
	require.NotNil(t, probe)
	probe(true, t0.Add(3*time.Minute))
	r1, _ = p.acquire("a", t0.Add(3*time.Minute))
	r2, _ = p.acquire("a", t0.Add(3*time.Minute))
	require.NotNil(t, r1)
	require.NotNil(t, r2, "closed: both slots")
	r1(true, t0)
	r2(true, t0)
	require.Empty(t, p.state, "a healthy idle endpoint leaves no state behind")
}
