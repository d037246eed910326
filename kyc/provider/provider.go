// Package provider is the contract between the verification lifecycle (package kyc) and
// the KYC provider adapters: what a provider is (Provider and its capability interfaces),
// what it answers (Session, WebhookEvent, Result, Claims), what it may use (Deps,
// Lifecycle, Change) and how it is configured and registered (Config, Factory,
// Registry). It imports no HTTP framework, server or storage backend, so an adapter that
// imports it stays a leaf; package kyc re-exports every name (kyc.Provider is
// provider.Provider).
package provider

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/storage"
)

// MaxLevel is the highest KYC level a verification can ask for or an approval grant.
const MaxLevel = 3

// Reject types carried by rejected (and resubmission_requested) verifications.
const (
	// RejectFinal blocks: the subject cannot verify again.
	RejectFinal = "final"
	// RejectRetry lets the user fix what was asked and submit again.
	RejectRetry = "retry"
)

// Provider is a KYC provider. The base interface only opens sessions; everything else a
// provider can do is a capability interface below, found by type assertion.
type Provider interface {
	// Start opens the provider's session for v, or reopens it when v already has one
	// (the user resumes, possibly on another device), and says how the user continues.
	// v.Data is the provider's own state in plaintext.
	Start(ctx context.Context, v storage.Verification) (Session, error)
}

// Session is how a user continues a verification with its provider.
type Session struct {
	// Ref is the provider's id for the session (an applicant id…), kept as ProviderRef.
	Ref string
	// URL is the page where the user continues; SDKToken is for a provider's embedded
	// SDK. Either may be empty.
	URL      string
	SDKToken string
	// FlowToken is the bearer token of the gateway's own hosted flow (the built-in
	// provider). It is shown to the user once; only its hash is stored.
	FlowToken string
	// Challenge is a message for the starting wallet to sign (a provider's own wallet
	// sign-in, such as ComPilot's Web3 mode); empty for others.
	Challenge string
	// Data, when non-nil, replaces the verification's provider data (plaintext).
	Data []byte
}

// Starter is who starts a Web3-mode verification: the signed-in wallet's address and
// the chain id it signed in on.
type Starter struct {
	Address string
	ChainID uint64
}

// WalletStarter is a provider that needs to know the wallet starting a Web3-mode
// verification (to bind its session to that wallet). The lifecycle calls StartForWallet
// instead of Start for Web3-mode starts; the contract is otherwise Start's.
type WalletStarter interface {
	StartForWallet(ctx context.Context, v storage.Verification, who Starter) (Session, error)
}

// WebhookVerifier is an external provider that notifies the gateway at
// POST /v1/webhooks/{provider}: it checks the provider's signature on the raw body and
// says which event, about which session, arrived. It is called before anything parses
// the body, compares signatures in constant time, and returns an error for a forged,
// missing or stale signature (the gateway answers 401 and stores nothing).
type WebhookVerifier interface {
	VerifyWebhook(header http.Header, body []byte) (WebhookEvent, error)
}

// WebhookEvent is a verified inbound webhook.
type WebhookEvent struct {
	// ID identifies the event, so duplicates are stored once; empty when the provider
	// gives none (a digest of the body is used instead).
	ID string
	// Ref is the provider's session id (the verification's ProviderRef).
	Ref string
	// Type is the provider's event type (applicantReviewed…), for logs and metrics;
	// empty when the provider sends none.
	Type string
	// At is when the provider says the event happened (zero when it does not say), so
	// that an older event arriving after a newer one can be recognised.
	At time.Time
}

// Expirer is the capability of providers whose sessions go stale when the user stops
// (the built-in hosted flow): a background sweep expires them.
type Expirer interface {
	// ExpireStale moves the provider's abandoned verifications to expired (through the
	// lifecycle, so they are audited and tenants are told) and reports how many.
	ExpireStale(ctx context.Context) (int, error)
}

// Fetcher is an external provider that can be asked for the authoritative state of a
// session, after a webhook or when polling covers a lost one.
type Fetcher interface {
	Fetch(ctx context.Context, v storage.Verification) (Result, error)
}

// Result is a provider's verdict on a session, mapped onto the gateway's states.
type Result struct {
	Status     storage.VerificationStatus
	RejectType string
	// Level is the level an approval grants; 0 keeps the verification's.
	Level int
	// Claims are the verified person's claims; required with an approval (a claim the
	// provider does not give stays zero: unknown).
	Claims *Claims
	Reason string
	// Note is a provider status worth recording although it changes nothing (ComPilot's
	// Dormant): the gateway audits it on the verification, where reviewers see it. It must
	// be a status code, never personal data.
	Note string
}

// Claims are the facts about a person an approval establishes and the gateway keeps for
// attestations and gating: the country and the date of birth (sealed at rest).
type Claims struct {
	// Country is ISO 3166-1 alpha-2, upper case; "" when the provider gives none.
	Country string
	// DateOfBirth is a calendar date (the time of day is ignored); zero when unknown.
	DateOfBirth time.Time
	// Name is the verified full name, Nationality an ISO 3166-1 alpha-2 code, and
	// Document the verified identity document; each empty when the provider gives none.
	// They are not stored with the approval: they are only what person screening (Kora)
	// screens, sealed with the screening's record.
	Name        string
	Nationality string
	Document    *Document
}

// Document is a verified identity document, for person screening's identifiers.
type Document struct {
	// Type is the document type as the provider names it (passport, ID_CARD, …).
	Type string
	// Number is the document number.
	Number string
	// Country is the issuing country, ISO 3166-1 alpha-2.
	Country string
}

// LogValue keeps the personal claims out of logs.
func (c Claims) LogValue() slog.Value {
	return slog.GroupValue(slog.String("country", c.Country), slog.String("dateOfBirth", "[redacted]"),
		slog.String("name", "[redacted]"))
}

// Lifecycle is what providers that decide themselves (the built-in manual provider) use
// to read verifications and move them through the state machine. *Service implements it.
type Lifecycle interface {
	// Get returns a verification with its provider data opened.
	Get(ctx context.Context, id string) (storage.Verification, error)
	// GetByFlowToken returns the verification a hosted-flow token belongs to.
	GetByFlowToken(ctx context.Context, token string) (storage.Verification, error)
	// Apply runs one change through the state machine in one transaction.
	Apply(ctx context.Context, c Change) (storage.Verification, error)
}

// Deps is what a provider may use.
type Deps struct {
	Store     storage.Store
	Sealer    *pii.Sealer
	Lifecycle Lifecycle
	Now       func() time.Time
	Log       *slog.Logger
	// PublicURL is the gateway's origin, for the hosted pages it links users to.
	PublicURL string
	// UploadLimit is the gateway's largest upload in bytes (KYCGATE_UPLOAD_LIMIT), the
	// ceiling of a provider's own upload limit; 0 means no gateway-wide ceiling.
	UploadLimit int64
	// Provider looks up another enabled provider by name, at call time (nil when there is
	// none): the hosted flow finds the HostedFlow provider of a verification with it.
	Provider func(name string) Provider
	// ProviderNames lists the enabled providers' names, sorted, at call time (nil when
	// unknown): the reviewer queue lists the cases of ExternalReview providers with it.
	ProviderNames func() []string
}

// Config is one provider's configuration: a flat struct whose exported fields are its
// settings, read from KYCGATE_<NAME>_<FIELD> (see package conf for the tags), with an
// optional `Validate() error`. Open returns the provider it configures.
type Config interface {
	Open(name string, deps Deps) (Provider, error)
}

// Factory returns the empty Config of one provider type, ready to decode into.
type Factory func() Config

// Registry maps provider names (as listed in KYCGATE_PROVIDERS) to the factories of their
// configurations. Adding a provider to the binary is one line in the server's registry.
type Registry map[string]Factory

// Open decodes provider name's Config from its variables (KYCGATE_<NAME>_*, looked up
// with getenv), validates it and opens the provider. Errors name the bad variable.
func (r Registry) Open(name string, getenv func(string) string, deps Deps) (Provider, error) {
	factory, ok := r[name]
	if !ok {
		return nil, fmt.Errorf("kyc: unknown provider %q (known: %v)", name, r.Types())
	}
	cfg := factory()
	if err := conf.Decode(name, cfg, getenv); err != nil {
		return nil, fmt.Errorf("kyc: provider %s: %w", name, err)
	}
	p, err := cfg.Open(name, deps)
	if err != nil {
		return nil, fmt.Errorf("kyc: provider %s: %w", name, err)
	}
	return p, nil
}

// Types lists the registered provider names, sorted.
func (r Registry) Types() []string {
	return slices.Sorted(maps.Keys(r))
}

// Change is one step of a verification through the state machine, run by Apply.
type Change struct {
	VerificationID string
	// From, when not empty, lists the statuses the verification must be in: a
	// compare-and-swap against concurrent changes.
	From []storage.VerificationStatus
	// To is the new status; empty keeps the current one (a data-only change).
	To storage.VerificationStatus
	// RejectType goes with rejected and resubmission_requested.
	RejectType string
	// Level is the level an approval grants; 0 keeps the verification's.
	Level int
	// Claims are required when To is approved.
	Claims *Claims
	// Data, when set, returns the new provider data (plaintext) from the current
	// verification (its Data in plaintext), inside the transaction. An error aborts the
	// change and is returned as it is.
	Data func(v storage.Verification) ([]byte, error)
	// Then, when set, runs inside the same transaction after the change is stored (for
	// records that go with it, such as an uploaded document). An error rolls all back.
	Then func(tx storage.Store, v storage.Verification) error
	// Actor and Reason go to the audit log ("reviewer:rev_…", "wallet:0x…", "provider:…").
	// Reason is free text (a reviewer's words): it is sealed in the audit entry
	// (SealNotes) and opened only in a reviewer's view of the case.
	Actor  string
	Reason string
	// Action names the audit entry of a data-only change (default
	// "verification.updated"); a status change is always "verification.<to>".
	Action string
	// Detail adds fields to the audit entry. It must hold no personal data.
	Detail map[string]any
}
