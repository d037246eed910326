-- +goose Up
-- Background work runs on River, whose tables River's own migrations create (run by the
-- same `kycgate migrate up`, before these). The generic jobs table goes. Its pending rows
-- are not carried over: the upgrade refuses to run until the previous release has
-- drained them (README, "Upgrading to River").
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM jobs WHERE state = 'pending') THEN
        RAISE EXCEPTION 'kycgate: the jobs table still holds pending jobs: let the previous release finish them before upgrading (README, "Upgrading to River")';
    END IF;
END
$$;
-- +goose StatementEnd
DROP TABLE jobs;

-- Outbound events ordered per key (tenant webhooks: tenant:subject). outbox_keys holds
-- each key's last sequence number; appending upserts it, which locks the key.
CREATE TABLE outbox_keys (
    key      TEXT PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
CREATE TABLE outbox (
    id          TEXT PRIMARY KEY,
    key         TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    payload     BYTEA NOT NULL,
    job_id      BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    outcome     TEXT NOT NULL DEFAULT '',
    UNIQUE (key, seq)
);
CREATE INDEX outbox_unfinished ON outbox (key, seq) WHERE finished_at IS NULL;
CREATE INDEX outbox_finished ON outbox (finished_at) WHERE finished_at IS NOT NULL;

-- Operators: who may see and retry background jobs (API keys with owner_kind operator).
CREATE TABLE operators (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE operators;
DROP TABLE outbox;
DROP TABLE outbox_keys;
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    dedup_key    TEXT,
    ordering_key TEXT NOT NULL DEFAULT '',
    payload      BYTEA,
    state        TEXT NOT NULL,
    due_at       TIMESTAMPTZ NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    locked_by    TEXT NOT NULL DEFAULT '',
    locked_until TIMESTAMPTZ,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    seq          BIGSERIAL,
    finished_at  TIMESTAMPTZ,
    UNIQUE (kind, dedup_key)
);
CREATE INDEX jobs_due ON jobs (kind, state, due_at);
CREATE INDEX jobs_ordering ON jobs (ordering_key, seq) WHERE ordering_key <> '';
