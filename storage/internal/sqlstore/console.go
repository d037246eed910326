package sqlstore

import (
	"context"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const consoleColumns = `token_hash, role, owner_id, api_key_id, csrf_token, created_at, last_seen_at, expires_at`

func scanConsoleSession(r Row) (v storage.ConsoleSession, err error) {
	err = r.Scan(&v.TokenHash, &v.Role, &v.OwnerID, &v.APIKeyID, &v.CSRFToken, &v.CreatedAt, &v.LastSeenAt, &v.ExpiresAt)
	return v, err
}

// CreateConsoleSession implements storage.ConsoleStore.
func (s *Store) CreateConsoleSession(ctx context.Context, v storage.ConsoleSession) error {
	return s.insert(ctx, "create console session", `INSERT INTO console_sessions (`+consoleColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		v.TokenHash, string(v.Role), v.OwnerID, v.APIKeyID, v.CSRFToken, micro(v.CreatedAt), micro(v.LastSeenAt), micro(v.ExpiresAt))
}

// TouchConsoleSession implements storage.ConsoleStore: the lookup, the liveness of the
// API key and the touch are one UPDATE … RETURNING, so two requests racing an idle
// expiry cannot revive a session the other found expired.
func (s *Store) TouchConsoleSession(ctx context.Context, hash []byte, now, idleSince time.Time) (storage.ConsoleSession, error) {
	return one(ctx, s, s.q, "touch console session", scanConsoleSession,
		`UPDATE console_sessions SET last_seen_at = $2
		 WHERE token_hash = $1 AND last_seen_at > $3 AND expires_at > $2
		   AND EXISTS (SELECT 1 FROM api_keys k WHERE k.id = console_sessions.api_key_id AND k.revoked_at IS NULL)
		 RETURNING `+consoleColumns, hash, micro(now), micro(idleSince))
}

// DeleteConsoleSession implements storage.ConsoleStore.
func (s *Store) DeleteConsoleSession(ctx context.Context, hash []byte) error {
	return s.exec(ctx, s.q, "delete console session", `DELETE FROM console_sessions WHERE token_hash = $1`, hash)
}
