-- +goose Up
-- External providers' webhooks and polling find a verification by the provider's own id
-- for it (an applicant or session id); one provider never uses a reference twice.
CREATE UNIQUE INDEX verifications_provider_ref ON verifications (provider, provider_ref)
    WHERE provider_ref <> '';

-- +goose Down
DROP INDEX verifications_provider_ref;
