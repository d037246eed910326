package sumsub

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"log/slog"
	"net/url"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

// Provider is the Sumsub adapter: it creates applicants and opens their sessions,
// verifies Sumsub's webhooks and fetches applicants' review status; in api mode it also
// submits the data the gateway's hosted flow collects (see apiflow.go).
type Provider struct {
	name          string
	mode          string
	levelName     string
	level         int
	webhookSecret []byte
	publicURL     string
	now           func() time.Time
	log           *slog.Logger
	api           *client
}

var (
	_ provider.Provider        = (*Provider)(nil)
	_ provider.WebhookVerifier = (*Provider)(nil)
	_ provider.Fetcher         = (*Provider)(nil)
)

// Mode is the integration mode the provider runs in (ModeWebSDK or ModeAPI).
func (p *Provider) Mode() string { return p.mode }

// Applicant is the part of Sumsub's applicant the adapter reads
// (GET /resources/applicants/{id}/one).
type Applicant struct {
	ID             string `json:"id"`
	CreatedAt      string `json:"createdAt"`
	ExternalUserID string `json:"externalUserId"`
	InspectionID   string `json:"inspectionId"`
	LevelName      string `json:"levelName"`
	// Deleted is true once the applicant was deactivated (PATCH …/presence/deactivated).
	Deleted bool         `json:"deleted"`
	Info    *Info        `json:"info,omitempty"`
	Review  ReviewStatus `json:"review"`
}

// LogValue keeps the applicant's personal data out of logs.
func (a Applicant) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", a.ID), slog.String("reviewStatus", a.Review.ReviewStatus))
}

// Info is the person's data in an applicant: what Sumsub extracted and checked (info) or
// what the integrator declared (fixedInfo). Country is ISO 3166-1 alpha-3, Dob is
// YYYY-MM-DD.
type Info struct {
	FirstName string    `json:"firstName,omitempty"`
	LastName  string    `json:"lastName,omitempty"`
	Dob       string    `json:"dob,omitempty"`
	Country   string    `json:"country,omitempty"`
	IDDocs    []InfoDoc `json:"idDocs,omitempty"`
}

// LogValue keeps personal data out of logs.
func (Info) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// InfoDoc is one checked document in an applicant's info.
type InfoDoc struct {
	IDDocType string `json:"idDocType,omitempty"`
	Country   string `json:"country,omitempty"`
	Dob       string `json:"dob,omitempty"`
	// Number is the document's number.
	Number string `json:"number,omitempty"`
}

// LogValue keeps personal data out of logs.
func (InfoDoc) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// ReviewStatus is an applicant's review (GET /resources/applicants/{id}/status, and
// "review" in the applicant).
type ReviewStatus struct {
	ReviewStatus string        `json:"reviewStatus"`
	LevelName    string        `json:"levelName,omitempty"`
	AttemptID    string        `json:"attemptId,omitempty"`
	ReviewResult *ReviewResult `json:"reviewResult,omitempty"`
}

// ReviewResult is Sumsub's verdict. ModerationComment may be shown to the user;
// ClientComment never (on a FINAL rejection it can hold private reasons).
type ReviewResult struct {
	ReviewAnswer      string   `json:"reviewAnswer,omitempty"`
	ReviewRejectType  string   `json:"reviewRejectType,omitempty"`
	RejectLabels      []string `json:"rejectLabels,omitempty"`
	ModerationComment string   `json:"moderationComment,omitempty"`
	ClientComment     string   `json:"clientComment,omitempty"`
}

// LogValue keeps the comments out of logs.
func (r ReviewResult) LogValue() slog.Value {
	return slog.GroupValue(slog.String("answer", r.ReviewAnswer), slog.String("rejectType", r.ReviewRejectType),
		slog.Any("labels", r.RejectLabels))
}

func applicantPath(id string) string { return "/resources/applicants/" + url.PathEscape(id) }

// Start implements provider.Provider. The applicant's externalUserId is the verification's
// opaque id (never a wallet address or a name). A new verification creates the applicant
// at the configured level; one that already has an applicant (v.ProviderRef), or whose
// creation Sumsub answers 409 (already exists, e.g. a retried start), resumes it, found
// by its external id. websdk mode answers a WebSDK access token (600 s); api mode a
// fresh token of the gateway's hosted flow (any earlier one stops working), whose pages
// send the data to Sumsub with the functions of apiflow.go.
func (p *Provider) Start(ctx context.Context, v storage.Verification) (provider.Session, error) {
	ref := v.ProviderRef
	if ref == "" {
		a, err := p.createApplicant(ctx, v.ID)
		if fault.IsKind(err, fault.Conflict) {
			a, err = p.ApplicantByExternalID(ctx, v.ID)
		}
		if err != nil {
			return provider.Session{}, err
		}
		ref = a.ID
	}
	s := provider.Session{Ref: ref}
	switch p.mode {
	case ModeAPI:
		s.FlowToken = newFlowToken()
		s.URL = p.publicURL + "/flow/" + s.FlowToken
	default:
		token, err := p.sdkToken(ctx, v.ID)
		if err != nil {
			return provider.Session{}, err
		}
		s.SDKToken = token
	}
	return s, nil
}

func (p *Provider) createApplicant(ctx context.Context, externalID string) (Applicant, error) {
	var a Applicant
	path := "/resources/applicants?" + url.Values{"levelName": {p.levelName}}.Encode()
	err := p.api.callJSON(ctx, "POST", path, map[string]string{"externalUserId": externalID}, &a)
	if err == nil && a.ID == "" {
		err = fault.New(fault.Unavailable, "sumsub_bad_answer", "Sumsub created an applicant without an id")
	}
	return a, err
}

// ApplicantByExternalID reads the applicant whose externalUserId is id (the gateway's
// verification id).
func (p *Provider) ApplicantByExternalID(ctx context.Context, id string) (Applicant, error) {
	var a Applicant
	_, err := p.api.call(ctx, "GET", "/resources/applicants/-;externalUserId="+url.PathEscape(id)+"/one", "", nil, &a)
	return a, err
}

// Applicant reads an applicant by Sumsub's id.
func (p *Provider) Applicant(ctx context.Context, id string) (Applicant, error) {
	var a Applicant
	_, err := p.api.call(ctx, "GET", applicantPath(id)+"/one", "", nil, &a)
	return a, err
}

// Status reads an applicant's review status.
func (p *Provider) Status(ctx context.Context, id string) (ReviewStatus, error) {
	var s ReviewStatus
	_, err := p.api.call(ctx, "GET", applicantPath(id)+"/status", "", nil, &s)
	return s, err
}

// sdkTokenTTL is the life of a WebSDK access token, in seconds.
const sdkTokenTTL = 600

func (p *Provider) sdkToken(ctx context.Context, externalID string) (string, error) {
	var out struct {
		Token string `json:"token"`
	}
	err := p.api.callJSON(ctx, "POST", "/resources/accessTokens/sdk",
		map[string]any{"userId": externalID, "levelName": p.levelName, "ttlInSecs": sdkTokenTTL}, &out)
	if err == nil && out.Token == "" {
		err = fault.New(fault.Unavailable, "sumsub_bad_answer", "Sumsub answered no access token")
	}
	return out.Token, err
}

// FlowTokenPrefix starts the hosted-flow tokens of api mode, as the built-in provider's.
const FlowTokenPrefix = "kgf_"

var flowEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// newFlowToken returns a hosted-flow bearer token with 256 random bits.
func newFlowToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (it panics instead)
	return FlowTokenPrefix + flowEncoding.EncodeToString(b[:])
}

// LogValue keeps the credentials out of logs.
func (p *Provider) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", p.name), slog.String("mode", p.mode),
		slog.String("levelName", p.levelName), slog.Int("level", p.level))
}
