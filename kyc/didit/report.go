package didit

import (
	"context"
	"io"
	"net/http"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

var _ provider.Reporter = (*Provider)(nil)

// maxReport bounds the bytes of one PDF report passed on.
const maxReport = 32 << 20

// Report implements provider.Reporter: it opens Didit's PDF report of session ref
// (GET /v3/session/{ref}/generate-pdf/) for the caller to stream on; nothing of it is
// kept. At most maxReport bytes are read. Errors are fault errors (see Retryable).
func (p *Provider) Report(ctx context.Context, ref string) (io.ReadCloser, error) {
	c := p.api
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+sessionPath(ref)+"/generate-pdf/", http.NoBody)
	if err != nil {
		return nil, fault.Wrap(fault.Internal, "didit_request", "the request to Didit could not be built", err)
	}
	req.Header.Set(HeaderAPIKey, c.key)
	req.Header.Set("Accept", "application/pdf")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fault.Wrap(fault.Unavailable, "didit_unreachable", "Didit could not be reached; try again later", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, vendor.StatusFault(resp, maxResponse, c.now())
	}
	return limitedBody{Reader: io.LimitReader(resp.Body, maxReport), Closer: resp.Body}, nil
}

type limitedBody struct {
	io.Reader
	io.Closer
}
