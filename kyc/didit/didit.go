package didit

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

// Provider is the Didit adapter: it opens Didit's hosted sessions, verifies Didit's
// webhooks, fetches sessions' decisions and sends a decision taken outside Didit.
type Provider struct {
	name          string
	workflowID    string
	level         int
	callback      string
	webhookSecret []byte
	now           func() time.Time
	log           *slog.Logger
	api           *client
}

var (
	_ provider.Provider        = (*Provider)(nil)
	_ provider.WebhookVerifier = (*Provider)(nil)
	_ provider.Fetcher         = (*Provider)(nil)
)

// Didit's session statuses (exact strings).
const (
	StatusNotStarted  = "Not Started"
	StatusInProgress  = "In Progress"
	StatusInReview    = "In Review"
	StatusApproved    = "Approved"
	StatusDeclined    = "Declined"
	StatusResubmitted = "Resubmitted"
	StatusExpired     = "Expired"
	StatusAbandoned   = "Abandoned"
	StatusKYCExpired  = "Kyc Expired"
)

// SessionRequest is the body of POST /v3/session/.
type SessionRequest struct {
	WorkflowID string `json:"workflow_id"`
	VendorData string `json:"vendor_data,omitempty"`
	Callback   string `json:"callback,omitempty"`
}

// Session is Didit's answer to POST /v3/session/.
type Session struct {
	SessionID     string `json:"session_id"`
	SessionNumber int    `json:"session_number"`
	SessionToken  string `json:"session_token"`
	VendorData    string `json:"vendor_data"`
	Status        string `json:"status"`
	WorkflowID    string `json:"workflow_id"`
	Callback      string `json:"callback"`
	URL           string `json:"url"`
}

// Start implements provider.Provider: it creates a Didit session for the workflow with
// vendor_data = the verification's opaque id (never a wallet address or a name) and
// answers Didit's url. Didit returns the same session for the same vendor_data while it
// is unfinished, so starting again (the user resumes, perhaps on another device) resumes
// it.
func (p *Provider) Start(ctx context.Context, v storage.Verification) (provider.Session, error) {
	var s Session
	err := p.api.call(ctx, "POST", "/v3/session/", SessionRequest{WorkflowID: p.workflowID, VendorData: v.ID, Callback: p.callback}, &s)
	if err != nil {
		return provider.Session{}, err
	}
	if s.SessionID == "" || s.URL == "" {
		return provider.Session{}, fault.New(fault.Unavailable, "didit_bad_answer", "Didit created a session without an id or a url")
	}
	return provider.Session{Ref: s.SessionID, URL: s.URL}, nil
}

func sessionPath(id string) string { return "/v3/session/" + url.PathEscape(id) }

// LogValue keeps the credentials out of logs.
func (p *Provider) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", p.name), slog.String("workflowID", p.workflowID), slog.Int("level", p.level))
}
