package kyc

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// TenantSettings are a tenant's KYC settings: its default provider among the enabled ones
// (KYCGATE_PROVIDERS), used when a start names none.
type TenantSettings struct {
	// DefaultProvider is the tenant's choice; "" means the gateway's default.
	DefaultProvider string `json:"defaultProvider"`
	// Providers lists the enabled providers (read only).
	Providers []string `json:"providers"`
	// GatewayDefault is the gateway's default provider (read only).
	GatewayDefault string `json:"gatewayDefault"`
}

// Settings returns a tenant's KYC settings.
func (s *Service) Settings(ctx context.Context, tenantID string) (TenantSettings, error) {
	t, err := s.store.GetTenant(ctx, tenantID)
	if err != nil {
		return TenantSettings{}, err
	}
	return s.settingsOf(t), nil
}

func (s *Service) settingsOf(t storage.Tenant) TenantSettings {
	return TenantSettings{DefaultProvider: t.DefaultProvider, Providers: slices.Sorted(maps.Keys(s.providers)),
		GatewayDefault: s.defaultProvider}
}

// SetDefaultProvider sets the provider a tenant's verifications use when a start names
// none; it must be enabled (400 unknown_provider otherwise), "" restores the gateway's
// default. Audited.
func (s *Service) SetDefaultProvider(ctx context.Context, tenantID, name string) (TenantSettings, error) {
	if _, ok := s.providers[name]; name != "" && !ok {
		return TenantSettings{}, fault.InvalidError("unknown_provider", fmt.Sprintf("no KYC provider named %q is enabled", name))
	}
	now := s.now()
	var out storage.Tenant
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		var err error
		if out, err = tx.UpdateTenant(ctx, tenantID, func(t storage.Tenant) (storage.Tenant, error) {
			t.DefaultProvider = name
			return t, nil
		}); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, "tenant:"+tenantID, "tenant.default_provider_set", "tenant", tenantID,
			map[string]string{"provider": name})
	})
	return s.settingsOf(out), err
}

// providerFor names the provider a start uses: the one asked for, else the tenant's
// default while it is still enabled, else the gateway's.
func (s *Service) providerFor(ctx context.Context, req StartRequest) (string, Provider, error) {
	if req.Provider == "" && req.TenantID != "" {
		t, err := s.store.GetTenant(ctx, req.TenantID)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return "", nil, err
		}
		if _, ok := s.providers[t.DefaultProvider]; ok {
			req.Provider = t.DefaultProvider
		}
	}
	return s.provider(req.Provider)
}

func (h *Handler) getSettings(c *gin.Context) {
	tenantID, _ := auth.TenantFrom(c.Request.Context())
	out, err := h.svc.Settings(c.Request.Context(), tenantID)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (h *Handler) putSettings(c *gin.Context) {
	var in struct {
		DefaultProvider string `json:"defaultProvider"`
	}
	if err := api.BindJSON(c, &in); err != nil {
		api.Abort(c, err)
		return
	}
	tenantID, _ := auth.TenantFrom(c.Request.Context())
	out, err := h.svc.SetDefaultProvider(c.Request.Context(), tenantID, in.DefaultProvider)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}
