-- The buyers' saved payment methods (Polar's payment_methods), as the customer portal lists them. Stripe holds the
-- card; a row gives it a stable id and what the portal shows (brand, last digits, expiry). Rows are added when the
-- buyer sets a card up in the portal and when the portal's list finds cards Stripe has for the customer (a card a
-- checkout saved); a deleted card is detached at Stripe and its row soft-deleted.
CREATE TABLE payment_methods (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    customer_id     uuid NOT NULL REFERENCES customers (id),
    processor_id    text NOT NULL,
    type            text NOT NULL,
    method_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    is_default      boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    modified_at     timestamptz,
    deleted_at      timestamptz,
    UNIQUE (customer_id, processor_id)
);
CREATE INDEX payment_methods_customer_idx ON payment_methods (customer_id, created_at DESC) WHERE deleted_at IS NULL;
-- At most one default per customer.
CREATE UNIQUE INDEX payment_methods_one_default_idx ON payment_methods (customer_id) WHERE is_default AND deleted_at IS NULL;
