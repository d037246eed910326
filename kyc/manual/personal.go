package manual

import (
	"fmt"
	"slices"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
)

var _ kyc.PersonalDataReader = (*Provider)(nil)

// Details implements kyc.PersonalDataReader: the details the user declared in the flow
// (which also runs for external providers forwarding to it), the document type, and the
// documents in use. The flow collects no document number.
func (p *Provider) Details(v storage.Verification) (kyc.Details, bool, error) {
	st, err := loadState(v)
	if err != nil {
		return kyc.Details{}, false, err
	}
	if st.Details == nil && st.Document == nil && st.Selfie == "" {
		return kyc.Details{}, false, nil
	}
	var d kyc.Details
	if st.Details != nil {
		d.FirstName, d.LastName, d.DateOfBirth, d.Country = st.Details.FirstName, st.Details.LastName,
			st.Details.DateOfBirth, st.Details.Country
	}
	if st.Document != nil {
		d.DocumentType = st.Document.Type
		for _, id := range st.Document.Sides {
			d.CurrentDocuments = append(d.CurrentDocuments, id)
		}
	}
	if st.Selfie != "" {
		d.CurrentDocuments = append(d.CurrentDocuments, st.Selfie)
	}
	slices.Sort(d.CurrentDocuments)
	return d, true, nil
}

// OpenDocument implements kyc.PersonalDataReader.
func (p *Provider) OpenDocument(d storage.Document) ([]byte, error) {
	content, err := p.sealer.Open(d.Data, documentLabel(d.ID))
	if err != nil {
		return nil, fmt.Errorf("manual: open document %s: %w", d.ID, err)
	}
	return content, nil
}
