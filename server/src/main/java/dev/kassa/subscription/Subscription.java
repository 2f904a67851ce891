package dev.kassa.subscription;

import dev.kassa.product.Product.RecurringInterval;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A customer's subscription to a recurring product, at one price. {@code customerCancellationReason}/{@code Comment}
 * are what the buyer gave when canceling, {@code pastDueAt} when a renewal charge first failed (null unless
 * {@code past_due}), {@code stripePaymentMethodId} the saved payment method renewals charge (null for a free
 * subscription, or one created before V60).
 */
public record Subscription(UUID id, UUID organizationId, UUID customerId, UUID productId, UUID priceId, Status status,
        long amount, String currency, RecurringInterval recurringInterval, int recurringIntervalCount,
        Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialStart, Instant trialEnd,
        boolean cancelAtPeriodEnd, Instant startedAt, Instant endsAt, Instant endedAt, Instant canceledAt,
        UUID discountId, UUID checkoutId, Map<String, Object> customFieldData, Map<String, Object> metadata,
        Instant createdAt, Instant modifiedAt, String customerCancellationReason, String customerCancellationComment,
        Instant pastDueAt, String stripePaymentMethodId) {

    public enum Status {
        INCOMPLETE, INCOMPLETE_EXPIRED, TRIALING, ACTIVE, PAST_DUE, CANCELED, UNPAID;

        public String wireName() {
            return name().toLowerCase();
        }

        public static Status fromWireName(String name) {
            return valueOf(name.toUpperCase());
        }

        /** Polar's {@code active_statuses}: what the {@code active} list filter means. */
        public boolean active() {
            return this == ACTIVE || this == TRIALING;
        }
    }
}
