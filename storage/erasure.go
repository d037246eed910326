package storage

import (
	"context"
	"time"
)

// PersonalDataStore is what the data subject's rights need (issue 18): reading
// everything held about a subject (export), erasing the personal data while keeping the
// audit trail, statuses and revocations (erasure), finding what is past its retention
// time, the holders' consents to tenants, and re-sealing values under the current data
// key (rotation). The subject's verification data is erased by the lifecycle's one
// writer (kyc/transition.go), not here.
type PersonalDataStore interface {
	// ListAuditBySubject returns the audit entries about a subject: those whose entity is
	// the subject itself, one of its verifications, documents or attestations, oldest first.
	ListAuditBySubject(ctx context.Context, subjectID string) ([]AuditEntry, error)
	// ReplaceAuditDetail rewrites one entry's detail (erasure drops the sealed notes,
	// rotation re-seals them); ErrNotFound if it does not exist. Nothing else of an
	// entry ever changes.
	ReplaceAuditDetail(ctx context.Context, id, detail string) error

	// EraseSubjectData deletes, in one transaction, a subject's documents (rows and
	// bytes), the payloads of provider events about its verifications (matched to one,
	// or naming one's provider reference and not yet processed), its sealed date
	// of birth, and the person, pending approval and matches of its person screenings
	// (monitoring stops). Wallet screenings stay: they hold list references and risk
	// codes about a wallet address, no personal data. It reports what it
	// removed. Verification data is erased through the lifecycle's writer.
	EraseSubjectData(ctx context.Context, subjectID string) (Erased, error)
	// RecordErasure stores that a subject was erased; erasing again keeps the first
	// record and returns ErrConflict.
	RecordErasure(ctx context.Context, e Erasure) error
	// GetErasure returns a subject's erasure record; ErrNotFound when it was not erased.
	GetErasure(ctx context.Context, subjectID string) (Erasure, error)
	// PutErasureMarker stores a blocked person's marker (a keyed hash); storing one
	// twice is fine.
	PutErasureMarker(ctx context.Context, hash []byte, at time.Time) error
	// HasErasureMarker reports whether a marker is stored.
	HasErasureMarker(ctx context.Context, hash []byte) (bool, error)
	// ListRetentionDue lists up to limit subjects not yet erased whose data is past its
	// retention time: their last decision (a verification approved, rejected or revoked)
	// changed before decidedBefore and none of their verifications is still open; or they
	// never reached a decision (open or expired verifications only) and their newest
	// verification was created before abandonedBefore. Ordered by subject id.
	ListRetentionDue(ctx context.Context, decidedBefore, abandonedBefore time.Time, limit int) ([]string, error)
	// Compact makes deleted bytes unrecoverable from the database files where the
	// backend can: SQLite checkpoints and truncates its WAL (secure_delete zeroes freed
	// pages); PostgreSQL does nothing (VACUUM reclaims dead tuples on its schedule).
	Compact(ctx context.Context) error

	// CreateConsent stores a holder's consent; ErrNotFound if the subject or the tenant
	// does not exist.
	CreateConsent(ctx context.Context, c *Consent) error
	// ListConsents returns a subject's consents, newest first, revoked ones included.
	ListConsents(ctx context.Context, subjectID string) ([]Consent, error)
	// RevokeConsent marks a subject's consent revoked at at; ErrNotFound if the subject
	// has no such consent or it was revoked already.
	RevokeConsent(ctx context.Context, subjectID, id string, at time.Time) error
	// HasConsent reports whether the subject has an unrevoked consent for the tenant
	// with scope that has not expired at now.
	HasConsent(ctx context.Context, tenantID, subjectID, scope string, now time.Time) (bool, error)

	// ListSealed lists up to limit values of a sealed column (SealedColumns) whose key
	// sorts after after, in key order, skipping NULL and empty values and, when skipKeyID
	// is set (the 4 raw key-id bytes a sealed value carries after its version byte),
	// values sealed under that key (the filter applies to the byte columns; the notes
	// inside audit_log.detail are filtered by the caller).
	ListSealed(ctx context.Context, column, after string, skipKeyID []byte, limit int) ([]SealedValue, error)
	// CountSealed counts the values of a byte column of SealedColumns per key id (8 hex
	// digits); ErrNotFound for audit_log.detail, whose notes the caller counts.
	CountSealed(ctx context.Context, column string) (map[string]int64, error)
	// ReplaceSealed swaps one sealed value for its re-sealed form if it still holds old
	// (a compare-and-swap); ErrConflict when it changed meanwhile.
	ReplaceSealed(ctx context.Context, column, key string, old, sealed []byte) error
	// GetResealCursor returns the last key the rotation re-sealed in a column; "" when none.
	GetResealCursor(ctx context.Context, column string) (string, error)
	// SetResealCursor records the last key re-sealed in a column.
	SetResealCursor(ctx context.Context, column, after string) error
}

// SealedColumns names every column that holds values sealed by pii.Sealer, the ones
// ListSealed and ReplaceSealed accept. "audit_log.detail" holds sealed notes inside its
// JSON (kyc.SealedDetail), base64-encoded; the others hold the sealed bytes themselves.
var SealedColumns = []string{
	"subjects.birth_date", "verifications.data", "documents.data", "provider_events.payload",
	"tenants.webhook_secret", "audit_log.detail",
	"person_screenings.person", "person_screenings.intent", "person_screenings.detail",
}

// SealedValue is one value of a sealed column: the row's key, the context label it was
// sealed under (for audit_log.detail, the prefix the field name completes) and the value.
type SealedValue struct {
	Key   string
	Label string
	Value []byte
}

// Erased counts what EraseSubjectData removed.
type Erased struct {
	Documents, ProviderPayloads, BirthDates int64
	// PersonScreenings counts the person screenings whose person, pending approval and
	// matches were deleted (their outcome codes stay; monitoring stops).
	PersonScreenings int64
}

// Erasure records that a subject's personal data was erased.
type Erasure struct {
	SubjectID string
	ErasedAt  time.Time
	// Code is why: "request" (a reviewer or the tenant), "retention", "retention_abandoned".
	Code string
	// Actor is who erased it ("reviewer:rev_…", "tenant:ten_…", "system:retention").
	Actor string
}

// Consent lets a tenant read a Web3-mode holder's verified details (Scope "details")
// until ExpiresAt, unless revoked.
type Consent struct {
	ID        string
	SubjectID string
	TenantID  string
	Scope     string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt *time.Time
}
