package dev.kassa.order;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A paid order with its line items. {@code netAmount = subtotal - discount}, {@code totalAmount = net + tax};
 * {@code refundedAmount}/{@code refundedTaxAmount} count its succeeded refunds.
 */
public record Order(UUID id, UUID organizationId, UUID customerId, UUID productId, UUID productPriceId, UUID discountId,
        UUID checkoutId, UUID subscriptionId, String status, BillingReason billingReason, long subtotalAmount,
        long discountAmount, long netAmount, long taxAmount, long totalAmount, String currency, String billingName,
        Address billingAddress, TaxId taxId, String invoiceNumber, Map<String, Object> customFieldData,
        Map<String, Object> metadata, String stripePaymentIntentId, String stripeChargeId, Instant createdAt,
        Instant modifiedAt, List<Item> items, long refundedAmount, long refundedTaxAmount) {

    /** An order nothing was refunded of. */
    public Order(UUID id, UUID organizationId, UUID customerId, UUID productId, UUID productPriceId, UUID discountId,
            UUID checkoutId, UUID subscriptionId, String status, BillingReason billingReason, long subtotalAmount,
            long discountAmount, long netAmount, long taxAmount, long totalAmount, String currency, String billingName,
            Address billingAddress, TaxId taxId, String invoiceNumber, Map<String, Object> customFieldData,
            Map<String, Object> metadata, String stripePaymentIntentId, String stripeChargeId, Instant createdAt,
            Instant modifiedAt, List<Item> items) {
        this(id, organizationId, customerId, productId, productPriceId, discountId, checkoutId, subscriptionId, status,
                billingReason, subtotalAmount, discountAmount, netAmount, taxAmount, totalAmount, currency, billingName,
                billingAddress, taxId, invoiceNumber, customFieldData, metadata, stripePaymentIntentId, stripeChargeId,
                createdAt, modifiedAt, items, 0, 0);
    }

    public record Item(UUID id, String label, long amount, long taxAmount, boolean proration, UUID productPriceId,
            Instant periodStart, Instant periodEnd, Instant createdAt) {
    }

    public enum BillingReason {
        PURCHASE, SUBSCRIPTION_CREATE, SUBSCRIPTION_CYCLE, SUBSCRIPTION_UPDATE;

        public String wireName() {
            return name().toLowerCase();
        }

        public static BillingReason fromWireName(String name) {
            return valueOf(name.toUpperCase());
        }
    }
}
