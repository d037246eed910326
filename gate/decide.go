package gate

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// KYC is what the verification lifecycle tells the gate about a subject; kyc.Service
// implements it. The gate depends on this interface, not on package kyc, so that KYC
// status, wallet screening and person screening all feed decisions without importing
// each other.
type KYC interface {
	// KYCStateFrom is the subject's state from what storage.GetGateView or
	// GetCustomerGateView read with it (its latest verification and its wallets'
	// screening states), with no query of its own (a wallet never screened is screened
	// on the spot).
	KYCStateFrom(ctx context.Context, g storage.GateView) (KYCState, error)
}

// KYCState is a subject's verification state as decisions need it.
type KYCState struct {
	// Pending: a verification is open (no decision yet); Rejected: the latest was rejected.
	Pending, Rejected bool
	// BirthDate is the approved person's date of birth; HasBirthDate is false when none
	// is recorded.
	BirthDate    time.Time
	HasBirthDate bool
	// Screening is the combined screening of the subject's wallets; nil when wallet
	// screening is off (the gate then decides on KYC alone).
	Screening *ScreeningState
}

// Service gives tenants their decisions and keeps their rules.
type Service struct {
	store storage.Store
	kyc   KYC
	now   func() time.Time
	cache caches
}

// New returns the gate over store, with the lifecycle's view of subjects.
func New(store storage.Store, kyc KYC, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, kyc: kyc, now: now, cache: newCaches(now)}
}

// Age is the age in whole years on the calendar date of at of someone born on dob.
func Age(dob, at time.Time) int {
	y1, m1, d1 := dob.Date()
	y2, m2, d2 := at.UTC().Date()
	age := y2 - y1
	if m2 < m1 || (m2 == m1 && d2 < d1) {
		age--
	}
	return age
}

// ShareReader is the persistence SharedRules needs (a storage.Store is one).
type ShareReader interface {
	GetShare(ctx context.Context, tenantID, subjectID string) (storage.Share, error)
}

// SharedRules returns the rules a tenant's decision on sub is taken under and the day
// ages are taken on: the share's snapshot of the tenant's rules, not the current ones,
// and the day of the snapshot or of the subject's approval, whichever is later. So no
// sequence of rule changes and lookups, nor lookups repeated over time, tells the tenant
// more than one answer per snapshot does. A subject that is not shared (a customer from
// before shares existed) is judged under the default rules, today.
func SharedRules(ctx context.Context, st ShareReader, sub storage.Subject, tenantID string, now time.Time) (Rules, time.Time, error) {
	sh, err := st.GetShare(ctx, tenantID, sub.ID)
	if errors.Is(err, storage.ErrNotFound) {
		return Rules{MinLevel: 1}, now, nil
	} else if err != nil {
		return Rules{}, now, err
	}
	r, err := ParseRules(sh.Rules)
	if err != nil {
		return Rules{}, now, err
	}
	at := sh.RulesAt
	if sub.ApprovedAt != nil && sub.ApprovedAt.After(at) {
		at = *sub.ApprovedAt
	}
	return r, at, nil
}

// Decide gives the decision on a subject under rules, with ages taken on the day of
// ageAt: deny when blocked, rejected, never verified, failing a rule, holding a
// sanctioned wallet or a wallet riskier than maxWalletRisk; review while a verification
// is pending, a rule cannot be checked, or a wallet's screening is pending or held for a
// reviewer; allow otherwise.
func Decide(sub storage.Subject, k KYCState, r Rules, ageAt time.Time) Decision {
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
		switch {
		case k.Pending:
			add(ReasonKYCPending, false)
		case k.Rejected:
			add(ReasonKYCRejected, true)
		default:
			add(ReasonKYCRequired, true)
		}
	default:
		if sub.Hold != "" {
			add(sub.Hold, false) // held for a reviewer (aml_review): a reviewer clears or blocks
		}
		if sub.ApprovedLevel < r.MinLevel {
			add(ReasonLevelTooLow, true)
		}
		switch {
		case len(r.BlockedCountries) > 0 && sub.Country == "":
			add(ReasonCountryUnknown, false) // approved without a country: a reviewer decides
		case slices.Contains(r.BlockedCountries, sub.Country):
			add(ReasonCountryBlocked, true)
		}
		if r.MinAge > 0 {
			switch {
			case !k.HasBirthDate:
				add(ReasonAgeUnknown, false)
			case Age(k.BirthDate, ageAt) < r.MinAge:
				add(ReasonUnderMinAge, true)
			}
		}
	}
	// Screening applies to an approved subject, and a sanctioned wallet to any: a blocked
	// subject's answer names the sanctions match as its reason.
	if sub.ApprovedLevel > 0 || (k.Screening != nil && k.Screening.Outcome == ScreeningSanctioned) {
		d.Screening = screen(k.Screening, r, add)
	}
	switch {
	case deny:
		d.Decision = DecisionDeny
	case review:
		d.Decision = DecisionReview
	default:
		d.Decision = DecisionAllow
	}
	return d
}

// WalletDecision is a gating answer about a wallet.
type WalletDecision struct {
	Address string `json:"address"`
	Decision
}
