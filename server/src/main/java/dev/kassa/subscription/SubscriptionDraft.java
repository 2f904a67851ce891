package dev.kassa.subscription;

import dev.kassa.product.Product.RecurringInterval;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a successful checkout of a recurring product subscribes to. With a {@code trialEnd} the subscription is
 * {@code trialing} until then (the first period ends at the trial end); otherwise it is {@code active} and the first
 * period is {@code intervalCount} calendar {@code interval}s from now (month ends clamp: Jan 31 + 1 month = Feb 28/29).
 * {@code discountId}, {@code checkoutId} and {@code trialEnd} may be null; the maps may be empty, never null.
 * {@code stripePaymentMethodId} is the PaymentMethod the checkout's intent saved, which renewals charge (null when
 * nothing was saved: a free subscription).
 */
public record SubscriptionDraft(UUID organizationId, UUID customerId, UUID productId, UUID priceId, UUID discountId,
        UUID checkoutId, long amount, String currency, RecurringInterval interval, int intervalCount, Instant trialEnd,
        Map<String, Object> customFieldData, Map<String, Object> metadata, String stripePaymentMethodId) {

    public SubscriptionDraft(UUID organizationId, UUID customerId, UUID productId, UUID priceId, UUID discountId,
            UUID checkoutId, long amount, String currency, RecurringInterval interval, int intervalCount, Instant trialEnd,
            Map<String, Object> customFieldData, Map<String, Object> metadata) {
        this(organizationId, customerId, productId, priceId, discountId, checkoutId, amount, currency, interval, intervalCount,
                trialEnd, customFieldData, metadata, null);
    }
}
