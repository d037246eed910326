package notify

import (
	"sync"
	"time"
)

// The defaults of the fairness settings (KYCGATE_WEBHOOK_CONCURRENCY, _BREAKER_FAILURES,
// _BREAKER_OPEN).
const (
	DefaultConcurrency     = 2
	DefaultBreakerFailures = 5
	DefaultBreakerOpen     = time.Minute
)

// Busy is how long a delivery job waits before looking again when its tenant already has
// Concurrency deliveries in flight on this replica: it gives its worker back instead of
// queueing behind a slow endpoint.
const Busy = 2 * time.Second

// endpoints keeps, per tenant endpoint (tenant id and URL), the deliveries in flight on
// this replica and a circuit breaker: after failures consecutive failed attempts the
// endpoint is open for openFor (its events wait without an attempt), then half-open: one
// probe is let through, whose success closes it and whose failure opens it again.
//
// The state is per replica, on purpose: it protects this replica's workers, which is
// what a hanging endpoint takes from other tenants; it costs no database write per
// attempt. With R replicas an endpoint sees at most R × concurrency requests at once,
// R × failures failures before every replica holds off, and R probes per open period.
type endpoints struct {
	mu          sync.Mutex
	concurrency int
	failures    int
	openFor     time.Duration
	state       map[string]*endpoint
}

// endpoint is one endpoint's state.
type endpoint struct {
	inFlight int
	// failed counts consecutive failed attempts; openUntil is when an open breaker
	// lets a probe through; probing says one is in flight.
	failed    int
	openUntil time.Time
	probing   bool
}

func newEndpoints(concurrency, failures int, openFor time.Duration) *endpoints {
	return &endpoints{concurrency: max(concurrency, 1), failures: max(failures, 1), openFor: max(openFor, time.Second),
		state: map[string]*endpoint{}}
}

// acquire takes a slot for one attempt on key at now. It returns ok with a release
// function to call with the attempt's result, or how long to wait: until the breaker's
// open period ends, or Busy when the tenant's slots are taken or a probe is in flight.
func (p *endpoints) acquire(key string, now time.Time) (release func(ok bool, at time.Time), wait time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.state[key]
	if e == nil {
		e = &endpoint{}
		p.state[key] = e
	}
	probe := false
	if e.failed >= p.failures {
		switch {
		case now.Before(e.openUntil):
			return nil, e.openUntil.Sub(now)
		case e.probing:
			return nil, Busy
		}
		probe = true
	}
	if e.inFlight >= p.concurrency {
		return nil, Busy
	}
	e.inFlight++
	e.probing = probe
	return func(ok bool, at time.Time) { p.release(key, e, probe, ok, at) }, 0
}

// release ends an attempt: a success closes the breaker, a failure counts and opens it
// at the threshold (a failed probe opens it again).
func (p *endpoints) release(key string, e *endpoint, probe, ok bool, at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e.inFlight--
	if probe {
		e.probing = false
	}
	if ok {
		e.failed = 0
	} else {
		e.failed++
		if e.failed >= p.failures {
			e.openUntil = at.Add(p.openFor)
		}
	}
	if e.inFlight == 0 && e.failed == 0 {
		delete(p.state, key)
	}
}

// Circuit states (Circuit.State).
const (
	CircuitClosed   = "closed"
	CircuitOpen     = "open"
	CircuitHalfOpen = "half_open"
)

// Circuit is an endpoint's breaker as this replica holds it (see endpoints): other
// replicas keep their own.
type Circuit struct {
	// State is closed (attempts go out), open (events wait until OpenUntil) or half_open
	// (the next attempt is a probe).
	State string `json:"state"`
	// ConsecutiveFailures counts the failed attempts since the last success.
	ConsecutiveFailures int        `json:"consecutiveFailures"`
	OpenUntil           *time.Time `json:"openUntil,omitempty"`
	// InFlight is how many deliveries to the endpoint this replica is making now.
	InFlight int `json:"inFlight"`
}

// circuit reports key's breaker at now.
func (p *endpoints) circuit(key string, now time.Time) Circuit {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.state[key]
	if e == nil {
		return Circuit{State: CircuitClosed}
	}
	c := Circuit{State: CircuitClosed, ConsecutiveFailures: e.failed, InFlight: e.inFlight}
	if e.failed >= p.failures {
		c.State = CircuitHalfOpen
		if now.Before(e.openUntil) {
			until := e.openUntil.UTC()
			c.State, c.OpenUntil = CircuitOpen, &until
		}
	}
	return c
}
