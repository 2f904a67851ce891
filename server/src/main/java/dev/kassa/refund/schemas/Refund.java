package dev.kassa.refund.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code Refund}. */
@Schema(description = "A refund of an order.")
public record Refund(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @SchemaName("RefundStatus") String status,
        @SchemaName("RefundReason") String reason,
        @Schema(description = "Net amount refunded, in cents.") long amount,
        @Schema(description = "Tax refunded with it, in cents.") long taxAmount,
        String currency,
        UUID organizationId,
        UUID orderId,
        @Nullable UUID subscriptionId,
        UUID customerId,
        boolean revokeBenefits,
        @Schema(description = "Always null: Kassa has no disputes.") @Nullable Object dispute) {
}
