CREATE TABLE organizations (
    id                           uuid PRIMARY KEY,
    name                         text NOT NULL,
    slug                         text NOT NULL,
    default_presentment_currency text NOT NULL DEFAULT 'usd',
    created_at                   timestamptz NOT NULL,
    modified_at                  timestamptz
);
CREATE UNIQUE INDEX organizations_slug_key ON organizations (lower(slug));

CREATE TABLE organization_access_tokens (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    token_hash      text NOT NULL UNIQUE,
    scopes          text NOT NULL,
    comment         text,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz,
    revoked_at      timestamptz
);
CREATE INDEX organization_access_tokens_organization_idx ON organization_access_tokens (organization_id);
