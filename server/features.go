package server

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/wallet"
	"github.com/kycgate/kycgate/web"
)

// WithChainClients injects the chain clients (tests pass the simulated backend's) instead
// of dialling the configured RPC URLs.
func WithChainClients(clients map[uint64]bind.ContractCaller) Option {
	return func(s *Server) { s.chainClients = clients }
}

// registerFeatures builds each feature's service and mounts its routes.
func (s *Server) registerFeatures(e *gin.Engine) error {
	if s.chainClients == nil {
		clients, err := DialChains(s.cfg.RPCURLs)
		if err != nil {
			return err
		}
		s.chainClients = clients
	}
	s.chains = newChainProbe(s.chainClients, s.cfg.RPCURLs, s.now)
	verifier := wallet.NewVerifier(s.chainClients)

	authSvc, err := auth.NewService(s.store, auth.Config{
		PublicURL: s.cfg.PublicURL, ChainIDs: s.cfg.ChainIDs, NonceTTL: s.cfg.NonceTTL,
		SessionTTL: s.cfg.SessionTTL, CookieSecure: s.cfg.CookieSecure, MaxWallets: s.cfg.MaxWallets,
	}, verifier, s.now)
	if err != nil {
		return err
	}
	var limit gin.HandlerFunc
	if s.cfg.RateLimit > 0 {
		limit = api.NewRateLimiter(s.cfg.RateLimit, s.now).Middleware()
	}
	keys, err := s.keyRing()
	if err != nil {
		return err
	}
	if keys != nil {
		s.signer = keys.Address()
	}
	domains, err := attest.ParseDomains(s.cfg.EASDomains)
	if err != nil {
		return err
	}
	revoker, err := s.registerRevocations()
	if err != nil {
		return err
	}
	screeningSvc, err := s.screeningService()
	if err != nil {
		return err
	}
	s.screening = screeningSvc
	attestSvc := attest.NewService(s.store, keys, attest.Config{
		Domains: domains, Validity: s.cfg.AttestationTTL, PublicURL: s.cfg.PublicURL,
		Verifiers: firstVerifiers(s.cfg.Verifiers), Revoker: revoker, Screening: screeningSvc,
	}, s.now)
	attestSvc.SetMetrics(attest.NewMetrics(s.metrics))
	attestHandler := attest.NewHandler(attestSvc)

	kycSvc, err := s.kycService()
	if err != nil {
		return err
	}
	s.kyc = kycSvc
	if kycSvc != nil {
		kycSvc.SetScreening(screeningSvc)
	}
	sections := []auth.MeSection{attestHandler.MeSection()}
	if kycSvc != nil {
		sections = append(sections, kycSvc.MeSections()...)
	}

	authSvc.OnUnlink = func(ctx context.Context, tx storage.Store, subjectID, address string, now time.Time) error {
		_, err := attest.RevokeWallet(ctx, tx, subjectID, address, "wallet unlinked", "wallet:"+address, now)
		return err
	}
	// A wallet linked to an account inserts its screening job in that transaction; a
	// wallet's first sign-in inserts it in the sign-in's own statement (PostgreSQL) or
	// transaction (SQLite).
	authSvc.OnLink = func(ctx context.Context, tx storage.Store, address string, chainID uint64) error {
		return screening.EnqueueTx(ctx, tx, address, chainID)
	}
	authSvc.NewWalletJob = func(address string, chainID uint64) (storage.Job, error) {
		return screening.NewWalletJob(s.queue, address, chainID)
	}
	authSvc.NewWalletJobInserted = s.queue.JobInserted
	authHandler := auth.NewHandler(authSvc, sections...)
	authHandler.Register(e, limit)
	s.console.Register(e, limit)
	attestHandler.Register(e, authHandler.RequireWallet(), limit)
	s.registerKYC(e, kycSvc, authHandler.RequireWallet())
	web.Register(e)
	return nil
}

// keyRing loads the attestation signing key (file, variable, or the dev key under the
// data dir) and the extra trusted addresses.
func (s *Server) keyRing() (*signer.KeyRing, error) {
	trusted, err := signer.ParseAddresses(s.cfg.TrustedSigners)
	if err != nil {
		return nil, err
	}
	var key *ecdsa.PrivateKey
	switch {
	case s.cfg.SignerKeyFile != "":
		if key, err = signer.LoadKeyFile(s.cfg.SignerKeyFile); err != nil {
			return nil, fmt.Errorf("KYCGATE_SIGNER_KEY_FILE: %w", err)
		}
	case s.cfg.SignerKey != "":
		if key, err = signer.ParseKey(s.cfg.SignerKey); err != nil {
			return nil, fmt.Errorf("KYCGATE_SIGNER_KEY: %w", err)
		}
	case s.cfg.Dev:
		if key, err = devSignerKey(s.cfg.DataDir); err != nil {
			return nil, fmt.Errorf("development signing key: %w", err)
		}
	default:
		s.log.Warn("no attestation signing key configured (KYCGATE_SIGNER_KEY_FILE): attestations are verified but not issued")
		if len(trusted) == 0 {
			return nil, nil
		}
	}
	return signer.NewKeyRing(key, trusted...)
}

// DialChains opens a JSON-RPC client per configured chain. Dialling HTTP endpoints does
// not connect, so an unreachable RPC shows up as a clear error on first use.
func DialChains(urls map[uint64]string) (map[uint64]bind.ContractCaller, error) {
	clients := make(map[uint64]bind.ContractCaller, len(urls))
	for id, u := range urls {
		c, err := ethclient.DialContext(context.Background(), u)
		if err != nil {
			return nil, fmt.Errorf("invalid KYCGATE_RPC_URLS: chain %d: %w", id, err)
		}
		clients[id] = c
	}
	return clients, nil
}

// AttestationTrust is what the gateway trusts when it verifies attestations (its EAS
// domains, its key ring's addresses, the KYC schema), for tools outside the server.
func AttestationTrust(cfg Config, now func() time.Time) (eas.Trust, error) {
	s := &Server{cfg: cfg.WithDefaults(), log: slog.New(slog.DiscardHandler), now: now}
	keys, err := s.keyRing()
	if err != nil {
		return eas.Trust{}, err
	}
	domains, err := attest.ParseDomains(s.cfg.EASDomains)
	if err != nil {
		return eas.Trust{}, err
	}
	return attest.NewService(nil, keys, attest.Config{Domains: domains}, now).Trust(), nil
}
