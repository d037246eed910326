package manual

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
)

// FlowView is the flow as GET /v1/flow/{token} shows it.
type FlowView struct {
	VerificationID string                     `json:"verificationId"`
	Status         storage.VerificationStatus `json:"status"`
	// RejectType is "final" or "retry" when Status is rejected.
	RejectType string `json:"rejectType,omitempty"`
	Steps      []Step `json:"steps"`
	// Redo lists, during a round of resubmission (from the reviewer's or provider's
	// request to the next submit), each slot asked for again with its comment, in the
	// order personal_details, document:front, document:back, selfie; absent otherwise.
	Redo []RedoSlot `json:"redo,omitempty"`
	// Comment is an external provider's comment on a retry (Sumsub's moderationComment).
	Comment string `json:"comment,omitempty"`
	// Message tells the user what to do when the flow cannot go on (a final rejection:
	// contact support; a rejection that may be retried, an expiry or a revocation: what
	// happens next).
	Message string `json:"message,omitempty"`
	// ReturnURL is the dApp's page given as the start's returnUrl; absent when none.
	ReturnURL string `json:"returnUrl,omitempty"`
	// AttestationURL, once a Web3-mode verification is approved, is the sign-in page where
	// the wallet holder takes an attestation; absent otherwise.
	AttestationURL string `json:"attestationUrl,omitempty"`
}

// RedoSlot is one slot asked for again in a resubmission round.
type RedoSlot struct {
	// Slot is "personal_details", "document:front", "document:back" or "selfie".
	Slot string `json:"slot"`
	// Step is the flow step the slot belongs to: personal_details, document or selfie.
	Step string `json:"step"`
	// Side is the document's side ("front", "back") for a document slot.
	Side string `json:"side,omitempty"`
	// DocumentType is the type of the document being resubmitted (it cannot change in
	// the round) for a document slot.
	DocumentType string `json:"documentType,omitempty"`
	// Comment is the reviewer's (or provider's) comment on the slot, for the user.
	Comment string `json:"comment"`
	// Done is true once the slot was uploaded (saved) again in this round.
	Done bool `json:"done"`
}

// Messages of a flow that cannot go on.
const (
	MessageContactSupport = "This verification was declined and cannot be retried. Please contact support."
	MessageStartAgain     = "This verification was declined. You can start a new verification from the site that sent you here."
	MessageExpired        = "This verification link expired. Start again from the site that sent you here to get a new link."
	MessageRevoked        = "This verification was revoked. Please contact support."
)

// redoOrder is the order of the slots in FlowView.Redo.
var redoOrder = []string{slotDetails, "document:front", "document:back", "selfie"}

// redoSlots lists the slots of a resubmission round (see FlowView.Redo).
func (st state) redoSlots() []RedoSlot {
	var out []RedoSlot
	for _, slot := range redoOrder {
		item, ok := st.Redo[slot]
		if !ok {
			continue
		}
		r := RedoSlot{Slot: slot, Step: slot, Comment: item.Comment, Done: item.Done}
		if side, isDoc := strings.CutPrefix(slot, "document:"); isDoc {
			r.Step, r.Side = "document", side
			if st.Document != nil {
				r.DocumentType = st.Document.Type
			}
		}
		out = append(out, r)
	}
	return out
}

// view is the flow as the user sees it.
func (p *Provider) view(v storage.Verification, st state) FlowView {
	out := FlowView{VerificationID: v.ID, Status: v.Status, RejectType: v.RejectType, Steps: st.steps(v.Status),
		ReturnURL: v.ReturnURL}
	if editable(v.Status) && st.Redo != nil {
		out.Comment = st.Comment
		out.Redo = st.redoSlots()
	}
	switch {
	case v.Status == storage.StatusRejected && v.RejectType == kyc.RejectFinal:
		out.Message = MessageContactSupport
	case v.Status == storage.StatusRejected:
		out.Message = MessageStartAgain
	case v.Status == storage.StatusExpired:
		out.Message = MessageExpired
	case v.Status == storage.StatusRevoked:
		out.Message = MessageRevoked
	case v.Status == storage.StatusApproved && v.Mode == kyc.ModeWeb3:
		out.AttestationURL = p.publicURL + "/"
	}
	if b := p.backendOf(v); b != nil {
		for i := range out.Steps {
			if out.Steps[i].Name == slotSelfie {
				out.Steps[i].Hint = b.selfieHint()
			}
		}
	}
	return out
}

// documentLabel is the pii label of a document's content.
func documentLabel(id string) string { return "document:" + id }

// load finds the verification of a flow token, expiring it when it sat unfinished
// longer than the flow TTL.
func (p *Provider) load(ctx context.Context, token string) (storage.Verification, state, error) {
	unknown := fault.NotFoundError("unknown_flow", "no verification flow with this token (a newer link may have replaced it)")
	if !strings.HasPrefix(token, FlowTokenPrefix) {
		return storage.Verification{}, state{}, unknown
	}
	v, err := p.life.GetByFlowToken(ctx, token)
	if errors.Is(err, storage.ErrNotFound) {
		return storage.Verification{}, state{}, unknown
	} else if err != nil {
		return v, state{}, err
	}
	b := p.backendOf(v)
	if b == nil {
		return storage.Verification{}, state{}, unknown
	}
	if editable(v.Status) && !p.now().Before(v.UpdatedAt.Add(p.flowTTL)) {
		expired, err := p.life.Apply(ctx, kyc.Change{VerificationID: v.ID, From: []storage.VerificationStatus{v.Status},
			To: storage.StatusExpired, Actor: "system", Reason: "flow inactive for " + p.flowTTL.String()})
		if err != nil {
			return v, state{}, err
		}
		v = expired
	}
	st, err := loadState(v)
	if err == nil && v.Status == storage.StatusResubmissionRequested && st.Redo == nil {
		return p.openRetry(ctx, v, st, b)
	}
	return v, st, err
}

// ExpireStale implements kyc.Expirer: every unfinished flow without progress for the
// flow TTL moves to expired, oldest first, a bounded batch per call.
func (p *Provider) ExpireStale(ctx context.Context) (int, error) {
	n := 0
	for _, status := range editableFrom {
		stale, err := p.store.ListVerificationsByProvider(ctx, p.name, status, 200)
		if err != nil {
			return n, err
		}
		for _, v := range stale {
			if p.now().Before(v.UpdatedAt.Add(p.flowTTL)) {
				break // oldest change first: the rest are fresher
			}
			_, err := p.life.Apply(ctx, kyc.Change{VerificationID: v.ID, From: []storage.VerificationStatus{status},
				To: storage.StatusExpired, Actor: "system", Reason: "flow inactive for " + p.flowTTL.String()})
			var ae *fault.Error
			if errors.Is(err, storage.ErrConflict) || (errors.As(err, &ae) && ae.Kind == fault.Conflict) {
				continue // the user moved on meanwhile
			}
			if err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

var _ kyc.Expirer = (*Provider)(nil)

// Flow returns the flow's steps.
func (p *Provider) Flow(ctx context.Context, token string) (FlowView, error) {
	v, st, err := p.load(ctx, token)
	if err != nil {
		return FlowView{}, err
	}
	return p.view(v, st), nil
}

// edit runs one user change of the flow through the lifecycle: the first change moves
// the verification to in_progress.
func (p *Provider) edit(ctx context.Context, v storage.Verification, step string, mutate func(*state) error,
	then func(storage.Store, storage.Verification) error) (FlowView, error) {
	if !editable(v.Status) {
		return FlowView{}, closedError(v.Status)
	}
	var to storage.VerificationStatus
	if v.Status != storage.StatusInProgress {
		to = storage.StatusInProgress
	}
	out, err := p.life.Apply(ctx, kyc.Change{
		VerificationID: v.ID, From: editableFrom, To: to,
		Data: func(cur storage.Verification) ([]byte, error) {
			st, err := loadState(cur)
			if err != nil {
				return nil, err
			}
			if err := mutate(&st); err != nil {
				return nil, err
			}
			return st.encode()
		},
		Then: then, Actor: "subject:" + v.SubjectID, Action: "verification.step_saved", Detail: map[string]any{"step": step},
	})
	if err != nil {
		return FlowView{}, err
	}
	st, err := loadState(out)
	return p.view(out, st), err
}

// errStepLocked refuses changes outside what a reviewer asked for again.
var errStepLocked = fault.ConflictError("step_locked", "only the documents the reviewer asked for can be changed now")

// SavePersonalDetails saves the personal_details step.
func (p *Provider) SavePersonalDetails(ctx context.Context, token string, d PersonalDetails) (FlowView, error) {
	d, err := validDetails(d, p.now())
	if err != nil {
		return FlowView{}, err
	}
	v, _, err := p.load(ctx, token)
	if err != nil {
		return FlowView{}, err
	}
	return p.edit(ctx, v, "personal_details", func(st *state) error {
		if _, asked := st.Redo[slotDetails]; st.Redo != nil && !asked {
			return errStepLocked
		}
		st.Details = &d
		markRedone(st, slotDetails)
		return nil
	}, nil)
}

// UploadDocument stores one side of an identity document and returns its id.
func (p *Provider) UploadDocument(ctx context.Context, token, docType, side string, content []byte) (string, error) {
	sides, ok := documentSides[docType]
	if !ok {
		return "", fault.InvalidError("invalid_document_type", "type is passport, id_card, driving_licence or residence_permit")
	}
	if side == "" && len(sides) == 1 {
		side = sides[0]
	}
	if !containsString(sides, side) {
		return "", fault.InvalidError("invalid_document_side", fmt.Sprintf("a %s has sides %s", docType, strings.Join(sides, " and ")))
	}
	contentType, err := p.checker.Check(ctx, content, true)
	if err != nil {
		return "", err
	}
	return p.upload(ctx, token, "document", docType, side, contentType, content, func(st *state, id string) ([]string, error) {
		slot := "document:" + side
		if st.Redo != nil {
			if _, asked := st.Redo[slot]; !asked || st.Document == nil || st.Document.Type != docType {
				return nil, errStepLocked
			}
		}
		var replaced []string
		if st.Document != nil && st.Document.Type != docType {
			for _, old := range st.Document.Sides { // another type replaces every side
				replaced = append(replaced, old)
			}
			st.Document = nil
		}
		if st.Document == nil {
			st.Document = &documentSlot{Type: docType, Sides: map[string]string{}}
		}
		if old := st.Document.Sides[side]; old != "" {
			replaced = append(replaced, old)
		}
		st.Document.Sides[side] = id
		markRedone(st, slot)
		return replaced, nil
	})
}

// UploadSelfie stores the selfie and returns its id.
func (p *Provider) UploadSelfie(ctx context.Context, token string, content []byte) (string, error) {
	contentType, err := p.checker.Check(ctx, content, false)
	if err != nil {
		return "", err
	}
	return p.upload(ctx, token, "selfie", "", "", contentType, content, func(st *state, id string) ([]string, error) {
		if st.Redo != nil {
			if _, asked := st.Redo["selfie"]; !asked {
				return nil, errStepLocked
			}
		}
		var replaced []string
		if st.Selfie != "" {
			replaced = []string{st.Selfie}
		}
		st.Selfie = id
		markRedone(st, "selfie")
		return replaced, nil
	})
}

// markRedone records that a slot asked for again was uploaded; the round of redos lasts
// until the next submit, so the other steps stay locked.
func markRedone(st *state, slot string) {
	if item, ok := st.Redo[slot]; ok {
		item.Done = true
		st.Redo[slot] = item
	}
}

// upload stores a checked upload and places it in the flow's state with place, which
// returns the ids of the documents it replaces. In one transaction it counts the upload
// against the verification's cap, stores the new document and deletes the content of the
// ones replaced (their records stay, for the reviewer's history).
func (p *Provider) upload(ctx context.Context, token, kind, docType, side, contentType string, content []byte,
	place func(*state, string) ([]string, error)) (string, error) {
	v, _, err := p.load(ctx, token)
	if err != nil {
		return "", err
	}
	if !editable(v.Status) {
		return "", closedError(v.Status)
	}
	id := storage.NewID("doc")
	sealed, err := p.sealer.Seal(content, documentLabel(id))
	if err != nil {
		return "", err
	}
	var replaced []string
	_, err = p.edit(ctx, v, kind, func(st *state) error {
		if st.Uploads >= p.maxUploads {
			return errTooManyUploads(p.maxUploads)
		}
		st.Uploads++
		var err error
		replaced, err = place(st, id)
		return err
	}, func(tx storage.Store, v storage.Verification) error {
		err := tx.CreateDocument(ctx, &storage.Document{ID: id, VerificationID: v.ID, Kind: kind, Type: docType, Side: side,
			ContentType: contentType, Size: int64(len(content)), Data: sealed, CreatedAt: p.now()})
		for _, old := range replaced {
			if err == nil {
				err = tx.PurgeDocument(ctx, old)
			}
		}
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// missing lists the steps still to do before submitting.
func (st state) missing() []string {
	var out []string
	if st.Details == nil || st.pendingRedo(slotDetails) {
		out = append(out, "personal_details")
	}
	if !st.documentDone() || st.pendingRedo("document:") {
		out = append(out, "document")
	}
	if st.Selfie == "" || st.pendingRedo("selfie") {
		out = append(out, "selfie")
	}
	return out
}

func (st state) pendingRedo(prefix string) bool {
	for slot, item := range st.Redo {
		if strings.HasPrefix(slot, prefix) && !item.Done {
			return true
		}
	}
	return false
}

// Submit sends the flow to its back end (the reviewers' queue, or an external provider)
// and so to review. Submitting again while in review is a no-op.
func (p *Provider) Submit(ctx context.Context, token string) (FlowView, error) {
	v, st, err := p.load(ctx, token)
	if err != nil {
		return FlowView{}, err
	}
	if v.Status == storage.StatusInReview {
		return p.view(v, st), nil
	}
	if !editable(v.Status) {
		return FlowView{}, closedError(v.Status)
	}
	if m := st.missing(); len(m) > 0 {
		return FlowView{}, errIncomplete(m)
	}
	out, err := p.backendOf(v).submit(ctx, v, st)
	if err != nil {
		return FlowView{}, err
	}
	st, err = loadState(out)
	return p.view(out, st), err
}

// errIncomplete names the steps still to do.
func errIncomplete(missing []string) error {
	return fault.New(fault.Unprocessable, "steps_incomplete", "complete these steps first: "+strings.Join(missing, ", "))
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
