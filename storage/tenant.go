package storage

import (
	"context"
	"time"
)

// TenantStore keeps the dApps (tenants) that use the gateway.
type TenantStore interface {
	CreateTenant(ctx context.Context, t *Tenant) error
	GetTenant(ctx context.Context, id string) (Tenant, error)
	ListTenants(ctx context.Context) ([]Tenant, error)
	// UpdateTenant runs update on the current record inside a transaction with the row
	// locked and stores the result.
	UpdateTenant(ctx context.Context, id string, update func(Tenant) (Tenant, error)) (Tenant, error)
}

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
