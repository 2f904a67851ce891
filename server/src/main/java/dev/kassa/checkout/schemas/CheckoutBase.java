package dev.kassa.checkout.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fields both checkout views start with (Polar's {@code CheckoutBase}), in Polar's order, plus SDK 0.32's
 * deprecated {@code subtotal_amount} and {@code customer_billing_address_fields}; embedded with
 * {@code @JsonUnwrapped}.
 */
public record CheckoutBase(
        UUID id,
        Instant createdAt,
        @Nullable Instant modifiedAt,
        @Schema(description = "Values by custom field slug; dates are ISO 8601 strings.") Map<String, Object> customFieldData,
        @SchemaName("PaymentProcessor") String paymentProcessor,
        @SchemaName("CheckoutStatus") String status,
        String clientSecret,
        String url,
        Instant expiresAt,
        String successUrl,
        @Nullable String returnUrl,
        @Nullable String embedOrigin,
        long amount,
        @Schema(description = "Always null: Kassa has no seat-based prices.") @Nullable Integer seats,
        @Schema(description = "Always null: Kassa has no seat-based prices.") @Nullable Integer minSeats,
        @Schema(description = "Always null: Kassa has no seat-based prices.") @Nullable Integer maxSeats,
        @Schema(description = "Always null: Kassa has no unit-based prices.") @Nullable Integer units,
        @Schema(description = "Always null: Kassa has no unit-based prices.") @Nullable Integer minUnits,
        @Schema(description = "Always null: Kassa has no unit-based prices.") @Nullable Integer maxUnits,
        long discountAmount,
        long netAmount,
        @Schema(description = "null until tax is calculated.") @Nullable Long taxAmount,
        @SchemaName("TaxBehavior") @Nullable String taxBehavior,
        long totalAmount,
        @Schema(description = "Deprecated: equal to net_amount.") long subtotalAmount,
        String currency,
        boolean allowTrial,
        @SchemaName("SubscriptionRecurringInterval") @Nullable String activeTrialInterval,
        @Nullable Integer activeTrialIntervalCount,
        @Nullable Instant trialEnd,
        UUID organizationId,
        UUID productId,
        @Schema(description = "Deprecated: use prices.") UUID productPriceId,
        @Nullable UUID discountId,
        boolean allowDiscountCodes,
        boolean requireBillingAddress,
        boolean isDiscountApplicable,
        boolean isFreeProductPrice,
        boolean isPaymentRequired,
        boolean isPaymentSetupRequired,
        boolean isPaymentFormRequired,
        @Nullable UUID customerId,
        boolean isBusinessCustomer,
        @Nullable String customerName,
        @Nullable String customerEmail,
        @Nullable String customerIpAddress,
        @Nullable String customerBillingName,
        @SchemaName("Address") @Nullable Map<String, Object> customerBillingAddress,
        @Nullable String customerTaxId,
        @Nullable String locale,
        @Nullable String paymentMethodType,
        Map<String, String> paymentProcessorMetadata,
        @SchemaName("CheckoutBillingAddressFields") Map<String, String> billingAddressFields,
        @Schema(description = "Deprecated: use billing_address_fields.")
        @SchemaName("CheckoutCustomerBillingAddressFields") Map<String, Boolean> customerBillingAddressFields) {
}
