package manual

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
)

// The cases of external providers whose "in review" sessions the gateway's reviewers
// decide (kyc.ExternalReview: Didit). They share this provider's reviewer API: the queue
// lists them (with their provider's name), the case view shows the provider's summary
// of its checks (read live, never stored; no documents or personal details, which stay
// at the provider), and a decision is sent to the provider first and applied here only
// once the provider accepted it. A refusal or a failure leaves the case open: the
// reviewer gets the error, and the case's history an audited review.decision_not_sent
// entry naming its code.

// reviewedProviders lists this provider's name and those of the enabled providers whose
// cases its reviewers decide.
func (p *Provider) reviewedProviders() []string {
	out := []string{p.name}
	if p.names == nil || p.lookup == nil {
		return out
	}
	for _, name := range p.names() {
		if _, ok := p.lookup(name).(kyc.ExternalReview); ok && name != p.name {
			out = append(out, name)
		}
	}
	return out
}

// externalCase loads verification id when it belongs to an external provider whose
// cases are reviewed here; ok is false (and err nil) for any other verification, which
// the caller handles as its own.
func (p *Provider) externalCase(ctx context.Context, id string) (storage.Verification, kyc.ExternalReview, bool, error) {
	if p.lookup == nil {
		return storage.Verification{}, nil, false, nil
	}
	v, err := p.life.Get(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return v, nil, false, nil
	} else if err != nil {
		return v, nil, false, err
	}
	if v.Provider == p.name {
		return v, nil, false, nil
	}
	er, ok := p.lookup(v.Provider).(kyc.ExternalReview)
	if !ok || v.ProviderRef == "" {
		return v, nil, false, nil
	}
	return v, er, true, nil
}

// caseExternal is the case view of an external provider's verification. Reading it is
// audited like any case.
func (p *Provider) caseExternal(ctx context.Context, v storage.Verification, er kyc.ExternalReview, actor string) (Case, error) {
	summary, err := er.ReviewSummary(ctx, v.ProviderRef)
	if err != nil {
		return Case{}, err
	}
	audit, err := p.store.ListAudit(ctx, "verification", v.ID)
	if err != nil {
		return Case{}, err
	}
	c := Case{VerificationID: v.ID, Provider: v.Provider, ProviderSummary: &summary, Status: v.Status,
		RejectType: v.RejectType, Level: v.Level, Mode: v.Mode, TenantID: v.TenantID, SubjectID: v.SubjectID,
		CreatedAt: kyc.Timestamp(v.CreatedAt), UpdatedAt: version(v.UpdatedAt), Documents: []CaseDocument{}}
	if _, ok := er.(kyc.Reporter); ok {
		c.Report = ReportPath(v.ID)
	}
	if c.History, err = p.history(audit); err != nil {
		return Case{}, err
	}
	if c.Wallets, err = p.wallets(ctx, v.SubjectID); err != nil {
		return Case{}, err
	}
	err = storage.RecordAudit(ctx, p.store, p.now(), actor, "review.case_viewed", "verification", v.ID, nil)
	return c, err
}

func (r DecisionRequest) validateExternal() error {
	if err := r.validateCommon(); err != nil {
		return err
	}
	if len(r.Documents) > 0 {
		return fault.InvalidError("invalid_documents", "an external provider's case names nodes, not documents")
	}
	if r.Decision != DecisionResubmit {
		if len(r.Nodes) > 0 {
			return fault.InvalidError("invalid_nodes", "nodes go with resubmit only")
		}
		return nil
	}
	if len(r.Nodes) == 0 || len(r.Nodes) > 20 {
		return fault.InvalidError("nodes_required", "resubmit names the provider's steps to do again (1 to 20 nodes)")
	}
	for _, n := range r.Nodes {
		if strings.TrimSpace(n) == "" || len(n) > 100 {
			return fault.InvalidError("invalid_nodes", "each node is the provider's step id, 1 to 100 characters")
		}
	}
	return nil
}

// decideExternal sends a reviewer's decision on an external provider's case in review to
// the provider and, once it accepted, applies the provider's result through the one
// writer. Repeating the decision that closed the case returns it unchanged without
// sending anything; a different one is refused.
func (p *Provider) decideExternal(ctx context.Context, v storage.Verification, er kyc.ExternalReview, reviewerID string,
	r DecisionRequest) (storage.Verification, bool, error) {
	if err := r.validateExternal(); err != nil {
		return v, false, err
	}
	if v.Status != storage.StatusInReview {
		if v.Status == decisionStatus[r.Decision] {
			return v, false, nil
		}
		return v, false, fault.ConflictError("case_closed",
			fmt.Sprintf("the case is %s, not in review: a different decision cannot be made", v.Status))
	}
	if expected, ok, _ := r.expected(); ok && !expected.Equal(v.UpdatedAt) {
		return v, false, errCaseChanged
	}
	actor := "reviewer:" + reviewerID
	res, err := er.SendReview(ctx, v.ProviderRef, kyc.ReviewDecision{Decision: r.Decision, Comment: r.Reason, Resubmit: r.Nodes})
	if err != nil {
		code := fault.Code(err)
		if code == "" {
			code = "provider_error"
		}
		if aerr := storage.RecordAudit(ctx, p.store, p.now(), actor, "review.decision_not_sent", "verification", v.ID,
			map[string]string{"decision": r.Decision, "provider": v.Provider, "code": code}); aerr != nil {
			return v, false, errors.Join(err, aerr)
		}
		return v, false, err
	}
	change := kyc.Change{VerificationID: v.ID, From: []storage.VerificationStatus{storage.StatusInReview}, To: res.Status,
		RejectType: res.RejectType, Level: res.Level, Claims: res.Claims, Actor: actor, Reason: r.Reason,
		Detail: map[string]any{"decision": r.Decision, "sentTo": v.Provider}}
	if r.ReasonCode != "" {
		change.Detail["reasonCode"] = r.ReasonCode
	}
	if r.Level != 0 {
		change.Level = r.Level
	}
	out, err := p.life.Apply(ctx, change)
	if err != nil {
		// The provider's own webhook, processed meanwhile, may have applied the same
		// decision first.
		if cur, gerr := p.life.Get(ctx, v.ID); gerr == nil && cur.Status == change.To {
			return cur, false, nil
		}
		return v, false, err
	}
	return out, true, nil
}

// ReportPath is the reviewer API's path of verification id's provider report.
func ReportPath(id string) string { return "/v1/admin/reviews/" + id + "/report" }

// Report opens the provider's report (a PDF) of verification id's session for a
// reviewer, to stream on; it is never stored. Opening it is audited like a document
// view (review.report_viewed, naming the provider only). A verification of a provider
// without reports, or without a session, is unknown_report (404).
func (p *Provider) Report(ctx context.Context, id, actor string) (io.ReadCloser, error) {
	noReport := fault.NotFoundError("unknown_report", "this case has no provider report")
	if p.lookup == nil {
		return nil, noReport
	}
	v, err := p.life.Get(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, fault.NotFoundError("unknown_case", "no case with this id")
	} else if err != nil {
		return nil, err
	}
	rp, ok := p.lookup(v.Provider).(kyc.Reporter)
	if !ok || v.Provider == p.name || v.ProviderRef == "" {
		return nil, noReport
	}
	body, err := rp.Report(ctx, v.ProviderRef)
	if err != nil {
		return nil, err
	}
	if err := storage.RecordAudit(ctx, p.store, p.now(), actor, "review.report_viewed", "verification", v.ID,
		map[string]string{"provider": v.Provider}); err != nil {
		body.Close()
		return nil, err
	}
	return body, nil
}
