package kyc

import (
	"context"

	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/storage"
)

// KYCState is the subject's state as decisions need it: whether a verification of sub is open or its latest was
// rejected, the approved person's date of birth (opened from its seal) and, with wallet
// screening on, the combined screening of its wallets.
func (s *Service) KYCState(ctx context.Context, sub storage.Subject) (gate.KYCState, error) {
	latest, err := s.latest(ctx, sub.ID)
	if err != nil {
		return gate.KYCState{}, err
	}
	var status storage.VerificationStatus
	if latest != nil {
		status = latest.Status
	}
	return s.kycState(sub, status, latest != nil, func(sc *screening.Service) (*gate.ScreeningState, error) {
		return sc.SubjectScreening(ctx, sub.ID)
	})
}

var _ gate.KYC = (*Service)(nil)

// KYCStateFrom implements gate.KYC: KYCState from what the gating lookup read with the
// subject in one query (storage.GateView), its latest verification and its wallets'
// screening states.
func (s *Service) KYCStateFrom(ctx context.Context, g storage.GateView) (gate.KYCState, error) {
	var status storage.VerificationStatus
	if g.Latest != nil {
		status = g.Latest.Status
	}
	return s.kycState(g.Subject, status, g.Latest != nil, func(sc *screening.Service) (*gate.ScreeningState, error) {
		return sc.WalletsScreening(ctx, g.Wallets)
	})
}

// kycState is KYCState given the status of sub's latest verification (has is false when
// it has none); screen gives the wallets' screening when screening is on.
func (s *Service) kycState(sub storage.Subject, latest storage.VerificationStatus, has bool,
	screen func(*screening.Service) (*gate.ScreeningState, error)) (gate.KYCState, error) {
	var k gate.KYCState
	if has {
		k.Pending = IsOpen(latest)
		k.Rejected = latest == storage.StatusRejected
	}
	var err error
	if k.BirthDate, k.HasBirthDate, err = s.BirthDate(sub); err != nil {
		return k, err
	}
	if s.screening != nil {
		k.Screening, err = screen(s.screening)
	}
	return k, err
}

// decideShared is the decision a tenant gets on sub (gate.SharedRules, gate.Decide).
func (s *Service) decideShared(ctx context.Context, sub storage.Subject, tenantID string) (gate.Decision, error) {
	r, at, err := gate.SharedRules(ctx, s.store, sub, tenantID, s.now())
	if err != nil {
		return gate.Decision{}, err
	}
	k, err := s.KYCState(ctx, sub)
	if err != nil {
		return gate.Decision{}, err
	}
	return gate.Decide(sub, k, r, at), nil
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
