-- +goose Up
-- The gating lookups (GetGateView, GetCustomerGateView) read a subject's wallets in the
-- order they were linked and its newest verification (by creation, then id) straight
-- from these indexes, with no sort; each replaces a shorter index on the same leading
-- column.
CREATE INDEX wallets_subject_linked ON wallets (subject_id, linked_at, address);
DROP INDEX wallets_subject;
CREATE INDEX verifications_subject_newest ON verifications (subject_id, created_at, id);
DROP INDEX verifications_subject;

-- +goose Down
CREATE INDEX verifications_subject ON verifications (subject_id, created_at);
DROP INDEX verifications_subject_newest;
CREATE INDEX wallets_subject ON wallets (subject_id);
DROP INDEX wallets_subject_linked;
