package dev.kassa.order.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fields every order schema has (Polar's {@code OrderBase}), in Polar's order, plus SDK 0.32's deprecated
 * {@code amount}, {@code product_price_id} and {@code user_id}; embedded with {@code @JsonUnwrapped}. Kassa has no
 * customer balances or platform fees.
 */
public record OrderBase(
        UUID id,
        Instant createdAt,
        @Nullable Instant modifiedAt,
        @SchemaName("OrderStatus") String status,
        boolean paid,
        long subtotalAmount,
        long discountAmount,
        long netAmount,
        @Schema(description = "Deprecated: equal to net_amount.") long amount,
        long taxAmount,
        long totalAmount,
        @Schema(description = "Always 0: Kassa has no customer balances.") long appliedBalanceAmount,
        @Schema(description = "What the order asked for: total_amount plus the applied balance.") long dueAmount,
        long refundedAmount,
        long refundedTaxAmount,
        String currency,
        @SchemaName("OrderBillingReason") String billingReason,
        @Nullable String billingName,
        @SchemaName("Address") java.util.@Nullable Map<String, Object> billingAddress,
        @Schema(description = "Assigned when the order commits.") @Nullable String invoiceNumber,
        @Schema(description = "Whether an invoice has been generated for this order.") boolean isInvoiceGenerated,
        @Schema(description = "`RCPT-` and the invoice number, for an order a payment was taken for; its receipt PDF "
                + "is at the receipt endpoint.") @Nullable String receiptNumber,
        @Schema(description = "Always null: Kassa has no seat-based prices.") @Nullable Integer seats,
        @Schema(description = "Always null: Kassa has no unit-based prices.") @Nullable Integer units,
        UUID customerId,
        @Nullable UUID productId,
        @Schema(description = "Deprecated: use items.") @Nullable UUID productPriceId,
        @Nullable UUID discountId,
        @Nullable UUID subscriptionId,
        @Nullable UUID checkoutId,
        @Schema(description = "Deprecated: equal to customer_id.") UUID userId,
        @Schema(description = "Always 0: a self-hosted Kassa takes no platform fee.") long platformFeeAmount,
        @Schema(description = "Always null: a self-hosted Kassa takes no platform fee.") @Nullable String platformFeeCurrency,
        @Schema(description = "The product's name.") String description,
        @Schema(description = "Net amount that can still be refunded.") long refundableAmount,
        @Schema(description = "Tax that would be refunded with the whole refundable amount.") long refundableTaxAmount) {
}
