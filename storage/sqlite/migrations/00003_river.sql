-- +goose Up
-- Background work runs on River, whose tables River's own migrations create (run at
-- start, before these). The generic jobs table goes. Its pending rows are not carried
-- over: the upgrade refuses to run until the previous release has drained them (README,
-- "Upgrading to River"); the CHECK below fails, naming itself, when any is left.
CREATE TEMP TABLE jobs_drain_check (
    pending_jobs_must_be_drained_first_see_readme INTEGER
        CHECK (pending_jobs_must_be_drained_first_see_readme = 0)
);
INSERT INTO jobs_drain_check SELECT count(*) FROM jobs WHERE state = 'pending';
DROP TABLE jobs_drain_check;
DROP TABLE jobs;

-- Outbound events ordered per key (tenant webhooks: tenant:subject). outbox_keys holds
-- each key's last sequence number; appending upserts it.
CREATE TABLE outbox_keys (
    key      TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
);
CREATE TABLE outbox (
    id          TEXT PRIMARY KEY,
    key         TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    payload     BLOB NOT NULL,
    job_id      INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    outcome     TEXT NOT NULL DEFAULT '',
    UNIQUE (key, seq)
);
CREATE INDEX outbox_unfinished ON outbox (key, seq) WHERE finished_at IS NULL;
CREATE INDEX outbox_finished ON outbox (finished_at) WHERE finished_at IS NOT NULL;

-- Operators: who may see and retry background jobs (API keys with owner_kind operator).
CREATE TABLE operators (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
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
