package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Jdbc.execute;
import static dev.kassa.stripe.emulator.Jdbc.prepare;

import dev.kassa.stripe.emulator.EmulatorStore.Claim;
import dev.kassa.stripe.emulator.EmulatorStore.IdempotentResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The idempotency keys of a {@link JdbcEmulatorStore}, table
 * {@code idempotency (api_key, idempotency_key, fingerprint, created, status, body)}: claimed under an advisory lock
 * on the key, {@code status} null while the request runs, {@code created} for the expiry.
 */
final class JdbcIdempotency {

    private final JdbcTransactions transactions;
    private final String schema;

    JdbcIdempotency(JdbcTransactions transactions, String schema) {
        this.transactions = transactions;
        this.schema = schema;
    }

    /**
     * Within an {@link JdbcEmulatorStore#atomically} unit (the emulator's idempotent requests) the claim is a
     * transaction-scoped advisory lock on the key plus the key's row, both ending with the unit: a concurrent request
     * with the key, on any process, finds the lock taken and gets {@link Claim.InProgress}; the row commits with the
     * request's writes and its response, or not at all. Outside a unit the row commits at once, status null until
     * completed. Only this key's expired or abandoned record is replaced here (a primary-key look-up); older keys are
     * swept at most once per {@link #SWEEP_INTERVAL_MILLIS} by the {@code created} index.
     */
    Claim claim(String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore) {
        if (transactions.unit() != null) {
            return transactions.withConnection(c -> claimInUnit(c, apiKey, idempotencyKey, fingerprint, now,
                    expiredBefore, abandonedBefore));
        }
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT pg_try_advisory_xact_lock(hashtextextended(? || ' ' || ?, "
                    + LOCK_SEED + "))", apiKey, idempotencyKey); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return new Claim.InProgress();
                }
            }
            sweepExpired(c, expiredBefore);
            execute(c, "DELETE FROM " + schema + ".idempotency WHERE api_key = ? AND idempotency_key = ? AND "
                    + "(created < ? OR (status IS NULL AND created < ?))", apiKey, idempotencyKey,
                    Timestamp.from(expiredBefore), Timestamp.from(abandonedBefore));
            int inserted = execute(c, "INSERT INTO " + schema + ".idempotency (api_key, idempotency_key, fingerprint, "
                    + "created) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", apiKey, idempotencyKey, fingerprint,
                    Timestamp.from(now));
            if (inserted == 1) {
                return new Claim.Claimed();
            }
            return recorded(c, apiKey, idempotencyKey);
        });
    }

    /**
     * The claim in a unit, in one statement: the try-lock; when it is had, the row inserted, or put in place of an
     * expired or abandoned one (the {@code ON CONFLICT} arbiter sees rows committed after the statement's snapshot
     * too, so a request that committed and let go of the lock just before cannot be missed); and the row as the
     * statement's snapshot shows it, for the answer when the key is taken. Only when that snapshot predates the
     * record that won (it committed while this statement started) is the row read again.
     */
    private Claim claimInUnit(Connection c, String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore) throws SQLException {
        sweepExpired(c, expiredBefore);
        Timestamp expired = Timestamp.from(expiredBefore);
        Timestamp abandoned = Timestamp.from(abandonedBefore);
        try (PreparedStatement ps = prepare(c, "WITH l AS (SELECT pg_try_advisory_xact_lock(hashtextextended("
                + "? || ' ' || ?, " + LOCK_SEED + ")) AS got), "
                + "c AS (INSERT INTO " + schema + ".idempotency AS t (api_key, idempotency_key, fingerprint, created) "
                + "SELECT ?, ?, ?, ?::timestamptz FROM l WHERE l.got ON CONFLICT (api_key, idempotency_key) DO UPDATE "
                + "SET fingerprint = excluded.fingerprint, created = excluded.created, status = NULL, body = NULL "
                + "WHERE t.created < ? OR (t.status IS NULL AND t.created < ?) RETURNING 1) "
                + "SELECT l.got, EXISTS (SELECT 1 FROM c), i.fingerprint, i.status, i.body, i.created FROM l "
                + "LEFT JOIN " + schema + ".idempotency i ON i.api_key = ? AND i.idempotency_key = ?",
                apiKey, idempotencyKey, apiKey, idempotencyKey, fingerprint, Timestamp.from(now), expired, abandoned,
                apiKey, idempotencyKey); ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return new Claim.InProgress();
            }
            if (rs.getBoolean(2)) {
                return new Claim.Claimed();
            }
            String recordedFingerprint = rs.getString(3);
            int status = rs.getInt(4);
            boolean inProgress = rs.wasNull();
            String body = rs.getString(5);
            Timestamp created = rs.getTimestamp(6);
            if (recordedFingerprint != null && !created.before(expired) && !(inProgress && created.before(abandoned))) {
                return inProgress ? new Claim.InProgress()
                        : new Claim.Completed(new IdempotentResponse(recordedFingerprint, status, body));
            }
        }
        return recorded(c, apiKey, idempotencyKey);
    }

    /** The key's record as it now stands, for a claim that found the key taken. */
    private Claim recorded(Connection c, String apiKey, String idempotencyKey) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT fingerprint, status, body FROM " + schema + ".idempotency "
                + "WHERE api_key = ? AND idempotency_key = ?", apiKey, idempotencyKey);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                // Released between our insert attempt and this read: answer 409; a retry claims it.
                return new Claim.InProgress();
            }
            int status = rs.getInt(2);
            return rs.wasNull() ? new Claim.InProgress()
                    : new Claim.Completed(new IdempotentResponse(rs.getString(1), status, rs.getString(3)));
        }
    }

    /** Seed of the 64-bit key hash of the idempotency advisory locks (apart from other users of advisory locks). */
    private static final long LOCK_SEED = 0x5743_7249_7065L;
    static final long SWEEP_INTERVAL_MILLIS = 60_000;
    private final java.util.concurrent.atomic.AtomicLong nextSweep = new java.util.concurrent.atomic.AtomicLong();

    private void sweepExpired(Connection c, Instant expiredBefore) throws SQLException {
        long now = System.currentTimeMillis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS)) {
            execute(c, "DELETE FROM " + schema + ".idempotency WHERE created < ?", Timestamp.from(expiredBefore));
        }
    }

    /**
     * Within an {@link JdbcEmulatorStore#atomically} unit the response is stored with the unit's other writes, at its
     * commit.
     */
    void complete(String apiKey, String idempotencyKey, IdempotentResponse response) {
        JdbcUnit u = transactions.unit();
        if (u != null) {
            u.completions.put(List.of(apiKey, idempotencyKey), response);
            return;
        }
        transactions.withConnection(c -> execute(c, "UPDATE " + schema + ".idempotency SET status = ?, body = ?, "
                + "fingerprint = ? WHERE api_key = ? AND idempotency_key = ?", response.status(), response.body(),
                response.fingerprint(), apiKey, idempotencyKey));
    }

    void release(String apiKey, String idempotencyKey) {
        JdbcUnit u = transactions.unit();
        if (u != null) {
            u.completions.remove(List.of(apiKey, idempotencyKey));
        }
        transactions.withConnection(c -> execute(c, "DELETE FROM " + schema + ".idempotency WHERE api_key = ? AND "
                + "idempotency_key = ? AND status IS NULL", apiKey, idempotencyKey));
    }
}
