package dev.kassa.checkoutlink;

import dev.kassa.platform.web.Patch;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Validated checkout link bodies, in Polar's schema names. */
final class CheckoutLinkCommands {

    private CheckoutLinkCommands() {
    }

    /** Which of Polar's three create shapes the body used ({@code CheckoutLinkCreateProducts}, ...Product, ...ProductPrice). */
    enum CreateShape {
        PRODUCTS, PRODUCT, PRICE
    }

    record CheckoutLinkCreate(CreateShape shape, List<UUID> productIds, @Nullable UUID productPriceId, @Nullable String label,
            boolean allowDiscountCodes, boolean requireBillingAddress, @Nullable UUID discountId, @Nullable Integer seats,
            @Nullable Integer units, @Nullable String successUrl, @Nullable String returnUrl, @Nullable String trialInterval,
            @Nullable Integer trialIntervalCount, Map<String, Object> metadata) {
    }

    /** A partial update: an absent field is unchanged; for nullable fields an explicit null clears them. */
    record CheckoutLinkUpdate(@Nullable List<UUID> productIds, Patch<String> label, @Nullable Boolean allowDiscountCodes,
            @Nullable Boolean requireBillingAddress, Patch<UUID> discountId, Patch<Integer> seats, Patch<Integer> units,
            Patch<String> successUrl, Patch<String> returnUrl, Patch<String> trialInterval, Patch<Integer> trialIntervalCount,
            @Nullable Map<String, Object> metadata) {
    }
}
