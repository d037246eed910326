-- +goose Up
-- Tenants see their webhook deliveries (GET /v1/tenant/webhook/deliveries): each outbox
-- event names its tenant (the part of the key before ':'), counts its attempts and keeps
-- the last one's status code or short error and the next attempt's time; first_attempt_at
-- starts the window after which the delivery gives up (KYCGATE_WEBHOOK_RETRY_FOR).
ALTER TABLE outbox ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN first_attempt_at TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN last_attempt_at TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMPTZ;
UPDATE outbox SET tenant_id = split_part(key, ':', 1) WHERE kind = 'webhook';
CREATE INDEX outbox_tenant ON outbox (tenant_id, created_at, id);

-- +goose Down
DROP INDEX outbox_tenant;
ALTER TABLE outbox DROP COLUMN next_attempt_at;
ALTER TABLE outbox DROP COLUMN last_attempt_at;
ALTER TABLE outbox DROP COLUMN first_attempt_at;
ALTER TABLE outbox DROP COLUMN last_error;
ALTER TABLE outbox DROP COLUMN last_status;
ALTER TABLE outbox DROP COLUMN attempts;
ALTER TABLE outbox DROP COLUMN tenant_id;
