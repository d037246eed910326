package gate

import (
	"context"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// Screening is what wallet screening tells the gate about a subject's wallets;
// screening.Service implements it and the lifecycle (kyc.Service.KYCState and
// KYCStateFrom) passes it on, so the gate imports neither.
type Screening interface {
	// SubjectScreening is the combined screening of every wallet linked to the subject.
	SubjectScreening(ctx context.Context, subjectID string) (*ScreeningState, error)
	// WalletsScreening is the same given the subject's wallets with their stored states
	// as storage.GetGateView read them (a wallet never screened is screened first).
	WalletsScreening(ctx context.Context, wallets []storage.GateWallet) (*ScreeningState, error)
}

// The outcomes a screening summary reports (screening/source's, and pending).
const (
	ScreeningClear      = "clear"
	ScreeningReview     = "review"
	ScreeningDeny       = "deny"
	ScreeningSanctioned = "sanctioned"
	// ScreeningPending: a wallet was never screened, or its last screening failed.
	ScreeningPending = "pending"
)

// ScreeningState is the combined screening of every wallet linked to a subject.
type ScreeningState struct {
	// Outcome is the worst of the wallets' outcomes, a reviewer's hold counting as
	// review: clear, review, deny (a failed source under KYCGATE_SCREENING_ON_ERROR=deny)
	// or sanctioned.
	Outcome string
	// Pending is true when a wallet was never screened or its last screening failed.
	Pending bool
	// Held is true while a reviewer has to clear a wallet.
	Held bool
	// Risk is the highest risk level (TRM's scale, 0–15) of the wallets' last screenings.
	Risk int
	// Sources are the sources consulted, sorted.
	Sources []string
	// CheckedAt is the oldest of the wallets' last screenings (zero if none).
	CheckedAt time.Time
}

// ScreeningSummary is the screening part of a gating answer. It names no match, list
// entry, risk category or personal data: the outcome, the sources and when.
type ScreeningSummary struct {
	Outcome   string     `json:"outcome"`
	Sources   []string   `json:"sources"`
	CheckedAt *time.Time `json:"checkedAt"`
}

// Reasons wallet screening adds to a decision.
const (
	// ReasonWalletSanctioned: a wallet of the subject is on a sanctions list (deny).
	ReasonWalletSanctioned = "wallet_sanctioned"
	// ReasonWalletRiskTooHigh: a wallet's risk is above the tenant's maxWalletRisk (deny).
	ReasonWalletRiskTooHigh = "wallet_risk_too_high"
	// ReasonScreeningPending: a wallet has no screening yet, or only a failed one
	// (review, or deny under KYCGATE_SCREENING_ON_ERROR=deny).
	ReasonScreeningPending = "screening_pending"
	// ReasonScreeningReview: a wallet is held for a reviewer (a risk at or above
	// KYCGATE_SCREENING_REVIEW_RISK) until one clears it (review).
	ReasonScreeningReview = "screening_review"
)

// screen adds the screening reasons of st under r to a decision being built.
func screen(st *ScreeningState, r Rules, add func(reason string, deny bool)) *ScreeningSummary {
	if st == nil {
		return nil
	}
	sum := &ScreeningSummary{Outcome: st.Outcome, Sources: st.Sources}
	if sum.Sources == nil {
		sum.Sources = []string{}
	}
	if !st.CheckedAt.IsZero() {
		at := st.CheckedAt.UTC()
		sum.CheckedAt = &at
	}
	switch {
	case st.Outcome == ScreeningSanctioned:
		add(ReasonWalletSanctioned, true)
		return sum
	case st.Pending:
		sum.Outcome = ScreeningPending
		add(ReasonScreeningPending, st.Outcome == ScreeningDeny)
	case st.Held || st.Outcome == ScreeningReview:
		add(ReasonScreeningReview, false)
	}
	if r.MaxWalletRisk != nil && st.Risk > *r.MaxWalletRisk {
		add(ReasonWalletRiskTooHigh, true)
	}
	return sum
}
