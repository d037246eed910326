package kyc

import (
	"context"
	"errors"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/storage"
)

// DetailsView is a subject's verified personal details as a tenant with the right to
// read them gets them (ComPilot's "get customer details"): the names and document type
// the verification declared, the approved country and date of birth, and the decision
// under the tenant's rules. Fields nobody collected are left out (the built-in flow asks
// no document number; external providers keep names and documents at their end).
type DetailsView struct {
	SubjectID          string        `json:"subjectId"`
	ExternalCustomerID string        `json:"externalCustomerId,omitempty"`
	VerificationID     string        `json:"verificationId,omitempty"`
	FirstName          string        `json:"firstName,omitempty"`
	LastName           string        `json:"lastName,omitempty"`
	DateOfBirth        string        `json:"dateOfBirth,omitempty"`
	Country            string        `json:"country,omitempty"`
	DocumentType       string        `json:"documentType,omitempty"`
	DocumentNumber     string        `json:"documentNumber,omitempty"`
	Erased             bool          `json:"erased"`
	Decision           gate.Decision `json:"decision"`
}

// CustomerDetails returns the verified details of a tenant's own regular-mode customer
// (GET /v1/tenant/customers/{id}/details), audited as subject.details_read; another
// tenant's customer is unknown (404 unknown_customer).
func (s *Service) CustomerDetails(ctx context.Context, tenantID, customerID string) (DetailsView, error) {
	if err := ValidCustomerID(customerID); err != nil {
		return DetailsView{}, err
	}
	sub, err := s.store.GetSubjectByCustomer(ctx, tenantID, customerID)
	if errors.Is(err, storage.ErrNotFound) {
		return DetailsView{}, fault.NotFoundError("unknown_customer", "no customer with this id")
	} else if err != nil {
		return DetailsView{}, err
	}
	out, err := s.detailsOf(ctx, sub, tenantID)
	out.ExternalCustomerID = customerID
	return out, err
}

// WalletDetails returns the verified details of the holder of a wallet to a tenant the
// holder consented to (scope details, unexpired, unrevoked), audited as
// subject.details_read (GET /v1/tenant/wallets/{address}/details). An unknown wallet
// and a holder without such a consent are answered alike, 404 unknown_wallet, so the
// answer does not reveal whether the wallet is known; the tenant still gets the
// decision alone through gating, as before.
func (s *Service) WalletDetails(ctx context.Context, tenantID, address string) (DetailsView, error) {
	notFound := fault.NotFoundError("unknown_wallet", "no details of this wallet are shared with you")
	if !common.IsHexAddress(address) {
		return DetailsView{}, fault.InvalidError("invalid_address", "address must be a 0x-prefixed 20-byte hex address")
	}
	w, err := s.store.GetWallet(ctx, storage.NormalizeAddress(address))
	if errors.Is(err, storage.ErrNotFound) {
		return DetailsView{}, notFound
	} else if err != nil {
		return DetailsView{}, err
	}
	ok, err := s.store.HasConsent(ctx, tenantID, w.SubjectID, ScopeDetails, s.now())
	if err != nil {
		return DetailsView{}, err
	}
	if !ok {
		return DetailsView{}, notFound
	}
	sub, err := s.store.GetSubject(ctx, w.SubjectID)
	if err != nil {
		return DetailsView{}, err
	}
	return s.detailsOf(ctx, sub, tenantID)
}

// detailsOf gathers a subject's details for a tenant and audits the read.
func (s *Service) detailsOf(ctx context.Context, sub storage.Subject, tenantID string) (DetailsView, error) {
	out := DetailsView{SubjectID: sub.ID, Country: sub.Country}
	if dob, ok, err := s.BirthDate(sub); err != nil {
		return out, err
	} else if ok {
		out.DateOfBirth = dob.Format("2006-01-02")
	}
	if _, err := s.store.GetErasure(ctx, sub.ID); err == nil {
		out.Erased = true
	} else if !errors.Is(err, storage.ErrNotFound) {
		return out, err
	}
	list, err := s.store.ListVerificationsBySubject(ctx, sub.ID)
	if err != nil {
		return out, err
	}
	// The newest approved verification's details, else the newest that has any.
	var best *Details
	for i := len(list) - 1; i >= 0; i-- {
		v, err := s.open(list[i])
		if err != nil {
			return out, err
		}
		d, ok, err := s.details(v)
		if err != nil {
			return out, err
		}
		if ok && (best == nil || v.Status == storage.StatusApproved) {
			best, out.VerificationID = &d, v.ID
			if v.Status == storage.StatusApproved {
				break
			}
		}
	}
	if best != nil {
		out.FirstName, out.LastName, out.DocumentType, out.DocumentNumber = best.FirstName, best.LastName,
			best.DocumentType, best.DocumentNumber
		if out.DateOfBirth == "" {
			out.DateOfBirth = best.DateOfBirth
		}
		if out.Country == "" {
			out.Country = best.Country
		}
	}
	if out.Decision, err = s.decideShared(ctx, sub, tenantID); err != nil {
		return out, err
	}
	return out, storage.RecordAudit(ctx, s.store, s.now(), "tenant:"+tenantID, "subject.details_read", "subject", sub.ID, nil)
}
