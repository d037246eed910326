package compilot

import (
	"context"
	"net/http"
	"time"

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
// decodes a 2xx JSON answer into out (when not nil). Errors are fault errors (provider.Vendor.Do).
func (c *client) call(ctx context.Context, method, path string, in, out any) error {
	req, err := vendor.Request(ctx, method, c.base+path, in)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	return vendor.Do(c.http, req, out, maxResponse, c.now())
}

// vendor names ComPilot in the adapter's errors.
var vendor = provider.Vendor{Prefix: "compilot", Name: "ComPilot", Credentials: "KYCGATE_COMPILOT_API_KEY", Thing: "customer"}

// Retryable reports whether err (from any of the adapter's calls) is worth retrying (a
// 429, a 5xx or an unreachable ComPilot) and how long ComPilot asked to wait.
func Retryable(err error) (bool, time.Duration) { return provider.Retryable(err) }
