-- Stripe webhook events, stored once by Stripe's event id (a replay is acknowledged and ignored), then
-- processed by a job on any node; an event that cannot be handled yet (its checkout's confirm has not
-- committed) is retried with backoff, never dropped.
CREATE TABLE stripe_events (
    id              text PRIMARY KEY,
    type            text NOT NULL,
    object_id       text,
    payload         jsonb NOT NULL,
    received_at     timestamptz NOT NULL,
    processed_at    timestamptz,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text
);
CREATE INDEX stripe_events_pending_idx ON stripe_events (next_attempt_at) WHERE processed_at IS NULL;
