package storage

import (
	"context"
	"time"
)

// ConsoleStore keeps the browser sessions of the reviewer back office (/review) and the
// operator pages (/admin). Only the SHA-256 of a session's token is stored; the token
// itself lives in the browser's HttpOnly cookie.
type ConsoleStore interface {
	// CreateConsoleSession stores a new session; a taken TokenHash is ErrConflict.
	CreateConsoleSession(ctx context.Context, s ConsoleSession) error
	// TouchConsoleSession returns the session of hash if it is live at now — last seen
	// after idleSince, expiring after now, and opened with an API key that is still
	// unrevoked — and sets its LastSeenAt to now, in one statement. Anything else
	// (unknown, idle, past its cap, key revoked) is ErrNotFound.
	TouchConsoleSession(ctx context.Context, hash []byte, now, idleSince time.Time) (ConsoleSession, error)
	// DeleteConsoleSession removes the session of hash (sign-out); ErrNotFound when
	// there is none.
	DeleteConsoleSession(ctx context.Context, hash []byte) error
}

// ConsoleRole is who a console session signs in: a reviewer or an operator.
type ConsoleRole string

// The console roles, named as the API key owners they come from.
const (
	ConsoleReviewer ConsoleRole = ConsoleRole(OwnerReviewer)
	ConsoleOperator ConsoleRole = ConsoleRole(OwnerOperator)
)

// ConsoleSession is one signed-in browser of a reviewer or an operator.
type ConsoleSession struct {
	// TokenHash is the SHA-256 of the cookie's token (the key of the row).
	TokenHash []byte
	Role      ConsoleRole
	// OwnerID is the reviewer's or operator's id; APIKeyID the key the session was opened
	// with: revoking it ends the session.
	OwnerID  string
	APIKeyID string
	// CSRFToken is what every cookie-authenticated write must send in X-CSRF-Token.
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	// ExpiresAt is the absolute end, however active the session is.
	ExpiresAt time.Time
}
