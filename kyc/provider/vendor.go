package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/kycgate/kycgate/fault"
)

// Vendor names an external provider's API for the errors its adapter returns: Prefix
// starts every error code ("sumsub" → sumsub_rate_limited), Name is shown in messages,
// Credentials names the settings a 401/403 points at, Thing is what a 404 did not find.
type Vendor struct {
	Prefix, Name, Credentials, Thing string
}

// Fault turns a vendor's HTTP error status into the fault error callers see, with cause
// kept for logs (never the vendor's body: it may quote personal data). 429
// (RateLimited) and 5xx (Unavailable) are retryable and carry retryAfter; 401/403 point
// at the credentials; 404, 409 and the request errors (400, 413, 415, 422) get their own
// codes; anything else is refused. All but the retryable ones are permanent.
func (v Vendor) Fault(status int, retryAfter time.Duration, cause error) *fault.Error {
	var f *fault.Error
	switch {
	case status == http.StatusTooManyRequests:
		f = fault.Wrap(fault.RateLimited, v.Prefix+"_rate_limited", v.Name+" is limiting the gateway's requests; try again later", cause)
	case status >= 500:
		f = fault.Wrap(fault.Unavailable, v.Prefix+"_unavailable", fmt.Sprintf("%s failed (HTTP %d); try again later", v.Name, status), cause)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		f = fault.Wrap(fault.Internal, v.Prefix+"_unauthorized", fmt.Sprintf("%s refused the gateway's credentials (%s)", v.Name, v.Credentials), cause)
	case status == http.StatusNotFound:
		f = fault.Wrap(fault.NotFound, v.Prefix+"_not_found", fmt.Sprintf("%s has no such %s", v.Name, v.Thing), cause)
	case status == http.StatusConflict:
		f = fault.Wrap(fault.Conflict, v.Prefix+"_conflict", fmt.Sprintf("%s refused the change in the %s's current state", v.Name, v.Thing), cause)
	case status == http.StatusBadRequest || status == http.StatusRequestEntityTooLarge ||
		status == http.StatusUnsupportedMediaType || status == http.StatusUnprocessableEntity:
		f = fault.Wrap(fault.Invalid, v.Prefix+"_invalid_request", fmt.Sprintf("%s refused the request (HTTP %d)", v.Name, status), cause)
	default:
		f = fault.Wrap(fault.Internal, v.Prefix+"_refused", fmt.Sprintf("%s refused the request (HTTP %d)", v.Name, status), cause)
	}
	f.RetryAfter = retryAfter
	return f
}

// RetryAfter reads a Retry-After header (RFC 9110 §10.2.3: delay-seconds or an HTTP
// date) at now; 0 when absent, malformed or past.
func RetryAfter(v string, now time.Time) time.Duration {
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

// Retryable reports whether err (from an adapter's call) is worth retrying — a rate
// limit, or an unavailable or unreachable vendor — and how long the vendor asked to wait
// (0: back off as usual). Everything else is permanent: the same request cannot succeed.
func Retryable(err error) (bool, time.Duration) {
	var f *fault.Error
	if !errors.As(err, &f) {
		return false, 0
	}
	if f.Kind == fault.RateLimited || f.Kind == fault.Unavailable {
		return true, f.RetryAfter
	}
	return false, 0
}

// StatusError is a vendor's answer outside 2xx. Its body is not kept: vendors' error
// bodies may quote what was sent (personal data).
type StatusError struct {
	Vendor string
	Status int
	// RetryAfter is the delay the vendor's Retry-After header asked for (0 when absent).
	RetryAfter time.Duration
}

// Error implements error.
func (e *StatusError) Error() string { return fmt.Sprintf("%s: HTTP %d", e.Vendor, e.Status) }

// StatusFault is the fault error of resp, an answer outside 2xx, read at now: its body is
// drained (at most max bytes) and closed, and its status mapped by Fault.
func (v Vendor) StatusFault(resp *http.Response, max int64, now time.Time) *fault.Error {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, max))
	_ = resp.Body.Close()
	e := &StatusError{Vendor: v.Prefix, Status: resp.StatusCode, RetryAfter: RetryAfter(resp.Header.Get("Retry-After"), now)}
	return v.Fault(e.Status, e.RetryAfter, e)
}

// Request builds a request to url with in as its JSON body (nil: none), accepting JSON.
func (v Vendor) Request(ctx context.Context, method, url string, in any) (*http.Request, error) {
	var body io.Reader = http.NoBody
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return nil, fault.Wrap(fault.Internal, v.Prefix+"_request", "the request to "+v.Name+" could not be built", err)
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, fault.Wrap(fault.Internal, v.Prefix+"_request", "the request to "+v.Name+" could not be built", err)
	}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// Do sends req (authenticated by the caller) with client and decodes a 2xx JSON answer
// of at most max bytes into out (when not nil). An unreachable vendor or a cut answer is
// Unavailable (retryable); an answer outside 2xx is StatusFault; an answer that is not
// the JSON expected is Unavailable too (the vendor may be mid-deploy).
func (v Vendor) Do(client *http.Client, req *http.Request, out any, max int64, now time.Time) error {
	resp, err := client.Do(req)
	if err != nil {
		return fault.Wrap(fault.Unavailable, v.Prefix+"_unreachable", v.Name+" could not be reached; try again later", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return v.StatusFault(resp, max, now)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, max))
	if err != nil {
		return fault.Wrap(fault.Unavailable, v.Prefix+"_unreachable", v.Name+"'s answer was cut short; try again later", err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fault.Wrap(fault.Unavailable, v.Prefix+"_bad_answer", v.Name+"'s answer is not the JSON expected", err)
		}
	}
	return nil
}
