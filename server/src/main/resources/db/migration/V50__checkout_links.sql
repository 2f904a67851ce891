-- Checkout links (Polar's checkout_links): shareable links that open a new checkout session each time.
CREATE TABLE checkout_links (
    id                      uuid PRIMARY KEY,
    organization_id         uuid NOT NULL REFERENCES organizations (id),
    client_secret           text NOT NULL UNIQUE,
    payment_processor       text NOT NULL DEFAULT 'stripe',
    label                   text,
    allow_discount_codes    boolean NOT NULL,
    require_billing_address boolean NOT NULL,
    discount_id             uuid REFERENCES discounts (id),
    success_url             text,
    return_url              text,
    trial_interval          text,
    trial_interval_count    integer,
    metadata                jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at              timestamptz NOT NULL,
    modified_at             timestamptz,
    deleted_at              timestamptz
);

CREATE INDEX checkout_links_organization ON checkout_links (organization_id, created_at) WHERE deleted_at IS NULL;

-- The link's products, in the merchant's order.
CREATE TABLE checkout_link_products (
    checkout_link_id uuid NOT NULL REFERENCES checkout_links (id) ON DELETE CASCADE,
    product_id       uuid NOT NULL REFERENCES products (id),
    position         integer NOT NULL,
    PRIMARY KEY (checkout_link_id, product_id)
);

CREATE INDEX checkout_link_products_product ON checkout_link_products (product_id);
