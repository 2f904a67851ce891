CREATE TABLE products (
    id                       uuid PRIMARY KEY,
    organization_id          uuid NOT NULL REFERENCES organizations (id),
    name                     text NOT NULL,
    description              text,
    recurring_interval       text CHECK (recurring_interval IN ('day', 'week', 'month', 'year')),
    recurring_interval_count integer CHECK (recurring_interval_count BETWEEN 1 AND 999),
    visibility               text NOT NULL DEFAULT 'public',
    is_tax_applicable        boolean NOT NULL DEFAULT true,
    is_archived              boolean NOT NULL DEFAULT false,
    user_metadata            jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at               timestamptz NOT NULL,
    modified_at              timestamptz
);
CREATE INDEX products_organization_created_idx ON products (organization_id, created_at DESC);

-- One row per price; a price is never deleted, only archived, so checkouts and orders can keep pointing at it.
-- amount_type is 'fixed' (a fixed amount, 0 meaning free) or 'custom' (pay what you want).
CREATE TABLE product_prices (
    id              uuid PRIMARY KEY,
    product_id      uuid NOT NULL REFERENCES products (id),
    amount_type     text NOT NULL CHECK (amount_type IN ('fixed', 'custom')),
    price_currency  text NOT NULL,
    price_amount    bigint CHECK (price_amount >= 0),
    minimum_amount  bigint CHECK (minimum_amount >= 0),
    maximum_amount  bigint,
    preset_amount   bigint,
    tax_behavior    text CHECK (tax_behavior IN ('location', 'inclusive', 'exclusive')),
    source          text NOT NULL DEFAULT 'catalog',
    is_archived     boolean NOT NULL DEFAULT false,
    position        integer NOT NULL,
    created_at      timestamptz NOT NULL,
    modified_at     timestamptz,
    CHECK ((amount_type = 'fixed') = (price_amount IS NOT NULL)),
    CHECK ((amount_type = 'custom') = (minimum_amount IS NOT NULL))
);
CREATE INDEX product_prices_product_idx ON product_prices (product_id);
