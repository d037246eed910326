package verifier

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/storage"
)

// Chain is where the gateway publishes revocations on one chain: the registries (the
// chain's KYCVerifier and any KYCGated integrators that listed the gateway's revoker),
// a client, and the revoker key that pays for the transactions.
type Chain struct {
	// ChainID is the chain's id; transactions are signed for it.
	ChainID uint64
	// Backend talks to the chain.
	Backend Backend
	// Registries are the contracts to revoke on, in order.
	Registries []common.Address
	// Key is the revoker's key; its address must be a revoker on every registry.
	Key *ecdsa.PrivateKey
}

// RevokeKind is the kind of the onchain revocation jobs.
const RevokeKind = "attestation.revoked"

// RevokeQueue is the River queue of the revocation jobs. Only a gateway with a revoker
// key and a chain to publish to works it; elsewhere the jobs wait in the database.
const RevokeQueue = "onchain"

// RevokeArgs is the job that publishes one revoked attestation onchain.
type RevokeArgs struct {
	UID string `json:"uid"`
}

// Kind implements river.JobArgs.
func (RevokeArgs) Kind() string { return RevokeKind }

// InsertOpts implements river.JobArgsWithInsertOpts: the jobs go to RevokeQueue.
func (RevokeArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: RevokeQueue} }

// Publisher is the River worker of the gateway's revocation jobs: it revokes the
// attestation on every registry of the attestation's chain. It is idempotent: a registry
// that already has the revocation is skipped, so a job that ran halfway, or twice, does
// no harm.
type Publisher struct {
	river.WorkerDefaults[RevokeArgs]
	store  storage.AttestationStore
	chains map[uint64]Chain
	log    *slog.Logger
	// PollInterval is how often a sent transaction's receipt is looked for.
	PollInterval time.Duration
}

// NewPublisher returns a publisher for the configured chains. Attestations of other
// chains have nothing to publish.
func NewPublisher(store storage.AttestationStore, chains map[uint64]Chain, log *slog.Logger) *Publisher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Publisher{store: store, chains: chains, log: log, PollInterval: 2 * time.Second}
}

// Work runs one revocation job with Publish.
func (p *Publisher) Work(ctx context.Context, job *river.Job[RevokeArgs]) error {
	return p.Publish(ctx, job.Args.UID)
}

// Publish publishes the revocation of the attestation uid. It returns nil when every
// registry of the attestation's chain has it (or the chain has none configured), a
// river.JobCancel error when the attestation is unknown or unreadable (no retry can fix
// that), and any other error (an RPC failure, a reverted or unmined transaction) to be
// retried.
func (p *Publisher) Publish(ctx context.Context, uid string) error {
	rec, err := p.store.GetAttestation(ctx, uid)
	if errors.Is(err, storage.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("verifier: revoke %s: no such attestation", uid))
	}
	if err != nil {
		return fmt.Errorf("verifier: revoke %s: %w", uid, err)
	}
	chain, ok := p.chains[rec.ChainID]
	if !ok || len(chain.Registries) == 0 {
		p.log.InfoContext(ctx, "no onchain registry configured for the attestation's chain; nothing to publish",
			"uid", uid, "chain_id", rec.ChainID)
		return nil
	}
	pkg, err := eas.ParsePackage(rec.Package)
	if err != nil {
		return river.JobCancel(fmt.Errorf("verifier: revoke %s: stored package: %w", uid, err))
	}
	digest := Digest(pkg)
	for _, registry := range chain.Registries {
		if err := p.revokeOn(ctx, chain, registry, digest); err != nil {
			return fmt.Errorf("verifier: revoke %s on chain %d registry %s: %w", uid, chain.ChainID, registry.Hex(), err)
		}
	}
	p.log.InfoContext(ctx, "attestation revoked onchain", "uid", uid, "chain_id", chain.ChainID,
		"registries", len(chain.Registries))
	return nil
}

// revokeOn revokes digest on one registry unless it already is, and waits for the receipt.
func (p *Publisher) revokeOn(ctx context.Context, chain Chain, registry common.Address, digest common.Hash) error {
	c := NewContract(registry, chain.Backend)
	done, err := c.IsRevoked(ctx, digest)
	if err != nil {
		return err
	}
	if done {
		return nil
	}
	opts := bind.NewKeyedTransactor(chain.Key, new(big.Int).SetUint64(chain.ChainID))
	opts.Context = ctx
	tx, err := c.Revoke(opts, digest)
	if err != nil {
		return err
	}
	receipt, err := p.waitMined(ctx, chain.Backend, tx)
	if err != nil {
		return fmt.Errorf("transaction %s: %w", tx.Hash().Hex(), err)
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("transaction %s reverted", tx.Hash().Hex())
	}
	p.log.InfoContext(ctx, "revocation mined", "chain_id", chain.ChainID, "registry", registry.Hex(),
		"tx", tx.Hash().Hex(), "gas_used", receipt.GasUsed)
	return nil
}

// waitMined polls for tx's receipt until it is there or ctx is done (the job runner
// bounds each job's time; an unmined transaction is retried, and the retry sees whether it
// landed meanwhile).
func (p *Publisher) waitMined(ctx context.Context, b Backend, tx *types.Transaction) (*types.Receipt, error) {
	var timer *time.Timer
	for {
		r, err := b.TransactionReceipt(ctx, tx.Hash())
		if err == nil {
			return r, nil
		}
		if !isNotFound(err) {
			return nil, err
		}
		if timer == nil {
			timer = time.NewTimer(p.PollInterval)
			defer timer.Stop()
		} else {
			timer.Reset(p.PollInterval)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("not mined yet: %w", ctx.Err())
		case <-timer.C:
		}
	}
}

// RevokerAddress is the address of a revoker key, to add as a revoker on registries.
func RevokerAddress(key *ecdsa.PrivateKey) common.Address {
	return crypto.PubkeyToAddress(key.PublicKey)
}
