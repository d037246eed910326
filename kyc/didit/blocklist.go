package didit

import (
	"context"
	"net/http"

	"github.com/kycgate/kycgate/kyc/provider"
)

var _ provider.Blocklister = (*Provider)(nil)

// BlocklistRequest is the body of POST /v3/blocklist/add/: the session whose face and
// document Didit refuses from then on.
type BlocklistRequest struct {
	SessionID         string `json:"session_id"`
	BlocklistFace     bool   `json:"blocklist_face"`
	BlocklistDocument bool   `json:"blocklist_document"`
}

// Blocklist implements provider.Blocklister: it adds session ref's face and document to
// Didit's blocklist (POST /v3/blocklist/add/). Errors are fault errors (see Retryable).
func (p *Provider) Blocklist(ctx context.Context, ref string) error {
	return p.api.call(ctx, http.MethodPost, "/v3/blocklist/add/",
		BlocklistRequest{SessionID: ref, BlocklistFace: true, BlocklistDocument: true}, nil)
}
