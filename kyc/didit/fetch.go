package didit

import (
	"context"
	"strings"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

// Decision is the part of GET /v3/session/{id}/decision/ the adapter reads. Nothing of it
// is kept but the approved person's claims.
type Decision struct {
	SessionID       string           `json:"session_id"`
	Status          string           `json:"status"`
	VendorData      string           `json:"vendor_data"`
	IDVerifications []IDVerification `json:"id_verifications"`
	LivenessChecks  []Check          `json:"liveness_checks"`
	FaceMatches     []Check          `json:"face_matches"`
	AMLScreenings   []Check          `json:"aml_screenings"`
}

// Check is the part of one check of a decision (liveness, face match, AML screening…)
// the reviewer's summary shows.
type Check struct {
	NodeID   string    `json:"node_id"`
	Status   string    `json:"status"`
	Score    *float64  `json:"score"`
	Warnings []Warning `json:"warnings"`
}

// Warning is one warning of a check; only its risk code is read.
type Warning struct {
	Risk string `json:"risk"`
}

// IDVerification is one ID check of a decision. IssuingCountry is ISO 3166-1 alpha-3,
// DateOfBirth YYYY-MM-DD.
type IDVerification struct {
	NodeID         string `json:"node_id,omitempty"`
	Status         string `json:"status"`
	DocumentType   string `json:"document_type"`
	IssuingCountry string `json:"issuing_country"`
	DateOfBirth    string `json:"date_of_birth"`
	// FirstName, LastName, DocumentNumber and Nationality (alpha-3) are the check's
	// extracted data; empty when Didit gives none.
	FirstName      string `json:"first_name,omitempty"`
	LastName       string `json:"last_name,omitempty"`
	DocumentNumber string `json:"document_number,omitempty"`
	Nationality    string `json:"nationality,omitempty"`
	// Warnings are the check's warnings (risk codes only; not sent by the fake's
	// SetIDVerification unless set).
	Warnings []Warning `json:"warnings,omitempty"`
}

// Decision reads session id's decision.
func (p *Provider) Decision(ctx context.Context, id string) (Decision, error) {
	var d Decision
	err := p.api.call(ctx, "GET", sessionPath(id)+"/decision/", nil, &d)
	return d, err
}

func unmapped(why string) error {
	return fault.New(fault.Internal, "didit_unmapped", "Didit's decision cannot be mapped: "+why)
}

// Fetch implements provider.Fetcher: it reads the session's decision and maps its status:
//
//	Not Started           → created
//	In Progress           → in_progress
//	In Review             → in_review
//	Approved              → approved at the configured level, claims from the first
//	                        approved id_verifications entry
//	Declined              → rejected (retry: the holder may start again)
//	Resubmitted           → resubmission_requested (retry)
//	Expired, Abandoned    → expired
//	Kyc Expired           → expired (revoked when the verification was approved)
//
// For a verification already approved, Didit's later findings revoke it: Kyc Expired or
// Declined (a decision overturned at Didit). Any other status keeps the approval. An
// unknown status, or an approval without a date of birth or a known issuing country, is
// a permanent error (didit_unmapped), never guessed.
func (p *Provider) Fetch(ctx context.Context, v storage.Verification) (provider.Result, error) {
	if v.ProviderRef == "" {
		return provider.Result{}, fault.ConflictError("didit_no_session", "the verification has no Didit session yet")
	}
	d, err := p.Decision(ctx, v.ProviderRef)
	if err != nil {
		return provider.Result{}, err
	}
	return p.mapDecision(v.Status, d)
}

func (p *Provider) mapDecision(current storage.VerificationStatus, d Decision) (provider.Result, error) {
	if current == storage.StatusApproved {
		switch d.Status {
		case StatusKYCExpired:
			return provider.Result{Status: storage.StatusRevoked, Reason: "the KYC expired at Didit"}, nil
		case StatusDeclined:
			return provider.Result{Status: storage.StatusRevoked, Reason: "the session was declined at Didit"}, nil
		}
		return p.approval(d)
	}
	switch d.Status {
	case StatusNotStarted:
		return provider.Result{Status: storage.StatusCreated}, nil
	case StatusInProgress:
		return provider.Result{Status: storage.StatusInProgress}, nil
	case StatusInReview:
		return provider.Result{Status: storage.StatusInReview}, nil
	case StatusApproved:
		return p.approval(d)
	case StatusDeclined:
		return provider.Result{Status: storage.StatusRejected, RejectType: provider.RejectRetry}, nil
	case StatusResubmitted:
		return provider.Result{Status: storage.StatusResubmissionRequested, RejectType: provider.RejectRetry}, nil
	case StatusExpired, StatusAbandoned, StatusKYCExpired:
		return provider.Result{Status: storage.StatusExpired}, nil
	}
	return provider.Result{}, unmapped("unknown status " + d.Status)
}

// approval is an approval at the configured level with the claims of the first approved
// ID check: its date of birth and its issuing country (alpha-3 → alpha-2). A session
// approved over an ID check still in review (a reviewer's decision sent with
// update-status, where Didit may leave the check's own status as it was) takes the first
// such check; a declined check never gives claims.
func (p *Provider) approval(d Decision) (provider.Result, error) {
	idv, ok := firstIDCheck(d.IDVerifications, StatusApproved)
	if !ok && d.Status == StatusApproved {
		idv, ok = firstIDCheck(d.IDVerifications, StatusInReview)
	}
	if !ok {
		return provider.Result{}, unmapped("the approved session has no approved ID check")
	}
	born, err := time.Parse(time.DateOnly, idv.DateOfBirth)
	if err != nil {
		return provider.Result{}, unmapped("the approved ID check's date of birth is missing or not YYYY-MM-DD")
	}
	a2, ok := provider.Alpha2(idv.IssuingCountry)
	if !ok {
		return provider.Result{}, unmapped("the approved ID check's issuing country is missing or not ISO 3166-1 alpha-3")
	}
	cl := &provider.Claims{Country: a2, DateOfBirth: born, Nationality: a2,
		Name: strings.TrimSpace(idv.FirstName + " " + idv.LastName)}
	if n, ok := provider.Alpha2(idv.Nationality); ok {
		cl.Nationality = n
	}
	if idv.DocumentNumber != "" {
		cl.Document = &provider.Document{Type: idv.DocumentType, Number: idv.DocumentNumber, Country: a2}
	}
	return provider.Result{Status: storage.StatusApproved, Level: p.level, Claims: cl}, nil
}

func firstIDCheck(list []IDVerification, status string) (IDVerification, bool) {
	for _, idv := range list {
		if idv.Status == status {
			return idv, true
		}
	}
	return IDVerification{}, false
}
