package storage

import (
	"context"
	"time"
)

// ChainStore keeps the onchain revocation pipeline: which attestation still has to be
// revoked on which registry, the batch transactions that carry them, and the lease that
// lets one gateway replica at a time send transactions from one revoker key.
type ChainStore interface {
	// AddOnchainRevocations records revocations to publish as OnchainPending; a row that
	// already exists for the same chain, registry and digest is kept as it is (a job that
	// runs twice adds nothing).
	AddOnchainRevocations(ctx context.Context, rs []OnchainRevocation) error
	// ListOnchainRevocations returns the rows of one attestation, by registry.
	ListOnchainRevocations(ctx context.Context, uid string) ([]OnchainRevocation, error)
	// PendingOnchainRevocations returns up to limit pending rows of one registry of a
	// chain, oldest first.
	PendingOnchainRevocations(ctx context.Context, chainID uint64, registry string, limit int) ([]OnchainRevocation, error)
	// MarkOnchainRevoked marks rows of one registry mined at `at` (the registry already has
	// them revoked: found by a revokedAt read). Rows already mined are left alone.
	MarkOnchainRevoked(ctx context.Context, chainID uint64, registry string, digests []string, at time.Time) error
	// RecordRevocationBatch records a signed batch transaction before it is sent and
	// marks its rows OnchainSent with its hash, if holder still holds the sender lease of
	// (b.ChainID, b.Sender) at b.SentAt; the lease is renewed until b.SentAt+ttl. It
	// returns ErrConflict, recording nothing, when the lease is lost or a row is no
	// longer pending.
	RecordRevocationBatch(ctx context.Context, b RevocationBatch, digests []string, holder string, ttl time.Duration) error
	// OpenRevocationBatches returns the batches of a sender on a chain that were recorded
	// and not yet settled, by nonce.
	OpenRevocationBatches(ctx context.Context, chainID uint64, sender string) ([]RevocationBatch, error)
	// SettleRevocationBatch closes a batch: mined marks its rows mined at `at`; otherwise
	// (reverted, or dropped and never to be mined) its rows go back to pending. Settling
	// a batch twice returns ErrConflict; an unknown one ErrNotFound.
	SettleRevocationBatch(ctx context.Context, txHash string, mined bool, at time.Time) error
	// AcquireChainSender takes the sender lease of (chainID, sender) for holder until
	// now+ttl when it is free, expired or already holder's, and reports whether holder
	// has it.
	AcquireChainSender(ctx context.Context, chainID uint64, sender, holder string, now time.Time, ttl time.Duration) (bool, error)
	// ReleaseChainSender gives the lease up if holder has it; otherwise it does nothing.
	ReleaseChainSender(ctx context.Context, chainID uint64, sender, holder string) error
}

// OnchainState is where an onchain revocation is in its pipeline.
type OnchainState string

// The states of an OnchainRevocation.
const (
	// OnchainPending: waiting for a batch.
	OnchainPending OnchainState = "pending"
	// OnchainSent: in a batch transaction that was signed, recorded and (maybe) sent.
	OnchainSent OnchainState = "sent"
	// OnchainMined: revoked on the registry.
	OnchainMined OnchainState = "mined"
)

// OnchainRevocation is one attestation to revoke on one registry of one chain.
type OnchainRevocation struct {
	ChainID uint64
	// Registry is the registry's address, lower-case 0x-hex.
	Registry string
	// Digest is the attestation's EIP-712 digest (the registry's key), 0x-hex.
	Digest string
	// UID is the attestation's offchain UID.
	UID   string
	State OnchainState
	// TxHash is the batch transaction that carries it, once sent.
	TxHash    string
	CreatedAt time.Time
	MinedAt   *time.Time
}

// RevocationBatch is one revokeMany transaction of a sender.
type RevocationBatch struct {
	// TxHash is the signed transaction's hash, 0x-hex.
	TxHash  string
	ChainID uint64
	// Registry is the contract called, lower-case 0x-hex.
	Registry string
	// Sender is the revoker address that signed it, lower-case 0x-hex.
	Sender string
	Nonce  uint64
	// RawTx is the signed transaction (its binary encoding), to broadcast it again after
	// a crash.
	RawTx []byte
	// Size is how many revocations it carries.
	Size   int
	SentAt time.Time
}
