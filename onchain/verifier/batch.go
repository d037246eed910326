package verifier

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/storage"
)

// flush, run while holding the sender lease, settles the sender's open batches, then
// sends the pending revocations of each registry of chain, BatchSize at a time, until
// none is pending.
func (p *Publisher) flush(ctx context.Context, chain Chain, sender common.Address, holder string) error {
	open, err := p.store.OpenRevocationBatches(ctx, chain.ChainID, sender.Hex())
	if err != nil {
		return err
	}
	for _, b := range open {
		if err := p.reconcile(ctx, chain, sender, b); err != nil {
			return fmt.Errorf("batch %s: %w", b.TxHash, err)
		}
	}
	for _, registry := range chain.Registries {
		for {
			rows, err := p.store.PendingOnchainRevocations(ctx, chain.ChainID, registry.Hex(), max(p.BatchSize, 1))
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				break
			}
			if err := p.sendBatch(ctx, chain, registry, sender, holder, rows); err != nil {
				return fmt.Errorf("registry %s: %w", registry.Hex(), err)
			}
		}
	}
	return nil
}

// sendBatch revokes rows on registry in one revokeMany transaction. Rows the registry
// already has (a revokedAt read) are marked without one. The signed transaction is
// recorded, with the lease checked and renewed, before it is sent; a failed send leaves
// the batch open for reconcile.
func (p *Publisher) sendBatch(ctx context.Context, chain Chain, registry, sender common.Address, holder string,
	rows []storage.OnchainRevocation) error {
	c := NewContract(registry, chain.Backend)
	var todo []common.Hash
	var already []string
	for _, r := range rows {
		d := common.HexToHash(r.Digest)
		at, err := c.RevokedAt(ctx, d)
		if err != nil {
			return err
		}
		if at != 0 {
			already = append(already, r.Digest)
		} else {
			todo = append(todo, d)
		}
	}
	if len(already) > 0 {
		if err := p.store.MarkOnchainRevoked(ctx, chain.ChainID, registry.Hex(), already, p.now()); err != nil {
			return err
		}
	}
	if len(todo) == 0 {
		return nil
	}
	nonce, err := chain.Backend.PendingNonceAt(ctx, sender)
	if err != nil {
		return err
	}
	opts := bind.NewKeyedTransactor(chain.Key, new(big.Int).SetUint64(chain.ChainID))
	opts.Context, opts.Nonce, opts.NoSend = ctx, new(big.Int).SetUint64(nonce), true
	tx, err := c.RevokeMany(opts, todo)
	if err != nil {
		return err
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		return err
	}
	b := storage.RevocationBatch{TxHash: tx.Hash().Hex(), ChainID: chain.ChainID, Registry: registry.Hex(),
		Sender: sender.Hex(), Nonce: nonce, RawTx: raw, Size: len(todo), SentAt: p.now()}
	digests := make([]string, len(todo))
	for i, d := range todo {
		digests[i] = d.Hex()
	}
	if err := p.store.RecordRevocationBatch(ctx, b, digests, holder, p.LeaseTTL); err != nil {
		return err
	}
	if err := chain.Backend.SendTransaction(ctx, tx); err != nil && !alreadyKnown(err) {
		return fmt.Errorf("send transaction %s (recorded; the next flush settles it): %w", b.TxHash, err)
	}
	return p.settle(ctx, chain, b)
}

// reconcile settles a batch recorded by an earlier flush whose outcome was not recorded
// (the sender crashed or the send failed): mined, its receipt settles it; unknown to the
// chain with its nonce still unused, the same signed transaction is sent again; its
// nonce used by another transaction, it can never be mined, so the registry's revokedAt
// says which of its revocations are there and the rest go back to pending.
func (p *Publisher) reconcile(ctx context.Context, chain Chain, sender common.Address, b storage.RevocationBatch) error {
	hash := common.HexToHash(b.TxHash)
	r, err := chain.Backend.TransactionReceipt(ctx, hash)
	if err == nil {
		return p.settleReceipt(ctx, chain, b, r)
	}
	if !isNotFound(err) {
		return err
	}
	confirmed, err := chain.Backend.NonceAt(ctx, sender, nil)
	if err != nil {
		return err
	}
	if confirmed > b.Nonce {
		return p.dropBatch(ctx, chain, b)
	}
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(b.RawTx); err != nil {
		return fmt.Errorf("recorded transaction: %w", err)
	}
	if err := chain.Backend.SendTransaction(ctx, tx); err != nil && !alreadyKnown(err) && !nonceTooLow(err) {
		return fmt.Errorf("send again: %w", err)
	}
	return p.settle(ctx, chain, b)
}

// dropBatch settles a batch that will never be mined: what the registry already has
// (revokedAt) is marked mined, the rest goes back to pending.
func (p *Publisher) dropBatch(ctx context.Context, chain Chain, b storage.RevocationBatch) error {
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(b.RawTx); err != nil {
		return fmt.Errorf("recorded transaction: %w", err)
	}
	digests, err := revokeManyDigests(tx.Data())
	if err != nil {
		return err
	}
	registry := common.HexToAddress(b.Registry)
	c := NewContract(registry, chain.Backend)
	var there []string
	for _, d := range digests {
		at, err := c.RevokedAt(ctx, d)
		if err != nil {
			return err
		}
		if at != 0 {
			there = append(there, d.Hex())
		}
	}
	if len(there) > 0 {
		if err := p.store.MarkOnchainRevoked(ctx, chain.ChainID, b.Registry, there, p.now()); err != nil {
			return err
		}
	}
	p.log.WarnContext(ctx, "revocation batch replaced onchain; its revocations not found onchain go back to pending",
		"chain_id", chain.ChainID, "tx", b.TxHash, "nonce", b.Nonce, "found", len(there), "size", b.Size)
	return p.store.SettleRevocationBatch(ctx, b.TxHash, false, p.now())
}

// settle waits for b's receipt and records its outcome.
func (p *Publisher) settle(ctx context.Context, chain Chain, b storage.RevocationBatch) error {
	r, err := p.waitMined(ctx, chain.Backend, common.HexToHash(b.TxHash))
	if err != nil {
		return fmt.Errorf("transaction %s: %w", b.TxHash, err)
	}
	return p.settleReceipt(ctx, chain, b, r)
}

func (p *Publisher) settleReceipt(ctx context.Context, chain Chain, b storage.RevocationBatch, r *types.Receipt) error {
	ok := r.Status == types.ReceiptStatusSuccessful
	if err := p.store.SettleRevocationBatch(ctx, b.TxHash, ok, p.now()); err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("transaction %s reverted", b.TxHash)
	}
	p.log.InfoContext(ctx, "revocation batch mined", "chain_id", chain.ChainID, "registry", b.Registry,
		"tx", b.TxHash, "size", b.Size, "gas_used", r.GasUsed)
	return nil
}

// revokeManyDigests decodes the digests of revokeMany calldata.
func revokeManyDigests(data []byte) ([]common.Hash, error) {
	m, ok := contracts.NewKYCVerifier().GetABI().Methods["revokeMany"]
	if !ok || len(data) < 4 || string(data[:4]) != string(m.ID) {
		return nil, errors.New("recorded transaction is not a revokeMany call")
	}
	args, err := m.Inputs.Unpack(data[4:])
	if err != nil {
		return nil, fmt.Errorf("recorded transaction: %w", err)
	}
	raw, ok := args[0].([][32]byte)
	if !ok {
		return nil, errors.New("recorded transaction: unexpected revokeMany arguments")
	}
	out := make([]common.Hash, len(raw))
	for i, d := range raw {
		out[i] = d
	}
	return out, nil
}

// alreadyKnown reports a node refusing a transaction it already has in its pool.
func alreadyKnown(err error) bool { return strings.Contains(err.Error(), "already known") }

// nonceTooLow reports a transaction whose nonce was used meanwhile (it may be this one,
// mined since).
func nonceTooLow(err error) bool { return strings.Contains(err.Error(), "nonce too low") }
