package notify

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/storage"
)

// SecretPrefix starts every webhook secret (Standard Webhooks).
const SecretPrefix = "whsec_"

// secretLabel is the sealing context of a tenant's webhook secret.
func secretLabel(tenantID string) string { return "tenant:" + tenantID + ":webhook" }

// Policy says which webhook URLs are accepted.
type Policy struct {
	// AllowHTTP accepts http:// URLs (development); otherwise https only.
	AllowHTTP bool
	// AllowPrivate accepts hosts that resolve to loopback, private, link-local or
	// unspecified addresses (development and tests).
	AllowPrivate bool
	// Resolver looks hosts up; net.DefaultResolver when nil.
	Resolver *net.Resolver
}

// CheckURL validates a webhook URL: absolute http(s) per the policy, no credentials, and
// unless AllowPrivate a host whose every address is public.
func (p Policy) CheckURL(ctx context.Context, raw string) (string, error) {
	invalid := func(why string) (string, error) { return "", fault.InvalidError("invalid_webhook_url", why) }
	if len(raw) > 2048 {
		return invalid("the webhook URL is too long")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return invalid("the webhook URL must be an absolute https URL")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && p.AllowHTTP:
	default:
		return invalid("the webhook URL must use https")
	}
	if u.User != nil {
		return invalid("the webhook URL must not carry credentials")
	}
	if u.Hostname() == "" {
		return invalid("the webhook URL needs a host")
	}
	if port := u.Port(); port != "" || strings.HasSuffix(u.Host, ":") {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return invalid("the webhook URL's port must be 1 to 65535")
		}
	}
	u.Fragment = ""
	if p.AllowPrivate {
		return u.String(), nil
	}
	host := u.Hostname()
	var addrs []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{ip}
	} else {
		r := p.Resolver
		if r == nil {
			r = net.DefaultResolver
		}
		if addrs, err = r.LookupNetIP(ctx, "ip", host); err != nil || len(addrs) == 0 {
			return invalid("the webhook URL's host does not resolve")
		}
	}
	for _, ip := range addrs {
		if Forbidden(ip) {
			return invalid("the webhook URL must not point to a loopback, private, link-local or unspecified address")
		}
	}
	return u.String(), nil
}

// Service manages tenants' webhook endpoints and secrets.
type Service struct {
	store  storage.Store
	sealer *pii.Sealer
	policy Policy
	now    func() time.Time
}

// NewService returns a Service.
func NewService(store storage.Store, sealer *pii.Sealer, policy Policy, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, sealer: sealer, policy: policy, now: now}
}

// NewSecret returns a new random Standard Webhooks secret (whsec_ and 24 bytes base64).
func NewSecret() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return SecretPrefix + base64.StdEncoding.EncodeToString(b[:])
}

// Set stores a tenant's webhook URL with a new secret, which it returns (the only time
// it is shown); the previous secret stops signing at once.
func (s *Service) Set(ctx context.Context, tenantID, rawURL string) (string, string, error) {
	u, err := s.policy.CheckURL(ctx, rawURL)
	if err != nil {
		return "", "", err
	}
	secret := NewSecret()
	sealed, err := s.sealer.Seal([]byte(secret), secretLabel(tenantID))
	if err != nil {
		return "", "", err
	}
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		if _, err := tx.UpdateTenant(ctx, tenantID, func(t storage.Tenant) (storage.Tenant, error) {
			t.WebhookURL, t.WebhookSecret = u, sealed
			return t, nil
		}); err != nil {
			return err
		}
		// The audit row keeps the origin only: a path or query may carry a token.
		return storage.RecordAudit(ctx, tx, s.now(), "tenant:"+tenantID, "tenant.webhook_set", "tenant", tenantID,
			map[string]any{"origin": originOf(u)})
	})
	if err != nil {
		return "", "", fmt.Errorf("webhook: set: %w", err)
	}
	return u, secret, nil
}

// originOf is the scheme and host of a checked URL.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// Get returns a tenant's webhook URL (empty when none).
func (s *Service) Get(ctx context.Context, tenantID string) (string, error) {
	t, err := s.store.GetTenant(ctx, tenantID)
	return t.WebhookURL, err
}

// Delete removes a tenant's webhook; pending deliveries then complete without sending.
func (s *Service) Delete(ctx context.Context, tenantID string) error {
	return s.store.InTx(ctx, func(tx storage.Store) error {
		if _, err := tx.UpdateTenant(ctx, tenantID, func(t storage.Tenant) (storage.Tenant, error) {
			t.WebhookURL, t.WebhookSecret = "", nil
			return t, nil
		}); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, s.now(), "tenant:"+tenantID, "tenant.webhook_deleted", "tenant", tenantID, nil)
	})
}

// Register mounts PUT, GET and DELETE /v1/tenant/webhook and the deliveries routes
// (deliveries.go) behind the tenant middleware.
func (s *Service) Register(r gin.IRouter, tenant gin.HandlerFunc) {
	g := r.Group("/v1/tenant", tenant)
	g.PUT("/webhook", func(c *gin.Context) {
		var req struct {
			URL string `json:"url"`
		}
		if err := api.BindJSON(c, &req); err != nil {
			api.Abort(c, err)
			return
		}
		tenantID, _ := auth.TenantFrom(c.Request.Context())
		u, secret, err := s.Set(c.Request.Context(), tenantID, req.URL)
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"url": u, "secret": secret})
	})
	g.GET("/webhook", func(c *gin.Context) {
		tenantID, _ := auth.TenantFrom(c.Request.Context())
		u, err := s.Get(c.Request.Context(), tenantID)
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"url": u})
	})
	g.DELETE("/webhook", api.NoBody, func(c *gin.Context) {
		tenantID, _ := auth.TenantFrom(c.Request.Context())
		if err := s.Delete(c.Request.Context(), tenantID); err != nil {
			api.Abort(c, err)
			return
		}
		c.Status(http.StatusNoContent)
	})
	s.registerDeliveries(g)
}
