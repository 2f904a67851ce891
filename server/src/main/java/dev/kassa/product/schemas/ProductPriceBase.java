package dev.kassa.product.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fields every price schema has; embedded with {@code @JsonUnwrapped}. {@code type} and
 * {@code recurring_interval} mirror the product, as Polar keeps them for SDK 0.32.
 */
public record ProductPriceBase(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        @SchemaName("ProductPriceSource") String source,
        boolean isArchived,
        UUID productId,
        @Schema(description = "Deprecated: the product's recurrence.") @SchemaName("ProductPriceType") String type,
        @Schema(description = "Deprecated: the product's interval.")
        @SchemaName("SubscriptionRecurringInterval") @Nullable String recurringInterval,
        String priceCurrency,
        @SchemaName("TaxBehaviorOption") @Nullable String taxBehavior) {
}
