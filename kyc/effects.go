package kyc

import (
	"context"
	"errors"
	"time"

	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/storage"
)

// effects applies what a status change means for the subject, inside the transaction.
func (s *Service) effects(ctx context.Context, tx storage.Store, v storage.Verification, c Change, now time.Time) error {
	switch {
	case v.Status == storage.StatusApproved:
		return s.approve(ctx, tx, v, *c.Claims, c.Actor, now)
	case v.Status == storage.StatusRejected && v.RejectType == RejectFinal:
		return s.withdraw(ctx, tx, v.SubjectID, true, RevokedRejected, c.Reason, c.Actor, now)
	case v.Status == storage.StatusRevoked:
		return s.withdraw(ctx, tx, v.SubjectID, false, RevokedReversed, c.Reason, c.Actor, now)
	}
	return nil
}

// approve records an approval on the subject: the level (the highest approved so far),
// when, and the claims attestations carry. A blocked subject is refused
// (subject_blocked), and so is a verification whose declared name and date of birth
// match an erased blocked person's marker. When the approval changes the country or the over-18 flag (or
// lowers the level), the attestations issued so far carry claims no longer true: they
// are revoked in the same transaction.
func (s *Service) approve(ctx context.Context, tx storage.Store, v storage.Verification, cl Claims, actor string, now time.Time) error {
	// An erased blocked person who starts over is still blocked (erase.go).
	if marked, err := s.markedBlocked(ctx, tx, v); err != nil {
		return err
	} else if marked {
		return &transitionRefused{to: storage.StatusApproved, code: codeSubjectBlocked}
	}
	// A provider may approve without a claim (ComPilot's customer record may lack it): the
	// country stays "" and the date of birth unrecorded, so attestations carry them as
	// unknown (country 0x0000, over18 false) and rules that need them answer review.
	var dob []byte
	if !cl.DateOfBirth.IsZero() {
		var err error
		if dob, err = s.sealer.Seal([]byte(cl.DateOfBirth.Format(time.DateOnly)), birthDateLabel(v.SubjectID)); err != nil {
			return err
		}
	}
	var prev storage.Subject
	sub, err := tx.UpdateSubject(ctx, v.SubjectID, func(sub storage.Subject) (storage.Subject, error) {
		if sub.Blocked {
			return sub, &transitionRefused{to: storage.StatusApproved, code: codeSubjectBlocked}
		}
		prev = sub
		sub.ApprovedLevel = max(sub.ApprovedLevel, v.Level)
		sub.ApprovedAt = &now
		sub.Country = cl.Country
		sub.Over18 = !cl.DateOfBirth.IsZero() && gate.Age(cl.DateOfBirth, now) >= 18
		sub.BirthDate = dob
		sub.UpdatedAt = now
		return sub, nil
	})
	if err != nil {
		return err
	}
	// A new approval made for a tenant is judged under that tenant's rules of today.
	if v.TenantID != "" {
		if err := gate.Share(ctx, tx, v.TenantID, sub.ID, now, gate.RefreshAlways); err != nil {
			return err
		}
	}
	detail := map[string]any{"verificationId": v.ID, "level": sub.ApprovedLevel, "country": sub.Country, "over18": sub.Over18}
	// The level never goes down here (the highest approval counts); the check stays so
	// that a change of that policy keeps attestations honest.
	if sub.Country != prev.Country || sub.Over18 != prev.Over18 || sub.ApprovedLevel < prev.ApprovedLevel {
		uids, err := attest.RevokeSubject(ctx, tx, sub.ID, RevokedClaimsChanged, actor, now)
		if err != nil {
			return err
		}
		detail["attestationsRevoked"] = len(uids)
	}
	return storage.RecordAudit(ctx, tx, now, actor, "subject.approved", "subject", sub.ID, detail)
}

// withdraw clears a subject's approval (blocking it too when block is set), moves its
// other approved verifications to revoked and revokes every attestation it holds; a
// block also closes its open verifications (rejected, final), so none can be approved
// later, and enqueues a BlocklistArgs job for each session with a provider that keeps a
// blocklist. code is the revocation reason attestations get; note is the actor's own words,
// sealed in the audit log. It locks the subject before its verifications (see Apply).
func (s *Service) withdraw(ctx context.Context, tx storage.Store, subjectID string, block bool, code, note, actor string, now time.Time) error {
	sub, err := tx.UpdateSubject(ctx, subjectID, func(sub storage.Subject) (storage.Subject, error) {
		sub.ApprovedLevel, sub.ApprovedAt, sub.Country, sub.Over18, sub.BirthDate = 0, nil, "", false, nil
		sub.Blocked = sub.Blocked || block
		sub.UpdatedAt = now
		return sub, nil
	})
	if err != nil {
		return err
	}
	action := "subject.approval_withdrawn"
	if block {
		action = "subject.blocked"
	}
	if err := s.recordAudit(ctx, tx, now, actor, action, "subject", sub.ID, map[string]any{"code": code},
		map[string]string{"reason": note}); err != nil {
		return err
	}
	list, err := tx.ListVerificationsBySubject(ctx, subjectID)
	if err != nil {
		return err
	}
	for _, v := range list {
		switch {
		case v.Status == storage.StatusApproved:
			if _, _, err := s.transition(ctx, tx, Change{VerificationID: v.ID, From: []storage.VerificationStatus{storage.StatusApproved},
				To: storage.StatusRevoked, Actor: actor, Detail: map[string]any{"code": code}}, subjectID, now); err != nil {
				return err
			}
		case block && IsOpen(v.Status):
			if err := s.closeOpen(ctx, tx, v.ID, subjectID, code, note, actor, now); err != nil {
				return err
			}
		}
	}
	if block {
		// The providers that keep their own blocklist get the subject's sessions, by a job.
		if err := s.enqueueBlocklist(ctx, tx, list); err != nil {
			return err
		}
	}
	_, err = attest.RevokeSubject(ctx, tx, subjectID, code, actor, now)
	return err
}

// closeOpen moves a verification that is still open to rejected (final), through the
// one writer: its subject was blocked. One that closed meanwhile is left as it is.
func (s *Service) closeOpen(ctx context.Context, tx storage.Store, id, subjectID, code, note, actor string, now time.Time) error {
	_, _, err := s.transition(ctx, tx, Change{VerificationID: id, From: openStatuses, To: storage.StatusRejected,
		RejectType: RejectFinal, Actor: actor, Reason: note, Detail: map[string]any{"code": code}}, subjectID, now)
	var refused *transitionRefused
	if errors.As(err, &refused) {
		return nil
	}
	return err
}

// Revoke reverses an approval (a reviewer's later finding): approved → revoked, the
// subject's approval withdrawn and its attestations revoked.
func (s *Service) Revoke(ctx context.Context, id, actor, reason string) (storage.Verification, error) {
	if reason == "" {
		return storage.Verification{}, fault.InvalidError("reason_required", "a reason is required")
	}
	v, err := s.Apply(ctx, Change{VerificationID: id, From: []storage.VerificationStatus{storage.StatusApproved},
		To: storage.StatusRevoked, Actor: actor, Reason: reason})
	if errors.Is(err, storage.ErrNotFound) {
		return v, fault.NotFoundError("unknown_verification", "no such verification")
	}
	return v, err
}

// SetBlocked blocklists a subject (withdrawing its approval and revoking its
// attestations) or lifts the block (the subject must then verify again).
func (s *Service) SetBlocked(ctx context.Context, subjectID string, blocked bool, actor, reason string) (storage.Subject, error) {
	if reason == "" {
		return storage.Subject{}, fault.InvalidError("reason_required", "a reason is required")
	}
	now := s.now()
	var out storage.Subject
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		if blocked {
			if err := s.withdraw(ctx, tx, subjectID, true, RevokedBlocked, reason, actor, now); err != nil {
				return err
			}
		} else {
			if _, err := tx.UpdateSubject(ctx, subjectID, func(sub storage.Subject) (storage.Subject, error) {
				sub.Blocked, sub.UpdatedAt = false, now
				return sub, nil
			}); err != nil {
				return err
			}
			if err := s.recordAudit(ctx, tx, now, actor, "subject.unblocked", "subject", subjectID, nil,
				map[string]string{"reason": reason}); err != nil {
				return err
			}
		}
		var err error
		out, err = tx.GetSubject(ctx, subjectID)
		return err
	})
	if errors.Is(err, storage.ErrNotFound) {
		return out, fault.NotFoundError("unknown_subject", "no such subject")
	}
	return out, err
}
