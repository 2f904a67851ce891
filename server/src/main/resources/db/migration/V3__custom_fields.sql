CREATE TABLE custom_fields (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    type            text NOT NULL,
    slug            text NOT NULL,
    name            text NOT NULL,
    properties      jsonb NOT NULL DEFAULT '{}'::jsonb,
    user_metadata   jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL,
    modified_at     timestamptz,
    deleted_at      timestamptz
);
CREATE UNIQUE INDEX custom_fields_organization_slug_key ON custom_fields (organization_id, slug) WHERE deleted_at IS NULL;
CREATE INDEX custom_fields_organization_idx ON custom_fields (organization_id, created_at);
