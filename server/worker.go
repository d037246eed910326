package server

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
)

// SweepArgs is the periodic job that runs Sweep (every SweepEvery, once across replicas).
type SweepArgs struct{}

// Kind implements river.JobArgs.
func (SweepArgs) Kind() string { return "gateway.sweep" }

// SweepEvery is how often the sweep runs.
const SweepEvery = 10 * time.Minute

// sweeper is the River worker of SweepArgs.
type sweeper struct {
	river.WorkerDefaults[SweepArgs]
	s *Server
}

func (w sweeper) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	n, err := w.s.Sweep(ctx)
	if err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	w.s.log.Debug("swept expired rows", "nonces", n.Nonces, "link_tokens", n.LinkTokens, "sessions", n.Sessions,
		"outbox_events", n.OutboxEvents, "expired_verifications", n.ExpiredVerifications)
	return nil
}

// newQueue builds the River queue on the store; the features add their workers to it.
func (s *Server) newQueue() error {
	cfg := queue.Config{Log: s.log}
	if s.clockInjected {
		cfg.Now = s.now
	}
	q, err := queue.New(s.store, cfg)
	if err != nil {
		return err
	}
	s.metrics.MustRegister(q.Collector())
	river.AddWorker(q.Workers(), sweeper{s: s})
	q.AddPeriodic(SweepEvery, func() river.JobArgs { return SweepArgs{} })
	s.queue = q
	return nil
}

// Queue is the server's River queue (tests drive jobs with its RunUntilIdle).
func (s *Server) Queue() *queue.Queue { return s.queue }

// StepWorkers works the background jobs until none is due at the server's clock and
// reports how many runs reached an outcome (snoozes aside). Tests drive the jobs with it
// instead of Run.
func (s *Server) StepWorkers(ctx context.Context) (int, error) {
	return s.queue.RunUntilIdle(ctx)
}

// WithRevocationBackends injects the chain clients revocations are sent with (tests pass
// the simulated backend's) instead of dialling KYCGATE_RPC_URLS.
func WithRevocationBackends(backends map[uint64]verifier.Backend) Option {
	return func(s *Server) { s.revocationBackends = backends }
}

// registerRevocations adds the River worker (and queue) that publishes revoked attestations to the onchain
// registries (KYCGATE_VERIFIERS) of each chain with an RPC URL (KYCGATE_RPC_URLS) and the
// revoker key (KYCGATE_REVOKER_KEY_FILE). Without any, no worker runs and the jobs wait in
// the database until one is configured. It returns the revoker's address (zero when
// none), which integrators authorise on the registries they deploy.
func (s *Server) registerRevocations() (common.Address, error) {
	if len(s.cfg.Verifiers) == 0 {
		return common.Address{}, nil
	}
	if s.cfg.RevokerKeyFile == "" {
		s.log.Warn("KYCGATE_VERIFIERS is set but KYCGATE_REVOKER_KEY_FILE is not: revocations are not published onchain")
		return common.Address{}, nil
	}
	key, err := signer.LoadKeyFile(s.cfg.RevokerKeyFile)
	if err != nil {
		return common.Address{}, fmt.Errorf("KYCGATE_REVOKER_KEY_FILE: %w", err)
	}
	chains := map[uint64]verifier.Chain{}
	for id, registries := range s.cfg.Verifiers {
		backend, ok := s.revocationBackends[id]
		if !ok {
			url, ok := s.cfg.RPCURLs[id]
			if !ok {
				s.log.Warn("no RPC URL for a chain with verifiers: its revocations are not published onchain", "chain_id", id)
				continue
			}
			c, err := ethclient.DialContext(context.Background(), url)
			if err != nil {
				return common.Address{}, fmt.Errorf("invalid KYCGATE_RPC_URLS: chain %d: %w", id, err)
			}
			backend = c
		}
		chains[id] = verifier.Chain{ChainID: id, Backend: backend, Registries: registries, Key: key}
	}
	revoker := verifier.RevokerAddress(key)
	if len(chains) == 0 {
		return revoker, nil
	}
	s.log.Info("publishing revocations onchain", "chains", len(chains), "revoker", revoker.Hex())
	publisher := verifier.NewPublisher(s.store, chains, s.log)
	publisher.Now = s.now
	river.AddWorker(s.queue.Workers(), publisher)
	s.queue.AddQueue(verifier.RevokeQueue, 2)
	return revoker, nil
}

// firstVerifiers is the verifier each chain's discovery entry shows: the first listed.
func firstVerifiers(m map[uint64][]common.Address) map[uint64]common.Address {
	out := make(map[uint64]common.Address, len(m))
	for id, list := range m {
		if len(list) > 0 {
			out[id] = list[0]
		}
	}
	return out
}
