package dev.kassa.product;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A product without prices, as Polar embeds it in discounts ({@code DiscountProduct}). */
public record ProductSummary(Map<String, Object> metadata, Instant createdAt, Instant modifiedAt, UUID id, String name,
        String description, String recurringInterval, Integer recurringIntervalCount, boolean isRecurring,
        boolean isArchived, UUID organizationId, String visibility) {

    static ProductSummary of(ProductRepository.ProductRow row) {
        return new ProductSummary(row.metadata(), row.createdAt(), row.modifiedAt(), row.id(), row.name(), row.description(),
                row.recurringInterval() == null ? null : row.recurringInterval().wireName(), row.recurringIntervalCount(),
                row.recurringInterval() != null, row.archived(), row.organizationId(), "public");
    }
}
