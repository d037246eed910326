-- +goose Up
-- Personal data over its whole life (issue 18).
-- erasures: one row per erased subject (when, why as a code, by whom): erasing again
-- changes nothing, retention skips it, and the subject's statuses, revocations and audit
-- trail stay.
CREATE TABLE erasures (
    subject_id TEXT PRIMARY KEY REFERENCES subjects (id),
    erased_at  TEXT NOT NULL,
    code       TEXT NOT NULL,
    actor      TEXT NOT NULL
);
-- erasure_markers: a keyed hash (HMAC-SHA256) of the normalised name and date of birth
-- of an erased blocked subject, checked at the next approval. Not reversible.
CREATE TABLE erasure_markers (
    hash       BLOB PRIMARY KEY,
    created_at TEXT NOT NULL
);
-- consents: a Web3-mode holder lets a tenant read their verified details until
-- expires_at (or until revoked).
CREATE TABLE consents (
    id         TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects (id),
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    scope      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX consents_subject ON consents (subject_id, created_at);
CREATE INDEX consents_tenant ON consents (tenant_id, subject_id);
-- reseal_cursors: how far the key-rotation job got in each sealed column (the last key
-- it re-sealed), so a restart resumes there.
CREATE TABLE reseal_cursors (
    name     TEXT PRIMARY KEY,
    last_key TEXT NOT NULL
);

-- +goose Down
DROP TABLE reseal_cursors;
DROP TABLE consents;
DROP TABLE erasure_markers;
DROP TABLE erasures;
