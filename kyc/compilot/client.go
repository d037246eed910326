package compilot

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

// maxResponse bounds the bytes read from one answer.
const maxResponse = 4 << 20

// client is ComPilot's HTTP API, authenticated with the API key as a bearer token.
type client struct {
	base string
	key  string
	http *http.Client
	now  func() time.Time
}

// call sends one request (in as JSON when not nil) to path (escaped, from the origin) and
// decodes a 2xx JSON answer into out (when not nil). Errors are fault errors: see apiFault.
func (c *client) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader = http.NoBody
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return fault.Wrap(fault.Internal, "compilot_request", "the request to ComPilot could not be built", err)
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fault.Wrap(fault.Internal, "compilot_request", "the request to ComPilot could not be built", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fault.Wrap(fault.Unavailable, "compilot_unreachable", "ComPilot could not be reached; try again later", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return fault.Wrap(fault.Unavailable, "compilot_unreachable", "ComPilot's answer was cut short; try again later", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return apiFault(&APIError{Status: resp.StatusCode, RetryAfter: provider.RetryAfter(resp.Header.Get("Retry-After"), c.now())})
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fault.Wrap(fault.Unavailable, "compilot_bad_answer", "ComPilot's answer is not the JSON expected", err)
		}
	}
	return nil
}

// APIError is an error answer from ComPilot. Its body is not kept: it may quote what was
// sent (personal data), and ComPilot documents no error shape.
type APIError struct {
	Status int
	// RetryAfter is the delay ComPilot's Retry-After header asked for (0 when absent).
	RetryAfter time.Duration
}

// Error implements error.
func (e *APIError) Error() string { return fmt.Sprintf("compilot: HTTP %d", e.Status) }

// apiFault turns an error answer into the fault error callers see: 429 RateLimited and
// 5xx Unavailable (retryable, with RetryAfter); the rest are permanent.
func apiFault(e *APIError) *fault.Error { return vendor.Fault(e.Status, e.RetryAfter, e) }

// vendor names ComPilot in the adapter's errors.
var vendor = provider.Vendor{Prefix: "compilot", Name: "ComPilot", Credentials: "KYCGATE_COMPILOT_API_KEY", Thing: "customer"}

// Retryable reports whether err (from any of the adapter's calls) is worth retrying (a
// 429, a 5xx or an unreachable ComPilot) and how long ComPilot asked to wait.
func Retryable(err error) (bool, time.Duration) { return provider.Retryable(err) }
