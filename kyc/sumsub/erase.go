package sumsub

import (
	"context"
	"errors"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

var _ provider.Eraser = (*Provider)(nil)

// DeactivatePath is the path, under an applicant's, of Sumsub's "Deactivate applicant
// profile" (PATCH /resources/applicants/{applicantId}/presence/deactivated,
// https://docs.sumsub.com/reference/deactivate-applicant-profile): "the applicant profile
// becomes as if it never existed and none of your or Sumsub operators will be able to
// perform any actions" with it; the answer is the applicant with "deleted": true.
// Sumsub's API offers no call that purges an applicant: a purge is asked of Sumsub
// (https://support.sumsub.com/data-access-and-deletion/how-can-I-request-deletion-of-my-personal-data),
// which acts as the processor of the tenant's (the controller's) data.
const DeactivatePath = "/presence/deactivated"

// Erase implements provider.Eraser: it deactivates the applicant ref (DeactivatePath).
// An applicant Sumsub no longer knows (404) counts as erased. Sumsub refuses to
// deactivate an applicant under review (pending, queued, prechecked): that error is
// returned as Sumsub gave it, and the erasure job records it.
func (p *Provider) Erase(ctx context.Context, ref string) error {
	_, err := p.api.call(ctx, "PATCH", applicantPath(ref)+DeactivatePath, "", nil, nil)
	if fe, ok := errors.AsType[*fault.Error](err); ok && fe.Kind == fault.NotFound {
		return nil
	}
	return err
}
