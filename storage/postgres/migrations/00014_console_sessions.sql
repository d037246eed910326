-- +goose Up
-- Browser sessions of the reviewer back office (/review) and the operator pages (/admin):
-- the SHA-256 of a random token (the token itself lives only in the HttpOnly cookie), who
-- it is (role, the owner and the API key it was opened with, which must stay live), its
-- CSRF token, and its idle and absolute bounds.
CREATE TABLE console_sessions (
    token_hash   BYTEA PRIMARY KEY,
    role         TEXT NOT NULL,
    owner_id     TEXT NOT NULL,
    api_key_id   TEXT NOT NULL REFERENCES api_keys(id),
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX console_sessions_key ON console_sessions (api_key_id);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- +goose Down
DROP TABLE console_sessions;
