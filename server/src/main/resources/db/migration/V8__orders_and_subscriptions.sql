-- Subscriptions (Polar's subscription/ domain) and orders (order/), as a successful checkout creates them.
CREATE TABLE subscriptions (
    id                       uuid PRIMARY KEY,
    organization_id          uuid NOT NULL REFERENCES organizations (id),
    customer_id              uuid NOT NULL REFERENCES customers (id),
    product_id               uuid NOT NULL REFERENCES products (id),
    price_id                 uuid NOT NULL REFERENCES product_prices (id),
    status                   text NOT NULL CHECK (status IN ('incomplete', 'incomplete_expired', 'trialing', 'active',
                                                             'past_due', 'canceled', 'unpaid')),
    amount                   bigint NOT NULL CHECK (amount >= 0),
    currency                 text NOT NULL,
    recurring_interval       text NOT NULL CHECK (recurring_interval IN ('day', 'week', 'month', 'year')),
    recurring_interval_count integer NOT NULL DEFAULT 1 CHECK (recurring_interval_count >= 1),
    current_period_start     timestamptz NOT NULL,
    current_period_end       timestamptz,
    trial_start              timestamptz,
    trial_end                timestamptz,
    cancel_at_period_end     boolean NOT NULL DEFAULT false,
    started_at               timestamptz,
    ends_at                  timestamptz,
    ended_at                 timestamptz,
    canceled_at              timestamptz,
    discount_id              uuid REFERENCES discounts (id),
    -- One subscription per checkout: createForCheckout inserts ON CONFLICT (checkout_id) DO NOTHING.
    checkout_id              uuid UNIQUE,
    custom_field_data        jsonb NOT NULL DEFAULT '{}'::jsonb,
    user_metadata            jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at               timestamptz NOT NULL,
    modified_at              timestamptz
);
CREATE INDEX subscriptions_organization_started_idx ON subscriptions (organization_id, started_at DESC);
CREATE INDEX subscriptions_customer_idx ON subscriptions (customer_id);

-- The next invoice number of each organization; the row is locked FOR UPDATE while an order takes a number, so
-- concurrent orders get distinct, consecutive numbers (no gaps: a rolled-back order rolls its increment back).
CREATE TABLE order_invoice_counters (
    organization_id uuid PRIMARY KEY REFERENCES organizations (id),
    next_number     integer NOT NULL CHECK (next_number >= 1)
);

CREATE TABLE orders (
    id                       uuid PRIMARY KEY,
    organization_id          uuid NOT NULL REFERENCES organizations (id),
    customer_id              uuid NOT NULL REFERENCES customers (id),
    product_id               uuid NOT NULL REFERENCES products (id),
    product_price_id         uuid REFERENCES product_prices (id),
    discount_id              uuid REFERENCES discounts (id),
    -- One order per checkout: createForCheckout inserts ON CONFLICT (checkout_id) DO NOTHING.
    checkout_id              uuid UNIQUE,
    subscription_id          uuid REFERENCES subscriptions (id),
    status                   text NOT NULL CHECK (status IN ('pending', 'paid', 'refunded', 'partially_refunded')),
    billing_reason           text NOT NULL CHECK (billing_reason IN ('purchase', 'subscription_create',
                                                                     'subscription_cycle', 'subscription_update')),
    subtotal_amount          bigint NOT NULL CHECK (subtotal_amount >= 0),
    discount_amount          bigint NOT NULL CHECK (discount_amount >= 0),
    net_amount               bigint NOT NULL CHECK (net_amount >= 0),
    tax_amount               bigint NOT NULL CHECK (tax_amount >= 0),
    total_amount             bigint NOT NULL CHECK (total_amount >= 0),
    refunded_amount          bigint NOT NULL DEFAULT 0,
    refunded_tax_amount      bigint NOT NULL DEFAULT 0,
    currency                 text NOT NULL,
    billing_name             text,
    billing_address          jsonb,
    tax_id                   text,
    tax_id_format            text,
    invoice_number           text NOT NULL,
    custom_field_data        jsonb NOT NULL DEFAULT '{}'::jsonb,
    user_metadata            jsonb NOT NULL DEFAULT '{}'::jsonb,
    stripe_payment_intent_id text,
    stripe_charge_id         text,
    created_at               timestamptz NOT NULL,
    modified_at              timestamptz,
    CHECK (net_amount = subtotal_amount - discount_amount),
    CHECK (total_amount = net_amount + tax_amount),
    UNIQUE (organization_id, invoice_number)
);
CREATE INDEX orders_organization_created_idx ON orders (organization_id, created_at DESC);
CREATE INDEX orders_customer_idx ON orders (customer_id);

CREATE TABLE order_items (
    id               uuid PRIMARY KEY,
    order_id         uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position         integer NOT NULL,
    label            text NOT NULL,
    amount           bigint NOT NULL,
    tax_amount       bigint NOT NULL,
    proration        boolean NOT NULL DEFAULT false,
    product_price_id uuid REFERENCES product_prices (id),
    created_at       timestamptz NOT NULL,
    UNIQUE (order_id, position)
);
