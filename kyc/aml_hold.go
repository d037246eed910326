package kyc

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/storage"
)

func joinRules(rules []string) string { return strings.Join(rules, ",") }

// hold puts an approved subject on hold for a reviewer (code aml_review), inside tx: its
// attestations are revoked at once (onchain by the revocation job), gating answers
// review, and the tenants entitled to it get screening.flagged. A blocked subject, one
// without an approval, or one on hold already is left as it is.
func (s *Service) hold(ctx context.Context, tx storage.Store, subjectID, code, recordID, actor string, now time.Time) error {
	sub, err := tx.LockSubject(ctx, subjectID)
	if err != nil || sub.Blocked || sub.ApprovedLevel == 0 || sub.Hold != "" {
		return err
	}
	if _, err := tx.UpdateSubject(ctx, subjectID, func(v storage.Subject) (storage.Subject, error) {
		v.Hold, v.UpdatedAt = code, now
		return v, nil
	}); err != nil {
		return err
	}
	uids, err := attest.RevokeSubject(ctx, tx, subjectID, RevokedAMLReview, actor, now)
	if err != nil {
		return err
	}
	if err := s.recordAudit(ctx, tx, now, actor, "subject.held", "subject", subjectID,
		map[string]any{"code": code, "personScreening": recordID, "attestationsRevoked": len(uids)}, nil); err != nil {
		return err
	}
	return s.flag(ctx, tx, sub, code, now)
}

// flag sends screening.flagged (TypeScreeningFlagged, as wallet screening's holds) to the
// tenants entitled to the subject: those it is shared with, and the tenant whose
// customer it is (who also gets its own customer id). The data holds no personal data
// and no match: the reason code, the decision and when.
func (s *Service) flag(ctx context.Context, tx storage.Store, sub storage.Subject, code string, now time.Time) error {
	tenants, err := tx.ListShareTenants(ctx, sub.ID)
	if err != nil {
		return err
	}
	if sub.TenantID != "" && !slices.Contains(tenants, sub.TenantID) {
		tenants = append(tenants, sub.TenantID)
	}
	list, err := tx.ListVerificationsBySubject(ctx, sub.ID)
	if err != nil {
		return err
	}
	for _, t := range tenants {
		data := map[string]any{"reason": code, "decision": "review", "checkedAt": now.UTC()}
		if t == sub.TenantID {
			data["externalCustomerId"] = sub.ExternalCustomerID
		} else {
			// A tenant the holder shared a result with gets the verifications it knows.
			ids := []string{}
			for _, v := range list {
				if v.TenantID == t {
					ids = append(ids, v.ID)
				}
			}
			data["verificationIds"] = ids
		}
		if err := notify.Enqueue(ctx, tx, t, sub.ID, notify.Event{Type: TypeScreeningFlagged, Time: now, Data: data}); err != nil {
			return err
		}
	}
	return nil
}

// ClearHold lifts a subject's hold after a reviewer looked at the match: gating answers
// as before and new attestations may be issued (the revoked ones stay revoked). A
// reason is required; a subject not on hold is 409 not_on_hold.
func (s *Service) ClearHold(ctx context.Context, subjectID, actor, reason string) (storage.Subject, error) {
	if strings.TrimSpace(reason) == "" {
		return storage.Subject{}, fault.InvalidError("reason_required", "a reason is required")
	}
	now := s.now()
	var out storage.Subject
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		sub, err := tx.LockSubject(ctx, subjectID)
		if err != nil {
			return err
		}
		if sub.Hold == "" {
			return fault.ConflictError("not_on_hold", "the subject is not on hold")
		}
		if out, err = tx.UpdateSubject(ctx, subjectID, func(v storage.Subject) (storage.Subject, error) {
			v.Hold, v.UpdatedAt = "", now
			return v, nil
		}); err != nil {
			return err
		}
		return s.recordAudit(ctx, tx, now, actor, "subject.hold_cleared", "subject", subjectID,
			map[string]any{"code": sub.Hold}, map[string]string{"reason": reason})
	})
	if errors.Is(err, storage.ErrNotFound) {
		return out, fault.NotFoundError("unknown_subject", "no such subject")
	}
	return out, err
}
