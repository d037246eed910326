-- +goose Up
-- Person screening (sanctions, PEP, adverse media): one row per screening asked for,
-- the outcome as codes, the person, the pending approval and the matches sealed.
CREATE TABLE person_screenings (
    id              TEXT PRIMARY KEY,
    subject_id      TEXT NOT NULL REFERENCES subjects(id),
    verification_id TEXT NOT NULL DEFAULT '',
    service         TEXT NOT NULL,
    screening_id    TEXT NOT NULL DEFAULT '',
    purpose         TEXT NOT NULL,
    state           TEXT NOT NULL,
    outcome         TEXT NOT NULL DEFAULT '',
    risk_score      INTEGER NOT NULL DEFAULT 0,
    risk_band       TEXT NOT NULL DEFAULT '',
    rules           TEXT NOT NULL DEFAULT '',
    person          BLOB,
    intent          BLOB,
    detail          BLOB,
    monitor_id      TEXT NOT NULL DEFAULT '',
    next_screen_at  TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX person_screenings_subject ON person_screenings (subject_id, created_at);
CREATE INDEX person_screenings_verification ON person_screenings (verification_id, created_at);
CREATE INDEX person_screenings_vendor ON person_screenings (service, screening_id);
CREATE INDEX person_screenings_monitor ON person_screenings (service, monitor_id, created_at);
CREATE INDEX person_screenings_due ON person_screenings (next_screen_at);
-- An approved subject held for a reviewer, and why (aml_review).
ALTER TABLE subjects ADD COLUMN hold TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE subjects DROP COLUMN hold;
DROP TABLE person_screenings;
