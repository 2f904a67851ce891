package dev.kassa.product.schemas;

import dev.kassa.platform.openapi.Constant;
import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code ProductPriceCustom}: pay what you want, between the minimum and the maximum. */
public record ProductPriceCustom(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        @Constant("custom") String amountType,
        @Constant("catalog") String source,
        boolean isArchived,
        UUID productId,
        @Schema(description = "Deprecated: the product's recurrence.") @SchemaName("ProductPriceType") String type,
        @Schema(description = "Deprecated: the product's interval.")
        @SchemaName("SubscriptionRecurringInterval") @Nullable String recurringInterval,
        String priceCurrency,
        @SchemaName("TaxBehaviorOption") @Nullable String taxBehavior,
        long minimumAmount,
        @Nullable Long maximumAmount,
        @Nullable Long presetAmount) implements ProductPrice {
}
