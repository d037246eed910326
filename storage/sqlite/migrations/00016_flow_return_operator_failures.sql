-- +goose Up
-- A verification may carry the page the hosted flow links back to (the dApp's https URL).
ALTER TABLE verifications ADD COLUMN return_url TEXT NOT NULL DEFAULT '';
-- Operators list the troubled deliveries of every tenant, newest first.
CREATE INDEX outbox_failing ON outbox (created_at, id)
    WHERE (finished_at IS NOT NULL AND outcome = 'failed') OR (finished_at IS NULL AND attempts > 0);

-- +goose Down
DROP INDEX outbox_failing;
ALTER TABLE verifications DROP COLUMN return_url;
