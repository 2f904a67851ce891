-- Renewals (issue 11): a subscription bills each next period with an off-session charge on its saved payment method.
--
-- The PaymentMethod a checkout's intent saved, recorded with its outcome so that the subscription can keep it.
ALTER TABLE payment_attempts ADD COLUMN stripe_payment_method_id text;

-- One renewal per subscription and period billed: made, with its pending order, in the short transaction that
-- advances the subscription's period. The unique (subscription_id, period_start) is the last line of defence
-- against billing a period twice (two nodes, a retried job).
--
-- status:
--   charging   an attempt is being made or its outcome is not known yet
--   paid       the order is paid (or was $0)
--   past_due   the last attempt was declined; next_retry_at is the next dunning try (null: none left)
--   ended      dunning gave up (the subscription was ended) or the subscription ended meanwhile: not retried
CREATE TABLE renewals (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    subscription_id uuid NOT NULL REFERENCES subscriptions (id),
    customer_id     uuid NOT NULL REFERENCES customers (id),
    order_id        uuid NOT NULL REFERENCES orders (id),
    period_start    timestamptz NOT NULL,
    period_end      timestamptz NOT NULL,
    amount          bigint NOT NULL CHECK (amount >= 0),
    currency        text NOT NULL,
    trial           boolean NOT NULL,
    status          text NOT NULL CHECK (status IN ('charging', 'paid', 'past_due', 'ended')),
    failures        integer NOT NULL DEFAULT 0,
    next_retry_at   timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (subscription_id, period_start),
    UNIQUE (order_id)
);
CREATE INDEX renewals_retry_idx ON renewals (next_retry_at) WHERE next_retry_at IS NOT NULL;
CREATE INDEX renewals_subscription_idx ON renewals (subscription_id, created_at DESC);

-- One off-session charge of a renewal, numbered 1, 2, ... (a dunning retry is the next number). Recorded with its
-- idempotency key and everything the Stripe call needs before it is made; the outcome is written afterwards.
--
-- status: pending (what Stripe did is not known yet: settled by looking it up, never by guessing), created (the
-- intent is processing), succeeded, failed (the intent failed), declined (Stripe refused: nothing charged).
CREATE TABLE renewal_attempts (
    id                       uuid PRIMARY KEY,
    renewal_id               uuid NOT NULL REFERENCES renewals (id),
    number                   integer NOT NULL,
    idempotency_key          text NOT NULL UNIQUE,
    -- The off-session charge asked for (dev.kassa.payment.OffSessionCharge), replayed as is by a look-up.
    request                  jsonb NOT NULL,
    amount                   bigint NOT NULL CHECK (amount > 0),
    currency                 text NOT NULL,
    stripe_customer_id       text,
    stripe_payment_method_id text,
    status                   text NOT NULL CHECK (status IN ('pending', 'created', 'succeeded', 'failed', 'declined')),
    intent_id                text UNIQUE,
    intent_status            text,
    decline_code             text,
    last_error               text,
    checks                   integer NOT NULL DEFAULT 0,
    next_check_at            timestamptz,
    flagged_at               timestamptz,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    UNIQUE (renewal_id, number)
);
-- A renewal has at most one attempt whose outcome is not known: a retry is made only after a decline.
CREATE UNIQUE INDEX renewal_attempts_one_unresolved_idx ON renewal_attempts (renewal_id)
    WHERE status IN ('pending', 'created') AND flagged_at IS NULL;
CREATE INDEX renewal_attempts_due_idx ON renewal_attempts (next_check_at) WHERE next_check_at IS NOT NULL;

-- The test clock (test mode only): how far each subscription's timeline was moved into the past by
-- POST /v1/test-helpers/subscriptions/{id}/advance. Calendar arithmetic (the next period end, a repeating
-- discount's months) is done on the timeline as it was before the moves, so that a month stays a calendar month.
CREATE TABLE subscription_test_clocks (
    subscription_id uuid PRIMARY KEY REFERENCES subscriptions (id),
    offset_micros   bigint NOT NULL CHECK (offset_micros >= 0),
    advances        integer NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL
);
