// Package storage defines kycgate's persistence boundary: the domain records, the Store
// interface every backend implements, and the sentinel errors callers test with errors.Is.
//
// Two backends implement Store: storage/postgres (pgx/v5, production, shared by replicas)
// and storage/sqlite (modernc.org/sqlite, the zero-setup default). storage/storagetest is
// the conformance suite both run in full.
//
// This file holds the Store itself, the sentinels and identifiers; each aggregate has its
// own file with its records and the narrow interface features may hold instead of Store:
// tenant.go, credential.go (API keys, reviewers, operators), console.go (their browser sessions), subject.go (subjects,
// wallets, shares, link tokens), signin.go (SIWE nonces, sessions), verification.go
// (verifications, documents, provider events), screening.go, attestation.go, chain.go (onchain
// revocation batches and the sender lease), audit.go
// and outbox.go. storage/internal/sqlstore and storage/storagetest follow the same files.
package storage

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"
	"time"
)

// Sentinel errors. Backends wrap them with context; test with errors.Is.
var (
	// ErrNotFound means the record does not exist (or is expired or already consumed, for
	// single-use records such as nonces).
	ErrNotFound = errors.New("storage: not found")
	// ErrConflict means a unique key is already taken, or a compare-and-swap lost.
	ErrConflict = errors.New("storage: conflict")
)

// Store is everything kycgate persists. Every method takes a context and is safe for
// concurrent use. Features may declare the narrower interface they need.
type Store interface {
	TenantStore
	CredentialStore
	ReviewerStore
	SubjectStore
	SignInStore
	VerificationStore
	DocumentStore
	ProviderEventStore
	ScreeningStore
	PersonScreeningStore
	AttestationStore
	ChainStore
	OutboxStore
	OperatorStore
	ConsoleStore
	AuditStore
	PersonalDataStore

	// InTx runs fn inside one transaction. fn receives a Store bound to that transaction
	// and must use it (not the outer Store) for every call; the transaction commits when
	// fn returns nil and rolls back otherwise. Nested InTx calls join the outer one.
	InTx(ctx context.Context, fn func(tx Store) error) error
	// DeleteExpired removes the records that can no longer be used at now: expired SIWE
	// nonces and link tokens, sessions (wallet and console) that expired or were revoked, and outbox events
	// finished more than OutboxRetention ago. Tables a client can grow stay bounded.
	DeleteExpired(ctx context.Context, now time.Time) (Swept, error)
	// Ping reports whether the database answers (readiness).
	Ping(ctx context.Context) error
	// Close releases the connections.
	Close() error
}

// Swept counts what DeleteExpired removed.
type Swept struct {
	Nonces, LinkTokens, Sessions, ConsoleSessions, OutboxEvents int64
}

// OutboxRetention is how long a finished outbox event is kept (for support questions
// about a delivery) before DeleteExpired removes it.
const OutboxRetention = 30 * 24 * time.Hour

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID returns a random identifier with a readable prefix, such as "ten_k3x…".
func NewID(prefix string) string {
	var b [15]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("storage: crypto/rand failed: " + err.Error())
	}
	return prefix + "_" + idEncoding.EncodeToString(b[:])
}

// NormalizeAddress returns an Ethereum address in the stored form: lower-case 0x-hex.
func NormalizeAddress(address string) string { return strings.ToLower(address) }

// DriverHandles is implemented by the backends' stores: it exposes the database handles
// beneath a Store, so a library that shares the database (the River job queue) can work
// on the same connections and write in the same transactions.
type DriverHandles interface {
	// DriverDB is the pool: *pgxpool.Pool on PostgreSQL, *sql.DB on SQLite.
	DriverDB() any
	// DriverTx is the open transaction of a Store handed to InTx's fn (pgx.Tx on
	// PostgreSQL, *sql.Tx on SQLite), or nil outside a transaction.
	DriverTx() any
}
