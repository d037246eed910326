package kyc

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/storage"
)

// ---- the state machine ----

// transitionRefused is a change the state machine, the compare-and-swap or the subject's
// state refused. code is the API error code (invalid_transition when empty).
type transitionRefused struct {
	from, to storage.VerificationStatus
	code     string
}

func (e *transitionRefused) Error() string {
	if e.code == codeSubjectBlocked {
		return "the subject is blocked: its verification cannot be approved"
	}
	return fmt.Sprintf("a verification in status %s cannot move to %s", e.from, e.to)
}

const codeSubjectBlocked = "subject_blocked"

// subjectEffects reports whether a change to status to can act on the subject (approve,
// withdraw, block).
func subjectEffects(to storage.VerificationStatus) bool {
	switch to {
	case storage.StatusApproved, storage.StatusRejected, storage.StatusRevoked:
		return true
	}
	return false
}

// Apply implements Lifecycle: it moves a verification in one transaction through the one
// writer of verification status (transition: compare-and-swap of the status, sealed data,
// the audit entry, the tenant notification) and applies the effect on the subject
// (approval; on a final rejection or a reversal, withdrawal of the approval and
// revocation of every attestation, which moves the subject's other verifications through
// the same writer). A refused transition changes nothing, is audited, and returns a 409
// invalid_transition (subject_blocked for the approval of a blocked subject).
//
// Locks are taken in one order everywhere: the subject's row, then its verifications'
// rows (as withdraw, SetBlocked and start do), so a change with subject effects locks the
// subject before the verification.
//
// With person screening enabled (SetPersonScreening), an approval is first screened
// (screenBeforeApproval): the outcome decides whether it is applied, held in review or
// turned into a final rejection.
func (s *Service) Apply(ctx context.Context, c Change) (storage.Verification, error) {
	if c.To == storage.StatusApproved && s.persons != nil {
		v, proceed, err := s.screenBeforeApproval(ctx, c)
		if !proceed || err != nil {
			return v, err
		}
	}
	return s.apply(ctx, c)
}

// apply is Apply without person screening: the screening's own decisions go through it.
func (s *Service) apply(ctx context.Context, c Change) (storage.Verification, error) {
	now := s.now()
	var out storage.Verification
	var from storage.VerificationStatus
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		subjectID := ""
		if subjectEffects(c.To) {
			cur, err := tx.GetVerification(ctx, c.VerificationID)
			if err != nil {
				return err
			}
			if _, err := tx.LockSubject(ctx, cur.SubjectID); err != nil {
				return err
			}
			subjectID = cur.SubjectID
		}
		var err error
		if out, from, err = s.transition(ctx, tx, c, subjectID, now); err != nil || out.Status == from {
			return err
		}
		return s.effects(ctx, tx, out, c, now)
	})
	var refused *transitionRefused
	if errors.As(err, &refused) {
		code := refused.code
		if code == "" {
			code = "invalid_transition"
		}
		detail := map[string]any{"from": refused.from, "to": refused.to}
		if refused.code != "" {
			detail["from"], detail["code"] = from, refused.code
		}
		if aerr := s.recordAudit(ctx, s.store, now, c.Actor, "verification.transition_refused", "verification",
			c.VerificationID, detail, map[string]string{"reason": c.Reason}); aerr != nil {
			return storage.Verification{}, aerr
		}
		return storage.Verification{}, fault.Wrap(fault.Conflict, code, refused.Error(), err)
	}
	if err != nil {
		return storage.Verification{}, err
	}
	return out, nil
}

// transition is the one writer of a verification's status. Inside tx it
// compare-and-swaps the row (c.From, then the state machine; a refusal is a
// *transitionRefused and writes nothing), seals the data, runs c.Then, and announces the
// change (audit entry and outbox). subjectID, when set, is the subject the caller locked:
// the verification must still be its. It returns the stored verification (data in
// plaintext) and the status it moved from.
func (s *Service) transition(ctx context.Context, tx storage.Store, c Change, subjectID string, now time.Time) (storage.Verification, storage.VerificationStatus, error) {
	var out storage.Verification
	var from storage.VerificationStatus
	_, err := tx.UpdateVerification(ctx, c.VerificationID, func(old storage.Verification) (storage.Verification, error) {
		if subjectID != "" && old.SubjectID != subjectID {
			return old, fmt.Errorf("kyc: verification %s changed subject", old.ID)
		}
		v, err := s.open(old)
		if err != nil {
			return old, err
		}
		from = v.Status
		to := cmp.Or(c.To, v.Status)
		if (len(c.From) > 0 && !slices.Contains(c.From, v.Status)) || (to != v.Status && !CanTransition(v.Status, to)) {
			return old, &transitionRefused{from: v.Status, to: to}
		}
		if to == storage.StatusApproved && to != v.Status && c.Claims == nil {
			return old, errors.New("kyc: an approval needs the approved claims")
		}
		if c.Data != nil {
			if v.Data, err = c.Data(v); err != nil {
				return old, err
			}
		}
		if to != v.Status {
			v.RejectType = c.RejectType
		}
		v.Status = to
		if c.Level > 0 {
			v.Level = c.Level
		}
		v.UpdatedAt = now
		out = v
		return s.seal(v)
	})
	if err != nil {
		return out, from, err
	}
	if c.Then != nil {
		if err := c.Then(tx, out); err != nil {
			return out, from, err
		}
	}
	return out, from, s.announce(ctx, tx, out, from, c, now)
}

// announce writes what every verification change leaves behind, inside tx: the audit
// entry ("verification.<status>" for a move, c.Action or "verification.updated" for a
// data-only change; c.Reason sealed) and, when the status moved (from "" for a new
// verification), the tenants' verification.updated notification in the outbox.
func (s *Service) announce(ctx context.Context, tx storage.Store, v storage.Verification, from storage.VerificationStatus, c Change, now time.Time) error {
	action := c.Action
	switch {
	case v.Status != from:
		action = "verification." + string(v.Status)
	case action == "":
		action = "verification.updated"
	}
	detail := map[string]any{"from": from, "to": v.Status, "level": v.Level}
	if v.RejectType != "" && v.Status != from {
		detail["rejectType"] = v.RejectType
	}
	maps.Copy(detail, c.Detail)
	if err := s.recordAudit(ctx, tx, now, c.Actor, action, "verification", v.ID, detail,
		map[string]string{"reason": c.Reason}); err != nil {
		return err
	}
	if v.Status == from {
		return nil
	}
	// Counted when written: a transaction that rolls back later (a rare error after this
	// point) has still been counted.
	s.metrics.moved(v, now)
	return notify.EnqueueVerification(ctx, tx, v, now)
}

// ---- subject-level change: wallet screening ----

// TypeScreeningFlagged is the webhook tenants entitled to a wallet get when its
// screening holds it for a reviewer or finds it sanctioned. Its data carries the wallet,
// the outcome, the sources and when: no match details, list entries or personal data.
const TypeScreeningFlagged = "screening.flagged"

var _ screening.Effects = (*Service)(nil)

// WalletScreened implements screening.Effects, inside the screening's transaction. A
// sanctioned wallet blocks its subject through the same path as a reviewer's block
// (approval withdrawn, approved verifications revoked and open ones closed through the
// one writer, every attestation revoked offchain at once and onchain by job, reason
// wallet_sanctioned) and opens a reviewer case (audited as screening.case_opened; the
// wallet stays held). A new hold is audited. Either is announced to the tenants entitled
// to the wallet (screening.flagged): the tenant whose customer the subject is (with the
// wallet) and those the subject is shared with (with their own verifications' ids, not
// the wallet: as for verification.updated, a tenant the holder verified for is not told
// the holder's other wallets).
func (s *Service) WalletScreened(ctx context.Context, tx storage.Store, e screening.Event) error {
	const actor = "system:screening"
	detail := map[string]any{"address": e.Address, "outcome": e.Outcome, "sources": e.Sources}
	if e.Sanctioned {
		sub, err := tx.LockSubject(ctx, e.SubjectID)
		if err != nil {
			return err
		}
		if !sub.Blocked {
			if err := s.withdraw(ctx, tx, sub.ID, true, RevokedWalletSanctioned, "", actor, e.At); err != nil {
				return err
			}
			if err := s.recordAudit(ctx, tx, e.At, actor, "screening.case_opened", "subject", sub.ID, detail, nil); err != nil {
				return err
			}
		}
	}
	if e.NewHold {
		if err := s.recordAudit(ctx, tx, e.At, actor, "screening.held", "wallet", e.Address, detail, nil); err != nil {
			return err
		}
	}
	if !e.Flagged {
		return nil
	}
	sub, err := tx.GetSubject(ctx, e.SubjectID)
	if err != nil {
		return err
	}
	tenants, err := tx.ListShareTenants(ctx, sub.ID)
	if err != nil {
		return err
	}
	if sub.TenantID != "" {
		tenants = append(tenants, sub.TenantID)
	}
	slices.Sort(tenants)
	list, err := tx.ListVerificationsBySubject(ctx, sub.ID)
	if err != nil {
		return err
	}
	for _, tenantID := range slices.Compact(tenants) {
		data := map[string]any{"outcome": e.Outcome, "sources": e.Sources, "checkedAt": e.At.UTC()}
		if tenantID == sub.TenantID {
			// The customer's own tenant knows its wallets and its customer id.
			data["wallet"], data["externalCustomerId"] = e.Address, sub.ExternalCustomerID
		} else {
			// A tenant the holder shared a result with learns no other wallet of the
			// holder: it gets the verifications it already knows instead.
			ids := []string{}
			for _, v := range list {
				if v.TenantID == tenantID {
					ids = append(ids, v.ID)
				}
			}
			data["verificationIds"] = ids
		}
		ev := notify.Event{Type: TypeScreeningFlagged, Time: e.At, Data: data}
		if err := notify.Enqueue(ctx, tx, tenantID, sub.ID, ev); err != nil {
			return err
		}
	}
	return nil
}
