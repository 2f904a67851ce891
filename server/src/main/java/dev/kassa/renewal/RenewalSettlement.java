package dev.kassa.renewal;

import dev.kassa.platform.metrics.Metrics;
import dev.kassa.order.OrderService;
import dev.kassa.payment.IntentOutcome;
import dev.kassa.payment.PaymentEvent;
import dev.kassa.payment.PaymentEventHandler;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.subscription.SubscriptionBilling;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a renewal attempt's outcome does, whoever learns it first (the charge's own answer, a Stripe webhook, the
 * look-up job): every path locks the renewal, then the attempt, records the outcome if the attempt is still
 * unresolved, and acts on it, so the same outcome learned twice does nothing the second time.
 * <ul>
 *   <li>succeeded: the order is paid, the subscription active (again);</li>
 *   <li>declined or failed: dunning. The subscription is {@code past_due} and retried after Polar's
 *       {@link #DUNNING_RETRY_INTERVALS} (2, 5, 7, 7 days: tries 2 to 5 at 2, 7, 14 and 21 days); when the fifth try
 *       fails too it ends (Polar's revoke: canceled, ended now). The order stays pending.</li>
 * </ul>
 * Every method runs in the caller's transaction.
 */
@Component
class RenewalSettlement implements PaymentEventHandler {

    private static final Logger log = LoggerFactory.getLogger(RenewalSettlement.class);
    /** Counter {@code kassa_renewals_total{outcome}}: paid, past_due (a try failed, dunning goes on), ended (dunning over). */
    static final String RENEWALS = "kassa.renewals";
    /** Polar's {@code DUNNING_RETRY_INTERVALS}: the wait before each retry after a declined renewal. */
    static final List<Duration> DUNNING_RETRY_INTERVALS = List.of(Duration.ofDays(2), Duration.ofDays(5), Duration.ofDays(7),
            Duration.ofDays(7));
    /** How often an intent still processing is looked at. */
    static final Duration RECHECK_CREATED = Duration.ofMinutes(10);
    private static final List<String> EVENTS = List.of("payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.canceled");

    private final RenewalRepository renewals;
    private final OrderService orders;
    private final SubscriptionBilling billing;
    private final Clock clock;
    private final Metrics metrics;

    RenewalSettlement(RenewalRepository renewals, OrderService orders, SubscriptionBilling billing, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.renewals = renewals;
        this.orders = orders;
        this.billing = billing;
        this.clock = clock;
    }

    /** A Stripe event about a renewal's intent (tagged {@value PaymentGateway#RENEWAL_METADATA_KEY}); others are ignored. */
    @Override
    public Outcome handle(PaymentEvent event) {
        if (!EVENTS.contains(event.type())) {
            return Outcome.DONE;
        }
        Object tag = event.metadata().get(PaymentGateway.RENEWAL_METADATA_KEY);
        Optional<RenewalAttempt> attempt = tag == null ? Optional.empty() : attemptOf(tag.toString());
        String status = Objects.toString(event.object().get("status"), null);
        if (attempt.isEmpty() || event.objectId() == null || status == null) {
            return Outcome.DONE;
        }
        if (failed(status) && event.object().get("last_payment_error") instanceof Map<?, ?> error) {
            // A declined off-session charge: the same decline the charge's own answer carries.
            settle(attempt.get().id(), new IntentOutcome.Declined(Objects.toString(error.get("message"), null),
                    Objects.toString(error.get("code"), null)));
            return Outcome.DONE;
        }
        Object amount = event.object().get("amount");
        Object paymentMethod = event.object().get("payment_method");
        settle(attempt.get().id(), new IntentOutcome.Created(event.objectId(), status, null,
                amount instanceof Number n ? n.longValue() : null, Objects.toString(event.object().get("currency"), null),
                paymentMethod instanceof Map<?, ?> expanded ? Objects.toString(expanded.get("id"), null)
                        : paymentMethod == null ? null : paymentMethod.toString()));
        return Outcome.DONE;
    }

    private Optional<RenewalAttempt> attemptOf(String tag) {
        try {
            return renewals.findAttempt(UUID.fromString(tag));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Records what Stripe said of an attempt and acts on it; an unknown answer changes nothing. */
    RenewalAttempt settle(UUID attemptId, IntentOutcome outcome) {
        RenewalAttempt known = renewals.findAttempt(attemptId).orElseThrow();
        Renewal renewal = renewals.lock(known.renewalId()).orElseThrow();
        RenewalAttempt attempt = renewals.lockAttempt(attemptId).orElseThrow();
        Instant now = now();
        if (attempt.status().resolved()) {
            if (attempt.status() != RenewalAttempt.Status.SUCCEEDED && outcome instanceof IntentOutcome.Created created
                    && created.succeeded()) {
                String reason = "attempt was recorded " + attempt.status().wireName() + " but Stripe reports intent "
                        + created.intentId() + " succeeded";
                log.error("Renewal {} of subscription {}: {}", renewal.id(), renewal.subscriptionId(), reason);
                renewals.flag(attempt.id(), reason, now);
            }
            return attempt;
        }
        switch (outcome) {
            case IntentOutcome.Created created when created.succeeded() -> {
                renewals.recordAttempt(attempt.id(), RenewalAttempt.Status.SUCCEEDED, created.intentId(), created.status(), null, null,
                        null, now);
                paid(renewal, created.intentId());
            }
            case IntentOutcome.Created created when failed(created.status()) -> {
                renewals.recordAttempt(attempt.id(), RenewalAttempt.Status.FAILED, created.intentId(), created.status(),
                        created.status(), null, null, now);
                declined(renewal, "intent " + created.intentId() + " " + created.status());
            }
            case IntentOutcome.Created created -> renewals.recordAttempt(attempt.id(), RenewalAttempt.Status.CREATED,
                    created.intentId(), created.status(), null, null, now.plus(RECHECK_CREATED), now);
            case IntentOutcome.Declined declined -> {
                renewals.recordAttempt(attempt.id(), RenewalAttempt.Status.DECLINED, null, null, declined.code(), declined.message(),
                        null, now);
                declined(renewal, declined.code() + ": " + declined.message());
            }
            default -> {
                return attempt;
            }
        }
        return renewals.findAttempt(attemptId).orElseThrow();
    }

    /**
     * Final without a charge for an off-session intent: canceled, or back to {@code requires_payment_method} (a
     * decline; only Kassa, with the secret key, could confirm it again, and it never does).
     */
    static boolean failed(String status) {
        return "canceled".equals(status) || "requires_payment_method".equals(status);
    }

    /** The renewal is paid (the caller holds its lock): order paid, subscription active. */
    void paid(Renewal renewal, String intentId) {
        orders.markRenewalPaid(renewal.organizationId(), renewal.orderId(), intentId);
        renewals.update(renewal.id(), Renewal.Status.PAID, renewal.failures(), null, now());
        billing.renewalPaid(renewal.subscriptionId());
        log.info("Renewal {} of subscription {} paid (intent {})", renewal.id(), renewal.subscriptionId(), intentId);
        metrics.count(RENEWALS, "outcome", "paid");
    }

    /** A try failed (the caller holds the renewal's lock): the next dunning step. */
    void declined(Renewal renewal, String reason) {
        int failures = renewal.failures() + 1;
        Instant now = now();
        if (failures > DUNNING_RETRY_INTERVALS.size()) {
            renewals.update(renewal.id(), Renewal.Status.ENDED, failures, null, now);
            billing.endAfterFailedDunning(renewal.subscriptionId());
            metrics.count(RENEWALS, "outcome", "ended");
            log.info("Renewal {} of subscription {}: try {} failed ({}); dunning is over, the subscription ends", renewal.id(),
                    renewal.subscriptionId(), failures, reason);
            return;
        }
        Instant next = now.plus(DUNNING_RETRY_INTERVALS.get(failures - 1));
        renewals.update(renewal.id(), Renewal.Status.PAST_DUE, failures, next, now);
        billing.renewalDeclined(renewal.subscriptionId());
        metrics.count(RENEWALS, "outcome", "past_due");
        log.info("Renewal {} of subscription {}: try {} failed ({}); retried at {}", renewal.id(), renewal.subscriptionId(),
                failures, reason, next);
    }

    /** A new payment method: past-due renewals of those subscriptions are retried now (in the change's transaction). */
    @EventListener
    void paymentMethodChanged(SubscriptionBilling.PaymentMethodChanged change) {
        renewals.retryNow(change.pastDueSubscriptionIds(), now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
