package manual

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

// The hosted flow has one front and two back ends. The front is everything the user
// touches — the steps, the checks of personal details (validDetails) and of uploads
// (Checker, limits, rate limits), the sealed documents and the progress saved in the
// verification's data — and it is the same whoever decides. The back end (submitter)
// is what submitting does and where a resubmission comes from:
//
//   - reviewQueue, for this provider's own verifications: the case goes to the reviewers'
//     queue (review.go), whose resubmit decision names the documents asked again.
//   - forwarder, for a verification of an external provider that implements
//     kyc.HostedFlow and runs on the hosted flow (Sumsub in api mode): submitting sends
//     the personal details and the images to the provider and asks it to check them;
//     the provider's ids of what was sent are kept by slot (state.Sent, sealed with the
//     verification's data). When the provider's verdict, applied by the inbound pipeline,
//     is a retry, the flow asks the provider what to redo (kyc.HostedFlow.FlowRetry): only
//     the rejected images, found by those ids, and the personal details when the retry
//     says so. A submit after that sends only what was asked again.
//
// The flow finds the back end from the verification's provider name (backendOf): this
// package never imports an adapter, and adapters stay leaves.
type submitter interface {
	// submit hands the complete flow st of v over and moves v to in_review through the
	// lifecycle.
	submit(ctx context.Context, v storage.Verification, st state) (storage.Verification, error)
	// retry fills st's round of redos (Redo, Comment) for v, sent back for a resubmission
	// with none yet; it reports whether it changed st.
	retry(ctx context.Context, v storage.Verification, st *state) (bool, error)
	// selfieHint is what the selfie step tells the user ("" for nothing).
	selfieHint() string
}

// Slots of the flow (the keys of state.Redo and state.Sent).
const (
	slotDetails = "personal_details"
	slotFront   = "document:front"
	slotBack    = "document:back"
	slotSelfie  = "selfie"
)

// backendOf returns the back end of v's flow: the reviewer queue for this provider's
// verifications, a forwarder for those of a provider running on the hosted flow, else
// nil (the token is not a hosted flow's).
func (p *Provider) backendOf(v storage.Verification) submitter {
	if v.Provider == p.name {
		return reviewQueue{p}
	}
	if p.lookup == nil {
		return nil
	}
	if hf, ok := p.lookup(v.Provider).(kyc.HostedFlow); ok && hf.UsesHostedFlow() {
		return forwarder{p: p, hf: hf}
	}
	return nil
}

// reviewQueue is the built-in back end: reviewers decide.
type reviewQueue struct{ p *Provider }

func (q reviewQueue) selfieHint() string { return "" }

// retry: the reviewer's resubmit decision sets the redos itself (Decide).
func (reviewQueue) retry(context.Context, storage.Verification, *state) (bool, error) {
	return false, nil
}

func (q reviewQueue) submit(ctx context.Context, v storage.Verification, _ state) (storage.Verification, error) {
	now := q.p.now()
	return q.p.life.Apply(ctx, kyc.Change{
		VerificationID: v.ID, From: []storage.VerificationStatus{storage.StatusInProgress}, To: storage.StatusInReview,
		Data: func(cur storage.Verification) ([]byte, error) {
			st, err := loadState(cur)
			if err != nil {
				return nil, err
			}
			if m := st.missing(); len(m) > 0 {
				return nil, errIncomplete(m)
			}
			st.SubmittedAt, st.Redo = &now, nil
			return st.encode()
		},
		Actor: "subject:" + v.SubjectID,
	})
}

// forwarder sends the flow to an external provider that decides.
type forwarder struct {
	p  *Provider
	hf kyc.HostedFlow
}

func (f forwarder) selfieHint() string { return f.hf.SelfieHint() }

// submit sends, on the first submission, the personal details and every image; on a
// resubmission only what the retry asked again. Then v moves to in_review (or, when the
// provider's own "pending" webhook got there first, keeps it) with the provider's ids
// of what was sent.
func (f forwarder) submit(ctx context.Context, v storage.Verification, st state) (storage.Verification, error) {
	first := st.SubmittedAt == nil
	asked := func(slot string) bool {
		_, ok := st.Redo[slot]
		return first || ok
	}
	sub := kyc.FlowSubmission{Country: st.Details.Country}
	if asked(slotDetails) {
		d := st.Details
		sub.Details = &kyc.FlowDetails{FirstName: d.FirstName, LastName: d.LastName, DateOfBirth: d.DateOfBirth, Country: d.Country}
	}
	for _, slot := range st.filledSlots() {
		if !asked(slot) {
			continue
		}
		item, err := f.p.flowItem(ctx, st, slot)
		if err != nil {
			return v, err
		}
		sub.Items = append(sub.Items, item)
	}
	ids, err := f.hf.SubmitFlow(ctx, v.ProviderRef, sub)
	if err != nil {
		return v, err
	}
	now := f.p.now()
	sentSlots := slices.Sorted(maps.Keys(ids))
	return f.p.life.Apply(ctx, kyc.Change{
		VerificationID: v.ID, To: storage.StatusInReview,
		From: []storage.VerificationStatus{storage.StatusInProgress, storage.StatusResubmissionRequested, storage.StatusInReview},
		Data: func(cur storage.Verification) ([]byte, error) {
			st, err := loadState(cur)
			if err != nil {
				return nil, err
			}
			if st.Sent == nil {
				st.Sent = map[string]string{}
			}
			maps.Copy(st.Sent, ids)
			st.SubmittedAt, st.Redo, st.Comment = &now, nil, ""
			return st.encode()
		},
		Actor: "subject:" + v.SubjectID, Detail: map[string]any{"sent": sentSlots},
	})
}

// retry asks the provider what its retry rejected and opens those slots again: each
// rejected image by the id it was sent under (an unknown id reopens every slot of its
// kind), the personal details when the retry says so. A retry that names nothing
// reopens every image, so the user can always act on it.
func (f forwarder) retry(ctx context.Context, v storage.Verification, st *state) (bool, error) {
	if st.Redo != nil {
		return false, nil
	}
	r, err := f.hf.FlowRetry(ctx, v.ProviderRef)
	if err != nil {
		return false, err
	}
	redo := map[string]redoItem{}
	ask := func(slot, comment string) {
		redo[slot] = redoItem{DocumentID: st.documentIn(slot), Comment: cmp.Or(comment, r.Comment)}
	}
	if r.Details {
		ask(slotDetails, "")
	}
	for _, item := range r.Items {
		if slot := st.slotSentAs(item.ID); slot != "" {
			ask(slot, item.Comment)
			continue
		}
		for _, slot := range st.filledSlots() {
			if kindOf(slot) == item.Kind {
				ask(slot, item.Comment)
			}
		}
	}
	if len(redo) == 0 {
		for _, slot := range st.filledSlots() {
			ask(slot, "")
		}
	}
	st.Redo, st.Comment = redo, r.Comment
	return true, nil
}

// kindOf is the kind (provider.FlowDocument or provider.FlowSelfie) of an image slot.
func kindOf(slot string) string {
	if slot == slotSelfie {
		return provider.FlowSelfie
	}
	return provider.FlowDocument
}

// filledSlots lists the image slots the flow holds, in the order they are sent.
func (st state) filledSlots() []string {
	var out []string
	if st.Document != nil {
		for _, side := range documentSides[st.Document.Type] {
			if st.Document.Sides[side] != "" {
				out = append(out, "document:"+side)
			}
		}
	}
	if st.Selfie != "" {
		out = append(out, slotSelfie)
	}
	return out
}

// documentIn is the id of the document in an image slot ("" for none).
func (st state) documentIn(slot string) string {
	if slot == slotSelfie {
		return st.Selfie
	}
	if st.Document != nil && len(slot) > len("document:") {
		return st.Document.Sides[slot[len("document:"):]]
	}
	return ""
}

// slotSentAs is the slot whose image the provider knows by id ("" when none).
func (st state) slotSentAs(id string) string {
	for slot, sent := range st.Sent {
		if sent == id && id != "" {
			return slot
		}
	}
	return ""
}

// flowItem reads the document in slot for a forwarder.
func (p *Provider) flowItem(ctx context.Context, st state, slot string) (kyc.FlowItem, error) {
	id := st.documentIn(slot)
	d, err := p.store.GetDocument(ctx, id)
	if err != nil {
		return kyc.FlowItem{}, fmt.Errorf("manual: document %s of slot %s: %w", id, slot, err)
	}
	content, err := p.sealer.Open(d.Data, documentLabel(d.ID))
	if err != nil {
		return kyc.FlowItem{}, fmt.Errorf("manual: open document %s: %w", d.ID, err)
	}
	item := kyc.FlowItem{Slot: slot, Kind: kindOf(slot), ContentType: d.ContentType, Content: content}
	if slot != slotSelfie {
		item.DocType, item.Side = st.Document.Type, d.Side
	}
	return item, nil
}

// openRetry fills, once per round, the redos of a flow its back end sent back for a
// resubmission, and saves them in the verification's data.
func (p *Provider) openRetry(ctx context.Context, v storage.Verification, st state, b submitter) (storage.Verification, state, error) {
	changed, err := b.retry(ctx, v, &st)
	if err != nil || !changed {
		return v, st, err
	}
	slots := slices.Sorted(maps.Keys(st.Redo))
	out, err := p.life.Apply(ctx, kyc.Change{
		VerificationID: v.ID, From: []storage.VerificationStatus{storage.StatusResubmissionRequested},
		Data: func(cur storage.Verification) ([]byte, error) {
			cst, err := loadState(cur)
			if err != nil {
				return nil, err
			}
			if cst.Redo == nil { // a concurrent request may have opened the round first
				cst.Redo, cst.Comment = st.Redo, st.Comment
			}
			return cst.encode()
		},
		Actor: "provider:" + v.Provider, Action: "verification.resubmission_opened", Detail: map[string]any{"slots": slots},
	})
	if err != nil {
		return v, st, err
	}
	st, err = loadState(out)
	return out, st, err
}
