package dev.kassa.product;

import dev.kassa.platform.openapi.SchemaName;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A product without prices, as Polar embeds it in discounts ({@code DiscountProduct}): Polar's product base
 * fields and the metadata. Kassa products have no trials or meters of their own: those fields are null.
 */
@SchemaName("DiscountProduct")
public record ProductSummary(
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        UUID id,
        Instant createdAt,
        @Nullable Instant modifiedAt,
        @SchemaName("SubscriptionRecurringInterval") @Nullable String trialInterval,
        @Nullable Integer trialIntervalCount,
        String name,
        @Nullable String description,
        @SchemaName("ProductVisibility") String visibility,
        @SchemaName("SubscriptionRecurringInterval") @Nullable String recurringInterval,
        @Nullable Integer recurringIntervalCount,
        @SchemaName("SubscriptionRecurringInterval") @Nullable String meterInterval,
        @Nullable Integer meterIntervalCount,
        boolean isRecurring,
        boolean isArchived,
        UUID organizationId) {

    static ProductSummary of(ProductRepository.ProductRow row) {
        return new ProductSummary(row.metadata(), row.id(), row.createdAt(), row.modifiedAt(), null, null, row.name(),
                row.description(), "public", row.recurringInterval() == null ? null : row.recurringInterval().wireName(),
                row.recurringIntervalCount(), null, null, row.recurringInterval() != null, row.archived(),
                row.organizationId());
    }
}
