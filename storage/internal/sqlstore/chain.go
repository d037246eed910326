package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const onchainColumns = `chain_id, registry, digest, uid, state, tx_hash, created_at, mined_at`

func scanOnchain(r Row) (v storage.OnchainRevocation, err error) {
	var chainID int64
	err = r.Scan(&chainID, &v.Registry, &v.Digest, &v.UID, &v.State, &v.TxHash, &v.CreatedAt, &v.MinedAt)
	v.ChainID = uint64(chainID)
	return v, err
}

const batchColumns = `tx_hash, chain_id, registry, sender, nonce, raw_tx, size, sent_at`

func scanBatch(r Row) (b storage.RevocationBatch, err error) {
	var chainID, nonce int64
	err = r.Scan(&b.TxHash, &chainID, &b.Registry, &b.Sender, &nonce, &b.RawTx, &b.Size, &b.SentAt)
	b.ChainID, b.Nonce = uint64(chainID), uint64(nonce)
	return b, err
}

// AddOnchainRevocations implements storage.ChainStore.
func (s *Store) AddOnchainRevocations(ctx context.Context, rs []storage.OnchainRevocation) error {
	return s.tx(ctx, func(q Querier) error {
		for _, r := range rs {
			if _, err := q.Exec(ctx, `INSERT INTO onchain_revocations (`+onchainColumns+`)
VALUES ($1, $2, $3, $4, $5, '', $6, NULL) ON CONFLICT (chain_id, registry, digest) DO NOTHING`,
				int64(r.ChainID), storage.NormalizeAddress(r.Registry), r.Digest, r.UID, storage.OnchainPending,
				micro(r.CreatedAt)); err != nil {
				return fmt.Errorf("add onchain revocation: %w", s.d.MapError(err))
			}
		}
		return nil
	})
}

// ListOnchainRevocations implements storage.ChainStore.
func (s *Store) ListOnchainRevocations(ctx context.Context, uid string) ([]storage.OnchainRevocation, error) {
	return many(ctx, s, "list onchain revocations", scanOnchain,
		`SELECT `+onchainColumns+` FROM onchain_revocations WHERE uid = $1 ORDER BY chain_id, registry`, uid)
}

// PendingOnchainRevocations implements storage.ChainStore.
func (s *Store) PendingOnchainRevocations(ctx context.Context, chainID uint64, registry string, limit int) ([]storage.OnchainRevocation, error) {
	return many(ctx, s, "pending onchain revocations", scanOnchain, `SELECT `+onchainColumns+` FROM onchain_revocations
WHERE chain_id = $1 AND registry = $2 AND state = $3 ORDER BY created_at, digest LIMIT $4`,
		int64(chainID), storage.NormalizeAddress(registry), storage.OnchainPending, limit)
}

// MarkOnchainRevoked implements storage.ChainStore.
func (s *Store) MarkOnchainRevoked(ctx context.Context, chainID uint64, registry string, digests []string, at time.Time) error {
	return s.tx(ctx, func(q Querier) error {
		for _, d := range digests {
			if _, err := q.Exec(ctx, `UPDATE onchain_revocations SET state = $4, mined_at = $5
WHERE chain_id = $1 AND registry = $2 AND digest = $3 AND state <> $4`,
				int64(chainID), storage.NormalizeAddress(registry), d, storage.OnchainMined, micro(at)); err != nil {
				return fmt.Errorf("mark onchain revoked: %w", s.d.MapError(err))
			}
		}
		return nil
	})
}

// RecordRevocationBatch implements storage.ChainStore. The lease check and renewal is
// the first statement of the transaction, so on PostgreSQL it also takes the lease row's
// lock until the batch is recorded.
func (s *Store) RecordRevocationBatch(ctx context.Context, b storage.RevocationBatch, digests []string, holder string, ttl time.Duration) error {
	b.Registry, b.Sender, b.SentAt = storage.NormalizeAddress(b.Registry), storage.NormalizeAddress(b.Sender), micro(b.SentAt)
	return s.tx(ctx, func(q Querier) error {
		n, err := q.Exec(ctx, `UPDATE chain_senders SET lease_until = $5
WHERE chain_id = $1 AND sender = $2 AND holder = $3 AND lease_until > $4`,
			int64(b.ChainID), b.Sender, holder, b.SentAt, micro(b.SentAt.Add(ttl)))
		if err != nil {
			return fmt.Errorf("record revocation batch: lease: %w", s.d.MapError(err))
		}
		if n == 0 {
			return fmt.Errorf("record revocation batch: sender lease of %s on chain %d not held: %w", b.Sender, b.ChainID, storage.ErrConflict)
		}
		if _, err := q.Exec(ctx, `INSERT INTO onchain_revocation_batches (`+batchColumns+`, state, settled_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', NULL)`,
			b.TxHash, int64(b.ChainID), b.Registry, b.Sender, int64(b.Nonce), b.RawTx, b.Size, b.SentAt); err != nil {
			return fmt.Errorf("record revocation batch: %w", s.d.MapError(err))
		}
		for _, d := range digests {
			n, err := q.Exec(ctx, `UPDATE onchain_revocations SET state = $4, tx_hash = $5
WHERE chain_id = $1 AND registry = $2 AND digest = $3 AND state = $6`,
				int64(b.ChainID), b.Registry, d, storage.OnchainSent, b.TxHash, storage.OnchainPending)
			if err != nil {
				return fmt.Errorf("record revocation batch: %w", s.d.MapError(err))
			}
			if n == 0 {
				return fmt.Errorf("record revocation batch: %s is not pending: %w", d, storage.ErrConflict)
			}
		}
		return nil
	})
}

// OpenRevocationBatches implements storage.ChainStore.
func (s *Store) OpenRevocationBatches(ctx context.Context, chainID uint64, sender string) ([]storage.RevocationBatch, error) {
	return many(ctx, s, "open revocation batches", scanBatch, `SELECT `+batchColumns+` FROM onchain_revocation_batches
WHERE chain_id = $1 AND sender = $2 AND state = 'open' ORDER BY nonce, sent_at`, int64(chainID), storage.NormalizeAddress(sender))
}

// SettleRevocationBatch implements storage.ChainStore.
func (s *Store) SettleRevocationBatch(ctx context.Context, txHash string, mined bool, at time.Time) error {
	at = micro(at)
	return s.tx(ctx, func(q Querier) error {
		state := "dropped"
		if mined {
			state = "mined"
		}
		n, err := q.Exec(ctx, `UPDATE onchain_revocation_batches SET state = $2, settled_at = $3 WHERE tx_hash = $1 AND state = 'open'`,
			txHash, state, at)
		if err != nil {
			return fmt.Errorf("settle revocation batch: %w", s.d.MapError(err))
		}
		if n == 0 {
			if _, err := one(ctx, s, q, "settle revocation batch", scanBatch,
				`SELECT `+batchColumns+` FROM onchain_revocation_batches WHERE tx_hash = $1`, txHash); err != nil {
				return err
			}
			return fmt.Errorf("settle revocation batch %s: already settled: %w", txHash, storage.ErrConflict)
		}
		if mined {
			_, err = q.Exec(ctx, `UPDATE onchain_revocations SET state = $2, mined_at = $3 WHERE tx_hash = $1 AND state = $4`,
				txHash, storage.OnchainMined, at, storage.OnchainSent)
		} else {
			_, err = q.Exec(ctx, `UPDATE onchain_revocations SET state = $2, tx_hash = '' WHERE tx_hash = $1 AND state = $3`,
				txHash, storage.OnchainPending, storage.OnchainSent)
		}
		if err != nil {
			return fmt.Errorf("settle revocation batch: %w", s.d.MapError(err))
		}
		return nil
	})
}

// AcquireChainSender implements storage.ChainStore: one conditional upsert, so two
// replicas racing for a free or expired lease cannot both win.
func (s *Store) AcquireChainSender(ctx context.Context, chainID uint64, sender, holder string, now time.Time, ttl time.Duration) (bool, error) {
	n, err := s.q.Exec(ctx, `INSERT INTO chain_senders (chain_id, sender, holder, lease_until) VALUES ($1, $2, $3, $5)
ON CONFLICT (chain_id, sender) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
WHERE chain_senders.holder = excluded.holder OR chain_senders.lease_until <= $4`,
		int64(chainID), storage.NormalizeAddress(sender), holder, micro(now), micro(now.Add(ttl)))
	if err != nil {
		return false, fmt.Errorf("acquire chain sender: %w", s.d.MapError(err))
	}
	return n == 1, nil
}

// ReleaseChainSender implements storage.ChainStore.
func (s *Store) ReleaseChainSender(ctx context.Context, chainID uint64, sender, holder string) error {
	if _, err := s.q.Exec(ctx, `DELETE FROM chain_senders WHERE chain_id = $1 AND sender = $2 AND holder = $3`,
		int64(chainID), storage.NormalizeAddress(sender), holder); err != nil {
		return fmt.Errorf("release chain sender: %w", s.d.MapError(err))
	}
	return nil
}
