package storage

import (
	"context"
	"time"
)

// SignInStore keeps SIWE nonces and wallet sessions.
type SignInStore interface {
	CreateNonce(ctx context.Context, n Nonce) error
	// ConsumeNonce deletes the nonce and succeeds only if it existed and was unexpired at
	// now; of concurrent callers exactly one succeeds, the others get ErrNotFound.
	ConsumeNonce(ctx context.Context, value string, now time.Time) error
	CreateSession(ctx context.Context, s *Session) error
	// GetSessionByTokenHash returns a session that is neither revoked nor expired at now.
	GetSessionByTokenHash(ctx context.Context, hash []byte, now time.Time) (Session, error)
	RevokeSession(ctx context.Context, id string, at time.Time) error
	// RevokeWalletSessions ends every live session of address on subjectID (the wallet
	// was unlinked) and reports how many it ended.
	RevokeWalletSessions(ctx context.Context, subjectID, address string, at time.Time) (int64, error)
}

// Nonce is a single-use SIWE nonce.
type Nonce struct {
	Value     string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Session is a signed-in wallet's session; only the hash of its token is stored.
type Session struct {
	ID        string
	TokenHash []byte
	SubjectID string
	Address   string
	ChainID   uint64
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt *time.Time
}
