package dev.kassa.order.schemas;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code OrderItemSchema}: a line item of an order. */
@Schema(description = "A line item of an order.")
public record OrderItemSchema(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        String label,
        long amount,
        long taxAmount,
        boolean proration,
        @Nullable UUID productPriceId,
        @Schema(description = "Start of the period billed; null for a one-time purchase.") @Nullable Instant startTimestamp,
        @Schema(description = "End of the period billed; null for a one-time purchase.") @Nullable Instant endTimestamp) {
}
