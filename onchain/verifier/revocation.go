package verifier

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"time"

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

// Defaults of the Publisher's tunables.
const (
	// DefaultBatchSize bounds the revocations of one revokeMany transaction (about 25,000
	// gas each; `make gas` measures it).
	DefaultBatchSize = 100
	// DefaultLeaseTTL is how long the sender lease lasts unless renewed; it is renewed
	// before every transaction and must outlast one job run (queue.JobTimeout).
	DefaultLeaseTTL = 5 * time.Minute
	// DefaultBusySnooze is when a job whose chain's sender is busy elsewhere looks again
	// (by then the busy sender has usually put its revocation in a batch).
	DefaultBusySnooze = 15 * time.Second
)

// ErrSenderBusy is returned by Publish when another publisher (another replica, or
// another job of this one) holds the chain's sender lease. The revocation is recorded as
// pending, and that sender's flush will batch it; Work snoozes the job.
var ErrSenderBusy = errors.New("verifier: the chain's revocation sender is busy")

// Store is what the publisher keeps: the attestations and the onchain revocation rows,
// batches and sender lease.
type Store interface {
	storage.AttestationStore
	storage.ChainStore
}

// Publisher is the River worker of the gateway's revocation jobs. A job records its
// attestation as pending on every registry of the attestation's chain, then, holding
// the sender lease of the chain's revoker key (storage.ChainStore.AcquireChainSender: one
// sender per key across replicas, so nonces never collide), flushes the chain: it
// settles batches a previous sender left open, then sends the pending revocations of
// each registry in revokeMany transactions of at most BatchSize, until none is pending.
// A job that finds the lease taken snoozes: the holder batches its revocation. Each
// batch's signed transaction is recorded before it is sent, so a crash after sending is
// reconciled (receipt, rebroadcast of the same transaction, revokedAt reads), never
// revoked twice nor lost.
type Publisher struct {
	river.WorkerDefaults[RevokeArgs]
	store  Store
	chains map[uint64]Chain
	log    *slog.Logger
	// PollInterval is how often a sent transaction's receipt is looked for.
	PollInterval time.Duration
	// BatchSize bounds the revocations of one transaction (DefaultBatchSize).
	BatchSize int
	// LeaseTTL is the sender lease's duration (DefaultLeaseTTL).
	LeaseTTL time.Duration
	// BusySnooze is how long a job waits when the sender is busy (DefaultBusySnooze).
	BusySnooze time.Duration
	// Now is the clock of the lease and the records; nil means time.Now.
	Now func() time.Time
}

// NewPublisher returns a publisher for the configured chains. Attestations of other
// chains have nothing to publish.
func NewPublisher(store Store, chains map[uint64]Chain, log *slog.Logger) *Publisher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Publisher{store: store, chains: chains, log: log, PollInterval: 2 * time.Second,
		BatchSize: DefaultBatchSize, LeaseTTL: DefaultLeaseTTL, BusySnooze: DefaultBusySnooze}
}

// Work runs one revocation job with Publish, snoozing it while the sender is busy.
func (p *Publisher) Work(ctx context.Context, job *river.Job[RevokeArgs]) error {
	err := p.Publish(ctx, job.Args.UID)
	if errors.Is(err, ErrSenderBusy) {
		p.log.DebugContext(ctx, "revocation sender busy; the revocation waits for its batch", "uid", job.Args.UID)
		return river.JobSnooze(p.BusySnooze)
	}
	return err
}

func (p *Publisher) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Publish publishes the revocation of the attestation uid. It returns nil when every
// registry of the attestation's chain has it (or the chain has none configured),
// ErrSenderBusy when another publisher holds the chain's sender, a river.JobCancel error
// when the attestation is unknown or unreadable (no retry can fix that), and any other
// error (an RPC failure, a reverted or unmined transaction) to be retried.
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
	digest := Digest(pkg).Hex()
	rows := make([]storage.OnchainRevocation, len(chain.Registries))
	for i, registry := range chain.Registries {
		rows[i] = storage.OnchainRevocation{ChainID: chain.ChainID, Registry: registry.Hex(), Digest: digest, UID: uid,
			CreatedAt: p.now()}
	}
	if err := p.store.AddOnchainRevocations(ctx, rows); err != nil {
		return fmt.Errorf("verifier: revoke %s: %w", uid, err)
	}
	if done, err := p.published(ctx, uid, chain); err != nil || done {
		return err
	}
	sender := RevokerAddress(chain.Key)
	holder := storage.NewID("snd")
	ok, err = p.store.AcquireChainSender(ctx, chain.ChainID, sender.Hex(), holder, p.now(), p.LeaseTTL)
	if err != nil {
		return fmt.Errorf("verifier: revoke %s: %w", uid, err)
	}
	if !ok {
		return fmt.Errorf("%w: revoke %s on chain %d", ErrSenderBusy, uid, chain.ChainID)
	}
	defer func() {
		if err := p.store.ReleaseChainSender(context.WithoutCancel(ctx), chain.ChainID, sender.Hex(), holder); err != nil {
			p.log.WarnContext(ctx, "releasing the revocation sender lease failed; it expires", "chain_id", chain.ChainID, "err", err)
		}
	}()
	if err := p.flush(ctx, chain, sender, holder); err != nil {
		return fmt.Errorf("verifier: revoke %s on chain %d: %w", uid, chain.ChainID, err)
	}
	done, err := p.published(ctx, uid, chain)
	if err != nil {
		return err
	}
	if !done {
		return fmt.Errorf("verifier: revoke %s on chain %d: not on every registry yet", uid, chain.ChainID)
	}
	p.log.InfoContext(ctx, "attestation revoked onchain", "uid", uid, "chain_id", chain.ChainID,
		"registries", len(chain.Registries))
	return nil
}

// published reports whether every registry of chain has uid revoked (mined).
func (p *Publisher) published(ctx context.Context, uid string, chain Chain) (bool, error) {
	rows, err := p.store.ListOnchainRevocations(ctx, uid)
	if err != nil {
		return false, fmt.Errorf("verifier: revoke %s: %w", uid, err)
	}
	mined := map[string]bool{}
	for _, r := range rows {
		if r.ChainID == chain.ChainID && r.State == storage.OnchainMined {
			mined[storage.NormalizeAddress(r.Registry)] = true
		}
	}
	for _, registry := range chain.Registries {
		if !mined[storage.NormalizeAddress(registry.Hex())] {
			return false, nil
		}
	}
	return true, nil
}

// waitMined polls for the receipt of hash until it is there or ctx is done (the job
// runner bounds each job's time; an unmined transaction is settled by the next flush).
func (p *Publisher) waitMined(ctx context.Context, b Backend, hash common.Hash) (*types.Receipt, error) {
	var timer *time.Timer
	for {
		r, err := b.TransactionReceipt(ctx, hash)
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
