-- Checkout sessions. Amounts are minor units of `currency`; tax_amount is null until tax was calculated.
CREATE TABLE checkouts (
    id                          uuid PRIMARY KEY,
    organization_id             uuid NOT NULL REFERENCES organizations (id),
    status                      text NOT NULL CHECK (status IN ('open', 'expired', 'confirmed', 'succeeded', 'failed')),
    client_secret               text NOT NULL UNIQUE,
    expires_at                  timestamptz NOT NULL,
    payment_processor_metadata  jsonb NOT NULL DEFAULT '{}'::jsonb,
    payment_method_type         text,
    return_url                  text,
    success_url                 text,
    embed_origin                text,
    locale                      text,
    allow_discount_codes        boolean NOT NULL,
    require_billing_address     boolean NOT NULL,
    allow_trial                 boolean NOT NULL,
    trial_interval              text,
    trial_interval_count        integer,
    trial_end                   timestamptz,
    product_id                  uuid NOT NULL REFERENCES products (id),
    product_price_id            uuid NOT NULL REFERENCES product_prices (id),
    discount_id                 uuid REFERENCES discounts (id),
    currency                    text NOT NULL,
    amount                      bigint NOT NULL CHECK (amount >= 0),
    custom_amount               bigint,
    discount_amount             bigint NOT NULL CHECK (discount_amount >= 0),
    net_amount                  bigint NOT NULL CHECK (net_amount >= 0),
    tax_amount                  bigint CHECK (tax_amount >= 0),
    tax_behavior                text CHECK (tax_behavior IN ('inclusive', 'exclusive')),
    tax_processor_id            text,
    tax_breakdown               jsonb,
    tax_inputs_hash             text,
    customer_id                 uuid,
    external_customer_id        text,
    is_business_customer        boolean NOT NULL DEFAULT false,
    customer_name               text,
    customer_email              text,
    customer_ip_address         text,
    customer_billing_name       text,
    customer_billing_address    jsonb,
    customer_tax_id             text,
    customer_tax_id_format      text,
    customer_metadata           jsonb NOT NULL DEFAULT '{}'::jsonb,
    user_metadata               jsonb NOT NULL DEFAULT '{}'::jsonb,
    custom_field_data           jsonb NOT NULL DEFAULT '{}'::jsonb,
    subscription_id             uuid,
    created_at                  timestamptz NOT NULL,
    modified_at                 timestamptz,
    CHECK (discount_amount <= amount)
);
CREATE INDEX checkouts_organization_created_idx ON checkouts (organization_id, created_at DESC);
-- The expiry job scans open checkouts by expiry time.
CREATE INDEX checkouts_open_expires_idx ON checkouts (expires_at) WHERE status = 'open';

-- The products a buyer can choose between, in the merchant's order.
CREATE TABLE checkout_products (
    checkout_id uuid NOT NULL REFERENCES checkouts (id),
    product_id  uuid NOT NULL REFERENCES products (id),
    position    integer NOT NULL,
    PRIMARY KEY (checkout_id, product_id),
    UNIQUE (checkout_id, position)
);
CREATE INDEX checkout_products_product_idx ON checkout_products (product_id);
