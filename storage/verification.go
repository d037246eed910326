package storage

import (
	"context"
	"time"
)

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
	// stores the result: a compare-and-swap that two replicas cannot interleave. A
	// changed verification has no next poll time (SetVerificationNextPoll) any more.
	UpdateVerification(ctx context.Context, id string, update func(Verification) (Verification, error)) (Verification, error)
	// SetVerificationStatus moves a verification from one status to another and fails
	// with ErrConflict when its status is no longer from.
	SetVerificationStatus(ctx context.Context, id string, from, to VerificationStatus, at time.Time) error
	ListVerificationsBySubject(ctx context.Context, subjectID string) ([]Verification, error)
	ListVerificationsByStatus(ctx context.Context, status VerificationStatus, limit int) ([]Verification, error)
	// ListVerificationsByProvider lists one provider's verifications in a status, least
	// recently changed first (a review queue).
	ListVerificationsByProvider(ctx context.Context, provider string, status VerificationStatus, limit int) ([]Verification, error)
	// ListVerificationsToPoll lists the verifications polling should fetch now (PollQuery),
	// least recently changed first (indexed by provider, status and update time).
	ListVerificationsToPoll(ctx context.Context, q PollQuery) ([]Verification, error)
	// SetVerificationNextPoll records when a verification may be polled again (until it
	// next changes); it does not change the verification (nor its UpdatedAt).
	// ErrNotFound when it does not exist.
	SetVerificationNextPoll(ctx context.Context, id string, at time.Time) error
}

// PollQuery selects the verifications of some providers, in some statuses, with a
// provider reference, unchanged since UnchangedSince and due for a poll at Now (never
// polled, or their next poll time has come).
type PollQuery struct {
	Providers      []string
	Statuses       []VerificationStatus
	UnchangedSince time.Time
	Now            time.Time
	Limit          int
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
	// A conflict leaves the transaction it runs in usable (the next statements run).
	InsertProviderEvent(ctx context.Context, e *ProviderEvent) error
	// InsertProviderEvents stores several events in one statement and reports which
	// were stored: stored[i] is false for an event whose (Provider, EventID) was seen
	// (before, or earlier in es). Ids are set on every event.
	InsertProviderEvents(ctx context.Context, es []*ProviderEvent) (stored []bool, err error)
	// GetProviderEvent returns a stored event; ErrNotFound when none.
	GetProviderEvent(ctx context.Context, id string) (ProviderEvent, error)
	// MarkProviderEventProcessed records that an event was processed, for the
	// verification it was about ("" when none was found). ErrNotFound when it does not exist.
	MarkProviderEventProcessed(ctx context.Context, id, verificationID string, at time.Time) error
	// LatestProviderEventAt is the latest provider event time (EventAt) among the
	// processed events of a verification; ok is false when none carried a time.
	LatestProviderEventAt(ctx context.Context, verificationID string) (at time.Time, ok bool, err error)
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
	// ReturnURL is where the hosted flow sends the user back to (the dApp's https page),
	// given when the verification was started; empty when none.
	ReturnURL string
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
	// Ref is the provider's session id the event is about (the verification's
	// ProviderRef), as the verified webhook named it.
	Ref string
	// EventAt is when the provider says the event happened; nil when it does not say.
	EventAt *time.Time
	// Payload is the raw body, encrypted by the caller.
	Payload     []byte
	ReceivedAt  time.Time
	ProcessedAt *time.Time
}
