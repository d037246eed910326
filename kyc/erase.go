package kyc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// RevokedErased is the revocation reason of the attestations of an erased subject: the
// approval can no longer be justified once its evidence is gone.
const RevokedErased = "erased"

// Erasure codes (storage.Erasure.Code).
const (
	ErasedOnRequest          = "request"
	ErasedRetention          = "retention"
	ErasedRetentionAbandoned = "retention_abandoned"
)

// ErasureResult is the answer to an erasure.
type ErasureResult struct {
	SubjectID string `json:"subjectId"`
	ErasedAt  string `json:"erasedAt"`
	Code      string `json:"code"`
	// Already is true when the subject had been erased before (nothing more was done).
	Already bool `json:"already"`
	// AttestationsRevoked counts the attestations this erasure revoked.
	AttestationsRevoked int `json:"attestationsRevoked"`
	// ProviderDeletions counts the deletions forwarded to providers (EraseArgs jobs).
	ProviderDeletions int `json:"providerDeletions"`
}

// EraseSubject erases a subject's personal data on a reviewer's decision (POST
// /v1/admin/subjects/{id}/erase); reason is required and kept sealed in the audit log.
func (s *Service) EraseSubject(ctx context.Context, subjectID, actor, reason string) (ErasureResult, error) {
	if reason == "" {
		return ErasureResult{}, fault.InvalidError("reason_required", "a reason is required")
	}
	return s.Erase(ctx, subjectID, ErasedOnRequest, actor, reason)
}

// EraseCustomer erases a tenant's own regular-mode customer (DELETE
// /v1/tenant/customers/{id}/personal-data); another tenant's customer is unknown (404).
func (s *Service) EraseCustomer(ctx context.Context, tenantID, customerID string) (ErasureResult, error) {
	if err := ValidCustomerID(customerID); err != nil {
		return ErasureResult{}, err
	}
	sub, err := s.store.GetSubjectByCustomer(ctx, tenantID, customerID)
	if errors.Is(err, storage.ErrNotFound) {
		return ErasureResult{}, fault.NotFoundError("unknown_customer", "no customer with this id")
	} else if err != nil {
		return ErasureResult{}, err
	}
	return s.Erase(ctx, sub.ID, ErasedOnRequest, "tenant:"+tenantID, "")
}

// Erase deletes a subject's personal data in one transaction and keeps what the law and
// the system need without it. Deleted: the personal details and state in every
// verification's provider data (through the one writer: open verifications are
// rejected, final, code erased; closed ones keep their status), the documents (rows and
// bytes), the provider event payloads, the date of birth, the vendor detail of its
// wallets' screenings, and the words people typed in its audit entries (sealed notes).
// Kept: the audit trail (actors, actions, codes), statuses, revocations, wallets.
// The approval is withdrawn and every attestation revoked (reason erased, onchain by
// attest's job). A blocked subject leaves an erasure marker (markerFor). Each
// verification with a provider that deletes (Eraser) gets an EraseArgs job. Erasing an
// erased subject changes nothing (Already). After the commit the backend compacts
// (Compact) so deleted bytes do not linger in SQLite's WAL.
func (s *Service) Erase(ctx context.Context, subjectID, code, actor, note string) (ErasureResult, error) {
	now := s.now()
	out := ErasureResult{SubjectID: subjectID, Code: code, ErasedAt: Timestamp(now)}
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		sub, err := tx.LockSubject(ctx, subjectID)
		if err != nil {
			return err
		}
		if prev, err := tx.GetErasure(ctx, subjectID); err == nil {
			out.Already, out.Code, out.ErasedAt = true, prev.Code, Timestamp(prev.ErasedAt)
			return nil
		} else if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		list, err := tx.ListVerificationsBySubject(ctx, subjectID)
		if err != nil {
			return err
		}
		if sub.Blocked {
			if err := s.keepMarker(ctx, tx, list, now); err != nil {
				return err
			}
		}
		before, err := tx.ListAttestationsBySubject(ctx, subjectID)
		if err != nil {
			return err
		}
		if err := s.withdraw(ctx, tx, subjectID, false, RevokedErased, "", actor, now); err != nil {
			return err
		}
		if err := s.eraseVerifications(ctx, tx, subjectID, actor, now); err != nil {
			return err
		}
		erased, err := tx.EraseSubjectData(ctx, subjectID)
		if err != nil {
			return err
		}
		if err := s.dropNotes(ctx, tx, subjectID); err != nil {
			return err
		}
		for _, a := range before {
			if a.RevokedAt == nil {
				out.AttestationsRevoked++
			}
		}
		for _, v := range list {
			if _, ok := s.providers[v.Provider].(Eraser); ok && v.ProviderRef != "" {
				if _, err := queue.InsertTx(ctx, tx, EraseArgs{VerificationID: v.ID}, nil); err != nil {
					return err
				}
				out.ProviderDeletions++
			}
		}
		if err := tx.RecordErasure(ctx, storage.Erasure{SubjectID: subjectID, ErasedAt: now, Code: code, Actor: actor}); err != nil {
			return err
		}
		return s.recordAudit(ctx, tx, now, actor, "subject.erased", "subject", subjectID, map[string]any{"code": code,
			"documents": erased.Documents, "providerPayloads": erased.ProviderPayloads, "attestationsRevoked": out.AttestationsRevoked,
			"providerDeletions": out.ProviderDeletions, "blocked": sub.Blocked}, map[string]string{"reason": note})
	})
	if errors.Is(err, storage.ErrNotFound) {
		return out, fault.NotFoundError("unknown_subject", "no such subject")
	}
	if err != nil || out.Already {
		return out, err
	}
	if err := s.store.Compact(ctx); err != nil {
		s.log.WarnContext(ctx, "compacting after an erasure failed", "subjectId", subjectID, "error", err)
	}
	return out, nil
}

// eraseVerifications clears the provider data of each of the subject's verifications
// through the one writer: an open one is rejected (final, code erased), a closed one
// keeps its status (action verification.erased).
func (s *Service) eraseVerifications(ctx context.Context, tx storage.Store, subjectID, actor string, now time.Time) error {
	list, err := tx.ListVerificationsBySubject(ctx, subjectID)
	if err != nil {
		return err
	}
	clear := func(storage.Verification) ([]byte, error) { return nil, nil }
	for _, v := range list {
		c := Change{VerificationID: v.ID, Actor: actor, Data: clear, Action: "verification.erased",
			Detail: map[string]any{"code": RevokedErased}}
		if IsOpen(v.Status) {
			c.From, c.To, c.RejectType = openStatuses, storage.StatusRejected, RejectFinal
		}
		if _, _, err := s.transition(ctx, tx, c, subjectID, now); err != nil {
			return err
		}
	}
	return nil
}

// personalDetail are the members of audit details that describe the person rather than
// what was done: erasure drops them with the sealed notes.
var personalDetail = []string{SealedDetail, "country"}

// dropNotes removes the sealed notes (the words people typed) and the approved country
// from the audit entries about a subject; the codes stay, and the entry says its notes
// were erased.
func (s *Service) dropNotes(ctx context.Context, tx storage.Store, subjectID string) error {
	entries, err := tx.ListAuditBySubject(ctx, subjectID)
	if err != nil {
		return err
	}
	for _, e := range entries {
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(e.Detail), &m) != nil {
			continue
		}
		found := false
		for _, k := range personalDetail {
			if _, ok := m[k]; ok {
				delete(m, k)
				found = true
			}
		}
		if !found {
			continue
		}
		m["notesErased"] = json.RawMessage("true")
		raw, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if err := tx.ReplaceAuditDetail(ctx, e.ID, string(raw)); err != nil {
			return err
		}
	}
	return nil
}

// markerParts are the values an erasure marker is computed from: the declared first and
// last names and the date of birth. ok is false when any is unknown.
func markerParts(d Details) ([]string, bool) {
	if d.FirstName == "" || d.LastName == "" || d.DateOfBirth == "" {
		return nil, false
	}
	return []string{d.FirstName, d.LastName, d.DateOfBirth}, true
}

// keepMarker stores the erasure marker of each name and date of birth a blocked
// subject's verifications declared.
func (s *Service) keepMarker(ctx context.Context, tx storage.Store, list []storage.Verification, now time.Time) error {
	for _, v := range list {
		v, err := s.open(v)
		if err != nil {
			return err
		}
		d, ok, err := s.details(v)
		if err != nil {
			return err
		}
		if parts, ok2 := markerParts(d); ok && ok2 {
			if err := tx.PutErasureMarker(ctx, s.sealer.Marker(parts...), now); err != nil {
				return err
			}
		}
	}
	return nil
}

// markedBlocked reports whether the details of a verification (data opened) match the
// marker of an erased blocked person, under any data key held.
func (s *Service) markedBlocked(ctx context.Context, tx storage.Store, v storage.Verification) (bool, error) {
	d, ok, err := s.details(v)
	if err != nil || !ok {
		return false, err
	}
	parts, ok := markerParts(d)
	if !ok {
		return false, nil
	}
	for _, m := range s.sealer.Markers(parts...) {
		if found, err := tx.HasErasureMarker(ctx, m); err != nil || found {
			return found, err
		}
	}
	return false, nil
}

// EraseArgs is the River job that forwards an erasure to a verification's provider
// (Eraser): inserted in the erasure's transaction, retried with River's backoff on
// retryable vendor errors; its outcome is audited (verification.provider_erased or
// verification.provider_erase_failed with the error code).
type EraseArgs struct {
	VerificationID string `json:"verificationId"`
}

// Kind implements river.JobArgs.
func (EraseArgs) Kind() string { return "kyc.provider_erase" }

type eraseWorker struct {
	river.WorkerDefaults[EraseArgs]
	s *Service
}

func (w *eraseWorker) Work(ctx context.Context, job *river.Job[EraseArgs]) error {
	v, err := w.s.store.GetVerification(ctx, job.Args.VerificationID)
	if errors.Is(err, storage.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("kyc: no verification %s", job.Args.VerificationID))
	}
	if err != nil {
		return err
	}
	er, ok := w.s.providers[v.Provider].(Eraser)
	if !ok || v.ProviderRef == "" {
		return river.JobCancel(fmt.Errorf("kyc: provider %q of verification %s does not erase", v.Provider, v.ID))
	}
	err = er.Erase(ctx, v.ProviderRef)
	now := w.s.now()
	if err == nil {
		return storage.RecordAudit(ctx, w.s.store, now, "system:erasure", "verification.provider_erased", "verification", v.ID,
			map[string]any{"provider": v.Provider})
	}
	if permanent(err) || job.Attempt >= job.MaxAttempts {
		code := "provider_error"
		if fe, ok := errors.AsType[*fault.Error](err); ok {
			code = fe.Code
		}
		if aerr := storage.RecordAudit(ctx, w.s.store, now, "system:erasure", "verification.provider_erase_failed",
			"verification", v.ID, map[string]any{"provider": v.Provider, "code": code}); aerr != nil {
			return aerr
		}
		if permanent(err) {
			return river.JobCancel(err)
		}
	}
	return honourRetryAfter(job.JobRow, err)
}
