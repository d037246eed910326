package sumsub

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

// The request-signing headers Sumsub reads on every call.
const (
	HeaderAppToken = "X-App-Token"
	HeaderAccessTs = "X-App-Access-Ts"
	HeaderSig      = "X-App-Access-Sig"
)

// Sign returns X-App-Access-Sig: the lowercase hex HMAC-SHA256, keyed with the app token's
// secret key, of ts (unix seconds) + method + the path with its query exactly as sent
// (from /resources…, no host) + the raw body bytes (the whole multipart body for uploads,
// nothing for an empty body). The fake verifies requests with it too.
func Sign(secret []byte, ts, method, pathWithQuery string, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(ts + method + pathWithQuery))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// maxResponse bounds the bytes read from one answer.
const maxResponse = 8 << 20

// client is Sumsub's signed HTTP API.
type client struct {
	base   string
	token  string
	secret []byte
	http   *http.Client
	now    func() time.Time
}

// call sends one signed request to path (which starts with /resources and carries its
// query, already escaped) and decodes a 2xx JSON answer into out (when not nil). Errors
// are fault errors: see apiFault.
func (c *client) call(ctx context.Context, method, path, contentType string, body []byte, out any) (http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, fault.Wrap(fault.Internal, "sumsub_request", "the request to Sumsub could not be built", err)
	}
	if len(body) == 0 {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	ts := strconv.FormatInt(c.now().Unix(), 10)
	req.Header.Set(HeaderAppToken, c.token)
	req.Header.Set(HeaderAccessTs, ts)
	// RequestURI is the path and query exactly as the transport writes them on the wire.
	req.Header.Set(HeaderSig, Sign(c.secret, ts, method, req.URL.RequestURI(), body))
	req.Header.Set("Accept", "application/json")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fault.Wrap(fault.Unavailable, "sumsub_unreachable", "Sumsub could not be reached; try again later", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, fault.Wrap(fault.Unavailable, "sumsub_unreachable", "Sumsub's answer was cut short; try again later", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.Header, apiFault(newAPIError(resp, raw, c.now()))
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return resp.Header, fault.Wrap(fault.Unavailable, "sumsub_bad_answer", "Sumsub's answer could not be read", err)
		}
	}
	return resp.Header, nil
}

// callJSON sends in as a JSON body.
func (c *client) callJSON(ctx context.Context, method, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fault.Wrap(fault.Internal, "sumsub_request", "the request to Sumsub could not be built", err)
	}
	_, err = c.call(ctx, method, path, "application/json", body, out)
	return err
}

// APIError is an error answer from Sumsub: its HTTP status and documented error body
// {"description","code","correlationId","errorCode","errorName"}. Its message names the
// status, codes and correlation id only: Sumsub's description may quote what was sent,
// so it is kept in Description for code that needs it and never printed.
type APIError struct {
	Status        int    `json:"-"`
	Description   string `json:"description"`
	Code          int    `json:"code"`
	CorrelationID string `json:"correlationId"`
	ErrorCode     int    `json:"errorCode"`
	ErrorName     string `json:"errorName"`
	// RetryAfter is the delay Sumsub's Retry-After header asked for (0 when absent).
	RetryAfter time.Duration `json:"-"`
}

func newAPIError(resp *http.Response, raw []byte, now time.Time) *APIError {
	e := &APIError{}
	_ = json.Unmarshal(raw, e) // a body that is not Sumsub's JSON still has a status
	e.Status = resp.StatusCode
	e.RetryAfter = provider.RetryAfter(resp.Header.Get("Retry-After"), now)
	return e
}

// Error implements error.
func (e *APIError) Error() string {
	s := fmt.Sprintf("sumsub: HTTP %d", e.Status)
	if e.ErrorCode != 0 || e.ErrorName != "" {
		s += fmt.Sprintf(" (error %d %s)", e.ErrorCode, e.ErrorName)
	}
	if e.CorrelationID != "" {
		s += " correlationId " + e.CorrelationID
	}
	return s
}

// Retryable reports whether the same request may succeed later: 429 and 5xx.
func (e *APIError) Retryable() bool { return e.Status == http.StatusTooManyRequests || e.Status >= 500 }

// apiFault turns a Sumsub error answer into the fault error callers see. Retryable ones
// (429: RateLimited; 5xx: Unavailable) carry RetryAfter; the rest are permanent.
func apiFault(e *APIError) *fault.Error { return vendor.Fault(e.Status, e.RetryAfter, e) }

// vendor names Sumsub in the adapter's errors.
var vendor = provider.Vendor{Prefix: "sumsub", Name: "Sumsub", Credentials: "KYCGATE_SUMSUB_APP_TOKEN, KYCGATE_SUMSUB_SECRET_KEY", Thing: "applicant"}

// Retryable reports whether err (from any of the adapter's calls) is worth retrying (a
// 429, a 5xx or an unreachable Sumsub) and how long Sumsub asked to wait (0: back off as
// usual). Everything else is permanent: retrying the same request cannot succeed.
func Retryable(err error) (bool, time.Duration) { return provider.Retryable(err) }
