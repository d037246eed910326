package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/time/rate"
)

// StatusError is a source API's answer outside 2xx that is not a request to wait (a 5xx,
// a refused key). The body is not kept: it may quote the address asked about.
type StatusError struct {
	Source string
	Status int
}

// Error implements error.
func (e *StatusError) Error() string { return fmt.Sprintf("%s: HTTP %d", e.Source, e.Status) }

// WaitError is a source that asked to wait (a 429 or 503, with its Retry-After) or the
// gateway's own rate limit for the source, when the wait is longer than the caller may
// wait. It implements RetryAfter.
type WaitError struct {
	Source string
	// Status is the HTTP status (429, 503), or 0 for the gateway's own rate limit.
	Status int
	// Wait is how long to wait before trying again (the Retry-After asked for, or a
	// backoff when the answer named none).
	Wait time.Duration
}

// Error implements error.
func (e *WaitError) Error() string {
	if e.Status == 0 {
		return fmt.Sprintf("%s: rate limit: next call in %s", e.Source, e.Wait)
	}
	return fmt.Sprintf("%s: HTTP %d: retry after %s", e.Source, e.Status, e.Wait)
}

// RetryAfter implements RetryAfter.
func (e *WaitError) RetryAfter() time.Duration { return e.Wait }

var _ RetryAfter = (*WaitError)(nil)

// ParseRetryAfter reads a Retry-After header (RFC 9110 §10.2.3: delay-seconds or an HTTP
// date) at now; 0 when absent, malformed or past.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// API is one JSON HTTP API of a source (Chainalysis' sanctions API, TRM's screening):
// every call waits for the source's rate limit; a 429 (or a 503 with a Retry-After)
// whose wait is at most RetryWait is retried in place, at most Retries times (a 429
// without Retry-After backs off 1s, 2s, …); every failure is an error, never an empty
// answer.
type API struct {
	// Source is the source's registry name, for errors.
	Source string
	// Client sends the requests; its Timeout bounds one call.
	Client *http.Client
	// Limit paces the calls (nil: none).
	Limit *rate.Limiter
	// RetryWait is the longest wait taken in place (a Retry-After, the rate limit);
	// longer ones end the call with a *WaitError.
	RetryWait time.Duration
	// Retries bounds the in-place retries of a 429 (or a 503 with a Retry-After).
	Retries int
	// MaxBytes bounds an answer's body.
	MaxBytes int64
	// Now and Sleep are the pacing clock: Sleep waits d unless ctx ends first. With
	// Deps.Sleep nil, NewAPI sets the real clock and timer.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// NewAPI returns an API for source with deps' clock and sleep when deps.Sleep is set (tests),
// else the real ones: a rate limit paced by a frozen test clock would never free up.
// perSecond 0 means no rate limit.
func NewAPI(source string, deps Deps, timeout time.Duration, perSecond float64) *API {
	a := &API{Source: source, Client: &http.Client{Timeout: timeout}, RetryWait: 2 * time.Second,
		Retries: 2, MaxBytes: 1 << 20, Now: time.Now, Sleep: sleep}
	if deps.Sleep != nil && deps.Now != nil {
		a.Now, a.Sleep = deps.Now, deps.Sleep
	}
	if perSecond > 0 {
		a.Limit = rate.NewLimiter(rate.Limit(perSecond), 1)
	}
	return a
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// pace waits for the rate limit: in place when the wait is at most RetryWait and ends
// before ctx's deadline, else a *WaitError (the reservation given back).
func (a *API) pace(ctx context.Context) error {
	if a.Limit == nil {
		return nil
	}
	now := a.Now()
	r := a.Limit.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d == 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); d > a.RetryWait || (ok && now.Add(d).After(deadline)) {
		r.CancelAt(now)
		return &WaitError{Source: a.Source, Wait: d}
	}
	if err := a.Sleep(ctx, d); err != nil {
		r.CancelAt(a.Now())
		return fmt.Errorf("%s: %w", a.Source, err)
	}
	return nil
}

// ErrMalformed is an answer that is not the JSON the source documents.
var ErrMalformed = errors.New("the answer is not the JSON documented")

// Do sends the request newRequest builds (anew for each attempt) and decodes a 2xx JSON
// answer into out. Errors: the rate limit, a 429 or a 503 with a Retry-After that asks
// for too long a wait or comes after the retries (*WaitError); any other status outside
// 2xx (*StatusError); a transport failure or timeout; a body that is not JSON or too
// large (wrapping ErrMalformed).
func (a *API) Do(ctx context.Context, newRequest func(ctx context.Context) (*http.Request, error), out any) error {
	for attempt := 0; ; attempt++ {
		if err := a.pace(ctx); err != nil {
			return err
		}
		req, err := newRequest(ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Source, err)
		}
		resp, err := a.Client.Do(req)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Source, err)
		}
		if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
			return a.decode(resp, out)
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		_ = resp.Body.Close()
		wait := ParseRetryAfter(resp.Header.Get("Retry-After"), a.Now())
		switch {
		case resp.StatusCode == http.StatusTooManyRequests && wait == 0:
			wait = time.Second << attempt
		case resp.StatusCode != http.StatusTooManyRequests && (resp.StatusCode != http.StatusServiceUnavailable || wait == 0):
			return &StatusError{Source: a.Source, Status: resp.StatusCode}
		}
		deadline, ok := ctx.Deadline()
		if attempt >= a.Retries || wait > a.RetryWait || (ok && a.Now().Add(wait).After(deadline)) {
			return &WaitError{Source: a.Source, Status: resp.StatusCode, Wait: wait}
		}
		if err := a.Sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: %w", a.Source, err)
		}
	}
}

func (a *API) decode(resp *http.Response, out any) error {
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, a.MaxBytes+1))
	if err != nil {
		return fmt.Errorf("%s: reading the answer: %w", a.Source, err)
	}
	if int64(len(raw)) > a.MaxBytes {
		return fmt.Errorf("%s: %w: over %d bytes", a.Source, ErrMalformed, a.MaxBytes)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s: %w: %w", a.Source, ErrMalformed, err)
	}
	return nil
}
