-- +goose Up
-- KYC verifications: reviewers, the documents of the built-in manual provider, the
-- tenants a subject's result is shared with, wallet link tokens for regular-mode
-- customers, and the subject's sealed date of birth (for tenants' minimum-age rules).
ALTER TABLE subjects ADD COLUMN birth_date BYTEA;

CREATE TABLE reviewers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE subject_shares (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    subject_id TEXT NOT NULL REFERENCES subjects (id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, subject_id)
);
CREATE INDEX subject_shares_subject ON subject_shares (subject_id);

CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    verification_id TEXT NOT NULL REFERENCES verifications (id),
    kind            TEXT NOT NULL,
    doc_type        TEXT NOT NULL DEFAULT '',
    side            TEXT NOT NULL DEFAULT '',
    content_type    TEXT NOT NULL,
    size            BIGINT NOT NULL,
    data            BYTEA NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX documents_verification ON documents (verification_id, created_at);

CREATE TABLE link_tokens (
    hash       BYTEA PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX verifications_provider_status ON verifications (provider, status, updated_at);

-- +goose Down
DROP INDEX verifications_provider_status;
DROP TABLE link_tokens;
DROP TABLE documents;
DROP TABLE subject_shares;
DROP TABLE reviewers;
ALTER TABLE subjects DROP COLUMN birth_date;
