package manual

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
)

// Reviewer decisions.
const (
	DecisionApprove  = "approve"
	DecisionReject   = "reject"
	DecisionResubmit = "resubmit"
)

// QueueItem is one case in the review queue.
type QueueItem struct {
	VerificationID string `json:"verificationId"`
	// Provider is the verification's provider: this one's cases, or an external
	// provider's whose cases its reviewers decide here (kyc.ExternalReview).
	Provider  string                     `json:"provider"`
	Status    storage.VerificationStatus `json:"status"`
	Level     int                        `json:"level"`
	Mode      string                     `json:"mode"`
	TenantID  string                     `json:"tenantId,omitempty"`
	SubjectID string                     `json:"subjectId"`
	CreatedAt string                     `json:"createdAt"`
	UpdatedAt string                     `json:"updatedAt"`
}

// Queue lists this provider's cases in a status, the longest waiting first.
func (p *Provider) Queue(ctx context.Context, status storage.VerificationStatus, limit int) ([]QueueItem, error) {
	if status == "" {
		status = storage.StatusInReview
	}
	if !kyc.ValidStatus(status) {
		return nil, fault.InvalidError("invalid_status", fmt.Sprintf("%q is not a verification status", status))
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var list []storage.Verification
	for _, name := range p.reviewedProviders() {
		more, err := p.store.ListVerificationsByProvider(ctx, name, status, limit)
		if err != nil {
			return nil, err
		}
		list = append(list, more...)
	}
	slices.SortStableFunc(list, func(a, b storage.Verification) int {
		if c := a.UpdatedAt.Compare(b.UpdatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	list = list[:min(len(list), limit)]
	items := make([]QueueItem, len(list))
	for i, v := range list {
		items[i] = QueueItem{VerificationID: v.ID, Provider: v.Provider, Status: v.Status, Level: v.Level, Mode: v.Mode,
			TenantID: v.TenantID, SubjectID: v.SubjectID, CreatedAt: kyc.Timestamp(v.CreatedAt), UpdatedAt: kyc.Timestamp(v.UpdatedAt)}
	}
	return items, nil
}

// CaseDocument is a document of a case, without its content.
type CaseDocument struct {
	DocumentID  string `json:"documentId"`
	Kind        string `json:"kind"`
	Type        string `json:"type,omitempty"`
	Side        string `json:"side,omitempty"`
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
	UploadedAt  string `json:"uploadedAt"`
	// Current is true for the documents the case is decided on (later uploads replace
	// earlier ones of the same slot).
	Current bool `json:"current"`
}

// HistoryEntry is one audit entry of a case.
type HistoryEntry struct {
	At     string          `json:"at"`
	Actor  string          `json:"actor"`
	Action string          `json:"action"`
	Detail json.RawMessage `json:"detail"`
}

// Case is everything a reviewer decides on.
type Case struct {
	VerificationID string `json:"verificationId"`
	// Provider is the verification's provider (see QueueItem).
	Provider string `json:"provider"`
	// ProviderSummary is an external provider's summary of its session (its checks and
	// scores), read live from the provider and never stored; nil for this provider's own
	// cases.
	ProviderSummary *kyc.ReviewSummary `json:"providerSummary,omitempty"`
	// Report is the path of the provider's report of its session (Didit's PDF), streamed
	// from the provider to the reviewer and never stored; empty when it has none.
	Report     string                     `json:"report,omitempty"`
	Status     storage.VerificationStatus `json:"status"`
	RejectType string                     `json:"rejectType,omitempty"`
	Level      int                        `json:"level"`
	Mode       string                     `json:"mode"`
	TenantID   string                     `json:"tenantId,omitempty"`
	SubjectID  string                     `json:"subjectId"`
	// Wallets are the subject's linked wallets (checksummed), whose screenings the
	// reviewer reads at /v1/admin/wallets/{address}/screenings; empty for a customer of
	// a tenant without one.
	Wallets   []string `json:"wallets"`
	CreatedAt string   `json:"createdAt"`
	// UpdatedAt is when the case last changed, RFC 3339 with the store's full precision:
	// a decision sends it back as expectedUpdatedAt to be applied only to this version.
	UpdatedAt       string           `json:"updatedAt"`
	SubmittedAt     string           `json:"submittedAt,omitempty"`
	PersonalDetails *PersonalDetails `json:"personalDetails"`
	Documents       []CaseDocument   `json:"documents"`
	Steps           []Step           `json:"steps"`
	Decision        *decisionRecord  `json:"decision"`
	History         []HistoryEntry   `json:"history"`
}

// case_ loads one of this provider's verifications for a reviewer.
func (p *Provider) verification(ctx context.Context, id string) (storage.Verification, state, error) {
	v, err := p.life.Get(ctx, id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && v.Provider != p.name) {
		return v, state{}, fault.NotFoundError("unknown_verification", "no manual-review case with this id")
	} else if err != nil {
		return v, state{}, err
	}
	st, err := loadState(v)
	return v, st, err
}

// Case returns a case with its personal details, documents and history. Reading it is
// audited: it shows personal data.
func (p *Provider) Case(ctx context.Context, id, actor string) (Case, error) {
	if v, er, ok, err := p.externalCase(ctx, id); ok || err != nil {
		if err != nil {
			return Case{}, err
		}
		return p.caseExternal(ctx, v, er, actor)
	}
	v, st, err := p.verification(ctx, id)
	if err != nil {
		return Case{}, err
	}
	docs, err := p.store.ListDocuments(ctx, v.ID)
	if err != nil {
		return Case{}, err
	}
	audit, err := p.store.ListAudit(ctx, "verification", v.ID)
	if err != nil {
		return Case{}, err
	}
	c := Case{VerificationID: v.ID, Provider: v.Provider, Status: v.Status, RejectType: v.RejectType, Level: v.Level, Mode: v.Mode,
		TenantID: v.TenantID, SubjectID: v.SubjectID, CreatedAt: kyc.Timestamp(v.CreatedAt), UpdatedAt: version(v.UpdatedAt),
		PersonalDetails: st.Details,
		Documents:       make([]CaseDocument, len(docs)), Steps: st.steps(v.Status), Decision: st.Decision}
	if st.SubmittedAt != nil {
		c.SubmittedAt = kyc.Timestamp(*st.SubmittedAt)
	}
	for i, d := range docs {
		c.Documents[i] = CaseDocument{DocumentID: d.ID, Kind: d.Kind, Type: d.Type, Side: d.Side, ContentType: d.ContentType,
			Size: d.Size, UploadedAt: kyc.Timestamp(d.CreatedAt), Current: st.slotOf(d.ID) != ""}
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

// wallets lists a subject's linked wallets, checksummed.
func (p *Provider) wallets(ctx context.Context, subjectID string) ([]string, error) {
	list, err := p.store.ListWallets(ctx, subjectID)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(list))
	for i, w := range list {
		out[i] = common.HexToAddress(w.Address).Hex()
	}
	return out, nil
}

// history is a case's audit entries as a reviewer reads them.
func (p *Provider) history(audit []storage.AuditEntry) ([]HistoryEntry, error) {
	out := make([]HistoryEntry, len(audit))
	for i, e := range audit {
		// Reviewers read the free text of the history (reasons) opened; it is sealed at rest.
		detail, err := kyc.OpenDetail(p.sealer, e)
		if err != nil {
			return nil, err
		}
		out[i] = HistoryEntry{At: kyc.Timestamp(e.At), Actor: e.Actor, Action: e.Action, Detail: detail}
	}
	return out, nil
}

// Document returns an uploaded document with its content opened. Reading it is audited.
func (p *Provider) Document(ctx context.Context, id, actor string) (storage.Document, error) {
	d, err := p.store.GetDocument(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return d, fault.NotFoundError("unknown_document", "no document with this id")
	} else if err != nil {
		return d, err
	}
	if d.Data, err = p.sealer.Open(d.Data, documentLabel(d.ID)); err != nil {
		return d, fmt.Errorf("manual: open document %s: %w", d.ID, err)
	}
	err = storage.RecordAudit(ctx, p.store, p.now(), actor, "review.document_viewed", "verification", d.VerificationID,
		map[string]string{"documentId": d.ID})
	return d, err
}

// DocumentComment names a document to upload again and tells the user why.
type DocumentComment struct {
	DocumentID string `json:"documentId"`
	Comment    string `json:"comment"`
}

// DecisionRequest is a reviewer's decision on a case.
type DecisionRequest struct {
	Decision string `json:"decision"`
	// ReasonCode, with reject only, says why in a word tenants and reports can count
	// (RejectReasonCodes); Reason is the reviewer's note, sealed at rest.
	ReasonCode string            `json:"reasonCode"`
	Reason     string            `json:"reason"`
	Level      int               `json:"level"`
	Documents  []DocumentComment `json:"documents"`
	// Nodes, with resubmit on an external provider's case, name the provider's steps the
	// user must do again (Didit's nodes_to_resubmit); this provider's own cases name
	// documents instead.
	Nodes []string `json:"nodes"`
	// ExpectedUpdatedAt, when set, is the case's updatedAt as the reviewer read it (GET
	// /v1/admin/reviews/{id}): the decision applies only if the case has not changed
	// since (409 case_changed otherwise), so an approval covers the documents seen.
	ExpectedUpdatedAt string `json:"expectedUpdatedAt"`
}

// version formats a case's UpdatedAt as Case shows it and expectedUpdatedAt compares it.
func version(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// expected parses ExpectedUpdatedAt; ok is false when it is not set.
func (r DecisionRequest) expected() (t time.Time, ok bool, err error) {
	if r.ExpectedUpdatedAt == "" {
		return t, false, nil
	}
	t, err = time.Parse(time.RFC3339Nano, r.ExpectedUpdatedAt)
	if err != nil {
		return t, false, fault.InvalidError("invalid_expected_updated_at", "expectedUpdatedAt is the case's updatedAt, RFC 3339")
	}
	return t, true, nil
}

// errCaseChanged refuses a decision on a case that changed since the reviewer read it.
var errCaseChanged = fault.ConflictError("case_changed",
	"the case changed since it was read (expectedUpdatedAt): read it again before deciding")

// RejectReasonCodes are the reason codes a rejection may carry (DecisionRequest.ReasonCode).
var RejectReasonCodes = []string{"document_forged", "selfie_mismatch", "data_mismatch", "sanctions", "underage", "other"}

// validateCommon checks what every decision needs: the decision, expectedUpdatedAt, the
// reason (and a rejection's reason code) and the level.
func (r DecisionRequest) validateCommon() error {
	switch r.Decision {
	case DecisionApprove, DecisionReject, DecisionResubmit:
	default:
		return fault.InvalidError("invalid_decision", "decision is approve, reject or resubmit")
	}
	if r.ReasonCode != "" && (r.Decision != DecisionReject || !slices.Contains(RejectReasonCodes, r.ReasonCode)) {
		return fault.InvalidError("invalid_reason_code",
			"reasonCode goes with reject and is one of "+strings.Join(RejectReasonCodes, ", "))
	}
	if _, _, err := r.expected(); err != nil {
		return err
	}
	if strings.TrimSpace(r.Reason) == "" || len(r.Reason) > 1000 {
		return fault.InvalidError("reason_required", "a reason of 1 to 1000 characters is required")
	}
	if r.Level != 0 && (r.Decision != DecisionApprove || r.Level < 1 || r.Level > kyc.MaxLevel) {
		return fault.InvalidError("invalid_level", fmt.Sprintf("level goes with approve and is 1 to %d", kyc.MaxLevel))
	}
	return nil
}

func (r DecisionRequest) validate() error {
	if err := r.validateCommon(); err != nil {
		return err
	}
	if len(r.Nodes) > 0 {
		return fault.InvalidError("invalid_nodes", "nodes go with an external provider's case; this case names documents")
	}
	if r.Decision == DecisionResubmit {
		if len(r.Documents) == 0 {
			return fault.InvalidError("documents_required", "resubmit names the documents to upload again")
		}
		for _, d := range r.Documents {
			if d.DocumentID == "" || strings.TrimSpace(d.Comment) == "" || len(d.Comment) > 500 {
				return fault.InvalidError("invalid_documents", "each document needs a documentId and a comment of 1 to 500 characters")
			}
		}
	} else if len(r.Documents) > 0 {
		return fault.InvalidError("invalid_documents", "documents go with resubmit only")
	}
	return nil
}

// sameDecision reports whether a request repeats a recorded decision (the reason may
// differ): the repeat is acknowledged, not applied twice.
func sameDecision(rec *decisionRecord, r DecisionRequest, level int) bool {
	if rec == nil || rec.Decision != r.Decision || (r.Decision == DecisionApprove && rec.Level != level) {
		return false
	}
	key := func(list []DocumentComment) []string {
		out := make([]string, len(list))
		for i, d := range list {
			out[i] = d.DocumentID + "\x00" + strings.TrimSpace(d.Comment)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(rec.Documents), key(r.Documents))
}

// decisionStatus is the status a decision leads to.
var decisionStatus = map[string]storage.VerificationStatus{
	DecisionApprove:  storage.StatusApproved,
	DecisionReject:   storage.StatusRejected,
	DecisionResubmit: storage.StatusResubmissionRequested,
}

// Decide applies a reviewer's decision to a case in review: approve (the subject becomes
// approved at the level), reject (final) or resubmit (a retry: the named documents are
// asked for again with the comments). Repeating the decision that closed the case
// returns it unchanged (changed is false); a different decision is refused. With
// ExpectedUpdatedAt, a case in review that changed since is refused (case_changed); and
// a case that changes between this read and the locked write is refused alike, so an
// approval never carries claims from details that were replaced meanwhile.
func (p *Provider) Decide(ctx context.Context, id, reviewerID string, r DecisionRequest) (v storage.Verification, changed bool, err error) {
	if v, er, ok, err := p.externalCase(ctx, id); ok || err != nil {
		if err != nil {
			return v, false, err
		}
		return p.decideExternal(ctx, v, er, reviewerID, r)
	}
	if err := r.validate(); err != nil {
		return v, false, err
	}
	expected, checkVersion, _ := r.expected()
	v, st, err := p.verification(ctx, id)
	if err != nil {
		return v, false, err
	}
	level := r.Level
	if level == 0 {
		level = v.Level
	}
	if v.Status != storage.StatusInReview {
		if v.Status == decisionStatus[r.Decision] && sameDecision(st.Decision, r, level) {
			return v, false, nil
		}
		return v, false, fault.ConflictError("case_closed",
			fmt.Sprintf("the case is %s, not in review: a different decision cannot be made", v.Status))
	}
	if checkVersion && !expected.Equal(v.UpdatedAt) {
		return v, false, errCaseChanged
	}
	now := p.now()
	change := kyc.Change{
		VerificationID: v.ID, From: []storage.VerificationStatus{storage.StatusInReview}, To: decisionStatus[r.Decision],
		Actor: "reviewer:" + reviewerID, Reason: r.Reason,
	}
	record := &decisionRecord{Decision: r.Decision, ReasonCode: r.ReasonCode, Reason: r.Reason, Reviewer: reviewerID, At: now}
	var redo map[string]redoItem
	switch r.Decision {
	case DecisionApprove:
		if st.Details == nil {
			return v, false, fault.ConflictError("personal_details_missing", "the case has no personal details to approve")
		}
		dob, err := time.Parse(time.DateOnly, st.Details.DateOfBirth)
		if err != nil {
			return v, false, fmt.Errorf("manual: stored date of birth of %s: %w", v.ID, err)
		}
		change.Level, record.Level = level, level
		change.Claims = st.claims(dob)
	case DecisionReject:
		change.RejectType = kyc.RejectFinal
		if r.ReasonCode != "" {
			change.Detail = map[string]any{"reasonCode": r.ReasonCode}
		}
	case DecisionResubmit:
		change.RejectType = kyc.RejectRetry
		redo = map[string]redoItem{}
		for _, d := range r.Documents {
			slot := st.slotOf(d.DocumentID)
			if slot == "" {
				return v, false, fault.InvalidError("unknown_document",
					fmt.Sprintf("document %q is not one of the case's current documents", d.DocumentID))
			}
			redo[slot] = redoItem{DocumentID: d.DocumentID, Comment: strings.TrimSpace(d.Comment)}
		}
		record.Documents = r.Documents
		change.Detail = map[string]any{"documents": len(redo)}
	}
	change.Data = func(cur storage.Verification) ([]byte, error) {
		// The claims and the documents to redo were taken from the read above: with the
		// row locked, the case must still be that read (the reviewer's expectedUpdatedAt,
		// when sent, was checked against it already).
		if !cur.UpdatedAt.Equal(v.UpdatedAt) {
			return nil, errCaseChanged
		}
		st, err := loadState(cur)
		if err != nil {
			return nil, err
		}
		st.Decision = record
		if redo != nil {
			st.Redo = redo
		}
		return st.encode()
	}
	v, err = p.life.Apply(ctx, change)
	return v, err == nil, err
}
