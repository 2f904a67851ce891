package dev.kassa.order;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
import dev.kassa.order.Order.BillingReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a successful checkout bills (Polar's {@code handle_success}): status {@code paid}; net and total amounts are
 * derived ({@code subtotal - discount}, {@code + tax}); {@code billingName}, {@code billingAddress} and {@code taxId}
 * come from the customer; {@code metadata} is the checkout's metadata. Nullable: {@code productPriceId},
 * {@code discountId}, {@code checkoutId}, {@code subscriptionId}, billing fields and the Stripe ids. The maps may be
 * empty, never null; {@code items} are the line items, one per static price.
 */
public record OrderDraft(UUID organizationId, UUID customerId, UUID productId, UUID productPriceId, UUID discountId,
        UUID checkoutId, UUID subscriptionId, BillingReason billingReason, long subtotalAmount, long discountAmount,
        long taxAmount, String currency, String billingName, Address billingAddress, TaxId taxId,
        Map<String, Object> customFieldData, Map<String, Object> metadata, String stripePaymentIntentId,
        String stripeChargeId, List<ItemDraft> items) {

    /** {@code periodStart}/{@code periodEnd}: the period a subscription's item bills; null for a one-time purchase. */
    public record ItemDraft(String label, long amount, long taxAmount, boolean proration, UUID productPriceId,
            Instant periodStart, Instant periodEnd) {
    }
}
