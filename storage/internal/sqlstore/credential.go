package sqlstore

import (
	"context"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const apiKeyColumns = `id, owner_kind, owner_id, prefix, hash, created_at, revoked_at`

func scanAPIKey(r Row) (k APIKey, err error) {
	err = r.Scan(&k.ID, &k.OwnerKind, &k.OwnerID, &k.Prefix, &k.Hash, &k.CreatedAt, &k.RevokedAt)
	return k, err
}

// CreateAPIKey implements storage.CredentialStore.
func (s *Store) CreateAPIKey(ctx context.Context, k *APIKey) error {
	if k.ID == "" {
		k.ID = storage.NewID("key")
	}
	k.CreatedAt = micro(k.CreatedAt)
	return s.insert(ctx, "create api key", `INSERT INTO api_keys (`+apiKeyColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		k.ID, k.OwnerKind, k.OwnerID, k.Prefix, k.Hash, k.CreatedAt, microPtr(k.RevokedAt))
}

// GetAPIKeyByHash implements storage.CredentialStore.
func (s *Store) GetAPIKeyByHash(ctx context.Context, hash []byte) (APIKey, error) {
	return one(ctx, s, s.q, "get api key", scanAPIKey,
		`SELECT `+apiKeyColumns+` FROM api_keys WHERE hash = $1 AND revoked_at IS NULL`, hash)
}

// RevokeAPIKey implements storage.CredentialStore.
func (s *Store) RevokeAPIKey(ctx context.Context, id string, at time.Time) error {
	return s.exec(ctx, s.q, "revoke api key", `UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, micro(at))
}

// CreateReviewer implements storage.ReviewerStore.
func (s *Store) CreateReviewer(ctx context.Context, r *storage.Reviewer) error {
	if r.ID == "" {
		r.ID = storage.NewID("rev")
	}
	r.CreatedAt = micro(r.CreatedAt)
	return s.insert(ctx, "create reviewer", `INSERT INTO reviewers (id, name, created_at) VALUES ($1, $2, $3)`, r.ID, r.Name, r.CreatedAt)
}

// GetReviewer implements storage.ReviewerStore.
func (s *Store) GetReviewer(ctx context.Context, id string) (storage.Reviewer, error) {
	return one(ctx, s, s.q, "get reviewer", func(r Row) (v storage.Reviewer, err error) {
		err = r.Scan(&v.ID, &v.Name, &v.CreatedAt)
		return v, err
	}, `SELECT id, name, created_at FROM reviewers WHERE id = $1`, id)
}

// CreateOperator implements storage.OperatorStore.
func (s *Store) CreateOperator(ctx context.Context, o *storage.Operator) error {
	if o.ID == "" {
		o.ID = storage.NewID("op")
	}
	o.CreatedAt = micro(o.CreatedAt)
	return s.insert(ctx, "create operator", `INSERT INTO operators (id, name, created_at) VALUES ($1, $2, $3)`, o.ID, o.Name, o.CreatedAt)
}

// GetOperator implements storage.OperatorStore.
func (s *Store) GetOperator(ctx context.Context, id string) (storage.Operator, error) {
	return one(ctx, s, s.q, "get operator", func(r Row) (v storage.Operator, err error) {
		err = r.Scan(&v.ID, &v.Name, &v.CreatedAt)
		return v, err
	}, `SELECT id, name, created_at FROM operators WHERE id = $1`, id)
}
