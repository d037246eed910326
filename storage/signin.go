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
	// SignIn is a whole wallet sign-in in one unit: it consumes in.Nonce (unexpired at
	// in.Session.CreatedAt), finds the subject of in.Session.Address or creates one with
	// that wallet, a "subject.created" audit entry and, when in.Job is set, that job,
	// and creates in.Session for it, filling its ID and SubjectID. It is atomic: on any error nothing is written and the
	// nonce stays. Of concurrent sign-ins with one nonce exactly one succeeds, the others
	// get ErrNotFound (as from an unknown or expired nonce). Two concurrent first
	// sign-ins of one address with different nonces may give one of them ErrConflict:
	// the caller runs it again, and then finds the subject the other created.
	// PostgreSQL does it in one statement (one round trip); SQLite in one transaction.
	SignIn(ctx context.Context, in *SignIn) error
}

// SignIn is what one wallet sign-in writes (SignInStore.SignIn).
type SignIn struct {
	// Nonce is the SIWE message's nonce, consumed.
	Nonce string
	// Session is the session to create: TokenHash, Address, ChainID, CreatedAt (the
	// sign-in instant, also the new subject's and wallet's time) and ExpiresAt are the
	// caller's; ID and SubjectID are filled in.
	Session Session
	// Job, when set, is inserted with the subject when this sign-in creates it (the new
	// wallet's first screening), in the same unit: no new subject without its job, no
	// job without its sign-in. A returning sign-in inserts nothing.
	Job *Job
	// SubjectCreated reports that this sign-in created the address's subject (and
	// inserted Job, when set).
	SubjectCreated bool
}

// Job is a background job a store inserts in the unit of work of the change that causes
// it, as a row of River's river_job table: the table River documents as the insert
// target of its clients in other languages, which write it with plain SQL. Package
// queue describes River job args as a Job (queue.Queue.Job), so storage needs no River.
// The row is River's own insert's: state "available", metadata {}, tags [], no unique
// key, created_at and scheduled_at both At.
type Job struct {
	// Kind is the job's kind (river.JobArgs.Kind), which selects its worker.
	Kind string
	// Args is the job's arguments as a JSON object (River's json.Marshal of the args).
	Args []byte
	// Queue is the River queue that works it ("default").
	Queue string
	// Priority is River's priority, 1 (first) to 4.
	Priority int
	// MaxAttempts is how many runs the job gets before River discards it.
	MaxAttempts int
	// At is the job's created_at and scheduled_at; nil takes the database's clock, as
	// River's insert does unless its clock is stubbed.
	At *time.Time
	// NotifyTopic and NotifyPayload, when NotifyTopic is set, are River's insert
	// notification sent with the row (PostgreSQL: pg_notify on the channel
	// "<current schema>.<topic>"; SQLite: a river_notification row), which wakes the
	// queue's producers at once instead of at their next poll.
	NotifyTopic, NotifyPayload string
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
