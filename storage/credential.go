package storage

import (
	"context"
	"time"
)

// CredentialStore keeps API keys (tenants, reviewers and operators). Only hashes are stored.
type CredentialStore interface {
	CreateAPIKey(ctx context.Context, k *APIKey) error
	// GetAPIKeyByHash returns an unrevoked key by the hash of its secret.
	GetAPIKeyByHash(ctx context.Context, hash []byte) (APIKey, error)
	RevokeAPIKey(ctx context.Context, id string, at time.Time) error
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

// ReviewerStore keeps compliance reviewers (their API keys live in CredentialStore).
type ReviewerStore interface {
	CreateReviewer(ctx context.Context, r *Reviewer) error
	GetReviewer(ctx context.Context, id string) (Reviewer, error)
}

// Reviewer is a compliance reviewer who works the manual-review queue.
type Reviewer struct {
	ID        string
	Name      string
	CreatedAt time.Time
}

// OperatorStore keeps operators: the people who run the gateway and see its background
// jobs (their API keys live in CredentialStore).
type OperatorStore interface {
	CreateOperator(ctx context.Context, o *Operator) error
	GetOperator(ctx context.Context, id string) (Operator, error)
}

// Operator runs the gateway (the River UI at /admin/jobs).
type Operator struct {
	ID        string
	Name      string
	CreatedAt time.Time
}
