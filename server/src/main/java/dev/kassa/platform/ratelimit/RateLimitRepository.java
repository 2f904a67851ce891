package dev.kassa.platform.ratelimit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The counters of {@code V91__rate_limits.sql}, on the limiter's own connection pool. */
final class RateLimitRepository {

    /** One window of one identity: {@code key} hashes zone, window length and identity. */
    record WindowKey(byte[] key, Instant start, Instant expiresAt) {
    }

    record Counted(List<Integer> hits, Instant blockedUntil) {
    }

    private final JdbcClient jdbc;

    RateLimitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds one hit to each window (one round trip, one statement, committed at once) and returns their hits in the
     * order given, with the identity's block if {@code blockKey} is set and the block has not ended.
     */
    Counted hit(List<WindowKey> windows, byte[] blockKey, Instant now) {
        return hit(windows, blockKey, now, 1);
    }

    /** {@link #hit(List, byte[], Instant)} adding {@code hits} at once (a node's lease of several requests). */
    Counted hit(List<WindowKey> windows, byte[] blockKey, Instant now, int hits) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < windows.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:k").append(i).append(", :s").append(i).append(", :n, :e").append(i).append(')');
        }
        String upsert = "INSERT INTO rate_limit_windows AS w (key, window_start, hits, expires_at) VALUES " + values
                + " ON CONFLICT (key, window_start) DO UPDATE SET hits = w.hits + EXCLUDED.hits RETURNING w.key, w.hits";
        String sql = blockKey == null ? "WITH counted AS (" + upsert + ") SELECT key, hits, NULL::timestamptz AS blocked_until FROM counted"
                : "WITH counted AS (" + upsert + ") SELECT key, hits, (SELECT b.blocked_until FROM rate_limit_blocks b"
                        + " WHERE b.key = :block AND b.blocked_until > :now) AS blocked_until FROM counted";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("n", hits);
        for (int i = 0; i < windows.size(); i++) {
            WindowKey window = windows.get(i);
            statement = statement.param("k" + i, window.key()).param("s" + i, Timestamp.from(window.start()))
                    .param("e" + i, Timestamp.from(window.expiresAt()));
        }
        if (blockKey != null) {
            statement = statement.param("block", blockKey).param("now", Timestamp.from(now));
        }
        record Row(byte[] key, int hits, Timestamp blockedUntil) {
        }
        List<Row> rows = statement.query((rs, n) -> new Row(rs.getBytes("key"), rs.getInt("hits"), rs.getTimestamp("blocked_until")))
                .list();
        Integer[] counted = new Integer[windows.size()];
        Instant blockedUntil = null;
        for (Row row : rows) {
            for (int i = 0; i < windows.size(); i++) {
                if (java.util.Arrays.equals(windows.get(i).key(), row.key())) {
                    counted[i] = row.hits();
                }
            }
            if (row.blockedUntil() != null) {
                blockedUntil = row.blockedUntil().toInstant();
            }
        }
        for (Integer count : counted) {
            if (count == null) {
                throw new IllegalStateException("a rate limit window was not counted");
            }
        }
        return new Counted(List.of(counted), blockedUntil);
    }

    /** Blocks the identity until {@code until}, unless a block that has not ended yet is already there. */
    void block(byte[] blockKey, Instant until, Instant now) {
        jdbc.sql("""
                INSERT INTO rate_limit_blocks (key, blocked_until) VALUES (:key, :until)
                ON CONFLICT (key) DO UPDATE SET blocked_until = EXCLUDED.blocked_until
                WHERE rate_limit_blocks.blocked_until <= :now
                """)
                .param("key", blockKey).param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
                .update();
    }

    /** Deletes up to {@code limit} windows that expired before {@code now}, skipping rows another node is deleting. */
    int deleteExpiredWindows(Instant now, int limit) {
        return jdbc.sql("""
                DELETE FROM rate_limit_windows WHERE (key, window_start) IN (
                    SELECT key, window_start FROM rate_limit_windows WHERE expires_at < :now
                    ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                """)
                .param("now", Timestamp.from(now)).param("limit", limit).update();
    }

    int deleteEndedBlocks(Instant now, int limit) {
        return jdbc.sql("""
                DELETE FROM rate_limit_blocks WHERE key IN (
                    SELECT key FROM rate_limit_blocks WHERE blocked_until < :now
                    ORDER BY blocked_until LIMIT :limit FOR UPDATE SKIP LOCKED)
                """)
                .param("now", Timestamp.from(now)).param("limit", limit).update();
    }
}
