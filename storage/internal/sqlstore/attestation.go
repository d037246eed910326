package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const attestationColumns = `uid, subject_id, recipient, chain_id, signer, package, issued_at, expires_at, revoked_at, revocation_reason`

func scanAttestation(r Row) (v Attestation, err error) {
	var chainID int64
	err = r.Scan(&v.UID, &v.SubjectID, &v.Recipient, &chainID, &v.Signer, &v.Package, &v.IssuedAt, &v.ExpiresAt,
		&v.RevokedAt, &v.RevocationReason)
	v.ChainID = uint64(chainID)
	return v, err
}

// CreateAttestation implements storage.AttestationStore.
func (s *Store) CreateAttestation(ctx context.Context, v *Attestation) error {
	v.Recipient = storage.NormalizeAddress(v.Recipient)
	v.IssuedAt, v.ExpiresAt = micro(v.IssuedAt), micro(v.ExpiresAt)
	return s.insert(ctx, "create attestation", `INSERT INTO attestations (`+attestationColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		v.UID, v.SubjectID, v.Recipient, int64(v.ChainID), v.Signer, v.Package, v.IssuedAt, v.ExpiresAt,
		microPtr(v.RevokedAt), v.RevocationReason)
}

// GetAttestation implements storage.AttestationStore.
func (s *Store) GetAttestation(ctx context.Context, uid string) (Attestation, error) {
	return one(ctx, s, s.q, "get attestation", scanAttestation, `SELECT `+attestationColumns+` FROM attestations WHERE uid = $1`, uid)
}

// AttestationRevokedAt implements storage.AttestationStore.
func (s *Store) AttestationRevokedAt(ctx context.Context, uid string) (*time.Time, error) {
	return one(ctx, s, s.q, "attestation revoked at", func(r Row) (at *time.Time, err error) {
		err = r.Scan(&at)
		return at, err
	}, `SELECT revoked_at FROM attestations WHERE uid = $1`, uid)
}

// ListAttestationsBySubject implements storage.AttestationStore.
func (s *Store) ListAttestationsBySubject(ctx context.Context, subjectID string) ([]Attestation, error) {
	return many(ctx, s, "list attestations", scanAttestation,
		`SELECT `+attestationColumns+` FROM attestations WHERE subject_id = $1 ORDER BY issued_at, uid`, subjectID)
}

// RevokeAttestation implements storage.AttestationStore.
func (s *Store) RevokeAttestation(ctx context.Context, uid, reason string, at time.Time) error {
	return s.tx(ctx, func(q Querier) error {
		n, err := q.Exec(ctx, `UPDATE attestations SET revoked_at = $3, revocation_reason = $2 WHERE uid = $1 AND revoked_at IS NULL`,
			uid, reason, micro(at))
		if err != nil {
			return fmt.Errorf("revoke attestation: %w", s.d.MapError(err))
		}
		if n == 1 {
			return nil
		}
		if _, err := one(ctx, s, q, "revoke attestation", scanAttestation,
			`SELECT `+attestationColumns+` FROM attestations WHERE uid = $1`, uid); err != nil {
			return err
		}
		return fmt.Errorf("revoke attestation %s: already revoked: %w", uid, storage.ErrConflict)
	})
}

// RevokeSubjectAttestations implements storage.AttestationStore.
func (s *Store) RevokeSubjectAttestations(ctx context.Context, subjectID, reason string, at time.Time) ([]string, error) {
	uids, err := many(ctx, s, "revoke subject attestations", func(r Row) (uid string, err error) {
		err = r.Scan(&uid)
		return uid, err
	}, `UPDATE attestations SET revoked_at = $3, revocation_reason = $2 WHERE subject_id = $1 AND revoked_at IS NULL RETURNING uid`,
		subjectID, reason, micro(at))
	slices.Sort(uids)
	return uids, err
}

// RevokeRecipientAttestations implements storage.AttestationStore.
func (s *Store) RevokeRecipientAttestations(ctx context.Context, subjectID, recipient, reason string, at time.Time) ([]string, error) {
	uids, err := many(ctx, s, "revoke recipient attestations", func(r Row) (uid string, err error) {
		err = r.Scan(&uid)
		return uid, err
	}, `UPDATE attestations SET revoked_at = $4, revocation_reason = $3
WHERE subject_id = $1 AND recipient = $2 AND revoked_at IS NULL RETURNING uid`,
		subjectID, storage.NormalizeAddress(recipient), reason, micro(at))
	slices.Sort(uids)
	return uids, err
}
