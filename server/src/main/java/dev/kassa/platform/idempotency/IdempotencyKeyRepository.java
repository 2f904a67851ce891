package dev.kassa.platform.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class IdempotencyKeyRepository {

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored key; {@code lockToken} is set while its first request runs, {@code responseStatus} once it answered. */
    record Row(UUID id, String fingerprint, UUID lockToken, Instant lockedAt, Integer responseStatus, String responseHeaders,
            byte[] responseBody, Instant createdAt) {
    }

    /** @return false when the key is already stored (the row is left as it is) */
    boolean insert(UUID id, byte[] keyHash, KeyScope scope, String fingerprint, UUID lockToken, Instant now) {
        return jdbc.sql("""
                INSERT INTO idempotency_keys (id, key_hash, scope, method, path, idempotency_key, fingerprint, lock_token,
                                              locked_at, created_at)
                VALUES (:id, :hash, :scope, :method, :path, :key, :fingerprint, :lock, :now, :now)
                ON CONFLICT (key_hash) DO NOTHING
                """)
                .param("id", id).param("hash", keyHash).param("scope", scope.scope()).param("method", scope.method())
                .param("path", scope.path()).param("key", scope.key()).param("fingerprint", fingerprint)
                .param("lock", lockToken).param("now", Timestamp.from(now))
                .update() == 1;
    }

    Optional<Row> find(byte[] keyHash) {
        return jdbc.sql("""
                SELECT id, fingerprint, lock_token, locked_at, response_status, response_headers::text AS response_headers,
                       response_body, created_at
                FROM idempotency_keys WHERE key_hash = :hash
                """)
                .param("hash", keyHash)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("fingerprint"),
                        rs.getObject("lock_token", UUID.class), instant(rs.getTimestamp("locked_at")),
                        (Integer) rs.getObject("response_status"), rs.getString("response_headers"), rs.getBytes("response_body"),
                        instant(rs.getTimestamp("created_at"))))
                .optional();
    }

    /** Takes over an abandoned in-flight row, if it still has the lock {@code seen}. */
    boolean takeOver(UUID id, UUID seen, UUID lockToken, Instant now) {
        return jdbc.sql("""
                UPDATE idempotency_keys SET lock_token = :lock, locked_at = :now
                WHERE id = :id AND lock_token = :seen
                """)
                .param("lock", lockToken).param("now", Timestamp.from(now)).param("id", id).param("seen", seen)
                .update() == 1;
    }

    /** Starts an expired row (past the TTL, not yet deleted) afresh, if it is still the one created at {@code seen}. */
    boolean restart(UUID id, Instant seen, String fingerprint, UUID lockToken, Instant now) {
        return jdbc.sql("""
                UPDATE idempotency_keys SET fingerprint = :fingerprint, lock_token = :lock, locked_at = :now, created_at = :now,
                       response_status = NULL, response_headers = NULL, response_body = NULL, completed_at = NULL
                WHERE id = :id AND created_at = :seen
                """)
                .param("fingerprint", fingerprint).param("lock", lockToken).param("now", Timestamp.from(now))
                .param("id", id).param("seen", Timestamp.from(seen))
                .update() == 1;
    }

    boolean complete(UUID id, UUID lockToken, int status, String headersJson, byte[] body, Instant now) {
        return jdbc.sql("""
                UPDATE idempotency_keys SET lock_token = NULL, locked_at = NULL, response_status = :status,
                       response_headers = CAST(:headers AS jsonb), response_body = :body, completed_at = :now
                WHERE id = :id AND lock_token = :lock
                """)
                .param("status", status).param("headers", headersJson).param("body", body).param("now", Timestamp.from(now))
                .param("id", id).param("lock", lockToken)
                .update() == 1;
    }

    boolean release(UUID id, UUID lockToken) {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE id = :id AND lock_token = :lock")
                .param("id", id).param("lock", lockToken).update() == 1;
    }

    /** Deletes up to {@code limit} rows created before {@code before}, skipping rows another node is deleting. */
    int deleteCreatedBefore(Instant before, int limit) {
        return jdbc.sql("""
                DELETE FROM idempotency_keys WHERE id IN (
                    SELECT id FROM idempotency_keys WHERE created_at < :before
                    ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                """)
                .param("before", Timestamp.from(before)).param("limit", limit).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
