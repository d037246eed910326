-- +goose Up
-- Wallet screening: the per-source cache of 00001 becomes a history (every answer or
-- failure of every source, kept for audit) and each wallet gets its combined state
-- (the last outcome and a reviewer's hold).
DROP TABLE screenings;
CREATE TABLE screenings (
    id         TEXT PRIMARY KEY,
    address    TEXT NOT NULL,
    chain_id   BIGINT NOT NULL DEFAULT 0,
    source     TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT '',
    risk       INTEGER NOT NULL DEFAULT 0,
    categories TEXT NOT NULL DEFAULT '',
    reference  TEXT NOT NULL DEFAULT '',
    error      TEXT NOT NULL DEFAULT '',
    checked_at TEXT NOT NULL
);
CREATE INDEX screenings_address ON screenings (address, source, checked_at);
CREATE TABLE wallet_screenings (
    address       TEXT PRIMARY KEY,
    outcome       TEXT NOT NULL,
    risk          INTEGER NOT NULL DEFAULT 0,
    sources       TEXT NOT NULL DEFAULT '',
    failed        INTEGER NOT NULL DEFAULT 0,
    checked_at    TEXT NOT NULL,
    held          INTEGER NOT NULL DEFAULT 0,
    held_at       TEXT,
    accepted_risk INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL
);
CREATE INDEX wallet_screenings_checked ON wallet_screenings (checked_at);
CREATE INDEX attestations_recipient ON attestations (recipient);

-- +goose Down
DROP INDEX attestations_recipient;
DROP TABLE wallet_screenings;
DROP TABLE screenings;
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
