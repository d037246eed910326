package provider

import (
	"errors"
	"fmt"
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
