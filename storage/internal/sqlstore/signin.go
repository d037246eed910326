package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// CreateNonce implements storage.SignInStore.
func (s *Store) CreateNonce(ctx context.Context, n storage.Nonce) error {
	return s.insert(ctx, "create nonce", `INSERT INTO siwe_nonces (value, created_at, expires_at) VALUES ($1, $2, $3)`,
		n.Value, micro(n.CreatedAt), micro(n.ExpiresAt))
}

// ConsumeNonce implements storage.SignInStore. The DELETE is the single-use guarantee:
// of two concurrent deletes of one row, only one returns it.
func (s *Store) ConsumeNonce(ctx context.Context, value string, now time.Time) error {
	var expires time.Time
	err := s.q.QueryRow(ctx, `DELETE FROM siwe_nonces WHERE value = $1 RETURNING expires_at`, value).Scan(&expires)
	if err != nil {
		return fmt.Errorf("consume nonce: %w", s.d.MapError(err))
	}
	if !now.Before(expires) {
		return fmt.Errorf("consume nonce: expired: %w", storage.ErrNotFound)
	}
	return nil
}

const sessionColumns = `id, token_hash, subject_id, address, chain_id, created_at, expires_at, revoked_at`

func scanSession(r Row) (v Session, err error) {
	var chainID int64
	err = r.Scan(&v.ID, &v.TokenHash, &v.SubjectID, &v.Address, &chainID, &v.CreatedAt, &v.ExpiresAt, &v.RevokedAt)
	v.ChainID = uint64(chainID)
	return v, err
}

// CreateSession implements storage.SignInStore.
func (s *Store) CreateSession(ctx context.Context, v *Session) error {
	if v.ID == "" {
		v.ID = storage.NewID("ses")
	}
	v.Address = storage.NormalizeAddress(v.Address)
	v.CreatedAt, v.ExpiresAt = micro(v.CreatedAt), micro(v.ExpiresAt)
	return s.insert(ctx, "create session", `INSERT INTO sessions (`+sessionColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		v.ID, v.TokenHash, v.SubjectID, v.Address, int64(v.ChainID), v.CreatedAt, v.ExpiresAt, microPtr(v.RevokedAt))
}

// GetSessionByTokenHash implements storage.SignInStore.
func (s *Store) GetSessionByTokenHash(ctx context.Context, hash []byte, now time.Time) (Session, error) {
	return one(ctx, s, s.q, "get session", scanSession,
		`SELECT `+sessionColumns+` FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`, hash, micro(now))
}

// RevokeSession implements storage.SignInStore.
func (s *Store) RevokeSession(ctx context.Context, id string, at time.Time) error {
	return s.exec(ctx, s.q, "revoke session", `UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, micro(at))
}

// RevokeWalletSessions implements storage.SignInStore.
func (s *Store) RevokeWalletSessions(ctx context.Context, subjectID, address string, at time.Time) (int64, error) {
	n, err := s.q.Exec(ctx, `UPDATE sessions SET revoked_at = $3 WHERE subject_id = $1 AND address = $2 AND revoked_at IS NULL`,
		subjectID, storage.NormalizeAddress(address), micro(at))
	if err != nil {
		return 0, fmt.Errorf("revoke wallet sessions: %w", s.d.MapError(err))
	}
	return n, nil
}
