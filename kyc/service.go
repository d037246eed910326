package kyc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/storage"
)

// MaxLevel is the highest KYC level a verification can ask for or an approval grant.
const MaxLevel = provider.MaxLevel

// LinkTokenPrefix starts every wallet link token.
const LinkTokenPrefix = "kgl_"

// Attestation revocation reasons the lifecycle uses. They are codes, never free text, so
// no personal data reaches the attestation records.
const (
	RevokedRejected = "kyc_rejected"
	RevokedReversed = "kyc_revoked"
	RevokedBlocked  = "subject_blocked"
	// RevokedClaimsChanged: a new approval changed the country or the over-18 flag
	// (or lowered the level) the attestation carries.
	RevokedClaimsChanged = "kyc_claims_changed"
	// RevokedWalletSanctioned: a wallet of the subject was found on a sanctions list by
	// wallet screening; the subject is blocked.
	RevokedWalletSanctioned = "wallet_sanctioned"
)

// Options configures a Service.
type Options struct {
	Store  storage.Store
	Sealer *pii.Sealer
	Now    func() time.Time
	Log    *slog.Logger
	// PublicURL is the gateway's origin (for providers' hosted pages).
	PublicURL string
	// LinkTokenTTL is how long a wallet link token stays usable (default 30 minutes).
	LinkTokenTTL time.Duration
	// MaxWallets caps the wallets a customer link may bring a subject to (0: auth's default).
	MaxWallets int
	// PollAfter is how long an open verification of an external provider stays unchanged
	// before it is polled (KYCGATE_PROVIDER_POLL_AFTER; default DefaultPollAfter).
	PollAfter time.Duration
	// Metrics counts the inbound provider pipeline (NewMetrics; unregistered when nil).
	Metrics *Metrics
	// RetentionDocuments and RetentionAbandoned are the retention times of personal data
	// (retention.go; defaults DefaultRetentionDocuments, DefaultRetentionAbandoned).
	RetentionDocuments, RetentionAbandoned time.Duration
}

// Service runs the verification lifecycle. It is safe for concurrent use; all state is in
// the store.
type Service struct {
	store        storage.Store
	sealer       *pii.Sealer
	now          func() time.Time
	log          *slog.Logger
	publicURL    string
	linkTokenTTL time.Duration
	maxWallets   int
	pollAfter    time.Duration
	metrics      *Metrics
	ingest       *committer
	retention    retention

	providers       map[string]Provider
	defaultProvider string
	// persons, when set, screens every person before an approval (aml.go).
	persons *PersonScreening
	// screening is wallet screening (SetScreening); nil: decisions on KYC alone.
	screening *screening.Service
	// rules parses the tenants' rules snapshots of the customer lookups once each.
	rules *gate.RulesCache
}

var _ Lifecycle = (*Service)(nil)

// NewService returns a lifecycle service without providers; add them with AddProvider.
func NewService(o Options) (*Service, error) {
	if o.Store == nil || o.Sealer == nil {
		return nil, errors.New("kyc: a store and a sealer are required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.LinkTokenTTL == 0 {
		o.LinkTokenTTL = 30 * time.Minute
	}
	if o.PollAfter <= 0 {
		o.PollAfter = DefaultPollAfter
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics(nil)
	}
	o.Metrics.health.now = o.Now
	if o.RetentionDocuments <= 0 {
		o.RetentionDocuments = DefaultRetentionDocuments
	}
	if o.RetentionAbandoned <= 0 {
		o.RetentionAbandoned = DefaultRetentionAbandoned
	}
	return &Service{store: o.Store, sealer: o.Sealer, now: o.Now, log: o.Log, publicURL: o.PublicURL,
		linkTokenTTL: o.LinkTokenTTL, maxWallets: o.MaxWallets, pollAfter: o.PollAfter, metrics: o.Metrics,
		providers: map[string]Provider{}, ingest: &committer{store: o.Store, timeout: 30 * time.Second},
		retention: retention{documents: o.RetentionDocuments, abandoned: o.RetentionAbandoned},
		rules:     gate.NewRulesCache(o.Now)}, nil
}

// ExpireStale asks every provider that can (kyc.Expirer) to expire its abandoned
// verifications, and reports how many it expired.
func (s *Service) ExpireStale(ctx context.Context) (int, error) {
	total := 0
	for _, name := range slices.Sorted(maps.Keys(s.providers)) {
		if e, ok := s.providers[name].(Expirer); ok {
			n, err := e.ExpireStale(ctx)
			total += n
			if err != nil {
				return total, fmt.Errorf("kyc: expire %s: %w", name, err)
			}
		}
	}
	return total, nil
}

// Deps is what the service hands to the providers it opens.
func (s *Service) Deps() Deps {
	return Deps{Store: s.store, Sealer: s.sealer, Lifecycle: s, Now: s.now, Log: s.log, PublicURL: s.publicURL,
		Provider:      func(name string) Provider { return s.providers[name] },
		ProviderNames: func() []string { return slices.Sorted(maps.Keys(s.providers)) }}
}

// AddProvider makes a provider available under name; the first one added is the default.
func (s *Service) AddProvider(name string, p Provider) {
	if s.defaultProvider == "" {
		s.defaultProvider = name
	}
	s.providers[name] = p
}

// Providers returns the providers by name.
func (s *Service) Providers() map[string]Provider { return maps.Clone(s.providers) }

func (s *Service) provider(name string) (string, Provider, error) {
	if name == "" {
		name = s.defaultProvider
	}
	p, ok := s.providers[name]
	if !ok {
		return "", nil, fault.InvalidError("unknown_provider", fmt.Sprintf("no KYC provider named %q is configured", name))
	}
	return name, p, nil
}

// ---- sealing ----

func dataLabel(id string) string      { return "verification:" + id + ":data" }
func birthDateLabel(id string) string { return "subject:" + id + ":birth_date" }

// open returns v with its provider data opened.
func (s *Service) open(v storage.Verification) (storage.Verification, error) {
	if len(v.Data) == 0 {
		v.Data = nil
		return v, nil
	}
	plain, err := s.sealer.Open(v.Data, dataLabel(v.ID))
	if err != nil {
		return v, fmt.Errorf("kyc: open data of %s: %w", v.ID, err)
	}
	v.Data = plain
	return v, nil
}

// seal returns v with its provider data sealed.
func (s *Service) seal(v storage.Verification) (storage.Verification, error) {
	if len(v.Data) == 0 {
		v.Data = nil
		return v, nil
	}
	sealed, err := s.sealer.Seal(v.Data, dataLabel(v.ID))
	if err != nil {
		return v, err
	}
	v.Data = sealed
	return v, nil
}

// BirthDate opens a subject's sealed date of birth; ok is false when none is recorded.
func (s *Service) BirthDate(sub storage.Subject) (time.Time, bool, error) {
	if len(sub.BirthDate) == 0 {
		return time.Time{}, false, nil
	}
	raw, err := s.sealer.Open(sub.BirthDate, birthDateLabel(sub.ID))
	if err != nil {
		return time.Time{}, false, fmt.Errorf("kyc: open birth date of %s: %w", sub.ID, err)
	}
	t, err := time.Parse(time.DateOnly, string(raw))
	if err != nil {
		return time.Time{}, false, fmt.Errorf("kyc: stored birth date of %s: %w", sub.ID, err)
	}
	return t, true, nil
}

// ---- reading ----

// Get implements Lifecycle.
func (s *Service) Get(ctx context.Context, id string) (storage.Verification, error) {
	v, err := s.store.GetVerification(ctx, id)
	if err != nil {
		return v, err
	}
	return s.open(v)
}

// GetByFlowToken implements Lifecycle.
func (s *Service) GetByFlowToken(ctx context.Context, token string) (storage.Verification, error) {
	v, err := s.store.GetVerificationByFlowToken(ctx, auth.HashSecret(token))
	if err != nil {
		return v, err
	}
	return s.open(v)
}
