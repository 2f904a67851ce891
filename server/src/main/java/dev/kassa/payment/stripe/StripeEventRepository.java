package dev.kassa.payment.stripe;

import dev.kassa.platform.metrics.Metrics;
import dev.kassa.payment.PaymentEvent;
import dev.kassa.payment.PaymentEventHandler;
import dev.kassa.platform.json.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StripeEventRepository {

    /** Counter {@code kassa_stripe_events_total{outcome}}: processed, retried (not ready, or its handler failed). */
    static final String EVENTS = "kassa.stripe.events";

    private final JdbcClient jdbc;
    private final Metrics metrics;

    StripeEventRepository(JdbcClient jdbc, Metrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        metrics.cachedGauge("kassa.stripe.events.backlog", "Stripe events received and not processed yet", this::countPending);
        metrics.cachedGauge("kassa.stripe.events.oldest.age.seconds", "Age of the oldest Stripe event not processed yet, 0 when none",
                () -> jdbc.sql("SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(received_at)), 0) FROM stripe_events WHERE processed_at IS NULL")
                        .query(Double.class).single());
    }

    /** @return false when the event was already stored (a replay) */
    boolean insertIfNew(String id, String type, String objectId, String payload, Instant now) {
        return jdbc.sql("""
                INSERT INTO stripe_events (id, type, object_id, payload, received_at, next_attempt_at)
                VALUES (:id, :type, :objectId, CAST(:payload AS jsonb), :now, :now)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", id).param("type", type).param("objectId", objectId).param("payload", payload)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * As {@link #insertIfNew}, for an event handled in the same transaction: stored as processed (one attempt), so
     * that the usual outcome costs no second write; {@link #reopenForRetry} undoes that when the handler was not done.
     */
    boolean insertProcessedIfNew(String id, String type, String objectId, String payload, Instant now) {
        return jdbc.sql("""
                INSERT INTO stripe_events (id, type, object_id, payload, received_at, next_attempt_at, processed_at, attempts)
                VALUES (:id, :type, :objectId, CAST(:payload AS jsonb), :now, :now, :now, 1)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", id).param("type", type).param("objectId", objectId).param("payload", payload)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** An event stored by {@link #insertProcessedIfNew} whose handler was not done: due again at {@code nextAttemptAt}. */
    void reopenForRetry(String id, Instant nextAttemptAt, String error) {
        jdbc.sql("UPDATE stripe_events SET processed_at = NULL, next_attempt_at = :next, last_error = :error WHERE id = :id")
                .param("id", id).param("next", Timestamp.from(nextAttemptAt)).param("error", error).update();
        metrics.count(EVENTS, "outcome", "retried");
    }

    void countProcessed() {
        metrics.count(EVENTS, "outcome", "processed");
    }

    /**
     * Claims the oldest due event, skipping those another node is processing: the lock is held until this
     * transaction ends, so each event is handled by one node at a time.
     */
    Optional<PaymentEvent> claimNextDue(Instant now) {
        return jdbc.sql("""
                SELECT id, type, payload, attempts FROM stripe_events
                WHERE processed_at IS NULL AND next_attempt_at <= :now
                ORDER BY received_at, id LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> {
                    Map<String, Object> payload = Json.readMap(rs.getString("payload"));
                    Object data = payload.get("data");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = data instanceof Map<?, ?> map && map.get("object") instanceof Map<?, ?> o
                            ? (Map<String, Object>) o : Map.of();
                    return new PaymentEvent(rs.getString("id"), rs.getString("type"), object, rs.getInt("attempts"));
                })
                .optional();
    }

    void markProcessed(String id, Instant now) {
        jdbc.sql("UPDATE stripe_events SET processed_at = :now, attempts = attempts + 1, last_error = NULL WHERE id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update();
        metrics.count(EVENTS, "outcome", "processed");
    }

    void scheduleRetry(String id, Instant nextAttemptAt, String error) {
        jdbc.sql("""
                UPDATE stripe_events SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                WHERE id = :id
                """)
                .param("id", id).param("next", Timestamp.from(nextAttemptAt)).param("error", error).update();
        metrics.count(EVENTS, "outcome", "retried");
    }

    long countPending() {
        return jdbc.sql("SELECT count(*) FROM stripe_events WHERE processed_at IS NULL").query(Long.class).single();
    }
}
