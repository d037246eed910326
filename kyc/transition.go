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
