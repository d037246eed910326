package didit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

// HeaderAPIKey carries the API key on every call.
const HeaderAPIKey = "x-api-key"

// maxResponse bounds the bytes read from one answer.
const maxResponse = 8 << 20

// client is Didit's HTTP API.
type client struct {
	base string
	key  string
	http *http.Client
	now  func() time.Time
}

// call sends one request to path (from /v3…, already escaped) with in as its JSON body
// (nil: none) and decodes a 2xx JSON answer into out (when not nil). Errors are fault
// errors: see apiFault.
func (c *client) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader = http.NoBody
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return fault.Wrap(fault.Internal, "didit_request", "the request to Didit could not be built", err)
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fault.Wrap(fault.Internal, "didit_request", "the request to Didit could not be built", err)
	}
	req.Header.Set(HeaderAPIKey, c.key)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fault.Wrap(fault.Unavailable, "didit_unreachable", "Didit could not be reached; try again later", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return fault.Wrap(fault.Unavailable, "didit_unreachable", "Didit's answer was cut short; try again later", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return apiFault(&APIError{Status: resp.StatusCode, RetryAfter: provider.RetryAfter(resp.Header.Get("Retry-After"), c.now())})
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fault.Wrap(fault.Unavailable, "didit_bad_answer", "Didit's answer could not be read", err)
		}
	}
	return nil
}

// APIError is an error answer from Didit. Didit's error bodies are not fully documented
// (and may quote what was sent), so only the status is kept.
type APIError struct {
	Status int
	// RetryAfter is the delay Didit's Retry-After header asked for (0 when absent).
	RetryAfter time.Duration
}

// Error implements error.
func (e *APIError) Error() string { return fmt.Sprintf("didit: HTTP %d", e.Status) }

// apiFault turns a Didit error answer into the fault error callers see. Retryable ones
// (429: RateLimited; 5xx: Unavailable) carry RetryAfter; the rest are permanent.
func apiFault(e *APIError) *fault.Error { return vendor.Fault(e.Status, e.RetryAfter, e) }

// vendor names Didit in the adapter's errors.
var vendor = provider.Vendor{Prefix: "didit", Name: "Didit", Credentials: "KYCGATE_DIDIT_API_KEY", Thing: "session"}

// Retryable reports whether err (from any of the adapter's calls) is worth retrying (a
// 429, a 5xx or an unreachable Didit) and how long Didit asked to wait (0: back off as
// usual).
func Retryable(err error) (bool, time.Duration) { return provider.Retryable(err) }
