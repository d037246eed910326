package didit

import (
	"context"
	"net/http"
	"time"

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
// errors (provider.Vendor.Do).
func (c *client) call(ctx context.Context, method, path string, in, out any) error {
	req, err := vendor.Request(ctx, method, c.base+path, in)
	if err != nil {
		return err
	}
	req.Header.Set(HeaderAPIKey, c.key)
	return vendor.Do(c.http, req, out, maxResponse, c.now())
}

// vendor names Didit in the adapter's errors.
var vendor = provider.Vendor{Prefix: "didit", Name: "Didit", Credentials: "KYCGATE_DIDIT_API_KEY", Thing: "session"}

// Retryable reports whether err (from any of the adapter's calls) is worth retrying (a
// 429, a 5xx or an unreachable Didit) and how long Didit asked to wait (0: back off as
// usual).
func Retryable(err error) (bool, time.Duration) { return provider.Retryable(err) }
