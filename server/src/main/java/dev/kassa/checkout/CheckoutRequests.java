package dev.kassa.checkout;

import dev.kassa.address.Address;
import dev.kassa.address.AddressInput;
import dev.kassa.checkout.CheckoutCommands.CheckoutCreate;
import dev.kassa.checkout.CheckoutCommands.CheckoutUpdate;
import dev.kassa.checkout.CheckoutCommands.CreateShape;
import dev.kassa.money.Currencies;
import dev.kassa.platform.web.InputFormats;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Metadata;
import dev.kassa.platform.web.Patch;
import dev.kassa.platform.web.ValidationErrors;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Reads checkout bodies with pydantic's error shapes; each method throws one 422 listing every problem. */
final class CheckoutRequests {

    static final List<String> INTERVALS = List.of("day", "week", "month", "year");
    private static final List<String> SEAT_FIELDS = List.of("seats", "min_seats", "max_seats", "units", "min_units", "max_units");

    private CheckoutRequests() {
    }

    static CheckoutCreate create(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        CreateShape shape;
        List<UUID> productIds = List.of();
        UUID productPriceId = null;
        if (fields.has("products")) {
            shape = CreateShape.PRODUCTS;
            List<UUID> ids = fields.uuidList("products", true, false, 1, -1);
            if (ids != null && new HashSet<>(ids).size() != ids.size()) {
                fields.valueError("products", "Product IDs must be unique.");
            }
            productIds = ids == null ? List.of() : ids;
        } else if (fields.has("product_id")) {
            shape = CreateShape.PRODUCT;
            UUID id = fields.uuid("product_id", true, false);
            productIds = id == null ? List.of() : List.of(id);
        } else if (fields.has("product_price_id")) {
            shape = CreateShape.PRICE;
            productPriceId = fields.uuid("product_price_id", true, false);
        } else {
            shape = CreateShape.PRODUCTS;
            fields.uuidList("products", true, false, 1, -1);
        }
        if (fields.has("prices") && !fields.isNull("prices")) {
            fields.problem("prices", "value_error", "Ad-hoc prices are not supported by Kassa yet.");
        }
        String currency = currency(fields);
        UUID discountId = fields.uuid("discount_id", false, true);
        Boolean allowDiscountCodes = fields.bool("allow_discount_codes", false, false);
        Boolean requireBillingAddress = fields.bool("require_billing_address", false, false);
        Long amount = fields.integer("amount", false, true, 0L, 99_999_999_999L);
        Boolean allowTrial = fields.bool("allow_trial", false, false);
        String trialInterval = fields.enumValue("trial_interval", false, true, INTERVALS);
        Long trialIntervalCount = fields.integer("trial_interval_count", false, true, 1L, 1000L);
        checkTrialPair(fields, trialInterval, trialIntervalCount);
        UUID customerId = fields.uuid("customer_id", false, true);
        Boolean business = fields.bool("is_business_customer", false, false);
        String externalCustomerId = fields.has("external_customer_id")
                ? fields.string("external_customer_id", false, true, 0, 1000)
                : fields.string("customer_external_id", false, true, 0, 1000);
        String customerName = blankToNull(fields.string("customer_name", false, true, 0, 256));
        String customerEmail = email(fields);
        String ip = InputFormats.ipAddress(fields.string("customer_ip_address", false, true, 0, 100),
                fields.loc("customer_ip_address"), errors);
        String billingName = blankToNull(fields.string("customer_billing_name", false, true, 0, 1000));
        Address address = AddressInput.read(fields, "customer_billing_address");
        String taxId = blankToNull(fields.string("customer_tax_id", false, true, 0, 100));
        Map<String, Object> customerMetadata = Metadata.read(fields, "customer_metadata");
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        JsonNode customFieldData = customFieldData(fields);
        UUID subscriptionId = fields.uuid("subscription_id", false, true);
        String successUrl = InputFormats.httpUrl(fields.string("success_url", false, true, 1, 10_000), fields.loc("success_url"), errors);
        String returnUrl = InputFormats.httpUrl(fields.string("return_url", false, true, 1, 10_000), fields.loc("return_url"), errors);
        String embedOrigin = fields.string("embed_origin", false, true, 0, 1000);
        String locale = locale(fields);
        Instant expiresAt = fields.datetime("expires_at", false, true);
        for (String seatField : SEAT_FIELDS) {
            fields.integer(seatField, false, true, 1L, 10_000L);
        }
        errors.throwIfAny();
        return new CheckoutCreate(shape, productIds, productPriceId, currency, discountId,
                allowDiscountCodes == null || allowDiscountCodes, requireBillingAddress != null && requireBillingAddress,
                amount, allowTrial == null || allowTrial, trialInterval,
                trialIntervalCount == null ? null : trialIntervalCount.intValue(), customerId, business,
                blankToNull(externalCustomerId), customerName, customerEmail, ip, billingName, address, taxId,
                customerMetadata == null ? Map.of() : customerMetadata, metadata == null ? Map.of() : metadata,
                customFieldData, subscriptionId, successUrl, returnUrl, blankToNull(embedOrigin), locale, expiresAt);
    }

    /** The seat and unit fields of a body that set any of them (they only apply to seat-based prices). */
    static List<String> seatFieldsIn(JsonNode body) {
        return SEAT_FIELDS.stream().filter(f -> body.has(f) && !body.get(f).isNull()).toList();
    }

    static CheckoutUpdate update(JsonNode body, boolean publicUpdate) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields f = JsonFields.body(body, errors);
        Patch<UUID> productId = Patch.read(f, "product_id", f.uuid("product_id", false, true));
        Patch<UUID> productPriceId = Patch.read(f, "product_price_id", f.uuid("product_price_id", false, true));
        Patch<Long> amount = Patch.read(f, "amount", f.integer("amount", false, true, 0L, 99_999_999_999L));
        Patch<Boolean> business = Patch.read(f, "is_business_customer", f.bool("is_business_customer", false, false));
        Patch<String> customerName = Patch.read(f, "customer_name", blankToNull(f.string("customer_name", false, true, 0, 256)));
        Patch<String> customerEmail = Patch.read(f, "customer_email", email(f));
        Patch<String> billingName = Patch.read(f, "customer_billing_name", blankToNull(f.string("customer_billing_name", false, true, 0, 1000)));
        Patch<Address> address = Patch.read(f, "customer_billing_address", AddressInput.read(f, "customer_billing_address"));
        Patch<String> taxId = Patch.read(f, "customer_tax_id", blankToNull(f.string("customer_tax_id", false, true, 0, 100)));
        Patch<String> locale = Patch.read(f, "locale", locale(f));
        Patch<JsonNode> customFieldData = Patch.read(f, "custom_field_data", customFieldData(f));
        for (String seatField : SEAT_FIELDS) {
            f.integer(seatField, false, true, 1L, 10_000L);
        }
        if (publicUpdate) {
            Patch<String> paymentMethodType = Patch.read(f, "payment_method_type",
                    blankToNull(f.string("payment_method_type", false, true, 0, 100)));
            String code = f.string("discount_code", false, true, 0, 256);
            Patch<String> discountCode = Patch.read(f, "discount_code", code == null ? null : code.strip());
            Patch<Boolean> allowTrial = Patch.absent();
            if (f.has("allow_trial")) {
                JsonNode raw = f.raw("allow_trial");
                if (raw.isBoolean() && !raw.booleanValue()) {
                    allowTrial = Patch.of(false);
                } else {
                    f.problem("allow_trial", "literal_error", "Input should be False");
                }
            }
            errors.throwIfAny();
            return new CheckoutUpdate(productId, productPriceId, amount, business, customerName, customerEmail, billingName,
                    address, taxId, locale, customFieldData, Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
                    Patch.absent(), Patch.absent(), Patch.absent(), allowTrial, Patch.absent(), Patch.absent(),
                    Patch.absent(), Patch.absent(), Patch.absent(), paymentMethodType, discountCode);
        }
        Map<String, Object> metadataValue = Metadata.read(f, "metadata");
        Patch<Map<String, Object>> metadata = Patch.read(f, "metadata", metadataValue);
        String trialIntervalValue = f.enumValue("trial_interval", false, true, INTERVALS);
        Long trialCountValue = f.integer("trial_interval_count", false, true, 1L, 1000L);
        Patch<String> trialInterval = Patch.read(f, "trial_interval", trialIntervalValue);
        Patch<Integer> trialIntervalCount = Patch.read(f, "trial_interval_count", trialCountValue == null ? null : trialCountValue.intValue());
        if (trialInterval.present() || trialIntervalCount.present()) {
            checkTrialPair(f, trialIntervalValue, trialCountValue);
        }
        Patch<String> currency = Patch.read(f, "currency", currency(f));
        Patch<UUID> discountId = Patch.read(f, "discount_id", f.uuid("discount_id", false, true));
        Patch<Boolean> allowDiscountCodes = Patch.read(f, "allow_discount_codes", f.bool("allow_discount_codes", false, true));
        Patch<Boolean> requireBillingAddress = Patch.read(f, "require_billing_address", f.bool("require_billing_address", false, true));
        Patch<Boolean> allowTrial = Patch.read(f, "allow_trial", f.bool("allow_trial", false, true));
        Patch<String> ip = Patch.read(f, "customer_ip_address",
                InputFormats.ipAddress(f.string("customer_ip_address", false, true, 0, 100), f.loc("customer_ip_address"), errors));
        Patch<Map<String, Object>> customerMetadata = Patch.read(f, "customer_metadata", Metadata.read(f, "customer_metadata"));
        Patch<String> successUrl = Patch.read(f, "success_url",
                InputFormats.httpUrl(f.string("success_url", false, true, 1, 10_000), f.loc("success_url"), errors));
        Patch<String> returnUrl = Patch.read(f, "return_url",
                InputFormats.httpUrl(f.string("return_url", false, true, 1, 10_000), f.loc("return_url"), errors));
        Patch<String> embedOrigin = Patch.read(f, "embed_origin", blankToNull(f.string("embed_origin", false, true, 0, 1000)));
        errors.throwIfAny();
        return new CheckoutUpdate(productId, productPriceId, amount, business, customerName, customerEmail, billingName,
                address, taxId, locale, customFieldData, metadata, trialInterval, trialIntervalCount, currency, discountId,
                allowDiscountCodes, requireBillingAddress, allowTrial, ip, customerMetadata, successUrl, returnUrl,
                embedOrigin, Patch.absent(), Patch.absent());
    }

    /** The confirm body's {@code confirmation_token_id} (Stripe's {@code ctoken_...}); null when absent. */
    static String confirmationTokenId(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        String token = JsonFields.body(body, errors).string("confirmation_token_id", false, true, 0, 500);
        errors.throwIfAny();
        return blankToNull(token);
    }

    private static void checkTrialPair(JsonFields fields, String interval, Long count) {
        boolean intervalSet = fields.has("trial_interval") && !fields.isNull("trial_interval");
        boolean countSet = fields.has("trial_interval_count") && !fields.isNull("trial_interval_count");
        if (intervalSet != countSet) {
            fields.errors().add("missing", fields.loc(), "Both trial_interval and trial_interval_count must be set together.", fields.node());
        }
    }

    private static String currency(JsonFields fields) {
        String currency = fields.string("currency", false, true, 0, 10);
        if (currency == null) {
            return null;
        }
        String lower = currency.toLowerCase();
        if (!Currencies.isSupported(lower)) {
            fields.problem("currency", "enum", "Input should be a supported presentment currency (lower-case ISO 4217 code such as 'usd' or 'eur')");
            return null;
        }
        return lower;
    }

    private static String email(JsonFields fields) {
        String raw = fields.string("customer_email", false, true, 0, 320);
        return InputFormats.email(blankToNull(raw), fields.loc("customer_email"), fields.errors());
    }

    /** BCP-47-ish: letters, digits and hyphens, normalized as {@code en}, {@code en-US}. */
    private static String locale(JsonFields fields) {
        String raw = fields.string("locale", false, true, 0, 35);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        java.util.Locale locale = java.util.Locale.forLanguageTag(raw.strip().replace('_', '-'));
        if (locale.getLanguage().isEmpty()) {
            fields.valueError("locale", "Invalid locale: " + raw);
            return null;
        }
        return locale.toLanguageTag();
    }

    private static JsonNode customFieldData(JsonFields fields) {
        JsonNode raw = fields.raw("custom_field_data");
        if (raw == null || raw.isNull()) {
            return raw;
        }
        if (!raw.isObject()) {
            fields.problem("custom_field_data", "dict_type", "Input should be a valid dictionary");
            return null;
        }
        return raw;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
