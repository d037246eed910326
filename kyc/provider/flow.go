package provider

import (
	"context"
	"log/slog"
)

// HostedFlow is the capability of an external provider whose sessions are completed on
// the gateway's own hosted flow (the /flow/{token} page and the /v1/flow/{token} API of
// the built-in manual provider) instead of the provider's widget: Sumsub in api mode.
//
// The design: the hosted flow has one front (its steps — personal details, an identity
// document with its sides, a selfie, submit — with every check of personal details and
// uploads) and two back ends behind a small interface in package manual: its own
// reviewer queue, and a forwarder to a HostedFlow provider. The provider therefore needs
// no HTTP code (adapters stay leaves) and the flow does not import any adapter: it finds
// the verification's provider by name (Deps.Provider) and asserts this interface.
type HostedFlow interface {
	// UsesHostedFlow reports whether the provider's sessions run on the hosted flow now
	// (Sumsub: api mode only). Start then answers a flow token.
	UsesHostedFlow() bool
	// SelfieHint is what the selfie step tells the user ("" for nothing), e.g. that the
	// identity document must be visible and readable in the selfie.
	SelfieHint() string
	// SubmitFlow sends what the flow collected for the session ref and asks the provider
	// to check it. Only what s holds is sent (on a resubmission, only what was asked
	// again); it answers the provider's id of each item sent, by FlowItem.Slot.
	SubmitFlow(ctx context.Context, ref string, s FlowSubmission) (map[string]string, error)
	// FlowRetry says what a retry (the verification in resubmission_requested) asks the
	// user for again.
	FlowRetry(ctx context.Context, ref string) (FlowRetry, error)
}

// Kinds of flow items.
const (
	FlowDocument = "document"
	FlowSelfie   = "selfie"
)

// FlowSubmission is what the hosted flow hands a HostedFlow provider.
type FlowSubmission struct {
	// Details, when not nil, are the personal details to send: on the first submission,
	// and when a retry reopened them.
	Details *FlowDetails
	// Country is the declared country (ISO 3166-1 alpha-2), also the documents' issuing
	// country.
	Country string
	// Items are the images to send, in order (document sides, then the selfie).
	Items []FlowItem
}

// LogValue keeps personal details and contents out of logs.
func (s FlowSubmission) LogValue() slog.Value {
	return slog.GroupValue(slog.Bool("details", s.Details != nil), slog.Int("items", len(s.Items)))
}

// FlowDetails are the personal details the flow checked: names of visible text, a past
// YYYY-MM-DD date of birth, an ISO 3166-1 alpha-2 country.
type FlowDetails struct {
	FirstName, LastName, DateOfBirth, Country string
}

// LogValue keeps personal details out of logs.
func (FlowDetails) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// FlowItem is one checked upload of the flow.
type FlowItem struct {
	// Slot names the item in the flow ("document:front", "document:back", "selfie"):
	// SubmitFlow's answer is keyed by it.
	Slot string
	// Kind is FlowDocument or FlowSelfie.
	Kind string
	// DocType is passport, id_card, driving_licence or residence_permit, and Side front
	// or back (a passport has front only); both are empty for the selfie.
	DocType, Side string
	// ContentType is image/jpeg, image/png or application/pdf, judged by the content.
	ContentType string
	Content     []byte
}

// LogValue keeps the content out of logs.
func (i FlowItem) LogValue() slog.Value {
	return slog.GroupValue(slog.String("slot", i.Slot), slog.String("type", i.DocType), slog.Int("size", len(i.Content)))
}

// FlowRetry is what a retry asks again.
type FlowRetry struct {
	// Comment is the provider's comment for the user (Sumsub's moderationComment, never
	// its clientComment).
	Comment string
	// Details reports that the personal details must be corrected.
	Details bool
	// Items are the rejected items.
	Items []FlowRetryItem
}

// LogValue keeps the comment out of logs.
func (r FlowRetry) LogValue() slog.Value {
	return slog.GroupValue(slog.Bool("details", r.Details), slog.Int("items", len(r.Items)))
}

// FlowRetryItem is one rejected item.
type FlowRetryItem struct {
	// ID is the provider's id of the item, as SubmitFlow answered it.
	ID string
	// Kind is FlowDocument or FlowSelfie: an id the flow does not know reopens every
	// item of its kind.
	Kind    string
	Comment string
}
