-- One row per attempt to create a Stripe PaymentIntent or SetupIntent for a checkout, written and committed
-- before the Stripe call (in its own transaction), so that an attempt whose outcome is unknown (a timeout, a
-- crash) survives and the reconciliation job can replay it with the same idempotency key.
CREATE TABLE payment_attempts (
    id              uuid PRIMARY KEY,
    -- No foreign key: the row is inserted while the confirm holds the checkout's FOR UPDATE lock, which a
    -- foreign key check (FOR KEY SHARE) from this separate transaction would wait on forever.
    checkout_id     uuid NOT NULL,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    idempotency_key text NOT NULL UNIQUE,
    kind            text NOT NULL CHECK (kind IN ('payment_intent', 'setup_intent')),
    request         jsonb NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'created', 'declined')),
    intent_id       text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX payment_attempts_checkout_idx ON payment_attempts (checkout_id);
CREATE INDEX payment_attempts_pending_idx ON payment_attempts (updated_at) WHERE status = 'pending';
CREATE INDEX payment_attempts_intent_idx ON payment_attempts (intent_id);
