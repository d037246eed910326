package sumsub

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"mime/multipart"
	"net/textproto"
	"slices"
	"sort"
	"time"

	"github.com/kycgate/kycgate/fault"
)

// This file is api mode (Sumsub's "API integration"): the calls the gateway's hosted flow
// makes to hand Sumsub what it collected, and to learn what a RETRY asks for again.

// The document types Sumsub accepts (idDocType) and the sides of two-sided ones.
const (
	DocPassport        = "PASSPORT"
	DocIDCard          = "ID_CARD"
	DocDrivers         = "DRIVERS"
	DocResidencePermit = "RESIDENCE_PERMIT"
	DocSelfie          = "SELFIE"

	SideFront = "FRONT_SIDE"
	SideBack  = "BACK_SIDE"
)

// TwoSided reports whether a document type needs both sides (ID cards, driving licences,
// residence permits); a passport and a selfie are one image.
func TwoSided(docType string) bool {
	return docType == DocIDCard || docType == DocDrivers || docType == DocResidencePermit
}

// PersonalDetails are what the user declares in the hosted flow, sent as the applicant's
// fixedInfo for Sumsub to cross-check with its documents. Country is alpha-2, as the
// gateway keeps it; DateOfBirth is YYYY-MM-DD.
type PersonalDetails struct {
	FirstName   string
	LastName    string
	DateOfBirth string
	Country     string
}

// LogValue keeps personal details out of logs.
func (PersonalDetails) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// SetPersonalDetails sends the declared details as the applicant's fixedInfo
// (PATCH /resources/applicants/{id}/fixedInfo).
func (p *Provider) SetPersonalDetails(ctx context.Context, ref string, d PersonalDetails) error {
	country, ok := Alpha3(d.Country)
	if !ok {
		return fault.InvalidError("invalid_country", "country is an ISO 3166-1 alpha-2 code")
	}
	if _, err := time.Parse(time.DateOnly, d.DateOfBirth); err != nil {
		return fault.InvalidError("invalid_date_of_birth", "the date of birth is YYYY-MM-DD")
	}
	if d.FirstName == "" || d.LastName == "" {
		return fault.InvalidError("invalid_name", "first and last names are required")
	}
	info := Info{FirstName: d.FirstName, LastName: d.LastName, Dob: d.DateOfBirth, Country: country}
	return p.api.callJSON(ctx, "PATCH", applicantPath(ref)+"/fixedInfo", info, nil)
}

// Document is one image for Sumsub: an identity document's side, or the selfie (Type
// DocSelfie; the user is told the document must be visible and readable in it). Country
// is the issuing country, alpha-2 (sent as alpha-3).
type Document struct {
	Type        string
	Side        string
	Country     string
	FileName    string
	ContentType string
	Content     []byte
}

// LogValue keeps the content out of logs.
func (d Document) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", d.Type), slog.String("side", d.Side), slog.Int("size", len(d.Content)))
}

// docMetadata is the "metadata" part of an upload.
type docMetadata struct {
	IDDocType    string `json:"idDocType"`
	IDDocSubType string `json:"idDocSubType,omitempty"`
	Country      string `json:"country"`
}

// AddDocument uploads one image (POST /resources/applicants/{id}/info/idDoc, multipart:
// "metadata" JSON {idDocType, idDocSubType for two-sided types, country alpha-3} and
// "content", the file) and returns Sumsub's image id (the X-Image-Id answer header), which
// the flow keeps to know, on a RETRY, which of its images Sumsub rejected. The whole
// multipart body is signed.
func (p *Provider) AddDocument(ctx context.Context, ref string, d Document) (string, error) {
	meta, err := documentMetadata(d)
	if err != nil {
		return "", err
	}
	body, contentType, err := multipartBody(meta, d)
	if err != nil {
		return "", fault.Wrap(fault.Internal, "sumsub_request", "the upload to Sumsub could not be built", err)
	}
	header, err := p.api.call(ctx, "POST", applicantPath(ref)+"/info/idDoc", contentType, body, nil)
	if err != nil {
		return "", err
	}
	return header.Get("X-Image-Id"), nil
}

func documentMetadata(d Document) (docMetadata, error) {
	switch d.Type {
	case DocPassport, DocIDCard, DocDrivers, DocResidencePermit, DocSelfie:
	default:
		return docMetadata{}, fault.InvalidError("invalid_document_type", "the document type is not one Sumsub accepts")
	}
	if TwoSided(d.Type) != (d.Side == SideFront || d.Side == SideBack) || (!TwoSided(d.Type) && d.Side != "") {
		return docMetadata{}, fault.InvalidError("invalid_document_side",
			"ID cards, driving licences and residence permits need a side; passports and selfies have none")
	}
	country, ok := Alpha3(d.Country)
	if !ok {
		return docMetadata{}, fault.InvalidError("invalid_country", "country is an ISO 3166-1 alpha-2 code")
	}
	if len(d.Content) == 0 {
		return docMetadata{}, fault.InvalidError("empty_document", "the image is empty")
	}
	return docMetadata{IDDocType: d.Type, IDDocSubType: d.Side, Country: country}, nil
}

func multipartBody(meta docMetadata, d Document) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	mj, err := json.Marshal(meta)
	if err != nil {
		return nil, "", err
	}
	if err := w.WriteField("metadata", string(mj)); err != nil {
		return nil, "", err
	}
	name := d.FileName
	if name == "" {
		name = "image"
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", multipart.FileContentDisposition("content", name))
	ct := d.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(d.Content); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// Submit asks Sumsub to check the applicant (POST /resources/applicants/{id}/status/pending).
// Sumsub answers 409 when required documents are missing: a Conflict with code
// sumsub_documents_missing.
func (p *Provider) Submit(ctx context.Context, ref string) error {
	_, err := p.api.call(ctx, "POST", applicantPath(ref)+"/status/pending", "", nil, nil)
	if fault.IsKind(err, fault.Conflict) {
		return fault.Wrap(fault.Conflict, "sumsub_documents_missing", "Sumsub needs more documents before checking", err)
	}
	return err
}

// Resubmission is what a RED + RETRY asks the user for again. Comment is Sumsub's
// moderationComment (may be shown); clientComment is never read here.
type Resubmission struct {
	Comment string
	Labels  []string
	// PersonalDetails reports a RETRY labelled PROBLEMATIC_APPLICANT_DATA: the flow
	// reopens the personal-details step.
	PersonalDetails bool
	// Images are the rejected images, to upload again; the others are kept.
	Images []RejectedImage
}

// RejectedImage is one image Sumsub rejected. When Sumsub rejects a whole step without
// per-image results, every image of that step is listed.
type RejectedImage struct {
	// Step is the verification step (IDENTITY, SELFIE…); ImageID is AddDocument's id.
	Step      string
	IDDocType string
	ImageID   string
	Comment   string
	Labels    []string
}

// stepStatus is one step of GET /resources/applicants/{id}/requiredIdDocsStatus.
type stepStatus struct {
	ReviewResult       *ReviewResult            `json:"reviewResult"`
	Country            string                   `json:"country"`
	IDDocType          string                   `json:"idDocType"`
	ImageIDs           []imageRef               `json:"imageIds"`
	ImageReviewResults map[string]*ReviewResult `json:"imageReviewResults"`
}

// Resubmission reads what the user must send again after a RED + RETRY: the applicant's
// review (GET …/status) and each step's images (GET …/requiredIdDocsStatus).
func (p *Provider) Resubmission(ctx context.Context, ref string) (Resubmission, error) {
	st, err := p.Status(ctx, ref)
	if err != nil {
		return Resubmission{}, err
	}
	var out Resubmission
	if rr := st.ReviewResult; rr != nil && rr.ReviewAnswer == AnswerRed {
		out.Comment, out.Labels = rr.ModerationComment, rr.RejectLabels
		out.PersonalDetails = slices.Contains(rr.RejectLabels, LabelApplicantData)
	}
	var steps map[string]*stepStatus
	if _, err := p.api.call(ctx, "GET", applicantPath(ref)+"/requiredIdDocsStatus", "", nil, &steps); err != nil {
		return Resubmission{}, err
	}
	names := make([]string, 0, len(steps))
	for name := range steps {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := steps[name]
		if s == nil || s.ReviewResult == nil || s.ReviewResult.ReviewAnswer != AnswerRed {
			continue
		}
		if name == "APPLICANT_DATA" {
			out.PersonalDetails = true
		}
		perImage := false
		for _, id := range s.ImageIDs {
			r := s.ImageReviewResults[string(id)]
			if r != nil {
				perImage = true
			}
			if r != nil && r.ReviewAnswer == AnswerRed {
				out.Images = append(out.Images, RejectedImage{Step: name, IDDocType: s.IDDocType, ImageID: string(id),
					Comment: r.ModerationComment, Labels: r.RejectLabels})
			}
		}
		if !perImage {
			for _, id := range s.ImageIDs {
				out.Images = append(out.Images, RejectedImage{Step: name, IDDocType: s.IDDocType, ImageID: string(id),
					Comment: s.ReviewResult.ModerationComment, Labels: s.ReviewResult.RejectLabels})
			}
		}
	}
	return out, nil
}

// imageRef is an image id, which Sumsub prints as a number (tolerated as a string).
type imageRef string

// UnmarshalJSON implements json.Unmarshaler.
func (r *imageRef) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*r = imageRef(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*r = imageRef(s)
	return nil
}

// TestCompleted completes the applicant's review in Sumsub's sandbox
// (POST /resources/applicants/{id}/status/testCompleted, sandbox app tokens only), which
// then sends the applicantReviewed webhook: for end-to-end tests against the sandbox.
func (p *Provider) TestCompleted(ctx context.Context, ref string, r ReviewResult) error {
	return p.api.callJSON(ctx, "POST", applicantPath(ref)+"/status/testCompleted", r, nil)
}
