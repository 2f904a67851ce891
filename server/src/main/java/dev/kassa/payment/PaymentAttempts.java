package dev.kassa.payment;

import dev.kassa.platform.json.Json;
import dev.kassa.platform.metrics.Metrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment attempts of checkouts (table {@code payment_attempts}, see V10 and V13). Every method runs in the
 * caller's transaction: the confirm writes an attempt together with its checkout's change, and records the
 * outcome together with what it does to the checkout.
 */
@Service
public class PaymentAttempts {

    /**
     * How long a pending attempt is left to the confirm that made it before a look-up may settle it
     * ({@code kassa.payments.pending-grace}, 5 minutes): longer than any confirm's calls can take (three calls, each
     * with stripe-java's 2 retries of 5 s connect and 20 s read timeouts: about 4 minutes at worst), so a live call
     * is never second-guessed. Crash tests shorten it.
     */
    private final Duration pendingGrace;
    /**
     * How long a succeeded attempt is left to whoever learned of its success before the job fulfils it: the
     * confirm and the webhook do so at once, so this only matters after a crash.
     */
    public static final Duration FULFILMENT_GRACE = Duration.ofSeconds(30);
    /** How often an intent still waiting (processing, 3-D Secure) is looked at. */
    public static final Duration RECHECK_CREATED = Duration.ofMinutes(10);

    private static final String COLUMNS = "*";
    /** Counter {@code kassa_payment_attempts_started_total{kind}}: payment_intent, setup_intent, free. */
    public static final String STARTED = "kassa.payment.attempts.started";
    /**
     * Counter {@code kassa_payment_attempt_outcomes_total{outcome,code}}: what Stripe said of an attempt, counted when its
     * state changes: succeeded, failed, requires_action (awaiting the buyer or processing), declined (with Stripe's
     * decline code), unknown (no answer: the look-up settles it).
     */
    public static final String OUTCOMES = "kassa.payment.attempt.outcomes";
    /** Counter {@code kassa_payment_attempts_flagged_total}: attempts handed to the operator. */
    public static final String FLAGGED = "kassa.payment.attempts.flagged";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Metrics metrics;

    PaymentAttempts(JdbcClient jdbc, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${kassa.payments.pending-grace:PT5M}") Duration pendingGrace,
            Metrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        metrics.cachedGauge("kassa.payment.attempts.unsettled", "Payment attempts whose outcome is not known yet (pending or awaiting the buyer)",
                () -> jdbc.sql("SELECT count(*) FROM payment_attempts WHERE status IN ('pending', 'created') AND flagged_at IS NULL")
                        .query(Long.class).single());
        metrics.cachedGauge("kassa.payment.attempts.awaiting.operator", "Payment attempts flagged for the operator (kassa admin payment-attempts)",
                () -> jdbc.sql("SELECT count(*) FROM payment_attempts WHERE flagged_at IS NOT NULL").query(Long.class).single());
        this.clock = clock;
        this.pendingGrace = pendingGrace;
    }

    /**
     * Records the checkout's next attempt (the caller holds the checkout's row lock). Its idempotency key derives
     * from its own id, and its request names it in the metadata ({@value PaymentGateway#ATTEMPT_METADATA_KEY}). A
     * free attempt ({@code request} null) has nothing to charge and is {@code succeeded} at once.
     */
    @Transactional
    public PaymentAttempt begin(UUID checkoutId, UUID organizationId, PaymentRequest request, String snapshot) {
        UUID id = UUID.randomUUID();
        Instant now = now();
        PaymentAttempt.Kind kind = request == null ? PaymentAttempt.Kind.FREE
                : request.kind() == PaymentRequest.Kind.PAYMENT_INTENT ? PaymentAttempt.Kind.PAYMENT_INTENT : PaymentAttempt.Kind.SETUP_INTENT;
        PaymentRequest tagged = request == null ? null : request.withMetadata(PaymentGateway.ATTEMPT_METADATA_KEY, id.toString());
        PaymentAttempt.Status status = request == null ? PaymentAttempt.Status.SUCCEEDED : PaymentAttempt.Status.PENDING;
        // The number is the checkout's next one: the caller's lock on the checkout keeps two attempts from taking it.
        PaymentAttempt begun = jdbc.sql("""
                INSERT INTO payment_attempts (id, checkout_id, organization_id, number, idempotency_key, kind, request, snapshot,
                                              status, stripe_customer_id, next_check_at, resolved_at, created_at, updated_at)
                VALUES (:id, :checkoutId, :organizationId,
                        (SELECT COALESCE(max(number), 0) + 1 FROM payment_attempts WHERE checkout_id = :checkoutId),
                        :key, :kind, CAST(:request AS jsonb), CAST(:snapshot AS jsonb),
                        :status, :customer, :nextCheck, :resolvedAt, :now, :now)
                RETURNING *
                """)
                .param("id", id).param("checkoutId", checkoutId).param("organizationId", organizationId)
                .param("key", "kassa_attempt_" + id).param("kind", kind.wireName())
                .param("request", Json.write(tagged)).param("snapshot", snapshot).param("status", status.wireName())
                .param("customer", request == null ? null : request.customer())
                .param("nextCheck", Timestamp.from(now.plus(request == null ? FULFILMENT_GRACE : pendingGrace)))
                .param("resolvedAt", request == null ? Timestamp.from(now) : null)
                .param("now", Timestamp.from(now))
                .query(PaymentAttempts::map).single();
        metrics.count(STARTED, "kind", kind.wireName());
        return begun;
    }

    @Transactional(readOnly = true)
    public Optional<PaymentAttempt> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_attempts WHERE id = :id").param("id", id).query(PaymentAttempts::map).optional();
    }

    /** The attempt, row-locked for the rest of the transaction (after its checkout's lock: checkout, then attempt). */
    @Transactional
    public Optional<PaymentAttempt> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_attempts WHERE id = :id FOR UPDATE").param("id", id)
                .query(PaymentAttempts::map).optional();
    }

    @Transactional(readOnly = true)
    public Optional<PaymentAttempt> findByIntentId(String intentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_attempts WHERE intent_id = :intentId").param("intentId", intentId)
                .query(PaymentAttempts::map).optional();
    }

    /** The checkout's current attempt: the highest number. */
    @Transactional(readOnly = true)
    public Optional<PaymentAttempt> latestOf(UUID checkoutId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_attempts WHERE checkout_id = :id ORDER BY number DESC LIMIT 1")
                .param("id", checkoutId).query(PaymentAttempts::map).optional();
    }

    /** The processor customer an attempt saved the buyer as (before its intent was asked for). */
    @Transactional
    public void recordCustomer(UUID attemptId, String processorCustomerId) {
        jdbc.sql("UPDATE payment_attempts SET stripe_customer_id = :customer, updated_at = :now WHERE id = :id")
                .param("id", attemptId).param("customer", processorCustomerId).param("now", Timestamp.from(now())).update();
    }

    /**
     * Applies what the processor said to an attempt still unresolved (the caller holds its lock): an intent's status,
     * or a refusal. An unknown answer changes nothing here. Returns the attempt as it now is.
     */
    @Transactional
    public PaymentAttempt recordOutcome(PaymentAttempt attempt, IntentOutcome outcome) {
        if (attempt.status().resolved()) {
            return attempt;
        }
        Instant now = now();
        switch (outcome) {
            case IntentOutcome.Created created -> {
                PaymentAttempt.Status status = created.succeeded() ? PaymentAttempt.Status.SUCCEEDED
                        : created.failed() ? PaymentAttempt.Status.FAILED : PaymentAttempt.Status.CREATED;
                PaymentAttempt updated = jdbc.sql("""
                        UPDATE payment_attempts SET status = :status, intent_id = :intentId, intent_status = :intentStatus,
                               intent_amount = COALESCE(:amount, intent_amount), intent_currency = COALESCE(:currency, intent_currency),
                               stripe_payment_method_id = COALESCE(:paymentMethod, stripe_payment_method_id),
                               next_check_at = :nextCheck, resolved_at = :resolvedAt, last_error = NULL, checks = 0, updated_at = :now
                        WHERE id = :id
                        RETURNING *
                        """)
                        .param("id", attempt.id()).param("status", status.wireName()).param("intentId", created.intentId())
                        .param("intentStatus", created.status()).param("amount", created.amount()).param("currency", created.currency())
                        .param("paymentMethod", created.paymentMethodId())
                        .param("nextCheck", status == PaymentAttempt.Status.SUCCEEDED ? Timestamp.from(now.plus(FULFILMENT_GRACE))
                                : status.resolved() ? null
                                : Timestamp.from(created.needsCancel() ? now : now.plus(RECHECK_CREATED)))
                        .param("resolvedAt", status.resolved() ? Timestamp.from(now) : null)
                        .param("now", Timestamp.from(now)).query(PaymentAttempts::map).single();
                if (status != attempt.status()) {
                    metrics.count(OUTCOMES, "outcome", status == PaymentAttempt.Status.CREATED ? "requires_action" : status.wireName(),
                            "code", "none");
                }
                return updated;
            }
            case IntentOutcome.Declined declined -> {
                jdbc.sql("""
                        UPDATE payment_attempts SET status = 'declined', intent_status = NULL, last_error = :error, next_check_at = NULL,
                               resolved_at = :now, updated_at = :now
                        WHERE id = :id
                        """)
                        .param("id", attempt.id()).param("error", declined.code() == null ? declined.message() : declined.code() + ": " + declined.message())
                        .param("now", Timestamp.from(now)).update();
                metrics.count(OUTCOMES, "outcome", "declined", "code", declined.code() == null ? "none" : declined.code());
            }
            case IntentOutcome.Unknown unknown -> {
            }
            case IntentOutcome.Refused refused -> {
            }
            case IntentOutcome.NotFound notFound -> {
            }
        }
        return findById(attempt.id()).orElseThrow();
    }

    /**
     * Claims up to {@code limit} unresolved attempts due for a look-up, skipping those another node holds, and leases
     * them for {@code lease} (their next check moves past it) so that the caller can ask the processor with no
     * transaction open; a node that dies mid-look-up just lets the lease run out.
     */
    @Transactional
    public List<PaymentAttempt> claimDue(int limit, Duration lease) {
        Instant now = now();
        return jdbc.sql("""
                UPDATE payment_attempts SET next_check_at = :leaseEnd, checks = checks + 1
                WHERE id IN (SELECT id FROM payment_attempts
                             WHERE next_check_at IS NOT NULL AND next_check_at <= :now
                             ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
                .param("now", Timestamp.from(now)).param("leaseEnd", Timestamp.from(now.plus(lease))).param("limit", limit)
                .query(PaymentAttempts::map).list();
    }

    /** When to look at an unresolved attempt next, and why the last look did not settle it. */
    @Transactional
    public void scheduleCheck(UUID attemptId, Instant at, String error) {
        jdbc.sql("""
                UPDATE payment_attempts SET next_check_at = :at, last_error = COALESCE(:error, last_error), updated_at = :now
                WHERE id = :id AND next_check_at IS NOT NULL
                """)
                .param("id", attemptId).param("at", Timestamp.from(at)).param("error", error).param("now", Timestamp.from(now()))
                .update();
    }

    /** The attempt's checkout has its order (or it needs a person): nothing is left to do for it. */
    @Transactional
    public void markFulfilled(UUID attemptId) {
        jdbc.sql("UPDATE payment_attempts SET next_check_at = NULL, updated_at = :now WHERE id = :id AND status = 'succeeded'")
                .param("id", attemptId).param("now", Timestamp.from(now())).update();
    }

    /** Marks an attempt for the operator (it keeps being looked at); true the first time. */
    @Transactional
    public boolean flag(UUID attemptId, String reason) {
        boolean flagged = jdbc.sql("UPDATE payment_attempts SET flagged_at = :now, last_error = :reason WHERE id = :id AND flagged_at IS NULL")
                .param("id", attemptId).param("reason", reason).param("now", Timestamp.from(now())).update() == 1;
        if (flagged) {
            metrics.count(FLAGGED);
        }
        return flagged;
    }

    /** Counts an attempt whose intent request got no answer (the look-up settles it later; nothing changes here). */
    public void countUnknown() {
        metrics.count(OUTCOMES, "outcome", "unknown", "code", "none");
    }

    /** Attempts waiting for a person: flagged, oldest first. */
    @Transactional(readOnly = true)
    public List<FlaggedAttempt> flagged(int limit) {
        return jdbc.sql("""
                SELECT id, checkout_id, organization_id, status, intent_id, last_error, flagged_at FROM payment_attempts
                WHERE flagged_at IS NOT NULL ORDER BY flagged_at LIMIT :limit
                """)
                .param("limit", limit)
                .query((rs, n) -> new FlaggedAttempt(rs.getObject("id", UUID.class), rs.getObject("checkout_id", UUID.class),
                        rs.getObject("organization_id", UUID.class), rs.getString("status"), rs.getString("intent_id"),
                        rs.getString("last_error"), rs.getTimestamp("flagged_at").toInstant()))
                .list();
    }

    /** An attempt an operator must look at, as {@code ./kassa admin payment-attempts} lists it. */
    public record FlaggedAttempt(UUID id, UUID checkoutId, UUID organizationId, String status, String intentId, String reason,
            Instant flaggedAt) {
    }

    private static PaymentAttempt map(ResultSet rs, int rowNumber) throws SQLException {
        String request = rs.getString("request");
        Timestamp flagged = rs.getTimestamp("flagged_at");
        Timestamp nextCheck = rs.getTimestamp("next_check_at");
        Long amount = rs.getObject("intent_amount", Long.class);
        return new PaymentAttempt(rs.getObject("id", UUID.class), rs.getObject("checkout_id", UUID.class),
                rs.getObject("organization_id", UUID.class), rs.getInt("number"), rs.getString("idempotency_key"),
                PaymentAttempt.Kind.of(rs.getString("kind")),
                request == null || request.equals("null") ? null : Json.read(request, PaymentRequest.class),
                rs.getString("snapshot"), PaymentAttempt.Status.valueOf(rs.getString("status").toUpperCase()),
                rs.getString("intent_id"), rs.getString("intent_status"), amount,
                rs.getString("intent_currency"), rs.getString("stripe_customer_id"), rs.getInt("checks"),
                nextCheck == null ? null : nextCheck.toInstant(), flagged == null ? null : flagged.toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("stripe_payment_method_id"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
