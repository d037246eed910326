package gate

import (
	"context"
	"errors"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/internal/ttlcache"
	"github.com/kycgate/kycgate/storage"
)

// TenantCacheTTL is how long the gating lookup reuses a tenant row it read: a tenant's
// changes (name, settings) show in gating answers within this time.
const TenantCacheTTL = time.Second

// caches hold what the gating lookup would otherwise read or decode on every call.
type caches struct {
	rules *RulesCache
	// tenants maps a tenant id to its row for TenantCacheTTL.
	tenants *ttlcache.Cache[string, storage.Tenant]
}

func newCaches(now func() time.Time) caches {
	return caches{
		rules:   NewRulesCache(now),
		tenants: ttlcache.New[string, storage.Tenant](TenantCacheTTL, 10_000, now),
	}
}

// RulesCache parses each distinct stored rules document (a share's snapshot, JSON) once:
// the text is the version, so an entry never goes stale; entries unused for an hour go.
// Cached Rules are shared: read them, never change them. Safe for concurrent use.
type RulesCache struct {
	c *ttlcache.Cache[string, Rules]
}

// NewRulesCache returns an empty cache on the clock now (nil: time.Now).
func NewRulesCache(now func() time.Time) *RulesCache {
	if now == nil {
		now = time.Now
	}
	return &RulesCache{c: ttlcache.New[string, Rules](time.Hour, 4096, now)}
}

// Parse is ParseRules once per distinct document.
func (c *RulesCache) Parse(raw string) (Rules, error) {
	if r, ok := c.c.Get(raw); ok {
		return r, nil
	}
	r, err := ParseRules(raw)
	if err != nil {
		return r, err
	}
	c.c.Put(raw, r)
	return r, nil
}

// DecideView is the decision a tenant gets on the subject of g (read by storage
// GetGateView or GetCustomerGateView, in one query): under the share's rules snapshot
// (parsed through rules), or, when the subject is not shared with the tenant, the
// default rules (level 1) as SharedRules gives; the subject's KYC state comes from g by
// k, with no query of its own (a wallet never screened is screened on the spot).
func DecideView(ctx context.Context, k KYC, rules *RulesCache, g storage.GateView, now time.Time) (Decision, error) {
	r, at := Rules{MinLevel: 1}, now
	if g.HasShare {
		var err error
		if r, err = rules.Parse(g.Share.Rules); err != nil {
			return Decision{}, err
		}
		at = g.Share.RulesAt
		if g.Subject.ApprovedAt != nil && g.Subject.ApprovedAt.After(at) {
			at = *g.Subject.ApprovedAt
		}
	}
	st, err := k.KYCStateFrom(ctx, g)
	if err != nil {
		return Decision{}, err
	}
	return Decide(g.Subject, st, r, at), nil
}

// tenant is GetTenant, reused for TenantCacheTTL.
func (s *Service) tenant(ctx context.Context, id string) (storage.Tenant, error) {
	if t, ok := s.cache.tenants.Get(id); ok {
		return t, nil
	}
	t, err := s.store.GetTenant(ctx, id)
	if err != nil {
		return t, err
	}
	s.cache.tenants.Put(id, t)
	return t, nil
}

// GateWallet is the gating lookup of GET /v1/tenant/wallets/{address}: the decision on
// a wallet shared with the tenant under the tenant's rules as they stood when the wallet
// was shared (SharedRules' snapshot, as DecideView reads it). A wallet that is unknown and one that
// is not shared with the tenant both answer 404 unknown_wallet. It reads the subject,
// the share, the latest verification's status and the subject's wallets with their
// screening states in one query (storage GetGateView), and decodes each rules snapshot
// once; only a wallet never screened adds work (it is screened on the spot).
func (s *Service) GateWallet(ctx context.Context, tenant storage.Tenant, address string) (WalletDecision, error) {
	if !common.IsHexAddress(address) {
		return WalletDecision{}, fault.InvalidError("invalid_address", "not an Ethereum address")
	}
	g, err := s.store.GetGateView(ctx, tenant.ID, address)
	if errors.Is(err, storage.ErrNotFound) {
		return WalletDecision{}, fault.NotFoundError("unknown_wallet", "no wallet with this address is shared with this tenant")
	} else if err != nil {
		return WalletDecision{}, err
	}
	d, err := DecideView(ctx, s.kyc, s.cache.rules, g, s.now())
	if err != nil {
		return WalletDecision{}, err
	}
	return WalletDecision{Address: common.HexToAddress(address).Hex(), Decision: d}, nil
}
