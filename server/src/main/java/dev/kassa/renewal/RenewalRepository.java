package dev.kassa.renewal;

import dev.kassa.payment.OffSessionCharge;
import dev.kassa.platform.json.Json;
import dev.kassa.platform.metrics.Metrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Renewals, their attempts and the test clock's offsets (tables of V70). Every method runs in the caller's transaction. */
@Repository
class RenewalRepository {

    private final JdbcClient jdbc;

    /** Counter {@code kassa_renewal_attempts_flagged_total}: renewal charges handed to the operator. */
    static final String FLAGGED = "kassa.renewal.attempts.flagged";

    private final Metrics metrics;

    RenewalRepository(JdbcClient jdbc, Metrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        metrics.cachedGauge("kassa.renewal.attempts.awaiting.operator", "Renewal charges flagged for the operator (kassa admin renewal-attempts)",
                () -> jdbc.sql("SELECT count(*) FROM renewal_attempts WHERE flagged_at IS NOT NULL").query(Long.class).single());
    }

    /** False when the period is billed already (the unique subscription and period start). */
    boolean insert(Renewal r) {
        return jdbc.sql("""
                INSERT INTO renewals (id, organization_id, subscription_id, customer_id, order_id, period_start, period_end, amount,
                                      currency, trial, status, failures, next_retry_at, created_at, updated_at)
                VALUES (:id, :organizationId, :subscriptionId, :customerId, :orderId, :periodStart, :periodEnd, :amount, :currency,
                        :trial, :status, 0, NULL, :now, :now)
                ON CONFLICT (subscription_id, period_start) DO NOTHING
                """)
                .param("id", r.id()).param("organizationId", r.organizationId()).param("subscriptionId", r.subscriptionId())
                .param("customerId", r.customerId()).param("orderId", r.orderId()).param("periodStart", ts(r.periodStart()))
                .param("periodEnd", ts(r.periodEnd())).param("amount", r.amount()).param("currency", r.currency())
                .param("trial", r.trial()).param("status", r.status().wireName()).param("now", ts(r.createdAt()))
                .update() == 1;
    }

    Optional<Renewal> find(UUID id) {
        return jdbc.sql("SELECT * FROM renewals WHERE id = :id").param("id", id).query(RenewalRepository::renewal).optional();
    }

    Optional<Renewal> lock(UUID id) {
        return jdbc.sql("SELECT * FROM renewals WHERE id = :id FOR UPDATE").param("id", id).query(RenewalRepository::renewal).optional();
    }

    /** A past-due renewal due for its next try, row-locked; empty when it is not due or another node holds it. */
    Optional<Renewal> lockDueRetry(UUID id, Instant now) {
        return jdbc.sql("""
                SELECT * FROM renewals WHERE id = :id AND status = 'past_due' AND next_retry_at IS NOT NULL AND next_retry_at <= :now
                FOR UPDATE SKIP LOCKED
                """).param("id", id).param("now", ts(now)).query(RenewalRepository::renewal).optional();
    }

    List<UUID> findDueRetries(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM renewals WHERE status = 'past_due' AND next_retry_at IS NOT NULL AND next_retry_at <= :now
                ORDER BY next_retry_at LIMIT :limit
                """).param("now", ts(now)).param("limit", limit).query(UUID.class).list();
    }

    /** The subscription's latest renewal. */
    Optional<Renewal> latestOf(UUID subscriptionId) {
        return jdbc.sql("SELECT * FROM renewals WHERE subscription_id = :id ORDER BY period_start DESC LIMIT 1")
                .param("id", subscriptionId).query(RenewalRepository::renewal).optional();
    }

    void update(UUID id, Renewal.Status status, int failures, Instant nextRetryAt, Instant now) {
        jdbc.sql("""
                UPDATE renewals SET status = :status, failures = :failures, next_retry_at = :nextRetry, updated_at = :now
                WHERE id = :id
                """).param("id", id).param("status", status.wireName()).param("failures", failures)
                .param("nextRetry", ts(nextRetryAt)).param("now", ts(now)).update();
    }

    /** Past-due renewals of these subscriptions are due for a try now (a new payment method). */
    int retryNow(List<UUID> subscriptionIds, Instant now) {
        if (subscriptionIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE renewals SET next_retry_at = :now, updated_at = :now
                WHERE subscription_id = ANY(:ids) AND status = 'past_due'
                """).param("ids", subscriptionIds.toArray(UUID[]::new)).param("now", ts(now)).update();
    }

    // --- attempts -------------------------------------------------------------------------------------------

    /** The renewal's next attempt, pending, its key {@code kassa_renewal_<renewal>_<number>}. */
    RenewalAttempt insertAttempt(UUID id, UUID renewalId, OffSessionCharge request, Instant nextCheckAt, Instant now) {
        int number = jdbc.sql("SELECT COALESCE(max(number), 0) + 1 FROM renewal_attempts WHERE renewal_id = :id")
                .param("id", renewalId).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO renewal_attempts (id, renewal_id, number, idempotency_key, request, amount, currency, stripe_customer_id,
                                              stripe_payment_method_id, status, next_check_at, created_at, updated_at)
                VALUES (:id, :renewalId, :number, :key, CAST(:request AS jsonb), :amount, :currency, :customer, :paymentMethod,
                        'pending', :nextCheck, :now, :now)
                """)
                .param("id", id).param("renewalId", renewalId).param("number", number)
                .param("key", "kassa_renewal_" + renewalId + "_" + number).param("request", Json.write(request))
                .param("amount", request.amount()).param("currency", request.currency()).param("customer", request.customer())
                .param("paymentMethod", request.paymentMethod())
                .param("nextCheck", ts(nextCheckAt)).param("now", ts(now)).update();
        return findAttempt(id).orElseThrow();
    }

    Optional<RenewalAttempt> findAttempt(UUID id) {
        return jdbc.sql("SELECT * FROM renewal_attempts WHERE id = :id").param("id", id).query(RenewalRepository::attempt).optional();
    }

    Optional<RenewalAttempt> findAttemptByIntent(String intentId) {
        return jdbc.sql("SELECT * FROM renewal_attempts WHERE intent_id = :intentId").param("intentId", intentId)
                .query(RenewalRepository::attempt).optional();
    }

    Optional<RenewalAttempt> lockAttempt(UUID id) {
        return jdbc.sql("SELECT * FROM renewal_attempts WHERE id = :id FOR UPDATE").param("id", id)
                .query(RenewalRepository::attempt).optional();
    }

    List<RenewalAttempt> attemptsOf(UUID renewalId) {
        return jdbc.sql("SELECT * FROM renewal_attempts WHERE renewal_id = :id ORDER BY number").param("id", renewalId)
                .query(RenewalRepository::attempt).list();
    }

    /** An attempt's outcome: a status (resolved ones are not looked at again; a created one in {@code recheck}). */
    void recordAttempt(UUID id, RenewalAttempt.Status status, String intentId, String intentStatus, String declineCode,
            String error, Instant nextCheckAt, Instant now) {
        jdbc.sql("""
                UPDATE renewal_attempts SET status = :status, intent_id = COALESCE(:intentId, intent_id),
                       intent_status = COALESCE(:intentStatus, intent_status), decline_code = :declineCode,
                       last_error = COALESCE(:error, last_error), next_check_at = :nextCheck, checks = 0, updated_at = :now
                WHERE id = :id
                """)
                .param("id", id).param("status", status.wireName()).param("intentId", intentId).param("intentStatus", intentStatus)
                .param("declineCode", declineCode).param("error", error).param("nextCheck", ts(nextCheckAt)).param("now", ts(now))
                .update();
    }

    /** Leases up to {@code limit} attempts due for a look-up ({@code SKIP LOCKED}), moving their next check past the lease. */
    List<RenewalAttempt> claimDueChecks(int limit, Instant now, Duration lease) {
        return jdbc.sql("""
                UPDATE renewal_attempts SET next_check_at = :leaseEnd, checks = checks + 1
                WHERE id IN (SELECT id FROM renewal_attempts WHERE next_check_at IS NOT NULL AND next_check_at <= :now
                             ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).param("now", ts(now)).param("leaseEnd", ts(now.plus(lease))).param("limit", limit)
                .query(RenewalRepository::attempt).list();
    }

    /** The unresolved attempt of this subscription's renewals, if any (what the test clock settles at once). */
    Optional<RenewalAttempt> unresolvedOf(UUID subscriptionId) {
        return jdbc.sql("""
                SELECT a.* FROM renewal_attempts a JOIN renewals r ON r.id = a.renewal_id
                WHERE r.subscription_id = :id AND a.status IN ('pending', 'created') ORDER BY a.created_at DESC LIMIT 1
                """).param("id", subscriptionId).query(RenewalRepository::attempt).optional();
    }

    void scheduleCheck(UUID id, Instant at, String error, Instant now) {
        jdbc.sql("""
                UPDATE renewal_attempts SET next_check_at = :at, last_error = COALESCE(:error, last_error), updated_at = :now
                WHERE id = :id AND next_check_at IS NOT NULL
                """).param("id", id).param("at", ts(at)).param("error", error).param("now", ts(now)).update();
    }

    boolean flag(UUID id, String reason, Instant now) {
        boolean flagged = jdbc.sql("UPDATE renewal_attempts SET flagged_at = :now, last_error = :reason WHERE id = :id AND flagged_at IS NULL")
                .param("id", id).param("reason", reason).param("now", ts(now)).update() == 1;
        if (flagged) {
            metrics.count(FLAGGED);
        }
        return flagged;
    }

    // --- the test clock ---------------------------------------------------------------------------------------

    Duration testClockOffset(UUID subscriptionId) {
        Long micros = jdbc.sql("SELECT offset_micros FROM subscription_test_clocks WHERE subscription_id = :id")
                .param("id", subscriptionId).query(Long.class).optional().orElse(0L);
        return Duration.ofNanos(micros * 1000);
    }

    /** Moves the subscription's renewals {@code by} into the past with it, and adds {@code by} to its offset. */
    void shift(UUID subscriptionId, Duration by, Instant now) {
        String interval = by.toNanos() / 1000 + " microseconds";
        jdbc.sql("""
                UPDATE renewals SET period_start = period_start - CAST(:by AS interval), period_end = period_end - CAST(:by AS interval),
                       next_retry_at = next_retry_at - CAST(:by AS interval)
                WHERE subscription_id = :id
                """).param("id", subscriptionId).param("by", interval).update();
        jdbc.sql("""
                INSERT INTO subscription_test_clocks (subscription_id, offset_micros, advances, updated_at)
                VALUES (:id, :micros, 1, :now)
                ON CONFLICT (subscription_id) DO UPDATE SET offset_micros = subscription_test_clocks.offset_micros + :micros,
                    advances = subscription_test_clocks.advances + 1, updated_at = :now
                """).param("id", subscriptionId).param("micros", by.toNanos() / 1000).param("now", ts(now)).update();
    }

    private static Renewal renewal(ResultSet rs, int row) throws SQLException {
        return new Renewal(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("subscription_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getObject("order_id", UUID.class), instant(rs, "period_start"), instant(rs, "period_end"), rs.getLong("amount"),
                rs.getString("currency"), rs.getBoolean("trial"), Renewal.Status.of(rs.getString("status")), rs.getInt("failures"),
                instant(rs, "next_retry_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static RenewalAttempt attempt(ResultSet rs, int row) throws SQLException {
        return new RenewalAttempt(rs.getObject("id", UUID.class), rs.getObject("renewal_id", UUID.class), rs.getInt("number"),
                rs.getString("idempotency_key"), Json.read(rs.getString("request"), OffSessionCharge.class),
                RenewalAttempt.Status.of(rs.getString("status")), rs.getString("intent_id"), rs.getString("intent_status"),
                rs.getString("decline_code"), rs.getString("last_error"), rs.getInt("checks"), instant(rs, "next_check_at"),
                instant(rs, "flagged_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
