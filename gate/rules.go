package gate

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// MaxLevel is the highest KYC level a rule may ask for (the lifecycle's highest level).
const MaxLevel = 3

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
	// MaxWalletRisk is the highest wallet risk level allowed, on TRM Labs' scale (0 none,
	// 1 low, 5 medium, 10 high, 15 severe; any integer 0–15 is accepted): a subject with a
	// wallet riskier than that is denied (wallet_risk_too_high). Unset: no risk rule
	// (a sanctioned wallet is denied and a held one reviewed whatever it says).
	MaxWalletRisk *int `json:"maxWalletRisk,omitempty"`
}

// MaxWalletRisk is the highest value Rules.MaxWalletRisk takes (TRM's severe).
const MaxWalletRisk = 15

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
	// ReasonCountryUnknown: the approval carries no country and the rules block some.
	ReasonCountryUnknown = "country_unknown"
	// ReasonAMLReview: the approved person is held for a reviewer after a person
	// screening's new match (the subject's Hold).
	ReasonAMLReview = "aml_review"
)

// Decision is a gating answer: allow, review or deny, with the reasons and the approved
// level.
type Decision struct {
	Decision string   `json:"decision"`
	Reasons  []string `json:"reasons"`
	Level    int      `json:"level"`
	// Screening summarises the screening of the subject's wallets (outcome, sources,
	// when); absent when screening is off or the subject is not approved.
	Screening *ScreeningSummary `json:"screening,omitempty"`
}

// normalize validates rules and puts them in canonical form. Rules a tenant sets are
// strict (MinAge is one of the thresholds); rules read back from storage may carry any
// MinAge of 0 to 150 set before the thresholds were fixed, and keep applying it.
func (r Rules) normalize(strict bool) (Rules, error) {
	if r.MinLevel == 0 {
		r.MinLevel = 1
	}
	if r.MinLevel < 1 || r.MinLevel > MaxLevel {
		return r, fault.InvalidError("invalid_rules", fmt.Sprintf("minLevel is 1 to %d", MaxLevel))
	}
	if strict && r.MinAge != 0 && !slices.Contains(ageThresholds, r.MinAge) {
		return r, fault.InvalidError("invalid_rules", "minAge is 0 (no age rule), 16, 18 or 21")
	}
	if r.MaxWalletRisk != nil && (*r.MaxWalletRisk < 0 || *r.MaxWalletRisk > MaxWalletRisk) {
		return r, fault.InvalidError("invalid_rules", fmt.Sprintf("maxWalletRisk is 0 to %d (TRM's scale)", MaxWalletRisk))
	}
	if r.MinAge < 0 || r.MinAge > 150 {
		return r, fault.InvalidError("invalid_rules", "minAge is 0 to 150")
	}
	countries := []string{}
	for _, c := range r.BlockedCountries {
		c = strings.ToUpper(strings.TrimSpace(c))
		if !IsCountry(c) {
			return r, fault.InvalidError("invalid_rules", fmt.Sprintf("blockedCountries: %q is not an assigned ISO 3166-1 alpha-2 country code", c))
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
			return r, fmt.Errorf("gate: stored rules: %w", err)
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
// judged under the snapshot taken when they were shared (SharedRules, DecideView); the new rules
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

// ShareWriter is the persistence Share needs; the storage.Store of a transaction is one.
type ShareWriter interface {
	GetTenant(ctx context.Context, id string) (storage.Tenant, error)
	ShareSubject(ctx context.Context, sh storage.Share) error
	SnapshotShareRules(ctx context.Context, tenantID, subjectID, rules string, at time.Time) error
	GetShare(ctx context.Context, tenantID, subjectID string) (storage.Share, error)
}

// A Store, in a transaction or not, serves both Share and SharedRules.
var (
	_ ShareWriter = storage.Store(nil)
	_ ShareReader = storage.Store(nil)
)

// Refresh says when Share takes a new snapshot of the tenant's rules for an existing share.
type Refresh int

const (
	// KeepSnapshot: an existing share keeps its snapshot (a tenant's own action, such as
	// starting a verification for its customer).
	KeepSnapshot Refresh = iota
	// RefreshIfStale: the holder shared again; the snapshot is taken anew only when the
	// current one is at least SnapshotMinAge old. The holder's session may be in the
	// tenant's page, so re-sharing is something the tenant can do too: without the wait,
	// re-sharing before each lookup would bisect a country in eight rule changes.
	RefreshIfStale
	// RefreshAlways: a new approval was made for the tenant (a reviewer's or a provider's
	// decision, never the tenant's).
	RefreshAlways
)

// SnapshotMinAge is how old a share's snapshot must be before the holder's re-sharing
// replaces it: a tenant learns at most one decision under new rules per holder per
// SnapshotMinAge, so bisecting a country through re-shares would take years.
const SnapshotMinAge = 30 * 24 * time.Hour

// Share records that a subject's result is shared with a tenant, with a snapshot of
// the tenant's rules as they stand at now; refresh says when an existing share's
// snapshot is replaced. Run it inside the transaction of the change that shares.
func Share(ctx context.Context, tx ShareWriter, tenantID, subjectID string, now time.Time, refresh Refresh) error {
	t, err := tx.GetTenant(ctx, tenantID)
	if err != nil {
		return err
	}
	if err := tx.ShareSubject(ctx, storage.Share{TenantID: tenantID, SubjectID: subjectID, CreatedAt: now,
		Rules: t.Rules, RulesAt: now}); err != nil {
		return err
	}
	switch refresh {
	case RefreshAlways:
	case RefreshIfStale:
		sh, err := tx.GetShare(ctx, tenantID, subjectID)
		if err != nil {
			return err
		}
		if now.Sub(sh.RulesAt) < SnapshotMinAge {
			return nil
		}
	default:
		return nil
	}
	return tx.SnapshotShareRules(ctx, tenantID, subjectID, t.Rules, now)
}
