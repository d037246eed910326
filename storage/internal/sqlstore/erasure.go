package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// ListAuditBySubject implements storage.PersonalDataStore.
func (s *Store) ListAuditBySubject(ctx context.Context, subjectID string) ([]AuditEntry, error) {
	return many(ctx, s, "list audit by subject", scanAudit, `SELECT `+auditColumns+` FROM audit_log WHERE
(entity_kind = 'subject' AND entity_id = $1)
OR (entity_kind = 'verification' AND entity_id IN (SELECT id FROM verifications WHERE subject_id = $1))
OR (entity_kind = 'attestation' AND entity_id IN (SELECT uid FROM attestations WHERE subject_id = $1))
ORDER BY `+s.d.Dialect().Seq, subjectID)
}

// ReplaceAuditDetail implements storage.PersonalDataStore.
func (s *Store) ReplaceAuditDetail(ctx context.Context, id, detail string) error {
	return s.exec(ctx, s.q, "replace audit detail", `UPDATE audit_log SET detail = $2 WHERE id = $1`, id, detail)
}

// EraseSubjectData implements storage.PersonalDataStore.
func (s *Store) EraseSubjectData(ctx context.Context, subjectID string) (storage.Erased, error) {
	var out storage.Erased
	err := s.tx(ctx, func(q Querier) error {
		for _, st := range []struct {
			n     *int64
			query string
		}{
			{&out.Documents, `DELETE FROM documents WHERE verification_id IN (SELECT id FROM verifications WHERE subject_id = $1)`},
			{&out.ProviderPayloads, `UPDATE provider_events SET payload = NULL WHERE payload IS NOT NULL
AND (verification_id IN (SELECT id FROM verifications WHERE subject_id = $1)
  OR (ref <> '' AND EXISTS (SELECT 1 FROM verifications v WHERE v.subject_id = $1
    AND v.provider = provider_events.provider AND v.provider_ref = provider_events.ref)))`},
			{&out.BirthDates, `UPDATE subjects SET birth_date = NULL WHERE id = $1 AND birth_date IS NOT NULL`},
			{&out.PersonScreenings, `UPDATE person_screenings SET person = NULL, intent = NULL, detail = NULL, monitor_id = '',
next_screen_at = NULL WHERE subject_id = $1 AND (person IS NOT NULL OR intent IS NOT NULL OR detail IS NOT NULL OR monitor_id <> '')`},
		} {
			n, err := q.Exec(ctx, st.query, subjectID)
			if err != nil {
				return fmt.Errorf("erase subject data: %w", s.d.MapError(err))
			}
			*st.n = n
		}
		return nil
	})
	return out, err
}

// RecordErasure implements storage.PersonalDataStore.
func (s *Store) RecordErasure(ctx context.Context, e storage.Erasure) error {
	n, err := s.q.Exec(ctx, `INSERT INTO erasures (subject_id, erased_at, code, actor) VALUES ($1, $2, $3, $4)
ON CONFLICT (subject_id) DO NOTHING`, e.SubjectID, micro(e.ErasedAt), e.Code, e.Actor)
	if err != nil {
		return fmt.Errorf("record erasure: %w", s.d.MapError(err))
	}
	if n == 0 {
		return fmt.Errorf("record erasure: %w", storage.ErrConflict)
	}
	return nil
}

// GetErasure implements storage.PersonalDataStore.
func (s *Store) GetErasure(ctx context.Context, subjectID string) (storage.Erasure, error) {
	return one(ctx, s, s.q, "get erasure", func(r Row) (e storage.Erasure, err error) {
		err = r.Scan(&e.SubjectID, &e.ErasedAt, &e.Code, &e.Actor)
		return e, err
	}, `SELECT subject_id, erased_at, code, actor FROM erasures WHERE subject_id = $1`, subjectID)
}

// PutErasureMarker implements storage.PersonalDataStore.
func (s *Store) PutErasureMarker(ctx context.Context, hash []byte, at time.Time) error {
	return s.insert(ctx, "put erasure marker", `INSERT INTO erasure_markers (hash, created_at) VALUES ($1, $2)
ON CONFLICT (hash) DO NOTHING`, hash, micro(at))
}

// HasErasureMarker implements storage.PersonalDataStore.
func (s *Store) HasErasureMarker(ctx context.Context, hash []byte) (bool, error) {
	var n int
	if err := s.q.QueryRow(ctx, `SELECT count(*) FROM erasure_markers WHERE hash = $1`, hash).Scan(&n); err != nil {
		return false, fmt.Errorf("has erasure marker: %w", s.d.MapError(err))
	}
	return n > 0, nil
}

// decidedStatuses are the statuses of a decision; openStatuses those of a verification
// still under way (an expired one is neither: it never reached a decision).
const (
	decidedStatuses = `('approved', 'rejected', 'revoked')`
	openStatuses    = `('created', 'in_progress', 'in_review', 'resubmission_requested')`
)

// ListRetentionDue implements storage.PersonalDataStore.
func (s *Store) ListRetentionDue(ctx context.Context, decidedBefore, abandonedBefore time.Time, limit int) ([]string, error) {
	return many(ctx, s, "list retention due", func(r Row) (id string, err error) {
		err = r.Scan(&id)
		return id, err
	}, `SELECT sub.id FROM subjects sub
WHERE NOT EXISTS (SELECT 1 FROM erasures e WHERE e.subject_id = sub.id)
AND EXISTS (SELECT 1 FROM verifications v WHERE v.subject_id = sub.id)
AND (
  (EXISTS (SELECT 1 FROM verifications v WHERE v.subject_id = sub.id AND v.status IN `+decidedStatuses+`)
   AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.subject_id = sub.id
     AND (v.status IN `+openStatuses+` OR (v.status IN `+decidedStatuses+` AND v.updated_at >= $1))))
  OR
  (NOT EXISTS (SELECT 1 FROM verifications v WHERE v.subject_id = sub.id AND v.status IN `+decidedStatuses+`)
   AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.subject_id = sub.id AND v.created_at >= $2))
)
ORDER BY sub.id LIMIT $3`, micro(decidedBefore), micro(abandonedBefore), limit)
}

// Compact implements storage.PersonalDataStore.
func (s *Store) Compact(ctx context.Context) error {
	if s.d.Dialect().Compact == "" || s.inTx {
		return nil
	}
	var busy, logFrames, checkpointed int
	if err := s.q.QueryRow(ctx, s.d.Dialect().Compact).Scan(&busy, &logFrames, &checkpointed); err != nil {
		return fmt.Errorf("compact: %w", s.d.MapError(err))
	}
	if busy != 0 {
		return errors.New("compact: the WAL checkpoint could not complete (a reader was busy)")
	}
	return nil
}

const consentColumns = `id, subject_id, tenant_id, scope, created_at, expires_at, revoked_at`

func scanConsent(r Row) (c storage.Consent, err error) {
	err = r.Scan(&c.ID, &c.SubjectID, &c.TenantID, &c.Scope, &c.CreatedAt, &c.ExpiresAt, &c.RevokedAt)
	return c, err
}

// CreateConsent implements storage.PersonalDataStore.
func (s *Store) CreateConsent(ctx context.Context, c *storage.Consent) error {
	if c.ID == "" {
		c.ID = storage.NewID("cns")
	}
	c.CreatedAt, c.ExpiresAt = micro(c.CreatedAt), micro(c.ExpiresAt)
	return s.insert(ctx, "create consent", `INSERT INTO consents (`+consentColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		c.ID, c.SubjectID, c.TenantID, c.Scope, c.CreatedAt, c.ExpiresAt, microPtr(c.RevokedAt))
}

// ListConsents implements storage.PersonalDataStore.
func (s *Store) ListConsents(ctx context.Context, subjectID string) ([]storage.Consent, error) {
	return many(ctx, s, "list consents", scanConsent,
		`SELECT `+consentColumns+` FROM consents WHERE subject_id = $1 ORDER BY created_at DESC, id`, subjectID)
}

// RevokeConsent implements storage.PersonalDataStore.
func (s *Store) RevokeConsent(ctx context.Context, subjectID, id string, at time.Time) error {
	return s.exec(ctx, s.q, "revoke consent", `UPDATE consents SET revoked_at = $3
WHERE id = $1 AND subject_id = $2 AND revoked_at IS NULL`, id, subjectID, micro(at))
}

// HasConsent implements storage.PersonalDataStore.
func (s *Store) HasConsent(ctx context.Context, tenantID, subjectID, scope string, now time.Time) (bool, error) {
	var n int
	if err := s.q.QueryRow(ctx, `SELECT count(*) FROM consents WHERE tenant_id = $1 AND subject_id = $2 AND scope = $3
AND revoked_at IS NULL AND expires_at > $4`, tenantID, subjectID, scope, micro(now)).Scan(&n); err != nil {
		return false, fmt.Errorf("has consent: %w", s.d.MapError(err))
	}
	return n > 0, nil
}
