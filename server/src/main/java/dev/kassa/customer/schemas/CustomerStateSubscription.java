package dev.kassa.customer.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Polar's {@code CustomerStateSubscription}: an {@code active} or {@code trialing} subscription. {@code price_id} is
 * deprecated (and hidden from Polar's schema) but still sent; {@code meters} is empty, {@code seats} and
 * {@code units} null, as Kassa has neither metered, seat nor unit prices.
 */
@Schema(description = "An active or trialing subscription of the customer.")
public record CustomerStateSubscription(
        UUID id,
        Instant createdAt,
        @Nullable Instant modifiedAt,
        @Schema(description = "Values by custom field slug.") Map<String, Object> customFieldData,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @SchemaName("SubscriptionStatus") String status,
        long amount,
        String currency,
        @SchemaName("SubscriptionRecurringInterval") String recurringInterval,
        Instant currentPeriodStart,
        @Nullable Instant currentPeriodEnd,
        @Nullable Instant trialStart,
        @Nullable Instant trialEnd,
        boolean cancelAtPeriodEnd,
        @Nullable Instant canceledAt,
        @Nullable Instant startedAt,
        @Nullable Instant endsAt,
        UUID productId,
        @Nullable UUID discountId,
        @Schema(description = "Deprecated: the subscription's price.") UUID priceId,
        @Schema(description = "Always empty: Kassa has no metered prices.") List<Map<String, Object>> meters,
        @Schema(description = "Always null: Kassa has no seat-based prices.") @Nullable Integer seats,
        @Schema(description = "Always null: Kassa has no unit-based prices.") @Nullable Integer units) {
}
