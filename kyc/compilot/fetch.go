package compilot

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

// ComPilot's customer statuses.
const (
	StatusActive      = "Active"
	StatusToBeReviewd = "To be reviewed"
	StatusEscalated   = "Escalated"
	StatusFailed      = "Failed"
	StatusRejected    = "Rejected"
	StatusDormant     = "Dormant"
	StatusTerminated  = "Terminated"
)

// Customer is the part of ComPilot's customer (GET /customers/{id}) the adapter reads.
type Customer struct {
	ID                 string          `json:"id"`
	ExternalCustomerID string          `json:"externalCustomerId"`
	Status             string          `json:"status"`
	CustomerClaims     *CustomerClaims `json:"customerClaims,omitempty"`
	CustomerWallets    []Wallet        `json:"customerWallets,omitempty"`
}

// LogValue keeps the customer's personal data out of logs.
func (c Customer) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", c.ID), slog.String("status", c.Status))
}

// CustomerClaims are the verified facts in a customer record, when ComPilot returns
// them: a country (ISO 3166-1 alpha-3 or alpha-2) and a YYYY-MM-DD date of birth.
// ComPilot does not document their field names publicly; these are the adapter's reading.
type CustomerClaims struct {
	Country     string `json:"country,omitempty"`
	Nationality string `json:"nationality,omitempty"`
	DateOfBirth string `json:"dateOfBirth,omitempty"`
}

// LogValue keeps personal data out of logs.
func (CustomerClaims) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// Wallet is one wallet of a customer.
type Wallet struct {
	Address      string `json:"address"`
	Namespace    string `json:"namespace,omitempty"`
	BlockchainID string `json:"blockchainId,omitempty"`
}

// Customer reads a customer by the id ComPilot's webhooks name it by (the
// externalCustomerId the gateway set: the verification's id).
func (p *Provider) Customer(ctx context.Context, id string) (Customer, error) {
	var c Customer
	err := p.api.call(ctx, "GET", "/customers/"+url.PathEscape(id), nil, &c)
	return c, err
}

func unmapped(why string) error {
	return fault.New(fault.Internal, "compilot_unmapped", "ComPilot's customer cannot be mapped: "+why)
}

// Fetch implements provider.Fetcher: it reads the customer and maps its status, given
// the verification's current one:
//
//	Active                    → approved at the configured level with the customer's
//	                            claims; a claim ComPilot does not return stays unknown
//	                            (the attestation carries it so, and rules needing it
//	                            answer review)
//	To be reviewed, Escalated → in_review
//	Failed                    → resubmission_requested (retry: the customer may onboard
//	                            again, and a later Active approves)
//	Rejected                  → rejected (final)
//	Terminated                → revoked when approved, else rejected (final)
//	Dormant                   → no change (the current status; an approval stands)
//	no customer (404)         → revoked when approved (customer.deleted); otherwise no
//	                            change (nothing submitted yet)
//
// An unknown status is a permanent error (compilot_unmapped), never guessed.
func (p *Provider) Fetch(ctx context.Context, v storage.Verification) (provider.Result, error) {
	if v.ProviderRef == "" {
		return provider.Result{}, fault.ConflictError("compilot_no_customer", "the verification has no ComPilot customer yet")
	}
	approved := v.Status == storage.StatusApproved
	c, err := p.Customer(ctx, v.ProviderRef)
	if fault.IsKind(err, fault.NotFound) {
		if approved {
			return provider.Result{Status: storage.StatusRevoked, Reason: "the customer was deleted at ComPilot"}, nil
		}
		// Nothing submitted yet (ComPilot has no customer before the widget creates it).
		return provider.Result{Status: v.Status}, nil
	}
	if err != nil {
		return provider.Result{}, err
	}
	if err := holdsWallet(v, c); err != nil {
		return provider.Result{}, err
	}
	switch c.Status {
	case StatusActive:
		return p.approval(c), nil
	case StatusToBeReviewd, StatusEscalated:
		return provider.Result{Status: storage.StatusInReview}, nil
	case StatusFailed:
		return provider.Result{Status: storage.StatusResubmissionRequested, RejectType: provider.RejectRetry}, nil
	case StatusRejected:
		return provider.Result{Status: storage.StatusRejected, RejectType: provider.RejectFinal}, nil
	case StatusTerminated:
		if approved {
			return provider.Result{Status: storage.StatusRevoked, Reason: "the customer was terminated at ComPilot"}, nil
		}
		return provider.Result{Status: storage.StatusRejected, RejectType: provider.RejectFinal}, nil
	case StatusDormant:
		return provider.Result{Status: v.Status, Note: StatusDormant}, nil
	}
	return provider.Result{}, unmapped("unknown status " + c.Status)
}

// holdsWallet refuses, for a Web3-mode verification, a customer whose wallets do not
// include the wallet that started it (kept in the provider data): ComPilot verified
// someone else's wallet. The refusal is permanent (the pipeline notes it, audited, and
// changes nothing).
func holdsWallet(v storage.Verification, c Customer) error {
	if v.Mode != ModeWeb3 {
		return nil
	}
	var d walletData
	if err := json.Unmarshal(v.Data, &d); err != nil || d.Wallet == "" {
		return fault.New(fault.Conflict, "compilot_wallet_unknown", "the verification does not record the wallet that started it")
	}
	for _, w := range c.CustomerWallets {
		if strings.EqualFold(w.Address, d.Wallet) && (w.Namespace == "" || w.Namespace == NamespaceEIP155) {
			return nil
		}
	}
	return fault.New(fault.Forbidden, "compilot_wallet_mismatch", "the customer ComPilot verified does not hold the wallet that started the verification")
}

// approval is an approval at the configured level with the claims the customer record
// holds (the country as alpha-2, the date of birth): a claim ComPilot does not return is
// left unknown, so the attestation carries it as unknown and rules that need it answer
// review (issue 13).
func (p *Provider) approval(c Customer) provider.Result {
	return provider.Result{Status: storage.StatusApproved, Level: p.level, Claims: claimsOf(c.CustomerClaims)}
}

// claimsOf reads the claims the customer record holds; a missing or malformed one is
// left unknown (zero).
func claimsOf(cc *CustomerClaims) *provider.Claims {
	out := &provider.Claims{}
	if cc == nil {
		return out
	}
	if born, err := time.Parse(time.DateOnly, cc.DateOfBirth); err == nil {
		out.DateOfBirth = born
	}
	country := cc.Country
	if country == "" {
		country = cc.Nationality
	}
	a2, ok := provider.Alpha2(country)
	if !ok {
		if _, known := provider.Alpha3(country); known && len(country) == 2 {
			a2, ok = country, true
		}
	}
	if ok {
		out.Country = strings.ToUpper(a2)
	}
	return out
}
