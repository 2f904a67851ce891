-- Customers (Polar's customer/ domain) and their portal sessions (customer_session/).
CREATE TABLE customers (
    id                 uuid PRIMARY KEY,
    organization_id    uuid NOT NULL REFERENCES organizations (id),
    email              text NOT NULL CHECK (length(email) >= 1),
    email_verified     boolean NOT NULL DEFAULT false,
    name               text,
    billing_name       text,
    billing_address    jsonb,
    tax_id             text,
    tax_id_format      text,
    locale             text,
    external_id        text,
    stripe_customer_id text,
    user_metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at         timestamptz NOT NULL,
    modified_at        timestamptz,
    deleted_at         timestamptz,
    CHECK ((tax_id IS NULL) = (tax_id_format IS NULL))
);
CREATE INDEX customers_organization_created_idx ON customers (organization_id, created_at DESC);
-- Emails are unique per organization ignoring case among live customers; a deleted customer frees its email.
CREATE UNIQUE INDEX customers_organization_email_key ON customers (organization_id, lower(email))
    WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX customers_organization_external_id_key ON customers (organization_id, external_id)
    WHERE deleted_at IS NULL AND external_id IS NOT NULL;

-- A session token is shown once; only its SHA-256 is kept.
CREATE TABLE customer_sessions (
    id          uuid PRIMARY KEY,
    customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    token_hash  char(64) NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX customer_sessions_customer_idx ON customer_sessions (customer_id);
CREATE INDEX customer_sessions_expires_idx ON customer_sessions (expires_at);
