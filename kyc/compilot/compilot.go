package compilot

import (
	"context"
	"log/slog"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

// The verification modes Start tells apart (storage.Verification.Mode).
const (
	ModeRegular = "regular"
	ModeWeb3    = "web3"
)

// Provider is the ComPilot adapter: it opens regular-mode sessions, verifies ComPilot's
// Svix webhooks and fetches customers' statuses.
type Provider struct {
	name       string
	workflowID string
	level      int
	webhook    *standardwebhooks.Webhook
	now        func() time.Time
	log        *slog.Logger
	api        *client
}

var (
	_ provider.Provider        = (*Provider)(nil)
	_ provider.WebhookVerifier = (*Provider)(nil)
	_ provider.Fetcher         = (*Provider)(nil)
)

// SessionRequest is the body of POST /auth-session/session/create.
type SessionRequest struct {
	WorkflowID         string `json:"workflowId"`
	ExternalCustomerID string `json:"externalCustomerId"`
}

// SessionAnswer is ComPilot's answer to it: the token that opens its widget.
type SessionAnswer struct {
	Token              string `json:"token"`
	ExternalCustomerID string `json:"externalCustomerId"`
}

// Start implements provider.Provider for regular-mode verifications: it opens a ComPilot
// session on the configured workflow whose externalCustomerId is the verification's
// opaque id (never a wallet address, a name or the tenant's own customer id), and answers
// its token as the SDK token. The provider reference is that id, on a first start and a
// resume alike (a resume opens a fresh session for the same customer).
//
// Web3-mode verifications (ComPilot's wallet challenge) are not built: the lifecycle
// does not hand Start the session's wallet and chain, so Start refuses them
// (compilot_web3_not_built) instead of opening a session for a wallet it cannot check.
func (p *Provider) Start(ctx context.Context, v storage.Verification) (provider.Session, error) {
	if v.Mode != ModeRegular {
		return provider.Session{}, fault.InvalidError("compilot_web3_not_built",
			"ComPilot verifications are available in regular mode only (a tenant's customer), not for a signed-in wallet")
	}
	var out SessionAnswer
	err := p.api.call(ctx, "POST", "/auth-session/session/create",
		SessionRequest{WorkflowID: p.workflowID, ExternalCustomerID: v.ID}, &out)
	if err == nil && out.Token == "" {
		err = fault.New(fault.Unavailable, "compilot_bad_answer", "ComPilot answered no session token")
	}
	if err != nil {
		return provider.Session{}, err
	}
	return provider.Session{Ref: v.ID, SDKToken: out.Token}, nil
}

// LogValue keeps the credentials out of logs.
func (p *Provider) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", p.name), slog.String("workflowId", p.workflowID), slog.Int("level", p.level))
}
