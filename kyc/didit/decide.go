package didit

import (
	"context"

	"github.com/kycgate/kycgate/fault"
)

// UpdateStatus is the body of PATCH /v3/session/{id}/update-status/.
type UpdateStatus struct {
	NewStatus       string   `json:"new_status"`
	Comment         string   `json:"comment,omitempty"`
	NodesToResubmit []string `json:"nodes_to_resubmit,omitempty"`
}

// Decide sends a decision taken outside Didit (by the gateway's reviewer) on session id:
// Approved, Declined, or Resubmitted with the workflow nodes to do again. It returns nil
// only when Didit accepted it.
func (p *Provider) Decide(ctx context.Context, id string, u UpdateStatus) error {
	switch u.NewStatus {
	case StatusApproved, StatusDeclined:
	case StatusResubmitted:
		if len(u.NodesToResubmit) == 0 {
			return fault.InvalidError("didit_nodes_missing", "a resubmission names the nodes to resubmit")
		}
	default:
		return fault.InvalidError("didit_status_invalid", "a decision is Approved, Declined or Resubmitted")
	}
	return p.api.call(ctx, "PATCH", sessionPath(id)+"/update-status/", u, nil)
}
