package provider

import (
	"context"

	"github.com/kycgate/kycgate/storage"
)

// Details are the personal details a verification's provider data holds, opened: what
// the holder's export shows and what a tenant with the right to read them gets. Fields
// a provider does not collect stay empty.
type Details struct {
	FirstName   string `json:"firstName,omitempty"`
	LastName    string `json:"lastName,omitempty"`
	DateOfBirth string `json:"dateOfBirth,omitempty"`
	// Country is ISO 3166-1 alpha-2.
	Country        string `json:"country,omitempty"`
	DocumentType   string `json:"documentType,omitempty"`
	DocumentNumber string `json:"documentNumber,omitempty"`
	// CurrentDocuments are the ids of the verification's documents in use (uploads not
	// listed here were replaced).
	CurrentDocuments []string `json:"-"`
}

// PersonalDataReader is an optional capability of a provider that keeps personal data
// in the gateway's database (the built-in manual provider: the declared details and the
// uploaded documents). The lifecycle uses it for the holder's export, tenants' reads of
// their customers' details and the erasure marker of a blocked person.
type PersonalDataReader interface {
	// Details reads the personal details in a verification's provider data (opened);
	// ok is false when the data holds none (another provider's, or nothing declared yet).
	Details(v storage.Verification) (d Details, ok bool, err error)
	// OpenDocument returns a stored document's content, opened.
	OpenDocument(d storage.Document) ([]byte, error)
}

// Eraser is an optional capability of a provider that can delete what it holds about a
// verification at the vendor's end (the data subject's erasure forwarded): Sumsub's
// applicant deactivation, Didit's session deletion. ref is the provider's id of the
// verification (storage.Verification.ProviderRef). Erasing what is already gone must
// succeed (the job that calls it may run twice). Errors follow Vendor.Fault: a
// Retryable one is retried by the job, others are recorded as the job's failure.
type Eraser interface {
	Erase(ctx context.Context, ref string) error
}
