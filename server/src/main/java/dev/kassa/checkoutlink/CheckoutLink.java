package dev.kassa.checkoutlink;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored checkout link; {@code productIds} in the merchant's order. */
record CheckoutLink(UUID id, UUID organizationId, String clientSecret, String paymentProcessor, @Nullable String label,
        boolean allowDiscountCodes, boolean requireBillingAddress, @Nullable UUID discountId, @Nullable String successUrl,
        @Nullable String returnUrl, @Nullable String trialInterval, @Nullable Integer trialIntervalCount,
        Map<String, Object> metadata, List<UUID> productIds, Instant createdAt, @Nullable Instant modifiedAt) {

    CheckoutLink {
        productIds = List.copyOf(productIds);
    }
}
