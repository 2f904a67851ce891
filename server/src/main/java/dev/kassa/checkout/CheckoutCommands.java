package dev.kassa.checkout;

import dev.kassa.address.Address;
import dev.kassa.platform.web.Patch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Validated checkout request bodies, in Polar's schema names. */
final class CheckoutCommands {

    private CheckoutCommands() {
    }

    /** Which of Polar's three create shapes the body used; errors about the product are reported at its field. */
    enum CreateShape {
        PRODUCTS("products"), PRODUCT("product_id"), PRICE("product_price_id");

        final String field;

        CreateShape(String field) {
            this.field = field;
        }
    }

    record CheckoutCreate(CreateShape shape, List<UUID> productIds, UUID productPriceId, String currency, UUID discountId,
            boolean allowDiscountCodes, boolean requireBillingAddress, Long amount, boolean allowTrial,
            String trialInterval, Integer trialIntervalCount, UUID customerId, Boolean businessCustomer,
            String externalCustomerId, String customerName, String customerEmail, String customerIpAddress,
            String customerBillingName, Address customerBillingAddress, String customerTaxId,
            Map<String, Object> customerMetadata, Map<String, Object> metadata, JsonNode customFieldData,
            UUID subscriptionId, String successUrl, String returnUrl, String embedOrigin, String locale, Instant expiresAt) {
    }

    /**
     * An update, merchant ({@code CheckoutUpdate}) or buyer ({@code CheckoutUpdatePublic}); fields the buyer may not
     * send are always absent in a public update.
     */
    record CheckoutUpdate(Patch<UUID> productId, Patch<UUID> productPriceId, Patch<Long> amount,
            Patch<Boolean> businessCustomer, Patch<String> customerName, Patch<String> customerEmail,
            Patch<String> customerBillingName, Patch<Address> customerBillingAddress, Patch<String> customerTaxId,
            Patch<String> locale, Patch<JsonNode> customFieldData,
            Patch<Map<String, Object>> metadata, Patch<String> trialInterval, Patch<Integer> trialIntervalCount,
            Patch<String> currency, Patch<UUID> discountId, Patch<Boolean> allowDiscountCodes,
            Patch<Boolean> requireBillingAddress, Patch<Boolean> allowTrial, Patch<String> customerIpAddress,
            Patch<Map<String, Object>> customerMetadata, Patch<String> successUrl, Patch<String> returnUrl,
            Patch<String> embedOrigin, Patch<String> paymentMethodType, Patch<String> discountCode) {
    }
}
