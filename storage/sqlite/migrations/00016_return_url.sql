-- +goose Up
-- A verification may carry the page the hosted flow links back to (the dApp's https URL).
ALTER TABLE verifications ADD COLUMN return_url TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE verifications DROP COLUMN return_url;
