package server

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/compilot"
	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/kyc/manual"
	"github.com/kycgate/kycgate/review"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/screening/kora"
	"github.com/kycgate/kycgate/screening/source"
)

// Providers is the registry of the KYC providers this binary knows, by the name
// KYCGATE_PROVIDERS lists them under. Adding a provider is one line here.
var Providers = kyc.Registry{
	manual.Type:   manual.NewConfig,
	sumsub.Type:   sumsub.NewConfig,
	didit.Type:    didit.NewConfig,
	compilot.Type: compilot.NewConfig,
}

// PersonScreeners is the registry of the person-screening services this binary knows,
// by the name KYCGATE_PERSON_SCREENERS lists them under; each reads KYCGATE_<NAME>_*.
var PersonScreeners = map[string]func() source.PersonConfig{
	kora.Name: func() source.PersonConfig { return kora.NewConfig() },
}

// WithProviders adds provider types to the registry this server opens KYCGATE_PROVIDERS
// from (tests register scratch providers with it).
func WithProviders(r kyc.Registry) Option {
	return func(s *Server) {
		merged := maps.Clone(Providers)
		maps.Copy(merged, s.providers)
		maps.Copy(merged, r)
		s.providers = merged
	}
}

// ValidateServe reports settings that only serving needs: outside dev mode, the data key
// that seals personal data must be configured.
func (c Config) ValidateServe() error {
	if c.DataKey == "" && !c.Dev {
		return errors.New("KYCGATE_DATA_KEY is required: 32 random bytes as 64 hex digits " +
			"(for example `openssl rand -hex 32`), kept secret and stable; without it personal data cannot be sealed")
	}
	return nil
}

// sealer builds the personal-data sealer from the configured keys, or in dev mode from the
// development key under the data dir. Without a key it returns nil and the KYC feature
// stays off (serve refuses to start that way; see ValidateServe).
func (s *Server) sealer() (*pii.Sealer, error) {
	key, old, err := s.cfg.DataKeys()
	if err != nil {
		return nil, err
	}
	if key == nil && s.cfg.Dev {
		hexKey, _, err := EnsureDevDataKey(s.cfg.DataDir)
		if err != nil {
			return nil, fmt.Errorf("development data key: %w", err)
		}
		k, err := pii.ParseKey(hexKey)
		if err != nil {
			return nil, fmt.Errorf("development data key: %w", err)
		}
		key = &k
	}
	if key == nil {
		return nil, nil
	}
	return pii.NewSealer(*key, old...)
}

// kycService builds the verification lifecycle with its providers; nil when no data key
// is configured.
func (s *Server) kycService() (*kyc.Service, error) {
	sealer, err := s.sealer()
	if err != nil || sealer == nil {
		if err == nil {
			s.log.Warn("no data key configured (KYCGATE_DATA_KEY): KYC verifications are off")
		}
		return nil, err
	}
	svc, err := kyc.NewService(kyc.Options{Store: s.store, Sealer: sealer, Now: s.now, Log: s.log, PublicURL: s.cfg.PublicURL,
		MaxWallets: s.cfg.MaxWallets, PollAfter: s.cfg.ProviderPollAfter, Metrics: kyc.NewMetrics(s.metrics),
		RetentionDocuments: s.cfg.RetentionDocuments, RetentionAbandoned: s.cfg.RetentionAbandoned})
	if err != nil {
		return nil, err
	}
	registry := s.providers
	if registry == nil {
		registry = Providers
	}
	deps := svc.Deps()
	deps.UploadLimit = s.cfg.UploadLimit
	for _, name := range s.cfg.Providers {
		p, err := registry.Open(name, s.cfg.Env, deps)
		if err != nil {
			return nil, err
		}
		svc.AddProvider(name, p)
	}
	if err := hostedFlowServed(svc.Providers()); err != nil {
		return nil, err
	}
	if err := s.openPersonScreening(svc); err != nil {
		return nil, err
	}
	svc.Jobs(s.queue)
	if err := s.registerRotation(sealer); err != nil {
		return nil, err
	}
	return svc, nil
}

// hostedFlowServed refuses a provider that runs on the gateway's hosted flow (Sumsub in
// api mode) without the manual provider, which serves that flow's pages and API.
func hostedFlowServed(providers map[string]kyc.Provider) error {
	for _, p := range providers {
		if _, ok := p.(*manual.Provider); ok {
			return nil
		}
	}
	for _, name := range slices.Sorted(maps.Keys(providers)) {
		if hf, ok := providers[name].(kyc.HostedFlow); ok && hf.UsesHostedFlow() {
			return fmt.Errorf("kyc: provider %s runs on the gateway's hosted flow, which the manual provider serves: "+
				"list manual in KYCGATE_PROVIDERS too (e.g. %s,manual; the first is the default)", name, name)
		}
	}
	return nil
}

// registerKYC mounts the verification routes (a nil service mounts none).
func (s *Server) registerKYC(e *gin.Engine, svc *kyc.Service, wallet gin.HandlerFunc) {
	if svc == nil {
		return
	}
	gate.New(s.store, svc, s.now).Register(e, auth.RequireTenant(s.keys))
	kyc.NewHandler(svc).Register(e, kyc.Middleware{
		Wallet: wallet, Tenant: auth.RequireTenant(s.keys), Reviewer: auth.RequireReviewer(s.keys, s.console),
		WalletOrTenant: auth.WalletOrTenant(wallet, s.keys), BodyLimit: s.bodyLimits.Route,
	})
	s.registerWebhooks(e, svc.Deps().Sealer)
	s.registerReviewQueue(e, svc)
}

// registerReviewQueue mounts the reviewers' one queue (package review) over the manual
// provider's cases, when it is enabled, and the holds.
func (s *Server) registerReviewQueue(e *gin.Engine, svc *kyc.Service) {
	var cases review.Cases
	name := ""
	for n, p := range svc.Providers() {
		if m, ok := p.(*manual.Provider); ok {
			cases, name = m, n
		}
	}
	review.New(cases, name, s.store, s.now).Register(e, auth.RequireReviewer(s.keys, s.console))
}

// openPersonScreening enables the configured person-screening service (at most one).
func (s *Server) openPersonScreening(svc *kyc.Service) error {
	for _, name := range s.cfg.PersonScreeners {
		factory, ok := PersonScreeners[name]
		if !ok {
			return fmt.Errorf("screening: unknown person-screening service %q (known: %v)", name, slices.Sorted(maps.Keys(PersonScreeners)))
		}
		if _, clash := svc.Providers()[name]; clash {
			return fmt.Errorf("screening: %q is both a KYC provider and a person-screening service", name)
		}
		cfg := factory()
		if err := conf.Decode(name, cfg, s.cfg.Env); err != nil {
			return fmt.Errorf("screening: %s: %w", name, err)
		}
		ps, err := cfg.OpenPerson(source.Deps{Now: s.now, Dev: s.cfg.Dev})
		if err != nil {
			return fmt.Errorf("screening: %s: %w", name, err)
		}
		p := kyc.PersonScreening{Name: name, Screener: ps}
		if r, ok := ps.(interface{ RescreenEvery() time.Duration }); ok {
			p.RescreenEvery = r.RescreenEvery()
		}
		svc.SetPersonScreening(p)
	}
	return nil
}
