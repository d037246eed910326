-- +goose Up
-- A tenant may choose its default KYC provider among the enabled ones.
ALTER TABLE tenants ADD COLUMN default_provider TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE tenants DROP COLUMN default_provider;
