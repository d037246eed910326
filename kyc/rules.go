package kyc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/storage"
)

// Rules is a tenant's gating policy. The zero value asks for level 1 and nothing else.
type Rules struct {
	// MinLevel is the lowest approved KYC level allowed (default 1).
	MinLevel int `json:"minLevel"`
	// BlockedCountries are ISO 3166-1 alpha-2 codes whose residents are denied.
	BlockedCountries []string `json:"blockedCountries"`
	// MinAge is the lowest age allowed in whole years: 0 (no age rule), 16, 18 or 21.
	// Only these thresholds are accepted, so that changing the rules and looking a shared
	// wallet up again cannot narrow its holder's age down to the year.
	MinAge int `json:"minAge"`
}

// ageThresholds are the ages MinAge may ask for besides 0.
var ageThresholds = []int{16, 18, 21}

// The decisions a gating lookup gives.
const (
	DecisionAllow  = "allow"
	DecisionReview = "review"
	DecisionDeny   = "deny"
)

// Reasons a decision carries.
const (
	ReasonBlocked        = "subject_blocked"
	ReasonKYCRequired    = "kyc_required"
	ReasonKYCPending     = "kyc_pending"
	ReasonKYCRejected    = "kyc_rejected"
	ReasonLevelTooLow    = "level_too_low"
	ReasonCountryBlocked = "country_blocked"
	ReasonUnderMinAge    = "under_minimum_age"
	ReasonAgeUnknown     = "age_unknown"
)

// Decision is a gating answer: allow, review or deny, with the reasons and the approved
// level.
type Decision struct {
	Decision string   `json:"decision"`
	Reasons  []string `json:"reasons"`
	Level    int      `json:"level"`
}

// normalize validates rules and puts them in canonical form. Rules a tenant sets are
// strict (MinAge is one of the thresholds); rules read back from storage may carry any
// MinAge of 0 to 150 set before the thresholds were fixed, and keep applying it.
func (r Rules) normalize(strict bool) (Rules, error) {
	if r.MinLevel == 0 {
		r.MinLevel = 1
	}
	if r.MinLevel < 1 || r.MinLevel > MaxLevel {
		return r, api.Invalid("invalid_rules", fmt.Sprintf("minLevel is 1 to %d", MaxLevel))
	}
	if strict && r.MinAge != 0 && !slices.Contains(ageThresholds, r.MinAge) {
		return r, api.Invalid("invalid_rules", "minAge is 0 (no age rule), 16, 18 or 21")
	}
	if r.MinAge < 0 || r.MinAge > 150 {
		return r, api.Invalid("invalid_rules", "minAge is 0 to 150")
	}
	countries := []string{}
	for _, c := range r.BlockedCountries {
		c = strings.ToUpper(strings.TrimSpace(c))
		if !IsCountry(c) {
			return r, api.Invalid("invalid_rules", fmt.Sprintf("blockedCountries: %q is not an assigned ISO 3166-1 alpha-2 country code", c))
		}
		if !slices.Contains(countries, c) {
			countries = append(countries, c)
		}
	}
	slices.Sort(countries)
	r.BlockedCountries = countries
	return r, nil
}

// ParseRules reads a tenant's stored rules.
func ParseRules(raw string) (Rules, error) {
	var r Rules
	if strings.TrimSpace(raw) != "" {
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			return r, fmt.Errorf("kyc: stored rules: %w", err)
		}
	}
	return r.normalize(false)
}

// Rules returns a tenant's rules.
func (s *Service) Rules(ctx context.Context, tenantID string) (Rules, error) {
	t, err := s.store.GetTenant(ctx, tenantID)
	if err != nil {
		return Rules{}, err
	}
	return ParseRules(t.Rules)
}

// SetRules validates and stores a tenant's rules. Every change is audited with the rules
// it replaces ("previous") and the new ones ("rules"). Wallets already shared keep being
// judged under the snapshot taken when they were shared (DecideShared); the new rules
// apply from their next snapshot.
func (s *Service) SetRules(ctx context.Context, tenantID string, r Rules) (Rules, error) {
	r, err := r.normalize(true)
	if err != nil {
		return r, err
	}
	raw, err := json.Marshal(r)
	if err != nil {
		return r, err
	}
	now := s.now()
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		var previous any
		if _, err := tx.UpdateTenant(ctx, tenantID, func(t storage.Tenant) (storage.Tenant, error) {
			if old, err := ParseRules(t.Rules); err == nil {
				previous = old
			}
			t.Rules = string(raw)
			return t, nil
		}); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, "tenant:"+tenantID, "tenant.rules_updated", "tenant", tenantID,
			map[string]any{"previous": previous, "rules": r})
	})
	return r, err
}

// shareWith records that a subject's result is shared with a tenant, with a snapshot of
// the tenant's rules as they stand at now. An existing share keeps its snapshot unless
// refresh is set (the holder shared again, or a new approval was made for the tenant).
// Run it inside the transaction of the change that shares.
func shareWith(ctx context.Context, tx storage.Store, tenantID, subjectID string, now time.Time, refresh bool) error {
	t, err := tx.GetTenant(ctx, tenantID)
	if err != nil {
		return err
	}
	if err := tx.ShareSubject(ctx, storage.Share{TenantID: tenantID, SubjectID: subjectID, CreatedAt: now,
		Rules: t.Rules, RulesAt: now}); err != nil {
		return err
	}
	if refresh {
		return tx.SnapshotShareRules(ctx, tenantID, subjectID, t.Rules, now)
	}
	return nil
}

// DecideShared is the decision a tenant gets on a subject shared with it. It is taken
// under the share's snapshot of the tenant's rules, not the current ones, and ages are
// taken on the day of the snapshot or of the subject's approval, whichever is later: so
// no sequence of rule changes and lookups, nor lookups repeated over time, tells the
// tenant more than one answer per snapshot does. Blocks, rejections and withdrawn
// approvals apply at once. A subject that is not shared (a customer from before shares
// existed) is judged under the default rules.
func (s *Service) DecideShared(ctx context.Context, sub storage.Subject, tenantID string) (Decision, error) {
	sh, err := s.store.GetShare(ctx, tenantID, sub.ID)
	if errors.Is(err, storage.ErrNotFound) {
		return s.decide(ctx, sub, Rules{MinLevel: 1}, s.now())
	} else if err != nil {
		return Decision{}, err
	}
	r, err := ParseRules(sh.Rules)
	if err != nil {
		return Decision{}, err
	}
	at := sh.RulesAt
	if sub.ApprovedAt != nil && sub.ApprovedAt.After(at) {
		at = *sub.ApprovedAt
	}
	return s.decide(ctx, sub, r, at)
}

// Decide gives the decision on a subject under rules, with ages taken today: deny when
// blocked, rejected, never verified or failing a rule; review while a verification is
// pending or when a rule cannot be checked; allow otherwise. Tenants get DecideShared.
func (s *Service) Decide(ctx context.Context, sub storage.Subject, r Rules) (Decision, error) {
	return s.decide(ctx, sub, r, s.now())
}

// decide is Decide with ages taken on the day of ageAt.
func (s *Service) decide(ctx context.Context, sub storage.Subject, r Rules, ageAt time.Time) (Decision, error) {
	d := Decision{Level: sub.ApprovedLevel, Reasons: []string{}}
	var deny, review bool
	add := func(reason string, isDeny bool) {
		d.Reasons = append(d.Reasons, reason)
		deny = deny || isDeny
		review = review || !isDeny
	}
	switch {
	case sub.Blocked:
		add(ReasonBlocked, true)
	case sub.ApprovedLevel == 0:
		latest, err := s.latest(ctx, sub.ID)
		if err != nil {
			return d, err
		}
		switch {
		case latest != nil && IsOpen(latest.Status):
			add(ReasonKYCPending, false)
		case latest != nil && latest.Status == storage.StatusRejected:
			add(ReasonKYCRejected, true)
		default:
			add(ReasonKYCRequired, true)
		}
	default:
		if sub.ApprovedLevel < r.MinLevel {
			add(ReasonLevelTooLow, true)
		}
		if slices.Contains(r.BlockedCountries, sub.Country) {
			add(ReasonCountryBlocked, true)
		}
		if r.MinAge > 0 {
			dob, ok, err := s.BirthDate(sub)
			switch {
			case err != nil:
				return d, err
			case !ok:
				add(ReasonAgeUnknown, false)
			case Age(dob, ageAt) < r.MinAge:
				add(ReasonUnderMinAge, true)
			}
		}
	}
	switch {
	case deny:
		d.Decision = DecisionDeny
	case review:
		d.Decision = DecisionReview
	default:
		d.Decision = DecisionAllow
	}
	return d, nil
}

// latest returns a subject's newest verification, or nil.
func (s *Service) latest(ctx context.Context, subjectID string) (*storage.Verification, error) {
	list, err := s.store.ListVerificationsBySubject(ctx, subjectID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	v := list[len(list)-1]
	v.Data = nil
	return &v, nil
}

// WalletDecision is a gating answer about a wallet.
type WalletDecision struct {
	Address string `json:"address"`
	Decision
}

// GateWallet is the gating lookup of GET /v1/tenant/wallets/{address}: the decision on
// a wallet shared with the tenant under the tenant's rules as they stood when the wallet
// was shared (DecideShared). A wallet that is unknown and
// one that is not shared with the tenant both answer 404 unknown_wallet.
func (s *Service) GateWallet(ctx context.Context, tenant storage.Tenant, address string) (WalletDecision, error) {
	if !common.IsHexAddress(address) {
		return WalletDecision{}, api.Invalid("invalid_address", "not an Ethereum address")
	}
	sub, err := s.store.GetSharedSubjectByWallet(ctx, tenant.ID, address)
	if errors.Is(err, storage.ErrNotFound) {
		return WalletDecision{}, api.NotFound("unknown_wallet", "no wallet with this address is shared with this tenant")
	} else if err != nil {
		return WalletDecision{}, err
	}
	d, err := s.DecideShared(ctx, sub, tenant.ID)
	return WalletDecision{Address: common.HexToAddress(address).Hex(), Decision: d}, err
}
