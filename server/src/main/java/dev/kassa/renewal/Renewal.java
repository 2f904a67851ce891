package dev.kassa.renewal;

import java.time.Instant;
import java.util.UUID;

/**
 * The billing of one period of a subscription ({@code periodStart} to {@code periodEnd}): its pending order, the
 * total charged ({@code amount}), whether it ends a trial, and its dunning state ({@code failures}, the declined
 * attempts so far; {@code nextRetryAt}, the next dunning try).
 */
record Renewal(UUID id, UUID organizationId, UUID subscriptionId, UUID customerId, UUID orderId, Instant periodStart,
        Instant periodEnd, long amount, String currency, boolean trial, Status status, int failures, Instant nextRetryAt,
        Instant createdAt, Instant updatedAt) {

    enum Status {
        /** An attempt is under way or its outcome is not known yet. */
        CHARGING,
        /** The order is paid. */
        PAID,
        /** The last attempt was declined; {@code nextRetryAt} is the next try. */
        PAST_DUE,
        /** Not retried any more: dunning gave up, or the subscription ended meanwhile. */
        ENDED;

        String wireName() {
            return name().toLowerCase();
        }

        static Status of(String wireName) {
            return valueOf(wireName.toUpperCase());
        }
    }
}
