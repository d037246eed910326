-- +goose Up
-- Inbound provider webhooks: the provider's own session id and event time are kept
-- beside the sealed payload, so processing finds the verification and an older event
-- never overrides a newer one.
ALTER TABLE provider_events ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE provider_events ADD COLUMN event_at TIMESTAMPTZ;
CREATE INDEX provider_events_verification ON provider_events (verification_id, event_at);
-- Polling external providers: when a verification may be fetched again (backoff), and
-- the index that finds open verifications of some providers unchanged for a while.
ALTER TABLE verifications ADD COLUMN next_poll_at TIMESTAMPTZ;
CREATE INDEX verifications_poll ON verifications (provider, status, updated_at);

-- +goose Down
DROP INDEX verifications_poll;
ALTER TABLE verifications DROP COLUMN next_poll_at;
DROP INDEX provider_events_verification;
ALTER TABLE provider_events DROP COLUMN event_at;
ALTER TABLE provider_events DROP COLUMN ref;
