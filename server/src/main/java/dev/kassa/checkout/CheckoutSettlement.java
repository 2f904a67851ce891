package dev.kassa.checkout;

import dev.kassa.platform.metrics.Metrics;
import dev.kassa.discount.DiscountService;
import dev.kassa.order.Order;
import dev.kassa.order.OrderDraft;
import dev.kassa.order.OrderService;
import dev.kassa.payment.IntentOutcome;
import dev.kassa.payment.PaymentAttempt;
import dev.kassa.payment.PaymentAttempts;
import dev.kassa.payment.PaymentEvent;
import dev.kassa.payment.PaymentEventHandler;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionDraft;
import dev.kassa.subscription.SubscriptionService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a payment attempt's outcome does to its checkout (reference 7.5), whoever learns it first: the confirm
 * that made the call, a Stripe webhook, or the reconciliation job. Every path takes the checkout's row lock, then
 * the attempt's, records the outcome on the attempt if it is still unresolved, and acts on the attempt's state,
 * so the same outcome learned twice does nothing the second time:
 * <ul>
 *   <li>succeeded: the order (and subscription) is built from the attempt's snapshot, once per checkout;</li>
 *   <li>failed or declined: a confirmed checkout whose current attempt this is goes back to open, its discount
 *       redemption freed;</li>
 *   <li>still open (3-D Secure): the intent's client secret is handed to the checkout for the buyer.</li>
 * </ul>
 * Every method runs in the caller's transaction.
 */
@Component
class CheckoutSettlement implements PaymentEventHandler {

    private static final Logger log = LoggerFactory.getLogger(CheckoutSettlement.class);
    private static final List<String> SUCCESS = List.of("payment_intent.succeeded", "setup_intent.succeeded", "charge.succeeded");
    private static final List<String> FAILURE = List.of("payment_intent.payment_failed", "setup_intent.setup_failed",
            "payment_intent.canceled", "setup_intent.canceled");

    private final CheckoutRepository checkouts;
    private final CheckoutService service;
    private final PaymentAttempts attempts;
    private final OrderService orders;
    private final SubscriptionService subscriptions;
    private final DiscountService discounts;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final CheckoutEvents checkoutEvents;
    private final CheckoutWebhooks webhooks;
    private final Metrics metrics;

    CheckoutSettlement(CheckoutRepository checkouts, CheckoutService service, PaymentAttempts attempts, OrderService orders,
            SubscriptionService subscriptions, DiscountService discounts, org.springframework.context.ApplicationEventPublisher events,
            CheckoutEvents checkoutEvents, CheckoutWebhooks webhooks, Metrics metrics) {
        this.metrics = metrics;
        this.checkoutEvents = checkoutEvents;
        this.webhooks = webhooks;
        this.checkouts = checkouts;
        this.service = service;
        this.attempts = attempts;
        this.orders = orders;
        this.subscriptions = subscriptions;
        this.discounts = discounts;
        this.events = events;
    }

    /**
     * A Stripe event about an intent: settles the attempt that made it. Events of other systems are ignored, and so
     * are intents that are not a checkout's (a renewal's off-session charge carries no {@code kassa_attempt_id}).
     */
    @Override
    public Outcome handle(PaymentEvent event) {
        boolean success = SUCCESS.contains(event.type());
        if (!success && !FAILURE.contains(event.type())) {
            return Outcome.DONE;
        }
        if (event.metadata().containsKey(PaymentGateway.RENEWAL_METADATA_KEY)) {
            return Outcome.DONE;
        }
        boolean charge = event.type().startsWith("charge.");
        String intentId = charge ? Objects.toString(event.object().get("payment_intent"), null) : event.objectId();
        Optional<PaymentAttempt> attempt = attemptOf(event, intentId);
        if (attempt.isEmpty()) {
            return Outcome.DONE;
        }
        IntentOutcome outcome = new IntentOutcome.Created(intentId, charge ? "succeeded" : Objects.toString(event.object().get("status"), null),
                charge ? null : Objects.toString(event.object().get("client_secret"), null), amountOf(event, charge),
                Objects.toString(event.object().get("currency"), null), paymentMethodOf(event));
        if (intentId == null || ((IntentOutcome.Created) outcome).status() == null) {
            return Outcome.DONE;
        }
        if (!success) {
            // A failure is not final at Stripe (the buyer may still confirm the intent again) and an event may be
            // stale: the attempt is looked up (and the intent canceled) by the reconciliation, at once.
            lookUpSoon(attempt.get());
            return Outcome.DONE;
        }
        settle(attempt.get(), outcome, "Stripe event " + event.id());
        return Outcome.DONE;
    }

    /**
     * Records what the processor said of an attempt and acts on it; returns the attempt as it now is. An unknown
     * answer changes nothing. {@code known} is the attempt as the caller last read it: it only decides whether the
     * locks are needed at all, and the attempt is read again under them.
     */
    PaymentAttempt settle(PaymentAttempt known, IntentOutcome outcome, String source) {
        return settle(known, outcome, source, () -> {
        });
    }

    /**
     * As {@link #settle(PaymentAttempt, IntentOutcome, String)}, running {@code underLocks} once the checkout's and the attempt's
     * locks are held and before the outcome is applied (whose reopening frees a discount redemption), so that what it
     * locks (a customer) comes in the one lock order: checkout, attempt, customer, discount.
     */
    PaymentAttempt settle(PaymentAttempt known, IntentOutcome outcome, String source, Runnable underLocks) {
        if (settledAlready(known)) {
            // The usual case for a webhook after the confirm heard Stripe: the checkout is not locked at all, so a
            // buyer retrying at that moment is not refused.
            flagIfChargedAfterAll(known, outcome);
            underLocks.run();
            return known;
        }
        Optional<CheckoutRow> found = checkouts.findByIdForUpdate(known.checkoutId());
        PaymentAttempt attempt = attempts.lock(known.id()).orElseThrow();
        underLocks.run();
        if (found.isEmpty()) {
            return attempt;
        }
        if (settledAlready(attempt)) {
            // Settled by someone else since the caller read it.
            flagIfChargedAfterAll(attempt, outcome);
        }
        PaymentAttempt recorded = attempts.recordOutcome(attempt, outcome);
        if (recorded.status() != attempt.status()) {
            logDecision(recorded, outcome, source);
        }
        apply(found.get(), recorded, outcome instanceof IntentOutcome.Created created ? created.clientSecret() : null);
        return recorded;
    }

    private static boolean settledAlready(PaymentAttempt attempt) {
        return attempt.status().resolved() && !attempt.awaitsFulfilment();
    }

    /** Recorded as not charged, and now Stripe says charged: a person must look (and refund or fulfil). */
    private void flagIfChargedAfterAll(PaymentAttempt settled, IntentOutcome outcome) {
        if (settled.status() != PaymentAttempt.Status.SUCCEEDED && outcome instanceof IntentOutcome.Created created && created.succeeded()) {
            String reason = "attempt was recorded " + settled.status().name().toLowerCase() + " but Stripe reports intent "
                    + created.intentId() + " succeeded";
            log.error("Checkout {}: {}", settled.checkoutId(), reason);
            attempts.flag(settled.id(), reason);
        }
    }

    /**
     * The one INFO line of a payment decision: what Stripe's answer made of the attempt, and who heard it (the
     * confirm, a Stripe event, the reconciliation's look-up), whichever came first.
     */
    private static void logDecision(PaymentAttempt recorded, IntentOutcome outcome, String source) {
        String status = recorded.status().name().toLowerCase(java.util.Locale.ROOT);
        if (outcome instanceof IntentOutcome.Declined declined) {
            log.info("Checkout {}: attempt {} declined ({}): {}; from {}", recorded.checkoutId(), recorded.id(), declined.code(),
                    declined.message(), source);
        } else {
            log.info("Checkout {}: attempt {} {} (intent {} {}); from {}", recorded.checkoutId(), recorded.id(), status,
                    recorded.intentId(), recorded.intentStatus(), source);
        }
    }

    /**
     * Acts on an attempt's state (the caller holds the checkout's and the attempt's locks). {@code clientSecret} is
     * the intent's, when known: a buyer whose 3-D Secure step was found by a look-up can finish it.
     */
    void apply(CheckoutRow row, PaymentAttempt attempt, String clientSecret) {
        switch (attempt.status()) {
            case SUCCEEDED -> fulfil(row, attempt);
            case FAILED, DECLINED -> {
                if (row.status == CheckoutStatus.CONFIRMED && isCurrent(row, attempt)) {
                    reopen(row);
                }
            }
            case CREATED -> {
                boolean changed = attempt.intentStatus() != null
                        && !attempt.intentStatus().equals(row.paymentProcessorMetadata.get("intent_status"))
                        || clientSecret != null && !clientSecret.equals(row.paymentProcessorMetadata.get("intent_client_secret"));
                if (row.status == CheckoutStatus.CONFIRMED && changed && isCurrent(row, attempt)) {
                    row.paymentProcessorMetadata.put("intent_status", attempt.intentStatus());
                    if (clientSecret != null) {
                        row.paymentProcessorMetadata.put("intent_client_secret", clientSecret);
                    }
                    row.modifiedAt = service.now();
                    checkouts.update(row);
                }
            }
            case PENDING -> {
            }
        }
    }

    /** Whether {@code attempt} is the checkout's latest (an older one's failure must not reopen it). */
    private boolean isCurrent(CheckoutRow row, PaymentAttempt attempt) {
        return attempts.latestOf(row.id).map(latest -> latest.id().equals(attempt.id())).orElse(false);
    }

    /**
     * Builds the order (and subscription) of a succeeded attempt from its snapshot, once. A checkout already
     * fulfilled by another attempt means the buyer paid twice: that needs a refund by a person, not a second order.
     */
    private void fulfil(CheckoutRow row, PaymentAttempt attempt) {
        if (!attempt.awaitsFulfilment()) {
            return;
        }
        if (row.status == CheckoutStatus.SUCCEEDED) {
            String reason = "checkout already fulfilled by another attempt; attempt " + attempt.id() + " (intent " + attempt.intentId()
                    + ") was charged too and must be refunded";
            log.error("Checkout {}: {}", row.id, reason);
            attempts.flag(attempt.id(), reason);
            attempts.markFulfilled(attempt.id());
            return;
        }
        if (attempt.snapshot() == null) {
            String reason = "attempt " + attempt.id() + " (intent " + attempt.intentId() + ") succeeded but was made before "
                    + "attempts carried a snapshot (migration V13); fulfil it by hand";
            log.error("Checkout {}: {}", row.id, reason);
            attempts.flag(attempt.id(), reason);
            attempts.markFulfilled(attempt.id());
            return;
        }
        PurchaseSnapshot snapshot = PurchaseSnapshot.fromJson(attempt.snapshot());
        if (attempt.kind() == PaymentAttempt.Kind.PAYMENT_INTENT && attempt.intentAmount() != null
                && (attempt.intentAmount() != snapshot.totalAmount() || !snapshot.currency().equalsIgnoreCase(attempt.intentCurrency()))) {
            String reason = "intent " + attempt.intentId() + " charged " + attempt.intentAmount() + " " + attempt.intentCurrency()
                    + " but the attempt priced " + snapshot.totalAmount() + " " + snapshot.currency() + "; not fulfilled";
            log.error("Checkout {}: {}", row.id, reason);
            attempts.flag(attempt.id(), reason);
            attempts.markFulfilled(attempt.id());
            return;
        }
        Subscription subscription = null;
        if (snapshot.recurring()) {
            subscription = subscriptions.createForCheckout(new SubscriptionDraft(snapshot.organizationId(),
                    snapshot.customerId(), snapshot.productId(), snapshot.priceId(), snapshot.discountId(), row.id, snapshot.amount(),
                    snapshot.currency(), snapshot.recurringInterval(), snapshot.recurringIntervalCount(), snapshot.trialEnd(),
                    snapshot.customFieldData(), snapshot.metadata(), attempt.paymentMethodId()));
        }
        UUID subscriptionId = subscription == null ? null : subscription.id();
        Order order = orders.createForCheckout(orderDraft(snapshot, attempt, subscription));
        row.status = CheckoutStatus.SUCCEEDED;
        row.paymentProcessorMetadata.put("intent_status", "succeeded");
        row.modifiedAt = service.now();
        checkouts.update(row);
        webhooks.updated(row);
        attempts.markFulfilled(attempt.id());
        metrics.count(CheckoutMetrics.CHECKOUTS, "event", "succeeded");
        if (subscription != null) {
            checkoutEvents.publish(row.id, CheckoutEvents.Key.SUBSCRIPTION_CREATED, java.util.Map.of());
        }
        checkoutEvents.publish(row.id, CheckoutEvents.Key.ORDER_CREATED, java.util.Map.of());
        checkoutEvents.updated(row);
        log.info("Checkout {} succeeded (attempt {}, intent {}): order {}{}", row.id, attempt.id(), attempt.intentId(), order.id(),
                subscriptionId == null ? "" : ", subscription " + subscriptionId);
    }

    /**
     * The order of what was charged. Nothing is charged when only a payment method was saved: a trial's order is
     * $0 with no discount; a 100 %-off first period keeps its discount, which makes it $0. A subscription's order
     * bills its first period (the trial, when there is one).
     */
    private static OrderDraft orderDraft(PurchaseSnapshot snapshot, PaymentAttempt attempt, Subscription subscription) {
        boolean trial = !snapshot.chargedNow() && snapshot.trialEnd() != null;
        long discount = trial ? 0 : snapshot.discountAmount();
        long net = snapshot.chargedNow() ? snapshot.netAmount() : 0;
        long tax = snapshot.chargedNow() ? snapshot.taxAmount() : 0;
        long subtotal = trial ? 0 : snapshot.netAmount() + snapshot.discountAmount();
        if (!trial && !snapshot.chargedNow()) {
            discount = subtotal;
        }
        return new OrderDraft(snapshot.organizationId(), snapshot.customerId(), snapshot.productId(), snapshot.priceId(),
                snapshot.discountId(), snapshot.checkoutId(), subscription == null ? null : subscription.id(),
                snapshot.recurring() ? Order.BillingReason.SUBSCRIPTION_CREATE : Order.BillingReason.PURCHASE,
                subtotal, discount, tax, snapshot.currency(), snapshot.billingName(), snapshot.billingAddress(), snapshot.taxIdValue(),
                snapshot.customFieldData(), snapshot.metadata(),
                attempt.kind() == PaymentAttempt.Kind.PAYMENT_INTENT ? attempt.intentId() : null, null,
                List.of(new OrderDraft.ItemDraft(snapshot.productName(), net, tax, false, snapshot.priceId(),
                        subscription == null ? null : subscription.currentPeriodStart(),
                        subscription == null ? null : subscription.currentPeriodEnd())));
    }

    private void lookUpSoon(PaymentAttempt attempt) {
        if (!attempt.status().resolved()) {
            attempts.scheduleCheck(attempt.id(), service.now(), null);
            events.publishEvent(new LookUpRequested(attempt.id()));
        }
    }

    /** Asks the reconciliation to look an attempt up once the current transaction commits. */
    record LookUpRequested(UUID attemptId) {
    }

    /** The buyer may try again: the checkout is open, its intent forgotten, its discount redemption freed. */
    private void reopen(CheckoutRow row) {
        row.status = CheckoutStatus.OPEN;
        row.paymentProcessorMetadata.remove("intent_client_secret");
        row.paymentProcessorMetadata.remove("intent_status");
        row.modifiedAt = service.now();
        checkouts.update(row);
        webhooks.updated(row);
        discounts.releaseRedemptions(row.id);
        checkoutEvents.updated(row);
        // Polar's checkout never stays failed: its payment failed, and it is open again for another try.
        metrics.count(CheckoutMetrics.CHECKOUTS, "event", "failed");
    }

    private Optional<PaymentAttempt> attemptOf(PaymentEvent event, String intentId) {
        Object tag = event.metadata().get(PaymentGateway.ATTEMPT_METADATA_KEY);
        if (tag != null) {
            try {
                return attempts.findById(UUID.fromString(tag.toString()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return intentId == null ? Optional.empty() : attempts.findByIntentId(intentId);
    }

    /** The event object's {@code payment_method}: an id, or the object when expanded. */
    private static String paymentMethodOf(PaymentEvent event) {
        Object paymentMethod = event.object().get("payment_method");
        if (paymentMethod instanceof Map<?, ?> expanded) {
            return Objects.toString(expanded.get("id"), null);
        }
        return paymentMethod == null ? null : paymentMethod.toString();
    }

    private static Long amountOf(PaymentEvent event, boolean charge) {
        Object amount = event.object().get("amount");
        return amount instanceof Number number ? number.longValue() : null;
    }
}
