-- +goose Up
-- Times are TEXT in one fixed-width UTC form (2006-01-02T15:04:05.000000Z), so they sort
-- and compare as strings; rowid gives insertion order where PostgreSQL uses seq.
CREATE TABLE tenants (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    webhook_url    TEXT NOT NULL DEFAULT '',
    webhook_secret BLOB,
    rules          TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id   TEXT NOT NULL,
    prefix     TEXT NOT NULL,
    hash       BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_keys_owner ON api_keys (owner_kind, owner_id);

CREATE TABLE subjects (
    id                   TEXT PRIMARY KEY,
    created_at           TEXT NOT NULL,
    tenant_id            TEXT NOT NULL DEFAULT '',
    external_customer_id TEXT NOT NULL DEFAULT '',
    approved_level       INTEGER NOT NULL DEFAULT 0,
    approved_at          TEXT,
    country              TEXT NOT NULL DEFAULT '',
    over18               INTEGER NOT NULL DEFAULT 0,
    blocked              INTEGER NOT NULL DEFAULT 0,
    updated_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX subjects_customer ON subjects (tenant_id, external_customer_id)
    WHERE external_customer_id <> '';

CREATE TABLE wallets (
    address    TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects (id),
    linked_at  TEXT NOT NULL
);
CREATE INDEX wallets_subject ON wallets (subject_id);

CREATE TABLE siwe_nonces (
    value      TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX siwe_nonces_expiry ON siwe_nonces (expires_at);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    subject_id TEXT NOT NULL REFERENCES subjects (id),
    address    TEXT NOT NULL,
    chain_id   BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE verifications (
    id              TEXT PRIMARY KEY,
    subject_id      TEXT NOT NULL REFERENCES subjects (id),
    tenant_id       TEXT NOT NULL DEFAULT '',
    mode            TEXT NOT NULL,
    provider        TEXT NOT NULL,
    provider_ref    TEXT NOT NULL DEFAULT '',
    level           INTEGER NOT NULL,
    status          TEXT NOT NULL,
    reject_type     TEXT NOT NULL DEFAULT '',
    flow_token_hash BLOB,
    data            BLOB,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX verifications_subject ON verifications (subject_id, created_at);
CREATE INDEX verifications_status ON verifications (status, updated_at);
CREATE UNIQUE INDEX verifications_flow_token ON verifications (flow_token_hash)
    WHERE flow_token_hash IS NOT NULL;

CREATE TABLE provider_events (
    id              TEXT PRIMARY KEY,
    provider        TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    verification_id TEXT NOT NULL DEFAULT '',
    payload         BLOB,
    received_at     TEXT NOT NULL,
    processed_at    TEXT,
    UNIQUE (provider, event_id)
);

CREATE TABLE screenings (
    address    TEXT NOT NULL,
    source     TEXT NOT NULL,
    risk       INTEGER NOT NULL,
    flagged    INTEGER NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    checked_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (address, source)
);

CREATE TABLE attestations (
    uid               TEXT PRIMARY KEY,
    subject_id        TEXT NOT NULL REFERENCES subjects (id),
    recipient         TEXT NOT NULL,
    chain_id          BIGINT NOT NULL,
    signer            TEXT NOT NULL,
    package           BLOB NOT NULL,
    issued_at         TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    revoked_at        TEXT,
    revocation_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attestations_subject ON attestations (subject_id, issued_at);

CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    dedup_key    TEXT,
    ordering_key TEXT NOT NULL DEFAULT '',
    payload      BLOB,
    state        TEXT NOT NULL,
    due_at       TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    locked_by    TEXT NOT NULL DEFAULT '',
    locked_until TEXT,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    finished_at  TEXT,
    UNIQUE (kind, dedup_key)
);
CREATE INDEX jobs_due ON jobs (kind, state, due_at);
CREATE INDEX jobs_ordering ON jobs (ordering_key) WHERE ordering_key <> '';

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON audit_log (entity_kind, entity_id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE jobs;
DROP TABLE attestations;
DROP TABLE screenings;
DROP TABLE provider_events;
DROP TABLE verifications;
DROP TABLE sessions;
DROP TABLE siwe_nonces;
DROP TABLE wallets;
DROP TABLE subjects;
DROP TABLE api_keys;
DROP TABLE tenants;
