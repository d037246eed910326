package sumsub

import (
	"context"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

// This file is the provider.HostedFlow capability: in api mode the gateway's hosted flow
// (package manual's pages and /v1/flow API, with their checks) collects the data and
// hands it here; the functions of apiflow.go send it to Sumsub.

var _ provider.HostedFlow = (*Provider)(nil)

// UsesHostedFlow implements provider.HostedFlow: api mode runs on the hosted flow.
func (p *Provider) UsesHostedFlow() bool { return p.mode == ModeAPI }

// SelfieHintText is what the selfie step says, after Sumsub's checklist: the selfie
// shows the document.
const SelfieHintText = "Hold your identity document next to your face: it must be visible and readable in the photo."

// SelfieHint implements provider.HostedFlow.
func (p *Provider) SelfieHint() string { return SelfieHintText }

// docTypes maps the hosted flow's document types to Sumsub's idDocType.
var docTypes = map[string]string{
	"passport": DocPassport, "id_card": DocIDCard, "driving_licence": DocDrivers, "residence_permit": DocResidencePermit,
}

// sides maps the hosted flow's sides of two-sided documents to Sumsub's idDocSubType.
var sides = map[string]string{"front": SideFront, "back": SideBack}

// document maps one flow item to what AddDocument sends: the idDocType, the
// idDocSubType of a two-sided document (one image, no side, for a passport and the
// selfie) and the issuing country.
func document(item provider.FlowItem, country string) (Document, error) {
	d := Document{Country: country, FileName: item.Kind, ContentType: item.ContentType, Content: item.Content}
	if item.Kind == provider.FlowSelfie {
		d.Type = DocSelfie
		return d, nil
	}
	t, ok := docTypes[item.DocType]
	if !ok {
		return d, fault.InvalidError("invalid_document_type", "the document type is not one Sumsub accepts")
	}
	d.Type = t
	if TwoSided(t) {
		if d.Side, ok = sides[item.Side]; !ok {
			return d, fault.InvalidError("invalid_document_side", "a two-sided document has a front and a back")
		}
	}
	return d, nil
}

// SubmitFlow implements provider.HostedFlow: the personal details (when given) as the
// applicant's fixedInfo, each image with AddDocument, then status/pending (Submit). It
// answers Sumsub's image id of each item by slot. An item is sent again only when the
// flow hands it again: Sumsub replaces the image of the same document side.
func (p *Provider) SubmitFlow(ctx context.Context, ref string, s provider.FlowSubmission) (map[string]string, error) {
	if s.Details != nil {
		d := s.Details
		err := p.SetPersonalDetails(ctx, ref, PersonalDetails{FirstName: d.FirstName, LastName: d.LastName,
			DateOfBirth: d.DateOfBirth, Country: d.Country})
		if err != nil {
			return nil, err
		}
	}
	ids := make(map[string]string, len(s.Items))
	for _, item := range s.Items {
		d, err := document(item, s.Country)
		if err != nil {
			return nil, err
		}
		id, err := p.AddDocument(ctx, ref, d)
		if err != nil {
			return nil, err
		}
		ids[item.Slot] = id
	}
	return ids, p.Submit(ctx, ref)
}

// FlowRetry implements provider.HostedFlow with Resubmission: the moderationComment, the
// rejected images (by Sumsub's image id; the SELFIE step's are the selfie) and whether
// PROBLEMATIC_APPLICANT_DATA reopens the personal details.
func (p *Provider) FlowRetry(ctx context.Context, ref string) (provider.FlowRetry, error) {
	r, err := p.Resubmission(ctx, ref)
	if err != nil {
		return provider.FlowRetry{}, err
	}
	out := provider.FlowRetry{Comment: r.Comment, Details: r.PersonalDetails}
	for _, im := range r.Images {
		kind := provider.FlowDocument
		if im.IDDocType == DocSelfie || im.Step == "SELFIE" {
			kind = provider.FlowSelfie
		}
		out.Items = append(out.Items, provider.FlowRetryItem{ID: im.ImageID, Kind: kind, Comment: im.Comment})
	}
	return out, nil
}
