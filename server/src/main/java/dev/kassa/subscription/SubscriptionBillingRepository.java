package dev.kassa.subscription;

import static dev.kassa.subscription.SubscriptionRepository.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of what billing (renewals, dunning, the test clock) does to subscriptions. */
@Repository
class SubscriptionBillingRepository {

    /** What the renewal job bills: live, not ending at the period end (that is ended, not renewed), period over. */
    private static final String DUE = """
            status IN ('active', 'trialing') AND NOT cancel_at_period_end AND ended_at IS NULL
            AND current_period_end IS NOT NULL AND current_period_end <= :now
            """;

    private final JdbcClient jdbc;

    SubscriptionBillingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UUID> findDue(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM subscriptions WHERE " + DUE + " ORDER BY current_period_end LIMIT :limit")
                .param("now", ts(now)).param("limit", limit).query(UUID.class).list();
    }

    /** The subscription if it is still due with this period end, row-locked; empty when another node holds it. */
    Optional<Subscription> lockDue(UUID id, Instant periodEnd, Instant now) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE id = :id AND current_period_end = :periodEnd AND " + DUE
                        + " FOR UPDATE SKIP LOCKED")
                .param("id", id).param("periodEnd", ts(periodEnd)).param("now", ts(now))
                .query(SubscriptionRepository::map).optional();
    }

    Optional<Subscription> find(UUID id) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE id = :id").param("id", id).query(SubscriptionRepository::map).optional();
    }

    Optional<Subscription> lock(UUID id) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE id = :id FOR UPDATE").param("id", id)
                .query(SubscriptionRepository::map).optional();
    }

    void advancePeriod(UUID id, Instant start, Instant end, boolean dropDiscount, Instant now) {
        jdbc.sql("""
                UPDATE subscriptions SET current_period_start = :start, current_period_end = :end,
                       discount_id = CASE WHEN :dropDiscount THEN NULL ELSE discount_id END, modified_at = :now
                WHERE id = :id
                """)
                .param("id", id).param("start", ts(start)).param("end", ts(end)).param("dropDiscount", dropDiscount)
                .param("now", ts(now)).update();
    }

    void setStatus(UUID id, Subscription.Status status, Instant pastDueAt, Instant now) {
        jdbc.sql("UPDATE subscriptions SET status = :status, past_due_at = :pastDueAt, modified_at = :now WHERE id = :id")
                .param("id", id).param("status", status.wireName()).param("pastDueAt", ts(pastDueAt)).param("now", ts(now))
                .update();
    }

    /** Polar's revoke: canceled and ended now. */
    void end(UUID id, Instant now) {
        jdbc.sql("""
                UPDATE subscriptions SET status = 'canceled', cancel_at_period_end = false, canceled_at = COALESCE(canceled_at, :now),
                       ends_at = :now, ended_at = :now, modified_at = :now
                WHERE id = :id
                """).param("id", id).param("now", ts(now)).update();
    }

    /** The customer's subscriptions a saved card still matters to, row-locked. */
    /** Whether one of the customer's live subscriptions (active, trialing, past_due) is billed with the method. */
    boolean billsWith(UUID organizationId, UUID customerId, String stripePaymentMethodId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM subscriptions WHERE organization_id = :organizationId AND customer_id = :customerId
                               AND status IN ('active', 'trialing', 'past_due') AND ended_at IS NULL
                               AND stripe_payment_method_id = :paymentMethod)
                """)
                .param("organizationId", organizationId).param("customerId", customerId)
                .param("paymentMethod", stripePaymentMethodId).query(Boolean.class).single();
    }

    List<Subscription> lockLiveOfCustomer(UUID organizationId, UUID customerId) {
        return jdbc.sql("""
                SELECT * FROM subscriptions WHERE organization_id = :organizationId AND customer_id = :customerId
                  AND status IN ('active', 'trialing', 'past_due') AND ended_at IS NULL
                ORDER BY created_at, id FOR UPDATE
                """)
                .param("organizationId", organizationId).param("customerId", customerId)
                .query(SubscriptionRepository::map).list();
    }

    void setPaymentMethod(UUID id, String paymentMethod, Instant now) {
        jdbc.sql("UPDATE subscriptions SET stripe_payment_method_id = :paymentMethod, modified_at = :now WHERE id = :id")
                .param("id", id).param("paymentMethod", paymentMethod).param("now", ts(now)).update();
    }

    /** Sets the payment method of a subscription that has none; false when it has one already. */
    boolean adoptPaymentMethod(UUID id, String paymentMethod) {
        return jdbc.sql("UPDATE subscriptions SET stripe_payment_method_id = :paymentMethod WHERE id = :id AND stripe_payment_method_id IS NULL")
                .param("id", id).param("paymentMethod", paymentMethod).update() == 1;
    }

    /** Moves every moment of the subscription's timeline {@code by} into the past (the test clock). */
    void shift(UUID id, Duration by) {
        String interval = by.toNanos() / 1000 + " microseconds";
        jdbc.sql("""
                UPDATE subscriptions SET current_period_start = current_period_start - CAST(:by AS interval),
                       current_period_end = current_period_end - CAST(:by AS interval),
                       trial_start = trial_start - CAST(:by AS interval), trial_end = trial_end - CAST(:by AS interval),
                       started_at = started_at - CAST(:by AS interval), ends_at = ends_at - CAST(:by AS interval),
                       canceled_at = canceled_at - CAST(:by AS interval), past_due_at = past_due_at - CAST(:by AS interval)
                WHERE id = :id
                """).param("id", id).param("by", interval).update();
    }
}
