-- Refunds of orders (Polar's refund/ domain). A row is written, `pending`, before Stripe is asked (it reserves its
-- amount against the order's, under the order's row lock), and settled from Stripe's answer, a webhook or a look-up.
-- Only `succeeded` refunds are counted in orders.refunded_amount/refunded_tax_amount; `pending` ones reserve.
CREATE TABLE refunds (
    id                       uuid PRIMARY KEY,
    organization_id          uuid NOT NULL REFERENCES organizations (id),
    order_id                 uuid NOT NULL REFERENCES orders (id),
    subscription_id          uuid REFERENCES subscriptions (id),
    customer_id              uuid NOT NULL REFERENCES customers (id),
    status                   text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled')),
    reason                   text NOT NULL CHECK (reason IN ('duplicate', 'fraudulent', 'customer_request',
                                                             'service_disruption', 'satisfaction_guarantee',
                                                             'dispute_prevention', 'other')),
    amount                   bigint NOT NULL CHECK (amount > 0),
    tax_amount               bigint NOT NULL CHECK (tax_amount >= 0),
    currency                 text NOT NULL,
    comment                  text,
    revoke_benefits          boolean NOT NULL DEFAULT false,
    user_metadata            jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- The key of the Stripe call; a replay with it returns the first call's refund.
    idempotency_key          text NOT NULL UNIQUE,
    stripe_payment_intent_id text NOT NULL,
    -- Null until Stripe's refund is known (the answer was lost: the reconciliation looks it up).
    stripe_refund_id         text UNIQUE,
    stripe_status            text,
    failure_reason           text,
    -- The reconciliation: when to look at the refund at Stripe next (null once final), leased with SKIP LOCKED.
    next_check_at            timestamptz,
    checks                   integer NOT NULL DEFAULT 0,
    last_error               text,
    created_at               timestamptz NOT NULL,
    modified_at              timestamptz
);
CREATE INDEX refunds_organization_created_idx ON refunds (organization_id, created_at DESC);
CREATE INDEX refunds_order_idx ON refunds (order_id);
CREATE INDEX refunds_pending_order_idx ON refunds (order_id) WHERE status = 'pending';
CREATE INDEX refunds_due_idx ON refunds (next_check_at) WHERE next_check_at IS NOT NULL;
