-- +goose Up
-- Onchain revocations are batched per chain and registry (revokeMany). Each row is one
-- attestation to revoke on one registry: pending, then sent in a batch transaction, then
-- mined. A batch's signed transaction is recorded before it is sent, so a crash between
-- sending and recording the outcome is reconciled (receipt, rebroadcast of the same
-- transaction, revokedAt reads) instead of lost or sent twice.
CREATE TABLE onchain_revocations (
    chain_id   BIGINT NOT NULL,
    registry   TEXT NOT NULL,
    digest     TEXT NOT NULL,
    uid        TEXT NOT NULL,
    state      TEXT NOT NULL,
    tx_hash    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    mined_at   TIMESTAMPTZ,
    PRIMARY KEY (chain_id, registry, digest)
);
CREATE INDEX onchain_revocations_state ON onchain_revocations (chain_id, registry, state, created_at);
CREATE INDEX onchain_revocations_uid ON onchain_revocations (uid);
CREATE INDEX onchain_revocations_tx ON onchain_revocations (tx_hash);

CREATE TABLE onchain_revocation_batches (
    tx_hash  TEXT PRIMARY KEY,
    chain_id BIGINT NOT NULL,
    registry TEXT NOT NULL,
    sender   TEXT NOT NULL,
    nonce    BIGINT NOT NULL,
    raw_tx   BYTEA NOT NULL,
    size     INTEGER NOT NULL,
    state    TEXT NOT NULL,
    sent_at  TIMESTAMPTZ NOT NULL,
    settled_at TIMESTAMPTZ
);
CREATE INDEX onchain_revocation_batches_open ON onchain_revocation_batches (chain_id, sender, state, nonce);

-- One sender per (chain, revoker address) at a time, across replicas: a lease taken by
-- compare-and-swap and renewed before every transaction, so nonces never collide.
CREATE TABLE chain_senders (
    chain_id    BIGINT NOT NULL,
    sender      TEXT NOT NULL,
    holder      TEXT NOT NULL,
    lease_until TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chain_id, sender)
);

-- +goose Down
DROP TABLE chain_senders;
DROP TABLE onchain_revocation_batches;
DROP TABLE onchain_revocations;
