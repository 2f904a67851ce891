package dev.kassa.checkout;

import dev.kassa.address.TaxIds;
import dev.kassa.discount.DiscountService;
import dev.kassa.order.Order;
import dev.kassa.order.OrderDraft;
import dev.kassa.order.OrderService;
import dev.kassa.payment.stripe.PaymentAttempts;
import dev.kassa.payment.stripe.PaymentEvents;
import dev.kassa.payment.stripe.StripeEvent;
import dev.kassa.payment.stripe.StripeEventHandler;
import dev.kassa.product.Product;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionDraft;
import dev.kassa.subscription.SubscriptionService;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a payment's outcome does to its checkout (reference 7.5), once and only once: success creates the order
 * (and for a recurring product the subscription) and marks the checkout {@code succeeded}; failure puts a
 * {@code confirmed} checkout back to {@code open} and frees its discount redemption. Events arrive at least once,
 * in any order, possibly before the confirm committed; each handler takes the checkout's row lock and decides
 * from its state.
 */
@Component
class CheckoutFulfilment implements StripeEventHandler {

    private static final Logger log = LoggerFactory.getLogger(CheckoutFulfilment.class);
    private static final List<String> SUCCESS = List.of("payment_intent.succeeded", "setup_intent.succeeded", "charge.succeeded",
            PaymentEvents.FREE_CHECKOUT_SUCCEEDED);
    private static final List<String> FAILURE = List.of("payment_intent.payment_failed", "setup_intent.setup_failed", "charge.failed");

    private final CheckoutRepository checkouts;
    private final CheckoutService service;
    private final PaymentAttempts attempts;
    private final OrderService orders;
    private final SubscriptionService subscriptions;
    private final DiscountService discounts;

    CheckoutFulfilment(CheckoutRepository checkouts, CheckoutService service, PaymentAttempts attempts, OrderService orders,
            SubscriptionService subscriptions, DiscountService discounts) {
        this.checkouts = checkouts;
        this.service = service;
        this.attempts = attempts;
        this.orders = orders;
        this.subscriptions = subscriptions;
        this.discounts = discounts;
    }

    @Override
    public Outcome handle(StripeEvent event) {
        boolean success = SUCCESS.contains(event.type());
        if (!success && !FAILURE.contains(event.type())) {
            return Outcome.DONE;
        }
        String intentId = intentIdOf(event);
        Optional<UUID> checkoutId = checkoutIdOf(event, intentId);
        if (checkoutId.isEmpty()) {
            return Outcome.DONE;
        }
        Object attemptTag = event.metadata().get(PaymentAttempts.ATTEMPT_METADATA_KEY);
        if (attemptTag != null) {
            Optional<PaymentAttempts.Attempt> latest = attempts.latestOf(checkoutId.get());
            if (latest.isPresent() && !latest.get().id().toString().equals(attemptTag.toString())) {
                // An earlier attempt of this checkout: its failure changes nothing now; its success means a buyer
                // paid twice, which needs a person (a refund), not an automatic second fulfilment.
                if (success) {
                    log.error("Checkout {}: attempt {} succeeded (intent {}) but a later attempt {} is current; refund it by hand",
                            checkoutId.get(), attemptTag, intentId, latest.get().id());
                }
                return Outcome.DONE;
            }
        }
        return success ? succeed(checkoutId.get(), intentId) : fail(checkoutId.get(), intentId);
    }

    /**
     * Fulfils a confirmed checkout, in the caller's transaction. The row lock waits for a confirm still in
     * progress; an open checkout after that was rolled back after its payment (the reconciliation job settles
     * it), so the event is retried.
     */
    Outcome succeed(UUID checkoutId, String intentId) {
        Optional<CheckoutRow> found = checkouts.findByIdForUpdate(checkoutId);
        if (found.isEmpty()) {
            return Outcome.DONE;
        }
        CheckoutRow row = found.get();
        switch (row.status) {
            case SUCCEEDED, EXPIRED, FAILED -> {
                return Outcome.DONE;
            }
            case OPEN -> {
                return Outcome.RETRY;
            }
            case CONFIRMED -> {
                if (intentId != null && !isCurrentIntent(row, intentId)) {
                    log.warn("Checkout {}: success of intent {} that is not its current one; ignored", row.id, intentId);
                    return Outcome.DONE;
                }
                if (intentId != null) {
                    // The confirm may not have heard Stripe's answer: the event settles its attempt too.
                    attempts.latestOf(row.id).filter(a -> a.intentId() == null)
                            .ifPresent(a -> attempts.markCreated(a.id(), intentId));
                }
                fulfil(row, intentId);
                return Outcome.DONE;
            }
        }
        return Outcome.DONE;
    }

    /**
     * Puts a confirmed checkout back to open after its current intent failed, in the caller's transaction; the
     * buyer may try again. A failure for an open checkout (a declined confirm already rolled back) changes nothing.
     */
    Outcome fail(UUID checkoutId, String intentId) {
        Optional<CheckoutRow> found = checkouts.findByIdForUpdate(checkoutId);
        if (found.isEmpty() || found.get().status != CheckoutStatus.CONFIRMED) {
            return Outcome.DONE;
        }
        CheckoutRow row = found.get();
        if (intentId != null && !isCurrentIntent(row, intentId)) {
            return Outcome.DONE;
        }
        if (intentId != null && attempts.latestOf(row.id).map(a -> a.intentId() == null).orElse(false)) {
            // The current attempt's intent is not known yet (its answer was lost): this failure may belong to it or
            // not; wait until reconciliation or the intent's own events tell.
            return Outcome.RETRY;
        }
        row.status = CheckoutStatus.OPEN;
        row.paymentProcessorMetadata.remove("intent_client_secret");
        row.paymentProcessorMetadata.remove("intent_status");
        row.modifiedAt = service.now();
        checkouts.update(row);
        discounts.releaseRedemptions(row.id);
        return Outcome.DONE;
    }

    /**
     * A checkout whose confirm rolled back after Stripe took the payment (the database failed at commit): it is
     * confirmed now, so that the payment is fulfilled rather than lost.
     */
    void confirmIfOpen(UUID checkoutId) {
        checkouts.findByIdForUpdate(checkoutId)
                .filter(row -> row.status == CheckoutStatus.OPEN || row.status == CheckoutStatus.EXPIRED).ifPresent(row -> {
            log.warn("Checkout {} was paid although its confirm did not commit; confirming it now", row.id);
            row.status = CheckoutStatus.CONFIRMED;
            row.modifiedAt = service.now();
            checkouts.update(row);
        });
    }

    private void fulfil(CheckoutRow row, String intentId) {
        if (row.customerId == null) {
            // Only after a confirm rolled back once Stripe had taken the payment: the customer it found went with it.
            throw new IllegalStateException("checkout " + row.id + " was paid (intent " + intentId
                    + ") but has no customer; it needs a person");
        }
        CheckoutService.Context context = service.load(row);
        Product product = context.product();
        long tax = row.taxAmount == null ? 0 : row.taxAmount;
        // The order's amounts are the checkout's: net = subtotal - discount and total = net + tax hold for it
        // when the subtotal excludes tax, which for inclusive prices means the amount less the tax inside it.
        long subtotal = row.netAmount + row.discountAmount;
        UUID subscriptionId = null;
        if (product.recurring()) {
            Subscription subscription = subscriptions.createForCheckout(new SubscriptionDraft(row.organizationId, row.customerId,
                    product.id(), row.productPriceId, row.discountId, row.id, row.amount, row.currency,
                    product.recurringInterval(), product.recurringIntervalCount() == null ? 1 : product.recurringIntervalCount(),
                    row.trialEnd, row.customFieldData, row.metadata));
            subscriptionId = subscription.id();
        }
        Order order = orders.createForCheckout(new OrderDraft(row.organizationId, row.customerId, product.id(), row.productPriceId,
                row.discountId, row.id, subscriptionId,
                product.recurring() ? Order.BillingReason.SUBSCRIPTION_CREATE : Order.BillingReason.PURCHASE,
                subtotal, row.discountAmount, tax, row.currency, row.customerBillingName, row.customerBillingAddress,
                row.customerTaxId == null ? null : new TaxIds.TaxId(row.customerTaxId, row.customerTaxIdFormat),
                row.customFieldData, row.metadata, intentId != null && intentId.startsWith("pi_") ? intentId : null, null,
                List.of(new OrderDraft.ItemDraft(product.name(), row.netAmount, tax, false, row.productPriceId))));
        row.status = CheckoutStatus.SUCCEEDED;
        row.paymentProcessorMetadata.put("intent_status", "succeeded");
        row.modifiedAt = service.now();
        checkouts.update(row);
        log.info("Checkout {} succeeded: order {}{}", row.id, order.id(), subscriptionId == null ? "" : ", subscription " + subscriptionId);
    }

    private boolean isCurrentIntent(CheckoutRow row, String intentId) {
        return attempts.latestOf(row.id).map(a -> a.intentId() == null || intentId.equals(a.intentId())).orElse(true);
    }

    private static String intentIdOf(StripeEvent event) {
        if (event.type().startsWith("charge.")) {
            Object intent = event.object().get("payment_intent");
            return intent == null ? null : intent.toString();
        }
        if (event.type().equals(PaymentEvents.FREE_CHECKOUT_SUCCEEDED)) {
            return null;
        }
        return event.objectId();
    }

    private Optional<UUID> checkoutIdOf(StripeEvent event, String intentId) {
        Object fromMetadata = event.metadata().get("checkout_id");
        if (fromMetadata != null) {
            try {
                return Optional.of(UUID.fromString(fromMetadata.toString()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return intentId == null ? Optional.empty() : attempts.findByIntentId(intentId).map(PaymentAttempts.Attempt::checkoutId);
    }
}
