package dev.kassa.subscription.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fields every subscription schema has (Polar's {@code SubscriptionBase}), in Polar's order; embedded with
 * {@code @JsonUnwrapped}. Kassa has no meters of their own, so the meter period is the billing period; it has
 * no pauses, seats or units.
 */
public record SubscriptionBase(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        long amount,
        String currency,
        @SchemaName("SubscriptionRecurringInterval") String recurringInterval,
        int recurringIntervalCount,
        @SchemaName("SubscriptionStatus") String status,
        Instant currentPeriodStart,
        @Nullable Instant currentPeriodEnd,
        @Schema(description = "The billing period's start: Kassa's meters follow the billing interval.")
        @Nullable Instant currentMeterPeriodStart,
        @Schema(description = "The billing period's end: Kassa's meters follow the billing interval.")
        @Nullable Instant currentMeterPeriodEnd,
        @Nullable Instant trialStart,
        @Nullable Instant trialEnd,
        boolean cancelAtPeriodEnd,
        @Nullable Instant canceledAt,
        @Nullable Instant startedAt,
        @Nullable Instant endsAt,
        @Nullable Instant endedAt,
        @Schema(description = "Always false: Kassa has no pauses.") boolean pauseAtPeriodEnd,
        @Schema(description = "Always null: Kassa has no pauses.") @Nullable Instant pausedAt,
        @Schema(description = "Always null: Kassa has no pauses.") @Nullable Instant resumesAt,
        UUID customerId,
        UUID productId,
        @Nullable UUID discountId,
        @Nullable UUID checkoutId,
        @Schema(description = "Always null: Kassa has no seat-based prices.") @Nullable Integer seats,
        @Schema(description = "Always null: Kassa has no unit-based prices.") @Nullable Integer units,
        @SchemaName("CustomerCancellationReason") @Nullable String customerCancellationReason,
        @Nullable String customerCancellationComment) {
}
