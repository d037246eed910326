// Package storage defines kycgate's persistence boundary: the domain records, the Store
// interface every backend implements, and the sentinel errors callers test with errors.Is.
//
// Two backends implement Store: storage/postgres (pgx/v5, production, shared by replicas)
// and storage/sqlite (modernc.org/sqlite, the zero-setup default). storage/storagetest is
// the conformance suite both run in full.
package storage

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
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
	AttestationStore
	OutboxStore
	OperatorStore
	AuditStore

	// InTx runs fn inside one transaction. fn receives a Store bound to that transaction
	// and must use it (not the outer Store) for every call; the transaction commits when
	// fn returns nil and rolls back otherwise. Nested InTx calls join the outer one.
	InTx(ctx context.Context, fn func(tx Store) error) error
	// DeleteExpired removes the records that can no longer be used at now: expired SIWE
	// nonces and link tokens, sessions that expired or were revoked, and outbox events
	// finished more than OutboxRetention ago. Tables a client can grow stay bounded.
	DeleteExpired(ctx context.Context, now time.Time) (Swept, error)
	// Ping reports whether the database answers (readiness).
	Ping(ctx context.Context) error
	// Close releases the connections.
	Close() error
}

// TenantStore keeps the dApps (tenants) that use the gateway.
type TenantStore interface {
	CreateTenant(ctx context.Context, t *Tenant) error
	GetTenant(ctx context.Context, id string) (Tenant, error)
	ListTenants(ctx context.Context) ([]Tenant, error)
	// UpdateTenant runs update on the current record inside a transaction with the row
	// locked and stores the result.
	UpdateTenant(ctx context.Context, id string, update func(Tenant) (Tenant, error)) (Tenant, error)
}

// CredentialStore keeps API keys (tenants, reviewers and operators). Only hashes are stored.
type CredentialStore interface {
	CreateAPIKey(ctx context.Context, k *APIKey) error
	// GetAPIKeyByHash returns an unrevoked key by the hash of its secret.
	GetAPIKeyByHash(ctx context.Context, hash []byte) (APIKey, error)
	RevokeAPIKey(ctx context.Context, id string, at time.Time) error
}

// ReviewerStore keeps compliance reviewers (their API keys live in CredentialStore).
type ReviewerStore interface {
	CreateReviewer(ctx context.Context, r *Reviewer) error
	GetReviewer(ctx context.Context, id string) (Reviewer, error)
}

// SubjectStore keeps subjects (the persons behind wallets) and their wallets.
type SubjectStore interface {
	CreateSubject(ctx context.Context, s *Subject) error
	GetSubject(ctx context.Context, id string) (Subject, error)
	// GetSubjectByCustomer finds the regular-mode subject of a tenant's customer id.
	GetSubjectByCustomer(ctx context.Context, tenantID, externalCustomerID string) (Subject, error)
	UpdateSubject(ctx context.Context, id string, update func(Subject) (Subject, error)) (Subject, error)
	// LockSubject reads a subject with its row locked until the transaction ends (FOR
	// UPDATE on PostgreSQL; SQLite's transactions hold the one write lock already). Call
	// it inside InTx: it serialises changes about one person across replicas.
	LockSubject(ctx context.Context, id string) (Subject, error)
	// LinkWallet attaches an address to a subject; ErrConflict if it already belongs to one.
	LinkWallet(ctx context.Context, w *Wallet) error
	GetWallet(ctx context.Context, address string) (Wallet, error)
	ListWallets(ctx context.Context, subjectID string) ([]Wallet, error)
	UnlinkWallet(ctx context.Context, address string) error
	// MoveWallets re-links every wallet of subject from to subject to, and moves the
	// sessions of from with them (a wallet holder's subject merged into a tenant's
	// customer). It reports how many wallets moved.
	MoveWallets(ctx context.Context, from, to string) (int64, error)

	// ShareSubject records that a subject's KYC result is shared with a tenant, with the
	// tenant's rules in force at that moment (sh.Rules, sh.RulesAt). Sharing again keeps
	// the first record, snapshot included, and succeeds; ErrNotFound if either does not
	// exist.
	ShareSubject(ctx context.Context, sh Share) error
	// SnapshotShareRules replaces the rules snapshot of an existing share (the holder
	// shared again, or a new approval was made for the tenant); ErrNotFound if the
	// subject is not shared with the tenant.
	SnapshotShareRules(ctx context.Context, tenantID, subjectID, rules string, at time.Time) error
	// GetShare returns the share of a subject with a tenant; ErrNotFound if none.
	GetShare(ctx context.Context, tenantID, subjectID string) (Share, error)
	// IsSubjectShared reports whether a subject's result is shared with a tenant.
	IsSubjectShared(ctx context.Context, tenantID, subjectID string) (bool, error)
	// GetSharedSubjectByWallet returns the subject of a wallet when that subject is shared
	// with the tenant, in one lookup; ErrNotFound for an unknown wallet and for one that
	// is not shared alike, so the two cannot be told apart.
	GetSharedSubjectByWallet(ctx context.Context, tenantID, address string) (Subject, error)

	// CreateLinkToken stores a single-use token (by hash) that links wallets to a subject.
	CreateLinkToken(ctx context.Context, t LinkToken) error
	// ConsumeLinkToken deletes the token and returns it if it existed and was unexpired
	// at now; of concurrent callers exactly one succeeds, the others get ErrNotFound.
	ConsumeLinkToken(ctx context.Context, hash []byte, now time.Time) (LinkToken, error)
}

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

// VerificationStore keeps KYC verifications and their lifecycle.
type VerificationStore interface {
	CreateVerification(ctx context.Context, v *Verification) error
	GetVerification(ctx context.Context, id string) (Verification, error)
	// GetVerificationByFlowToken finds a verification by the hash of its hosted-flow token.
	GetVerificationByFlowToken(ctx context.Context, hash []byte) (Verification, error)
	// GetVerificationByProviderRef finds a verification by its provider and the
	// provider's id for it (an applicant or session id); ErrNotFound when none. Inbound
	// provider webhooks and polling use it (indexed).
	GetVerificationByProviderRef(ctx context.Context, provider, ref string) (Verification, error)
	// UpdateVerification runs update on the current record with the row locked and
	// stores the result: a compare-and-swap that two replicas cannot interleave.
	UpdateVerification(ctx context.Context, id string, update func(Verification) (Verification, error)) (Verification, error)
	// SetVerificationStatus moves a verification from one status to another and fails
	// with ErrConflict when its status is no longer from.
	SetVerificationStatus(ctx context.Context, id string, from, to VerificationStatus, at time.Time) error
	ListVerificationsBySubject(ctx context.Context, subjectID string) ([]Verification, error)
	ListVerificationsByStatus(ctx context.Context, status VerificationStatus, limit int) ([]Verification, error)
	// ListVerificationsByProvider lists one provider's verifications in a status, least
	// recently changed first (a review queue).
	ListVerificationsByProvider(ctx context.Context, provider string, status VerificationStatus, limit int) ([]Verification, error)
}

// DocumentStore keeps uploaded identity documents and selfies, sealed by the caller.
type DocumentStore interface {
	// CreateDocument stores a document; ErrNotFound if its verification does not exist.
	CreateDocument(ctx context.Context, d *Document) error
	// GetDocument returns a document with its content.
	GetDocument(ctx context.Context, id string) (Document, error)
	// ListDocuments returns a verification's documents, oldest first, without content.
	ListDocuments(ctx context.Context, verificationID string) ([]Document, error)
	// PurgeDocument deletes a document's content and keeps its record (listed, with
	// its size); GetDocument then answers ErrNotFound. ErrNotFound if it does not exist.
	PurgeDocument(ctx context.Context, id string) error
}

// ProviderEventStore keeps inbound provider webhooks, once each.
type ProviderEventStore interface {
	// InsertProviderEvent stores an event; ErrConflict if (Provider, EventID) was seen.
	InsertProviderEvent(ctx context.Context, e *ProviderEvent) error
	MarkProviderEventProcessed(ctx context.Context, id string, at time.Time) error
}

// ScreeningStore caches wallet screening results per source.
type ScreeningStore interface {
	// PutScreening inserts or replaces the result for (Address, Source).
	PutScreening(ctx context.Context, s Screening) error
	GetScreening(ctx context.Context, address, source string) (Screening, error)
}

// AttestationStore keeps issued attestations and their revocation state.
type AttestationStore interface {
	CreateAttestation(ctx context.Context, a *Attestation) error
	GetAttestation(ctx context.Context, uid string) (Attestation, error)
	ListAttestationsBySubject(ctx context.Context, subjectID string) ([]Attestation, error)
	// RevokeAttestation marks one attestation revoked; revoking twice keeps the first
	// revocation and returns ErrConflict.
	RevokeAttestation(ctx context.Context, uid, reason string, at time.Time) error
	// RevokeSubjectAttestations revokes every unrevoked attestation of a subject and
	// returns the UIDs it revoked.
	RevokeSubjectAttestations(ctx context.Context, subjectID, reason string, at time.Time) ([]string, error)
	// RevokeRecipientAttestations revokes every unrevoked attestation of a subject about
	// one wallet and returns the UIDs it revoked.
	RevokeRecipientAttestations(ctx context.Context, subjectID, recipient, reason string, at time.Time) ([]string, error)
}

// AuditStore is the append-only audit log.
type AuditStore interface {
	AppendAudit(ctx context.Context, e *AuditEntry) error
	ListAudit(ctx context.Context, entityKind, entityID string) ([]AuditEntry, error)
}

// Swept counts what DeleteExpired removed.
type Swept struct {
	Nonces, LinkTokens, Sessions, OutboxEvents int64
}

// OutboxRetention is how long a finished outbox event is kept (for support questions
// about a delivery) before DeleteExpired removes it.
const OutboxRetention = 30 * 24 * time.Hour

// Tenant is a dApp that uses the gateway through its API key.
type Tenant struct {
	ID        string
	Name      string
	CreatedAt time.Time
	// WebhookURL receives signed outbound webhooks; empty when unset.
	WebhookURL string
	// WebhookSecret is the Standard Webhooks secret, encrypted at rest by the caller.
	WebhookSecret []byte
	// Rules is the tenant's gating policy as JSON.
	Rules string
	// DefaultProvider is the KYC provider the tenant's verifications use when a start
	// names none ("" for the gateway's default, the first of KYCGATE_PROVIDERS).
	DefaultProvider string
}

// APIKeyOwner says who an API key belongs to.
type APIKeyOwner string

// The kinds of API key owners.
const (
	OwnerTenant   APIKeyOwner = "tenant"
	OwnerReviewer APIKeyOwner = "reviewer"
	OwnerOperator APIKeyOwner = "operator"
)

// APIKey is a hashed bearer credential for a tenant, a reviewer or an operator.
type APIKey struct {
	ID        string
	OwnerKind APIKeyOwner
	OwnerID   string
	// Prefix is the recognisable, non-secret start of the key (for listings and logs).
	Prefix    string
	Hash      []byte
	CreatedAt time.Time
	RevokedAt *time.Time
}

// Subject is the person (or organisation) behind one or more wallets or a tenant's
// customer account. It carries no personal data; that lives encrypted with verifications.
type Subject struct {
	ID        string
	CreatedAt time.Time
	// TenantID and ExternalCustomerID are set for subjects created in regular mode.
	TenantID           string
	ExternalCustomerID string
	// ApprovedLevel is the KYC level of the subject's current approval; 0 means none.
	ApprovedLevel int
	ApprovedAt    *time.Time
	// Country (ISO 3166-1 alpha-2) and Over18 are the approved verification's claims
	// that attestations carry; the details behind them stay encrypted with the verification.
	Country string
	Over18  bool
	// Blocked subjects get no attestations whatever their approval.
	Blocked bool
	// BirthDate is the approved date of birth, sealed by the caller (tenants' minimum-age
	// rules need it at decision time); nil when unknown.
	BirthDate []byte
	UpdatedAt time.Time
}

// Share records that a subject's KYC result is shared with a tenant. Gating lookups
// evaluate the subject under Rules, the tenant's rules as they stood at RulesAt (when it
// was shared, or last re-shared by its holder), not under the tenant's current rules: a
// tenant that changes its rules and looks the wallet up again learns nothing new.
type Share struct {
	TenantID  string
	SubjectID string
	CreatedAt time.Time
	// Rules is the tenant's gating policy (JSON) as it was at RulesAt.
	Rules   string
	RulesAt time.Time
}

// Reviewer is a compliance reviewer who works the manual-review queue.
type Reviewer struct {
	ID        string
	Name      string
	CreatedAt time.Time
}

// LinkToken lets the holder of a wallet session link that wallet to a subject (a
// tenant's regular-mode customer). Only its hash is stored.
type LinkToken struct {
	Hash      []byte
	SubjectID string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Wallet is an address linked to a subject. Addresses are stored lower-case 0x-hex.
type Wallet struct {
	Address   string
	SubjectID string
	LinkedAt  time.Time
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

// VerificationStatus is a state of DESIGN.md's verification state machine.
type VerificationStatus string

// The verification states.
const (
	StatusCreated               VerificationStatus = "created"
	StatusInProgress            VerificationStatus = "in_progress"
	StatusInReview              VerificationStatus = "in_review"
	StatusApproved              VerificationStatus = "approved"
	StatusRejected              VerificationStatus = "rejected"
	StatusResubmissionRequested VerificationStatus = "resubmission_requested"
	StatusExpired               VerificationStatus = "expired"
	StatusRevoked               VerificationStatus = "revoked"
)

// Verification is one KYC session with a provider for a subject.
type Verification struct {
	ID        string
	SubjectID string
	// TenantID is the dApp the verification is shared with; empty when none.
	TenantID string
	// Mode is "web3" (wallet session) or "regular" (tenant's externalCustomerId).
	Mode        string
	Provider    string
	ProviderRef string
	Level       int
	Status      VerificationStatus
	// RejectType is "final" or "retry" when Status is rejected.
	RejectType string
	// FlowToken is the hash of the hosted-flow token, for the built-in provider.
	FlowTokenHash []byte
	// Data is provider-specific state, encrypted by the caller (it may hold personal data).
	Data      []byte
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Document is an uploaded identity document or selfie of a verification.
type Document struct {
	ID             string
	VerificationID string
	// Kind is "document" or "selfie".
	Kind string
	// Type is the document type (passport, id_card, …) and Side is front or back; both
	// are empty for selfies.
	Type        string
	Side        string
	ContentType string
	// Size is the plaintext size in bytes.
	Size int64
	// Data is the content, sealed by the caller; nil in listings.
	Data      []byte
	CreatedAt time.Time
}

// ProviderEvent is an inbound provider webhook, stored once.
type ProviderEvent struct {
	ID             string
	Provider       string
	EventID        string
	VerificationID string
	// Payload is the raw body, encrypted by the caller.
	Payload     []byte
	ReceivedAt  time.Time
	ProcessedAt *time.Time
}

// Screening is a cached wallet screening result from one analytics source.
type Screening struct {
	Address   string
	Source    string
	Risk      int
	Flagged   bool
	Detail    string
	CheckedAt time.Time
	ExpiresAt time.Time
}

// Attestation is an issued EAS offchain attestation.
type Attestation struct {
	UID       string
	SubjectID string
	Recipient string
	ChainID   uint64
	Signer    string
	// Package is the shareable JSON package; it carries no personal data.
	Package          []byte
	IssuedAt         time.Time
	ExpiresAt        time.Time
	RevokedAt        *time.Time
	RevocationReason string
}

// AuditEntry records who did what to which record, and why.
type AuditEntry struct {
	ID         string
	At         time.Time
	Actor      string
	Action     string
	EntityKind string
	EntityID   string
	// Detail is JSON without personal data.
	Detail string
}

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

// RecordAudit appends an audit entry whose detail is v marshalled to JSON. Detail must
// never hold personal data.
func RecordAudit(ctx context.Context, st AuditStore, at time.Time, actor, action, entityKind, entityID string, v any) error {
	detail := "{}"
	if v != nil {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		detail = string(raw)
	}
	return st.AppendAudit(ctx, &AuditEntry{At: at, Actor: actor, Action: action, EntityKind: entityKind, EntityID: entityID, Detail: detail})
}
