package dev.kassa.checkoutlink.schemas;

import dev.kassa.discount.schemas.DiscountEmbed;
import dev.kassa.platform.openapi.SchemaName;
import dev.kassa.product.schemas.CheckoutLinkProduct;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Polar's {@code CheckoutLink}, in Polar's field order. Kassa has no seat- or unit-based prices, so {@code seats} and
 * {@code units} are always null.
 */
@Schema(description = "Checkout link data.")
public record CheckoutLink(
        UUID id,
        Instant createdAt,
        @Nullable Instant modifiedAt,
        @SchemaName("SubscriptionRecurringInterval") @Nullable String trialInterval,
        @Nullable Integer trialIntervalCount,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @SchemaName("PaymentProcessor") String paymentProcessor,
        @Schema(description = "Client secret used to access the checkout link.") String clientSecret,
        @Nullable String successUrl,
        @Nullable String returnUrl,
        @Schema(description = "Optional label to distinguish links internally") @Nullable String label,
        boolean allowDiscountCodes,
        boolean requireBillingAddress,
        @Nullable UUID discountId,
        @Schema(description = "Always null: Kassa has no seat-based prices.") @Nullable Integer seats,
        @Schema(description = "Always null: Kassa has no unit-based prices.") @Nullable Integer units,
        UUID organizationId,
        List<CheckoutLinkProduct> products,
        @SchemaName(DiscountEmbed.UNION) @Nullable DiscountEmbed discount,
        @Schema(description = "The link to share: it opens a new checkout session and redirects the buyer to it.") String url) {
}
