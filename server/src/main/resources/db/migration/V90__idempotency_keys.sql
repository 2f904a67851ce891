-- Idempotency-Key records of the API's mutations (platform/idempotency). One row per (scope, method, path, key),
-- found through key_hash, the SHA-256 of the four (a path or key of any length fits the index). lock_token is set
-- while the first request runs and null once its response is stored; a row whose lock is older than a few minutes
-- belonged to a process that died and is taken over. Rows live at least 24 h from created_at, then
-- IdempotencyCleanupJob deletes them.
CREATE TABLE idempotency_keys (
    id uuid PRIMARY KEY,
    key_hash bytea NOT NULL UNIQUE,
    scope text NOT NULL,
    method text NOT NULL,
    path text NOT NULL,
    idempotency_key text NOT NULL,
    fingerprint text NOT NULL,
    lock_token uuid,
    locked_at timestamptz,
    response_status integer,
    response_headers jsonb,
    response_body bytea,
    created_at timestamptz NOT NULL,
    completed_at timestamptz,
    CHECK ((lock_token IS NULL) = (response_status IS NOT NULL))
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
