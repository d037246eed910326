package kyc

import (
	"slices"

	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

// Reject types carried by rejected (and resubmission_requested) verifications.
const (
	// RejectFinal blocks: the subject cannot verify again.
	RejectFinal = provider.RejectFinal
	// RejectRetry lets the user fix what was asked and submit again.
	RejectRetry = provider.RejectRetry
)

// Verification modes.
const (
	// ModeWeb3 is a verification a wallet holder opened with a wallet session.
	ModeWeb3 = "web3"
	// ModeRegular is a verification a tenant opened for its own customer id.
	ModeRegular = "regular"
)

// transitions lists, for each status, the statuses a verification may move to. Providers
// may skip ahead; nothing moves back, and approved, rejected, expired and revoked are
// final except approved → revoked.
var transitions = map[storage.VerificationStatus][]storage.VerificationStatus{
	storage.StatusCreated: {storage.StatusInProgress, storage.StatusInReview, storage.StatusApproved,
		storage.StatusRejected, storage.StatusResubmissionRequested, storage.StatusExpired},
	storage.StatusInProgress: {storage.StatusInReview, storage.StatusApproved, storage.StatusRejected,
		storage.StatusResubmissionRequested, storage.StatusExpired},
	storage.StatusInReview: {storage.StatusApproved, storage.StatusRejected, storage.StatusResubmissionRequested},
	storage.StatusResubmissionRequested: {storage.StatusInProgress, storage.StatusInReview, storage.StatusApproved,
		storage.StatusRejected, storage.StatusExpired},
	storage.StatusApproved: {storage.StatusRevoked},
}

// CanTransition reports whether the state machine allows from → to.
func CanTransition(from, to storage.VerificationStatus) bool {
	return slices.Contains(transitions[from], to)
}

// IsOpen reports whether a verification in this status can still progress without a
// reviewer or provider decision having closed it.
func IsOpen(s storage.VerificationStatus) bool { return slices.Contains(openStatuses, s) }

// openStatuses are the statuses IsOpen accepts.
var openStatuses = []storage.VerificationStatus{storage.StatusCreated, storage.StatusInProgress,
	storage.StatusInReview, storage.StatusResubmissionRequested}

// ValidStatus reports whether s is one of the verification states.
func ValidStatus(s storage.VerificationStatus) bool {
	switch s {
	case storage.StatusCreated, storage.StatusInProgress, storage.StatusInReview, storage.StatusApproved,
		storage.StatusRejected, storage.StatusResubmissionRequested, storage.StatusExpired, storage.StatusRevoked:
		return true
	}
	return false
}
