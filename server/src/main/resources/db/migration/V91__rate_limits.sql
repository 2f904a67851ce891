-- Rate limit counters (platform/ratelimit), shared by every Kassa node on this database. One row per fixed window of
-- one zone and one caller: key is a 16-byte SHA-256 prefix of (zone, window length, identity), so no token, client
-- secret or address is stored. Each request adds one hit with a single INSERT ... ON CONFLICT DO UPDATE; the update
-- touches no indexed column, so with the fillfactor room it stays a HOT update.
-- UNLOGGED: the counters are not worth a WAL write per request; a crash of PostgreSQL empties the tables (every
-- budget starts afresh) and standbys do not have them. RateLimitCleanupJob deletes windows and blocks that ended.
CREATE UNLOGGED TABLE rate_limit_windows (
    key bytea NOT NULL,
    window_start timestamptz NOT NULL,
    hits integer NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (key, window_start)
) WITH (fillfactor = 70);

CREATE INDEX rate_limit_windows_expires_at ON rate_limit_windows (expires_at);

-- A caller blocked in a zone with a block time (checkout-confirm) until blocked_until, whatever its windows say.
CREATE UNLOGGED TABLE rate_limit_blocks (
    key bytea PRIMARY KEY,
    blocked_until timestamptz NOT NULL
);

CREATE INDEX rate_limit_blocks_blocked_until ON rate_limit_blocks (blocked_until);
