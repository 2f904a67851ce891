package dev.kassa.refund;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A refund of an order: {@code amount} is net, {@code taxAmount} the tax given back with it, and Stripe refunds their
 * sum. {@code stripeRefundId} is null while Stripe's refund is not known (the answer was lost); {@code nextCheckAt} is
 * when the reconciliation looks at it next (null once nothing is left to learn).
 */
record Refund(UUID id, UUID organizationId, UUID orderId, UUID subscriptionId, UUID customerId, RefundStatus status,
        String reason, long amount, long taxAmount, String currency, String comment, boolean revokeBenefits,
        Map<String, Object> metadata, String idempotencyKey, String stripePaymentIntentId, String stripeRefundId,
        String stripeStatus, String failureReason, Instant nextCheckAt, int checks, String lastError, Instant createdAt,
        Instant modifiedAt) {

    long totalAmount() {
        return amount + taxAmount;
    }
}
