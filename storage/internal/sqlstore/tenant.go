package sqlstore

import (
	"context"

	"github.com/kycgate/kycgate/storage"
)

const tenantColumns = `id, name, created_at, webhook_url, webhook_secret, rules, default_provider`

func scanTenant(r Row) (t Tenant, err error) {
	err = r.Scan(&t.ID, &t.Name, &t.CreatedAt, &t.WebhookURL, &t.WebhookSecret, &t.Rules, &t.DefaultProvider)
	return t, err
}

// CreateTenant implements storage.TenantStore.
func (s *Store) CreateTenant(ctx context.Context, t *Tenant) error {
	if t.ID == "" {
		t.ID = storage.NewID("ten")
	}
	if t.Rules == "" {
		t.Rules = "{}"
	}
	t.CreatedAt = micro(t.CreatedAt)
	return s.insert(ctx, "create tenant", `INSERT INTO tenants (`+tenantColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		t.ID, t.Name, t.CreatedAt, t.WebhookURL, t.WebhookSecret, t.Rules, t.DefaultProvider)
}

// GetTenant implements storage.TenantStore.
func (s *Store) GetTenant(ctx context.Context, id string) (Tenant, error) {
	return one(ctx, s, s.q, "get tenant", scanTenant, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, id)
}

// ListTenants implements storage.TenantStore.
func (s *Store) ListTenants(ctx context.Context) ([]Tenant, error) {
	return many(ctx, s, "list tenants", scanTenant, `SELECT `+tenantColumns+` FROM tenants ORDER BY created_at, id`)
}

// UpdateTenant implements storage.TenantStore.
func (s *Store) UpdateTenant(ctx context.Context, id string, fn func(Tenant) (Tenant, error)) (Tenant, error) {
	return update(ctx, s, "update tenant", scanTenant, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, id, fn,
		func(q Querier, t Tenant) error {
			_, err := q.Exec(ctx, `UPDATE tenants SET name = $2, webhook_url = $3, webhook_secret = $4, rules = $5,
default_provider = $6 WHERE id = $1`, id, t.Name, t.WebhookURL, t.WebhookSecret, t.Rules, t.DefaultProvider)
			return err
		})
}
