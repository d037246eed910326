package didit

import (
	"context"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

var _ provider.ExternalReview = (*Provider)(nil)

// ReviewSummary implements provider.ExternalReview: the decision's checks (ID
// verification, liveness, face match, AML screening) with their status, score and
// warnings' risk codes; nothing personal (names, dates, document numbers) and no media
// URL.
func (p *Provider) ReviewSummary(ctx context.Context, ref string) (provider.ReviewSummary, error) {
	d, err := p.Decision(ctx, ref)
	if err != nil {
		return provider.ReviewSummary{}, err
	}
	s := provider.ReviewSummary{Status: d.Status, Checks: []provider.ReviewCheck{}}
	for _, idv := range d.IDVerifications {
		s.Checks = append(s.Checks, check("id_verification", Check{NodeID: idv.NodeID, Status: idv.Status, Warnings: idv.Warnings}))
	}
	for _, c := range d.LivenessChecks {
		s.Checks = append(s.Checks, check("liveness", c))
	}
	for _, c := range d.FaceMatches {
		s.Checks = append(s.Checks, check("face_match", c))
	}
	for _, c := range d.AMLScreenings {
		s.Checks = append(s.Checks, check("aml", c))
	}
	return s, nil
}

func check(kind string, c Check) provider.ReviewCheck {
	out := provider.ReviewCheck{Kind: kind, Node: c.NodeID, Status: c.Status, Score: c.Score, Warnings: []string{}}
	for _, w := range c.Warnings {
		if w.Risk != "" {
			out.Warnings = append(out.Warnings, w.Risk)
		}
	}
	return out
}

// reviewStatus is the update-status value of each reviewer decision.
var reviewStatus = map[string]string{
	provider.ReviewApprove:  StatusApproved,
	provider.ReviewReject:   StatusDeclined,
	provider.ReviewResubmit: StatusResubmitted,
}

// SendReview implements provider.ExternalReview: it sends the decision with
// PATCH /v3/session/{ref}/update-status/ (Approved; Declined; Resubmitted with
// nodes_to_resubmit) and, once Didit accepted it, answers the result to apply: an
// approval's claims come from the session's decision, read again; a rejection is final
// (the reviewer said so); a resubmission a retry.
func (p *Provider) SendReview(ctx context.Context, ref string, d provider.ReviewDecision) (provider.Result, error) {
	status, ok := reviewStatus[d.Decision]
	if !ok {
		return provider.Result{}, fault.InvalidError("invalid_decision", "decision is approve, reject or resubmit")
	}
	if err := p.Decide(ctx, ref, UpdateStatus{NewStatus: status, Comment: d.Comment, NodesToResubmit: d.Resubmit}); err != nil {
		return provider.Result{}, err
	}
	switch d.Decision {
	case provider.ReviewReject:
		return provider.Result{Status: storage.StatusRejected, RejectType: provider.RejectFinal, Reason: d.Comment}, nil
	case provider.ReviewResubmit:
		return provider.Result{Status: storage.StatusResubmissionRequested, RejectType: provider.RejectRetry, Reason: d.Comment}, nil
	}
	dec, err := p.Decision(ctx, ref)
	if err != nil {
		return provider.Result{}, err
	}
	if dec.Status != StatusApproved {
		return provider.Result{}, fault.New(fault.Unavailable, "didit_not_applied",
			"Didit accepted the approval but the session is "+dec.Status+"; try again later")
	}
	return p.approval(dec)
}
