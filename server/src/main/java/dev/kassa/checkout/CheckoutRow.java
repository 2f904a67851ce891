package dev.kassa.checkout;

import dev.kassa.address.Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A checkout as stored. Mutable on purpose: a use case loads it (locked), applies the request's changes step
 * by step as Polar's update does, and saves it once at the end of its transaction.
 */
final class CheckoutRow {
    UUID id;
    UUID organizationId;
    CheckoutStatus status;
    String clientSecret;
    Instant expiresAt;
    Map<String, Object> paymentProcessorMetadata = new LinkedHashMap<>();
    String paymentMethodType;
    String returnUrl;
    String successUrl;
    String embedOrigin;
    String locale;
    boolean allowDiscountCodes = true;
    boolean requireBillingAddress;
    boolean allowTrial = true;
    String trialInterval;
    Integer trialIntervalCount;
    Instant trialEnd;
    UUID productId;
    UUID productPriceId;
    UUID discountId;
    String currency;
    long amount;
    /** The buyer's pay-what-you-want amount, when the selected price is custom and one was given. */
    Long customAmount;
    long discountAmount;
    long netAmount;
    Long taxAmount;
    String taxBehavior;
    String taxProcessorId;
    String taxBreakdown;
    String taxInputsHash;
    UUID customerId;
    /** How {@link #customerId} was found: merchant, created or email (see V12). */
    String customerLink;
    String externalCustomerId;
    boolean businessCustomer;
    String customerName;
    String customerEmail;
    String customerIpAddress;
    String customerBillingName;
    Address customerBillingAddress;
    String customerTaxId;
    String customerTaxIdFormat;
    Map<String, Object> customerMetadata = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    Map<String, Object> customFieldData = new LinkedHashMap<>();
    UUID subscriptionId;
    Instant createdAt;
    Instant modifiedAt;
    /** The products the buyer may choose between, in order. */
    List<UUID> productIds = new ArrayList<>();
}
