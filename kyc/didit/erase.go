package didit

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

var _ provider.Eraser = (*Provider)(nil)

// Erase implements provider.Eraser: it deletes session ref at Didit with "Delete
// Session" (DELETE /v3/session/{sessionId}/delete/, 204 No Content,
// https://docs.didit.me/sessions-api/delete-session). Didit hides the session from
// every read at once, deletes its face, liveness and face-match records with it and
// moves its media to quarantine; it keeps the underlying records for the application's
// configured retention window, then hard-deletes them. Blocklist entries made from the
// session stay. A repeat answers 404, which counts as erased.
func (p *Provider) Erase(ctx context.Context, ref string) error {
	err := p.api.call(ctx, http.MethodDelete, "/v3/session/"+url.PathEscape(ref)+"/delete/", nil, nil)
	if fe, ok := errors.AsType[*fault.Error](err); ok && fe.Kind == fault.NotFound {
		return nil
	}
	return err
}
