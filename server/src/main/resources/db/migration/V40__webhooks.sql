-- Merchant webhooks (issue 9): endpoints, the transactional outbox of events (one row per event and endpoint,
-- written in the transaction of the change), and one row per delivery attempt.

CREATE TABLE webhook_endpoints (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    url             text NOT NULL,
    name            text,
    format          text NOT NULL,
    -- The signing secret as handed to the merchant: it must be read back to sign (see the README, "Webhooks").
    secret          text NOT NULL,
    events          text[] NOT NULL,
    api_version     text NOT NULL,
    enabled         boolean NOT NULL DEFAULT true,
    -- Why Kassa disabled the endpoint itself (null when enabled, or disabled by the merchant).
    disabled_reason text,
    created_at      timestamptz NOT NULL,
    modified_at     timestamptz,
    deleted_at      timestamptz
);
CREATE INDEX webhook_endpoints_organization_idx ON webhook_endpoints (organization_id, created_at) WHERE deleted_at IS NULL;

CREATE TABLE webhook_events (
    id              uuid PRIMARY KEY,
    -- Creation order across the cluster: per-endpoint delivery order follows it.
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    organization_id uuid NOT NULL,
    endpoint_id     uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    type            text NOT NULL,
    api_version     text NOT NULL,
    payload         text,
    -- pending (to send, or being sent), succeeded, failed (no attempts left), skipped (endpoint disabled)
    state           text NOT NULL,
    attempts        int NOT NULL DEFAULT 0,
    -- When a worker may take the event next; a claim pushes it by the lease, so a dead worker's claim lapses.
    next_attempt_at timestamptz NOT NULL,
    lease_token     uuid,
    last_http_code  int,
    succeeded       boolean,
    created_at      timestamptz NOT NULL,
    modified_at     timestamptz
);
CREATE INDEX webhook_events_due_idx ON webhook_events (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_events_endpoint_pending_idx ON webhook_events (endpoint_id, seq) WHERE state = 'pending';
CREATE INDEX webhook_events_endpoint_idx ON webhook_events (endpoint_id, seq DESC);

CREATE TABLE webhook_deliveries (
    id              uuid PRIMARY KEY,
    event_id        uuid NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id     uuid NOT NULL,
    organization_id uuid NOT NULL,
    succeeded       boolean NOT NULL,
    http_code       int,
    -- The first 2 KiB of the response body.
    response        text,
    -- Why no answer came (timeout, connection refused, refused address), else null.
    error           text,
    duration_ms     int NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_organization_idx ON webhook_deliveries (organization_id, created_at DESC);
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id);
