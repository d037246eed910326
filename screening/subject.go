package screening

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
)

var _ gate.Screening = (*Service)(nil)

// CheckSubject screens every wallet linked to the subject before an attestation is
// issued (a source's answer younger than the TTL serves) and returns the combined risk
// level the attestation carries (TRM's scale). It refuses (403) when a wallet is
// sanctioned (wallet_sanctioned), held for a reviewer (screening_review) or could not
// be screened (screening_pending): an attestation needs every wallet fresh and
// acceptable.
func (s *Service) CheckSubject(ctx context.Context, subjectID string, chainID uint64) (uint8, error) {
	wallets, err := s.store.ListWallets(ctx, subjectID)
	if err != nil {
		return 0, err
	}
	risk := 0
	for _, w := range wallets {
		ws, err := s.Screen(ctx, w.Address, chainID, false)
		if err != nil {
			return 0, err
		}
		switch {
		case ws.Outcome == string(source.OutcomeSanctioned):
			return 0, fault.New(fault.Forbidden, gate.ReasonWalletSanctioned, "a wallet of this account is on a sanctions list")
		case ws.Failed:
			return 0, fault.New(fault.Forbidden, gate.ReasonScreeningPending,
				"a wallet of this account could not be screened: try again later")
		case ws.Held || ws.Outcome != string(source.OutcomeClear):
			return 0, fault.New(fault.Forbidden, gate.ReasonScreeningReview,
				"a wallet of this account is held for review by the gateway's reviewers")
		}
		risk = max(risk, ws.Risk)
	}
	return uint8(risk), nil
}

// SubjectScreening implements gate.Screening: the combined state of the subject's
// wallets as stored (WalletsScreening of what ListWallets and GetWalletScreening read).
func (s *Service) SubjectScreening(ctx context.Context, subjectID string) (*gate.ScreeningState, error) {
	wallets, err := s.store.ListWallets(ctx, subjectID)
	if err != nil {
		return nil, err
	}
	read := make([]storage.GateWallet, len(wallets))
	for i, w := range wallets {
		read[i].Address = w.Address
		ws, err := s.store.GetWalletScreening(ctx, w.Address)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		read[i].Screening = &ws
	}
	return s.WalletsScreening(ctx, read)
}

// WalletsScreening implements gate.Screening: the combined state of a subject's wallets
// given their stored states as the gating lookup read them with the subject
// (storage.GateView.Wallets). A wallet never screened (its sign-in's job has not run
// yet) is screened first, so the answer never skips a wallet.
func (s *Service) WalletsScreening(ctx context.Context, wallets []storage.GateWallet) (*gate.ScreeningState, error) {
	st := &gate.ScreeningState{Outcome: gate.ScreeningClear, Sources: []string{}}
	worse := func(o string) {
		st.Outcome = string(source.Outcome(st.Outcome).Worse(source.Outcome(o)))
	}
	for _, w := range wallets {
		var ws storage.WalletScreening
		if w.Screening != nil {
			ws = *w.Screening
		} else {
			var err error
			if ws, err = s.Screen(ctx, w.Address, 0, false); err != nil {
				return nil, err
			}
		}
		worse(ws.Outcome)
		if ws.Held {
			st.Held = true
			worse(gate.ScreeningReview)
		}
		st.Pending = st.Pending || ws.Failed
		st.Risk = max(st.Risk, ws.Risk)
		st.Sources = append(st.Sources, ws.Sources...)
		if st.CheckedAt.IsZero() || ws.CheckedAt.Before(st.CheckedAt) {
			st.CheckedAt = ws.CheckedAt
		}
	}
	slices.Sort(st.Sources)
	st.Sources = slices.Compact(st.Sources)
	return st, nil
}

// History is a wallet's screening history for reviewers, newest first.
func (s *Service) History(ctx context.Context, address string, limit int) ([]storage.Screening, *storage.WalletScreening, error) {
	rows, err := s.store.ListScreenings(ctx, address, limit)
	if err != nil {
		return nil, nil, err
	}
	ws, err := s.store.GetWalletScreening(ctx, address)
	if errors.Is(err, storage.ErrNotFound) {
		return rows, nil, nil
	}
	return rows, &ws, err
}

// ClearHold lifts a reviewer's hold on a wallet inside tx and accepts its current risk
// level (later screenings at or below it hold nothing). A sanctioned wallet cannot be
// cleared (409 wallet_sanctioned: it is on a list, whatever a reviewer thinks); a wallet
// that is not held answers 409 not_held. It returns the state before and after.
func ClearHold(ctx context.Context, tx storage.Store, address string, now time.Time) (storage.WalletScreening, storage.WalletScreening, error) {
	prev, err := tx.GetWalletScreening(ctx, address)
	if errors.Is(err, storage.ErrNotFound) {
		return prev, prev, fault.NotFoundError("unknown_wallet", "this wallet was never screened")
	} else if err != nil {
		return prev, prev, err
	}
	switch {
	case prev.Outcome == string(source.OutcomeSanctioned):
		return prev, prev, fault.ConflictError(gate.ReasonWalletSanctioned, "a sanctioned wallet cannot be cleared")
	case !prev.Held:
		return prev, prev, fault.ConflictError("not_held", "this wallet is not held")
	}
	next := prev
	next.Held, next.HeldAt, next.AcceptedRisk, next.UpdatedAt = false, nil, max(prev.AcceptedRisk, prev.Risk), now
	if next.Outcome == string(source.OutcomeReview) && !next.Failed {
		next.Outcome = string(source.OutcomeClear)
	}
	return prev, next, tx.PutWalletScreening(ctx, next)
}
