package dev.kassa.payment.stripe;

import dev.kassa.platform.json.Json;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of every attempt to ask Stripe for an intent. {@link #begin} commits on its own, before the call,
 * so that an attempt whose answer never came survives a rollback of the confirm and can be replayed.
 */
@Service
public class PaymentAttempts {

    public record Attempt(UUID id, UUID checkoutId, UUID organizationId, String idempotencyKey, PaymentRequest request,
            String status, String intentId, Instant createdAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PaymentAttempts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The intent metadata key naming the attempt, so that Stripe's events can be matched to it exactly. */
    public static final String ATTEMPT_METADATA_KEY = "kassa_attempt_id";

    /**
     * Records a pending attempt in its own committed transaction; the key is unique per attempt. The attempt's
     * request carries its id in the intent metadata ({@value #ATTEMPT_METADATA_KEY}).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Attempt begin(UUID checkoutId, UUID organizationId, PaymentRequest request) {
        int number = jdbc.sql("SELECT count(*) FROM payment_attempts WHERE checkout_id = :id").param("id", checkoutId)
                .query(Integer.class).single() + 1;
        Instant now = now();
        UUID id = UUID.randomUUID();
        java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>(request.metadata());
        metadata.put(ATTEMPT_METADATA_KEY, id.toString());
        PaymentRequest tagged = new PaymentRequest(request.kind(), request.amount(), request.currency(), request.confirmationToken(),
                request.customer(), request.description(), request.statementDescriptorSuffix(), request.returnUrl(),
                request.saveForOffSession(), metadata);
        Attempt attempt = new Attempt(id, checkoutId, organizationId, "kassa_checkout_" + checkoutId + "_" + number,
                tagged, "pending", null, now, now);
        jdbc.sql("""
                INSERT INTO payment_attempts (id, checkout_id, organization_id, idempotency_key, kind, request, status,
                                              created_at, updated_at)
                VALUES (:id, :checkoutId, :organizationId, :key, :kind, CAST(:request AS jsonb), 'pending', :now, :now)
                """)
                .param("id", attempt.id()).param("checkoutId", checkoutId).param("organizationId", organizationId)
                .param("key", attempt.idempotencyKey()).param("kind", request.kind().wireName())
                .param("request", Json.write(tagged)).param("now", Timestamp.from(now))
                .update();
        return attempt;
    }

    /** Stripe answered with an intent (in the caller's transaction, or on its own for reconciliation). */
    @Transactional
    public void markCreated(UUID attemptId, String intentId) {
        update(attemptId, "created", intentId);
    }

    /** Stripe refused: recorded on its own, since the confirm that asked rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void markDeclined(UUID attemptId) {
        update(attemptId, "declined", null);
    }

    /**
     * Stripe refused, recorded in the caller's transaction: for the reconciliation job, which holds the attempt's
     * row lock (a separate transaction would wait on it forever).
     */
    @Transactional
    public void markDeclinedInCurrentTransaction(UUID attemptId) {
        update(attemptId, "declined", null);
    }

    /**
     * Pending attempts not touched for {@code olderThanSeconds}, claimed with their checkout so that one node replays
     * each, and never while a confirm still holds the checkout (its Stripe call may still be running).
     */
    @Transactional
    public List<Attempt> claimStalePending(long olderThanSeconds, int limit) {
        return jdbc.sql("""
                SELECT a.* FROM payment_attempts a JOIN checkouts c ON c.id = a.checkout_id
                WHERE a.status = 'pending' AND a.updated_at <= :before
                ORDER BY a.updated_at LIMIT :limit FOR UPDATE OF a, c SKIP LOCKED
                """)
                .param("before", Timestamp.from(now().minusSeconds(olderThanSeconds))).param("limit", limit)
                .query((rs, n) -> map(rs)).list();
    }

    /** Pushes a pending attempt back, so the next replay waits. */
    @Transactional
    public void touch(UUID attemptId) {
        jdbc.sql("UPDATE payment_attempts SET updated_at = :now WHERE id = :id").param("id", attemptId)
                .param("now", Timestamp.from(now())).update();
    }

    @Transactional(readOnly = true)
    public Optional<Attempt> findByIntentId(String intentId) {
        return jdbc.sql("SELECT * FROM payment_attempts WHERE intent_id = :intentId").param("intentId", intentId)
                .query((rs, n) -> map(rs)).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Attempt> latestOf(UUID checkoutId) {
        return jdbc.sql("SELECT * FROM payment_attempts WHERE checkout_id = :id ORDER BY created_at DESC, idempotency_key DESC LIMIT 1")
                .param("id", checkoutId).query((rs, n) -> map(rs)).optional();
    }

    private void update(UUID attemptId, String status, String intentId) {
        jdbc.sql("UPDATE payment_attempts SET status = :status, intent_id = COALESCE(:intentId, intent_id), updated_at = :now WHERE id = :id")
                .param("id", attemptId).param("status", status).param("intentId", intentId).param("now", Timestamp.from(now()))
                .update();
    }

    private static Attempt map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> request = Json.readMap(rs.getString("request"));
        return new Attempt(rs.getObject("id", UUID.class), rs.getObject("checkout_id", UUID.class),
                rs.getObject("organization_id", UUID.class), rs.getString("idempotency_key"),
                Json.convert(request, PaymentRequest.class), rs.getString("status"), rs.getString("intent_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
