package compilot

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
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
	origin     string
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
	_ provider.WalletStarter   = (*Provider)(nil)
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
// Web3-mode verifications go through StartForWallet, which knows the wallet; Start
// refuses one (compilot_wallet_unknown) rather than open a session for a wallet it
// cannot check.
func (p *Provider) Start(ctx context.Context, v storage.Verification) (provider.Session, error) {
	if v.Mode != ModeRegular {
		return provider.Session{}, fault.InvalidError("compilot_wallet_unknown",
			"a ComPilot verification for a wallet needs the signed-in wallet")
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

// ChallengeRequest is the body of POST /auth-session/wallet/challenge/create.
type ChallengeRequest struct {
	Address            string `json:"address"`
	Namespace          string `json:"namespace"`
	BlockchainID       string `json:"blockchainId"`
	Origin             string `json:"origin"`
	WorkflowID         string `json:"workflowId"`
	ExternalCustomerID string `json:"externalCustomerId,omitempty"`
}

// ChallengeAnswer is ComPilot's answer to it: the message the wallet signs.
type ChallengeAnswer struct {
	Challenge string `json:"challenge"`
}

// NamespaceEIP155 is the namespace of EVM wallets.
const NamespaceEIP155 = "eip155"

// walletData is the provider data of a Web3-mode verification (sealed by the
// lifecycle): the wallet that started it, which ComPilot's customer must hold.
type walletData struct {
	Wallet  string `json:"wallet"`
	ChainID uint64 `json:"chainId"`
}

// StartForWallet implements provider.WalletStarter for Web3-mode verifications: it asks
// ComPilot for a wallet challenge for the signed-in wallet (namespace eip155, its chain
// id, the gateway's origin, the workflow, externalCustomerId = the verification's opaque
// id) and answers the challenge for the wallet to sign in the browser. The wallet is kept
// in the provider data: Fetch refuses a customer that does not hold it. A resume from
// another wallet of the same subject opens a challenge for that wallet and expects it.
func (p *Provider) StartForWallet(ctx context.Context, v storage.Verification, who provider.Starter) (provider.Session, error) {
	if v.Mode != ModeWeb3 {
		return p.Start(ctx, v)
	}
	if who.Address == "" || who.ChainID == 0 {
		return provider.Session{}, fault.InvalidError("compilot_wallet_unknown",
			"a ComPilot verification for a wallet needs the signed-in wallet and chain")
	}
	var out ChallengeAnswer
	err := p.api.call(ctx, "POST", "/auth-session/wallet/challenge/create", ChallengeRequest{
		Address: who.Address, Namespace: NamespaceEIP155, BlockchainID: strconv.FormatUint(who.ChainID, 10),
		Origin: p.origin, WorkflowID: p.workflowID, ExternalCustomerID: v.ID}, &out)
	if err == nil && out.Challenge == "" {
		err = fault.New(fault.Unavailable, "compilot_bad_answer", "ComPilot answered no wallet challenge")
	}
	if err != nil {
		return provider.Session{}, err
	}
	data, err := json.Marshal(walletData{Wallet: who.Address, ChainID: who.ChainID})
	if err != nil {
		return provider.Session{}, err
	}
	return provider.Session{Ref: v.ID, Challenge: out.Challenge, Data: data}, nil
}

// LogValue keeps the credentials out of logs.
func (p *Provider) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", p.name), slog.String("workflowId", p.workflowID), slog.Int("level", p.level))
}
