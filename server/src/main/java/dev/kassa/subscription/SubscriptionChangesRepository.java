package dev.kassa.subscription;

import dev.kassa.platform.json.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of subscription changes: row locks, the cancellation columns, and the due ends. */
@Repository
class SubscriptionChangesRepository {

    private final JdbcClient jdbc;

    SubscriptionChangesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the organization's subscription ({@code FOR UPDATE}, waiting for a concurrent change) until the
     * transaction ends; with a {@code customerId}, only if it is that customer's.
     */
    Optional<Subscription> lock(UUID organizationId, UUID id, UUID customerId) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE id = :id AND organization_id = :organizationId"
                        + (customerId == null ? "" : " AND customer_id = :customerId") + " FOR UPDATE")
                .param("id", id).param("organizationId", organizationId)
                .params(customerId == null ? Map.of() : Map.of("customerId", customerId))
                .query(SubscriptionRepository::map).optional();
    }

    Optional<Subscription> lock(UUID id) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE id = :id FOR UPDATE")
                .param("id", id).query(SubscriptionRepository::map).optional();
    }

    /** Locks the customer's {@code active}, {@code trialing} and {@code past_due} subscriptions, in id order. */
    List<Subscription> lockBillableOfCustomer(UUID organizationId, UUID customerId) {
        return jdbc.sql("""
                SELECT * FROM subscriptions
                WHERE organization_id = :organizationId AND customer_id = :customerId
                  AND status IN ('active', 'trialing', 'past_due')
                ORDER BY id
                FOR UPDATE
                """)
                .param("organizationId", organizationId).param("customerId", customerId)
                .query(SubscriptionRepository::map).list();
    }

    void saveCancellation(Subscription s) {
        jdbc.sql("""
                UPDATE subscriptions SET status = :status, cancel_at_period_end = :cancelAtPeriodEnd,
                    canceled_at = :canceledAt, ends_at = :endsAt, ended_at = :endedAt,
                    customer_cancellation_reason = :reason, customer_cancellation_comment = :comment,
                    modified_at = :modifiedAt
                WHERE id = :id
                """)
                .param("status", s.status().wireName())
                .param("cancelAtPeriodEnd", s.cancelAtPeriodEnd())
                .param("canceledAt", ts(s.canceledAt()))
                .param("endsAt", ts(s.endsAt()))
                .param("endedAt", ts(s.endedAt()))
                .param("reason", s.customerCancellationReason())
                .param("comment", s.customerCancellationComment())
                .param("modifiedAt", ts(s.modifiedAt()))
                .param("id", s.id())
                .update();
    }

    void saveMetadata(UUID id, Map<String, Object> metadata, Instant modifiedAt) {
        jdbc.sql("UPDATE subscriptions SET user_metadata = CAST(:metadata AS jsonb), modified_at = :modifiedAt WHERE id = :id")
                .param("metadata", Json.write(metadata)).param("modifiedAt", ts(modifiedAt)).param("id", id).update();
    }

    /**
     * Claims up to {@code limit} subscriptions canceled at period end whose end has come: {@code ends_at} or, if a
     * test-mode advance moved only the period, {@code current_period_end}. Rows another node holds are skipped.
     */
    List<UUID> claimDueEnds(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM subscriptions
                WHERE cancel_at_period_end AND ended_at IS NULL AND status IN ('active', 'trialing', 'past_due')
                  AND least(ends_at, current_period_end) <= :now
                ORDER BY ends_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .param("now", ts(now)).param("limit", limit).query(UUID.class).list();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
