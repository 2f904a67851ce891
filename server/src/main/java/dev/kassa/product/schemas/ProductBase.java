package dev.kassa.product.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fields every product schema starts with (Polar's {@code ProductBase}), in Polar's order; embedded with
 * {@code @JsonUnwrapped}. Kassa has no product trials or meters: those four fields are always null.
 */
public record ProductBase(
        UUID id,
        Instant createdAt,
        @Nullable Instant modifiedAt,
        @Schema(description = "Always null: Kassa sets trials on the checkout, not the product.")
        @SchemaName("SubscriptionRecurringInterval") @Nullable String trialInterval,
        @Schema(description = "Always null in Kassa.") @Nullable Integer trialIntervalCount,
        String name,
        @Nullable String description,
        @SchemaName("ProductVisibility") String visibility,
        @SchemaName("SubscriptionRecurringInterval") @Nullable String recurringInterval,
        @Nullable Integer recurringIntervalCount,
        @Schema(description = "Always null: Kassa has no meters.")
        @SchemaName("SubscriptionRecurringInterval") @Nullable String meterInterval,
        @Schema(description = "Always null: Kassa has no meters.") @Nullable Integer meterIntervalCount,
        boolean isRecurring,
        boolean isArchived,
        UUID organizationId) {

    /** Every Kassa product is public: it has no drafts or private products. */
    public static final String VISIBILITY = "public";
}
