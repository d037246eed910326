package provider

import (
	"context"
	"io"
)

// ExternalReview is the capability of an external provider whose "in review" sessions
// the gateway's own reviewers decide (Didit): the manual provider's reviewer API lists
// them among its cases, shows the provider's summary in the case view, and sends a
// reviewer's decision to the provider, applying it locally only once the provider
// accepted it. The manual provider finds it by the verification's provider name
// (Deps.Provider) and this interface, so it imports no adapter.
type ExternalReview interface {
	// ReviewSummary reads the provider's summary of session ref for the case view: which
	// checks passed or warned, with their scores. It holds nothing personal and no media
	// URL, and it is read live, never stored.
	ReviewSummary(ctx context.Context, ref string) (ReviewSummary, error)
	// SendReview sends a reviewer's decision on session ref to the provider. Only when
	// the provider accepted it does it answer the result to apply: an approval carries
	// the claims the provider extracted; a rejection is final (the reviewer said so); a
	// resubmission is a retry. An error means nothing was decided.
	SendReview(ctx context.Context, ref string, d ReviewDecision) (Result, error)
}

// Reviewer decisions sent to an ExternalReview provider.
const (
	ReviewApprove  = "approve"
	ReviewReject   = "reject"
	ReviewResubmit = "resubmit"
)

// ReviewDecision is a reviewer's decision on a provider's session.
type ReviewDecision struct {
	// Decision is ReviewApprove, ReviewReject or ReviewResubmit.
	Decision string
	// Comment is the reviewer's reason, sent to the provider.
	Comment string
	// Resubmit names the provider's steps the user must do again (with ReviewResubmit).
	Resubmit []string
}

// ReviewSummary is a provider's summary of a session for a reviewer.
type ReviewSummary struct {
	// Status is the provider's own status of the session ("In Review").
	Status string `json:"status"`
	// Checks are the provider's checks, in its order.
	Checks []ReviewCheck `json:"checks"`
}

// ReviewCheck is one check of a provider's session: its kind ("id_verification",
// "liveness", "face_match", "aml"), the provider's step id when it has one (what a
// resubmission names), its status, its score when it has one, and how many warnings it
// raised.
type ReviewCheck struct {
	Kind     string   `json:"kind"`
	Node     string   `json:"node,omitempty"`
	Status   string   `json:"status"`
	Score    *float64 `json:"score,omitempty"`
	Warnings []string `json:"warnings"`
}

// Blocklister is the capability of a provider that keeps its own blocklist (Didit): when
// a reviewer blocks a subject, each of the subject's sessions with that provider is added
// to it, by a job (retried; never in the request path).
type Blocklister interface {
	// Blocklist adds session ref to the provider's blocklist. Adding one already there
	// is not an error.
	Blocklist(ctx context.Context, ref string) error
}

// Reporter is the capability of a provider that renders a session's report (Didit's
// PDF): the reviewer API streams it to a reviewer from the case view, never storing it.
type Reporter interface {
	// Report opens session ref's report as a PDF; the caller closes it.
	Report(ctx context.Context, ref string) (io.ReadCloser, error)
}
