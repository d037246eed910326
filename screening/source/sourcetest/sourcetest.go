// Package sourcetest holds what the fakes of the screening sources' APIs share (the
// packages chainalysistest and trmtest embed it): switches for the failures a test asks
// for — an HTTP error, a 429 with Retry-After, a hang released by the client leaving or
// the server closing (never a sleep), a malformed body — and a request counter.
package sourcetest

import (
	"net/http"
	"strconv"
	"sync"
)

// DefaultRetryAfter is the Retry-After (seconds) of a 429 that FailNext queues: longer
// than an adapter waits in place, so the adapter answers a source.RetryAfter error at once.
const DefaultRetryAfter = 60

// Faults are a fake's failure switches and request counter. The zero value is ready;
// a fake must call Close when its server closes (it releases hanging requests) and route
// every request through Serve.
type Faults struct {
	mu       sync.Mutex
	queue    []fault
	hang     bool
	requests int
	closed   chan struct{}
	once     sync.Once
}

type fault struct {
	status     int
	retryAfter string
	body       string
}

func (f *Faults) push(x fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, x)
}

// FailNext makes the next request answer status, once (calls queue): a 429 carries
// Retry-After: DefaultRetryAfter.
func (f *Faults) FailNext(status int) {
	ra := ""
	if status == http.StatusTooManyRequests {
		ra = strconv.Itoa(DefaultRetryAfter)
	}
	f.push(fault{status: status, retryAfter: ra})
}

// RateLimitNext makes the next request answer 429 with Retry-After: retryAfter (seconds
// or an HTTP date; "" for none), once.
func (f *Faults) RateLimitNext(retryAfter string) {
	f.push(fault{status: http.StatusTooManyRequests, retryAfter: retryAfter})
}

// MalformedNext makes the next request answer body (200, application/json), once: a cut
// or wrongly shaped answer.
func (f *Faults) MalformedNext(body string) { f.push(fault{status: http.StatusOK, body: body}) }

// Hang makes every request hang until the client gives up (its context or timeout) or
// the server closes; Resume ends it.
func (f *Faults) Hang() { f.setHang(true) }

// Resume ends Hang.
func (f *Faults) Resume() { f.setHang(false) }

func (f *Faults) setHang(v bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hang = v
}

// Requests is the number of requests received, failed ones included.
func (f *Faults) Requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests
}

func (f *Faults) done() chan struct{} {
	f.once.Do(func() { f.closed = make(chan struct{}) })
	return f.closed
}

// Close releases hanging requests (call it before the server's Close).
func (f *Faults) Close() { close(f.done()) }

// Serve counts r and, when a failure is due, answers it and returns true; the fake then
// answers normally only when Serve returned false.
func (f *Faults) Serve(w http.ResponseWriter, r *http.Request) bool {
	f.mu.Lock()
	f.requests++
	hang := f.hang
	var x fault
	if !hang && len(f.queue) > 0 {
		x, f.queue = f.queue[0], f.queue[1:]
	}
	f.mu.Unlock()
	switch {
	case hang:
		select {
		case <-r.Context().Done():
		case <-f.done():
		}
		return true
	case x.status == 0:
		return false
	case x.status == http.StatusOK:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(x.body))
		return true
	}
	if x.retryAfter != "" {
		w.Header().Set("Retry-After", x.retryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(x.status)
	_, _ = w.Write([]byte(`{"message":"` + http.StatusText(x.status) + `"}`))
	return true
}
