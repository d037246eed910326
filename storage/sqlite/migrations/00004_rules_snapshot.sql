-- +goose Up
-- Tenants' gating rules are snapshotted per share: a lookup evaluates a shared subject
-- under the rules in force when it was shared (or last re-shared by its holder), so that
-- changing the rules and looking the wallet up again reveals nothing new. Existing
-- shares take the tenant's current rules, as of the share's creation.
ALTER TABLE subject_shares ADD COLUMN rules TEXT NOT NULL DEFAULT '{}';
ALTER TABLE subject_shares ADD COLUMN rules_at TEXT NOT NULL DEFAULT '';
UPDATE subject_shares SET rules = (SELECT t.rules FROM tenants t WHERE t.id = subject_shares.tenant_id),
    rules_at = created_at;

-- +goose Down
ALTER TABLE subject_shares DROP COLUMN rules_at;
ALTER TABLE subject_shares DROP COLUMN rules;
