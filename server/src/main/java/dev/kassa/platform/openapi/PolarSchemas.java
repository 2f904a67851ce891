package dev.kassa.platform.openapi;

import static dev.kassa.platform.openapi.Schemas.anyOf;
import static dev.kassa.platform.openapi.Schemas.anything;
import static dev.kassa.platform.openapi.Schemas.array;
import static dev.kassa.platform.openapi.Schemas.bool;
import static dev.kassa.platform.openapi.Schemas.constant;
import static dev.kassa.platform.openapi.Schemas.dateTime;
import static dev.kassa.platform.openapi.Schemas.integer;
import static dev.kassa.platform.openapi.Schemas.map;
import static dev.kassa.platform.openapi.Schemas.nullable;
import static dev.kassa.platform.openapi.Schemas.object;
import static dev.kassa.platform.openapi.Schemas.oneOfStrings;
import static dev.kassa.platform.openapi.Schemas.ref;
import static dev.kassa.platform.openapi.Schemas.string;
import static dev.kassa.platform.openapi.Schemas.union;
import static dev.kassa.platform.openapi.Schemas.uuid;

import dev.kassa.platform.openapi.Schemas.ObjectBuilder;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The component schemas, named as in Polar's OpenAPI document (and so in its SDK). The responses are derived
 * from their records ({@link ResponseSchemas}, {@link RecordSchemas}); written here are what Kassa accepts (the
 * {@code *Requests} parsers), the errors, the enums the records name, and the discount and custom field shapes
 * that are still built as maps. Where Kassa differs from Polar, the schema follows Kassa: a document has to
 * describe the server it comes from.
 */
final class PolarSchemas {

    private static final long MAX_DISCOUNT_AMOUNT = 999_999_999_999L;

    private final Map<String, Schema<?>> schemas = new LinkedHashMap<>();

    private PolarSchemas() {
    }

    static Map<String, Schema<?>> all() {
        PolarSchemas s = new PolarSchemas();
        s.shared();
        s.errors();
        s.customFields();
        s.products();
        s.discounts();
        s.checkouts();
        s.confirm();
        s.customers();
        s.orders();
        s.subscriptions();
        s.portal();
        s.checkoutLinks();
        s.webhooks();
        s.refunds();
        s.schemas.putAll(RecordSchemas.of(ResponseSchemas.ROOTS));
        s.schemas.putAll(RecordSchemas.errors(ResponseSchemas.ERRORS));
        return s.schemas;
    }

    private void put(String name, Schema<?> schema) {
        schema.title(name);
        schemas.put(name, schema);
    }

    private void put(ObjectBuilder builder) {
        Schema<?> schema = builder.build();
        schemas.put(schema.getTitle(), schema);
    }

    /** Metadata values: string, integer, number or boolean. */
    private static Schema<?> metadataValues() {
        return map(anyOf(string(), integer(), Schemas.typed("number"), bool()));
    }

    /** Metadata a client sends: at most 50 keys of 1-40 characters, strings of 1-500 characters. */
    private static Schema<?> metadataInput() {
        return map(anyOf(Schemas.string(1, 500), integer(), Schemas.typed("number"), bool()))
                .maxProperties(50)
                .propertyNames(Schemas.string(1, 40))
                .description("Key-value object of metadata: at most 50 keys of 1 to 40 characters; values are strings of "
                        + "1 to 500 characters, integers, numbers or booleans.");
    }

    private static Schema<Object> currency() {
        return string().description("Lower-case ISO 4217 presentment currency (upper case is accepted and lower-cased).");
    }

    private void shared() {
        put(object("Pagination")
                .required("total_count", integer())
                .required("max_page", integer()));
        put("SubscriptionRecurringInterval", oneOfStrings("day", "week", "month", "year"));
        put("ProductPriceType", oneOfStrings("one_time", "recurring"));
        put("TaxBehaviorOption", oneOfStrings("location", "inclusive", "exclusive"));
        put("ProductVisibility", oneOfStrings("draft", "private", "public"));
        put("ProductSortProperty", sortValues("created_at", "name", "price_amount_type", "price_amount"));
        put("DiscountSortProperty", sortValues("created_at", "name", "code", "redemptions_count"));
        put("CustomFieldSortProperty", sortValues("created_at", "slug", "name", "type"));
        put("CustomFieldType", oneOfStrings("text", "number", "date", "checkbox", "select"));
        put("DiscountDuration", oneOfStrings("once", "forever", "repeating"));
        put("DiscountType", oneOfStrings("fixed", "percentage"));
        put("CustomerSortProperty", sortValues("created_at", "email", "name"));
        put("OrderSortProperty", sortValues("created_at", "amount", "net_amount", "customer", "product", "discount",
                "subscription"));
        put("SubscriptionSortProperty", sortValues("customer", "status", "started_at", "current_period_end", "amount",
                "product", "discount"));
        put("CustomerOrderSortProperty", sortValues("created_at", "amount", "net_amount", "product", "subscription"));
        put("CustomerSubscriptionSortProperty", sortValues("started_at", "amount", "status", "organization", "product"));
        put("OrderStatus", oneOfStrings("pending", "paid", "refunded", "partially_refunded"));
        put("OrderBillingReason", oneOfStrings("purchase", "subscription_create", "subscription_cycle",
                "subscription_update"));
        put("SubscriptionStatus", oneOfStrings("incomplete", "incomplete_expired", "trialing", "active", "past_due",
                "canceled", "unpaid"));
        put("TaxBehavior", oneOfStrings("inclusive", "exclusive"));
        put("ProductPriceSource", oneOfStrings("catalog", "ad_hoc"));
        put("CustomerType", oneOfStrings("individual", "team"));
        put("MetadataOutputType", metadataValues());
        put("CustomerCancellationReason", oneOfStrings("customer_service", "low_quality", "missing_features",
                "switched_service", "too_complex", "too_expensive", "unused", "other"));
    }

    private static Schema<?> sortValues(String... properties) {
        String[] values = new String[properties.length * 2];
        for (int i = 0; i < properties.length; i++) {
            values[2 * i] = properties[i];
            values[2 * i + 1] = "-" + properties[i];
        }
        return oneOfStrings(values);
    }

    private void errors() {
        put(object("ValidationError")
                .required("loc", array(anyOf(string(), integer())))
                .required("msg", string())
                .required("type", string())
                .optional("input", anything()));
        put(object("HTTPValidationError")
                .optional("error", oneOfStrings("RequestValidationError", "PolarRequestValidationError"))
                .optional("detail", array(ref("ValidationError"))));
        put(object("Unauthorized")
                .required("error", constant("Unauthorized"))
                .required("detail", string())
                .description("No bearer token was sent."));
        put(object("BearerTokenError")
                .required("error", oneOfStrings("invalid_token", "insufficient_scope"))
                .required("error_description", string())
                .description("RFC 6750 error: an unknown, expired or revoked token (401), or a token without the "
                        + "operation's scopes (403)."));
    }

    private void customFields() {
        put(textProperties());
        put(comparableProperties("CustomFieldNumberProperties"));
        put(comparableProperties("CustomFieldDateProperties")
                .description("ge and le are unix timestamps (seconds)."));
        put(formProperties("CustomFieldCheckboxProperties"));
        put(object("CustomFieldSelectOption")
                .required("value", Schemas.string(1, null))
                .required("label", Schemas.string(1, null)));
        put(formProperties("CustomFieldSelectProperties")
                .required("options", array(ref("CustomFieldSelectOption")).minItems(1)));

        Map<String, String> members = new LinkedHashMap<>();
        Map<String, String> creates = new LinkedHashMap<>();
        Map<String, String> updates = new LinkedHashMap<>();
        for (String type : new String[] {"text", "number", "date", "checkbox", "select"}) {
            String suffix = Character.toUpperCase(type.charAt(0)) + type.substring(1);
            String properties = "CustomField" + suffix + "Properties";
            put(object("CustomField" + suffix)
                    .required("created_at", dateTime())
                    .required("modified_at", nullable(dateTime()))
                    .required("id", uuid())
                    .required("metadata", metadataValues())
                    .required("type", constant(type))
                    .required("slug", string())
                    .required("name", string())
                    .required("organization_id", uuid())
                    .required("properties", ref(properties)));
            put(object("CustomFieldCreate" + suffix)
                    .optional("metadata", metadataInput())
                    .required("type", constant(type))
                    .required("slug", slug())
                    .required("name", Schemas.string(1, null))
                    .optional("organization_id", nullable(uuid()))
                    .required("properties", ref(properties)));
            put(object("CustomFieldUpdate" + suffix)
                    .optional("metadata", metadataInput())
                    .optional("name", nullable(Schemas.string(1, null)))
                    .optional("slug", nullable(slug()))
                    .required("type", constant(type))
                    .optional("properties", nullable(ref(properties))));
            members.put(type, "CustomField" + suffix);
            creates.put(type, "CustomFieldCreate" + suffix);
            updates.put(type, "CustomFieldUpdate" + suffix);
        }
        put("CustomField", union("type", members));
        put("CustomFieldCreate", union("type", creates));
        put("CustomFieldUpdate", union("type", updates).description("type must be the field's current type."));
        put(list("CustomField"));
    }

    private static Schema<?> slug() {
        return string().minLength(1).pattern("^[A-Za-z0-9_-]+$")
                .description("Stored lower-cased: only a-z, 0-9, '-' and '_'.");
    }

    private static ObjectBuilder formProperties(String title) {
        return object(title)
                .optional("form_label", Schemas.string(1, null))
                .optional("form_help_text", Schemas.string(1, null))
                .optional("form_placeholder", Schemas.string(1, null));
    }

    private static ObjectBuilder textProperties() {
        return formProperties("CustomFieldTextProperties")
                .optional("textarea", bool())
                .optional("min_length", integer(0, (long) Integer.MAX_VALUE))
                .optional("max_length", integer(0, (long) Integer.MAX_VALUE));
    }

    private static ObjectBuilder comparableProperties(String title) {
        return formProperties(title)
                .optional("ge", integer(Integer.MIN_VALUE, (long) Integer.MAX_VALUE))
                .optional("le", integer(Integer.MIN_VALUE, (long) Integer.MAX_VALUE));
    }

    private void products() {
        put(list("Product"));

        put(priceCreate("ProductPriceFixedCreate", "fixed")
                .required("price_amount", integer().description("The price in minor units; 0 is a free price, any other "
                        + "amount at least the currency's minimum charge.")));
        put(priceCreate("ProductPriceCustomCreate", "custom")
                .optional("minimum_amount", nullable(integer()))
                .optional("maximum_amount", nullable(integer()))
                .optional("preset_amount", nullable(integer())));
        put(priceCreate("ProductPriceFreeCreate", "free"));
        put(object("ExistingProductPrice")
                .required("id", uuid())
                .description("Keeps an existing price of the product."));
        put(object("AttachedCustomFieldCreate")
                .required("custom_field_id", uuid())
                .required("required", bool()));
        Map<String, String> newPrices = new LinkedHashMap<>();
        newPrices.put("fixed", "ProductPriceFixedCreate");
        newPrices.put("custom", "ProductPriceCustomCreate");
        newPrices.put("free", "ProductPriceFreeCreate");
        put(object("ProductCreate")
                .optional("metadata", metadataInput())
                .required("name", productName())
                .optional("description", nullable(string()))
                .optional("recurring_interval", nullable(ref("SubscriptionRecurringInterval")))
                .optional("recurring_interval_count", nullable(integer(1, 999L))
                        .description("Only with a recurring_interval; defaults to 1."))
                .required("prices", array(union("amount_type", newPrices)).minItems(1))
                .optional("attached_custom_fields", nullable(array(ref("AttachedCustomFieldCreate"))))
                .optional("organization_id", nullable(uuid())));
        put(object("ProductUpdate")
                .optional("metadata", metadataInput())
                .optional("name", nullable(productName()))
                .optional("description", nullable(string()))
                .optional("recurring_interval", nullable(ref("SubscriptionRecurringInterval")))
                .optional("is_archived", nullable(bool()))
                .optional("prices", nullable(array(Schemas.anyOf(ref("ExistingProductPrice"), union("amount_type", newPrices))))
                        .description("The product's whole price list: existing prices by id, new ones in full."))
                .optional("attached_custom_fields", nullable(array(ref("AttachedCustomFieldCreate")))));
    }



    private static Schema<?> productName() {
        return Schemas.string(3, 64).description("Stripped of surrounding whitespace before the length check.");
    }


    private static ObjectBuilder priceCreate(String title, String amountType) {
        return object(title)
                .required("amount_type", constant(amountType))
                .optional("price_currency", currency()._default("usd"))
                .optional("tax_behavior", nullable(ref("TaxBehaviorOption")));
    }


    private void discounts() {
        for (boolean fixed : new boolean[] {false, true}) {
            for (boolean repeat : new boolean[] {false, true}) {
                put(discount(fixed, repeat));
                put(discountCreate(fixed, repeat));
            }
        }
        put("Discount", union("DiscountPercentageOnceForeverDuration", "DiscountFixedOnceForeverDuration",
                "DiscountPercentageRepeatDuration", "DiscountFixedRepeatDuration"));
        put("DiscountCreate", union("DiscountPercentageOnceForeverDurationCreate", "DiscountFixedOnceForeverDurationCreate",
                "DiscountPercentageRepeatDurationCreate", "DiscountFixedRepeatDurationCreate")
                .description("Chosen by type and duration: once and forever share a member, repeating has its own."));
        put(list("Discount"));
        put(object("DiscountUpdate")
                .optional("metadata", metadataInput())
                .optional("name", nullable(Schemas.string(1, null)))
                .optional("code", nullable(discountCode()))
                .optional("starts_at", nullable(dateTime()))
                .optional("ends_at", nullable(dateTime()))
                .optional("max_redemptions", nullable(integer(1, (long) Integer.MAX_VALUE)))
                .optional("max_redemptions_per_customer", nullable(integer(1, (long) Integer.MAX_VALUE)))
                .optional("duration", nullable(ref("DiscountDuration")))
                .optional("duration_in_months", nullable(integer(1, 999L)))
                .optional("type", nullable(ref("DiscountType")))
                .optional("amount", nullable(integer(0, MAX_DISCOUNT_AMOUNT)))
                .optional("currency", nullable(currency()))
                .optional("amounts", nullable(discountAmounts()))
                .optional("basis_points", nullable(integer(1, 10_000L)))
                .optional("products", nullable(array(uuid()))));
    }

    private static String discountName(boolean fixed, boolean repeat) {
        return "Discount" + (fixed ? "Fixed" : "Percentage") + (repeat ? "Repeat" : "OnceForever") + "Duration";
    }

    private static ObjectBuilder discountHead(ObjectBuilder builder, boolean fixed, boolean repeat) {
        builder.required("duration", repeat ? constant("repeating") : oneOfStrings("once", "forever"));
        if (repeat) {
            builder.required("duration_in_months", integer(1, 999L));
        }
        return builder.required("type", constant(fixed ? "fixed" : "percentage"));
    }

    private static ObjectBuilder discount(boolean fixed, boolean repeat) {
        ObjectBuilder b = discountHead(object(discountName(fixed, repeat)), fixed, repeat);
        if (fixed) {
            b.required("amount", integer()).required("currency", string()).required("amounts", map(integer()));
        } else {
            b.required("basis_points", integer());
        }
        return b.required("created_at", dateTime())
                .required("modified_at", nullable(dateTime()))
                .required("id", uuid())
                .required("metadata", metadataValues())
                .required("name", string())
                .required("code", nullable(string()))
                .required("starts_at", nullable(dateTime()))
                .required("ends_at", nullable(dateTime()))
                .required("max_redemptions", nullable(integer()))
                .required("max_redemptions_per_customer", nullable(integer()))
                .required("redemptions_count", integer())
                .required("organization_id", uuid())
                .required("products", array(ref("DiscountProduct")));
    }

    private static ObjectBuilder discountCreate(boolean fixed, boolean repeat) {
        ObjectBuilder b = discountHead(object(discountName(fixed, repeat) + "Create"), fixed, repeat);
        if (fixed) {
            b.optional("amount", integer(0, MAX_DISCOUNT_AMOUNT))
                    .optional("currency", currency()._default("usd"))
                    .optional("amounts", discountAmounts())
                    .requireOneOf("amount", "amounts")
                    .description("Either amount (with currency) or amounts.");
        } else {
            b.required("basis_points", integer(1, 10_000L).description("Discount in basis points: 100 is 1%."));
        }
        return b.optional("metadata", metadataInput())
                .required("name", Schemas.string(1, null))
                .optional("code", nullable(discountCode()))
                .optional("starts_at", nullable(dateTime()))
                .optional("ends_at", nullable(dateTime()))
                .optional("max_redemptions", nullable(integer(1, (long) Integer.MAX_VALUE)))
                .optional("max_redemptions_per_customer", nullable(integer(1, (long) Integer.MAX_VALUE)))
                .optional("products", nullable(array(uuid())))
                .optional("organization_id", nullable(uuid()));
    }

    private static Schema<?> discountAmounts() {
        return map(integer(0, MAX_DISCOUNT_AMOUNT)).minProperties(1)
                .description("Amount by presentment currency, in the currency's smallest unit.");
    }

    private static Schema<?> discountCode() {
        return string().description("Alphanumeric, 3 to 256 characters; an empty string means no code.");
    }

    private void checkouts() {
        put("CheckoutStatus", oneOfStrings("open", "expired", "confirmed", "succeeded", "failed"));
        put("CheckoutSortProperty", sortValues("created_at", "expires_at", "status"));
        put("PaymentProcessor", oneOfStrings("stripe"));
        put("BillingAddressFieldMode", oneOfStrings("required", "optional", "disabled"));
        put("SubscriptionProrationBehavior", oneOfStrings("invoice", "prorate", "next_period", "reset"));
        put(object("Address")
                .required("line1", nullable(string()))
                .required("line2", nullable(string()))
                .required("postal_code", nullable(string()))
                .required("city", nullable(string()))
                .required("state", nullable(string()).description("US and Canadian states as `US-CA`, `CA-QC`."))
                .required("country", string().description("ISO 3166-1 alpha-2 country code.")));
        put(object("AddressInput")
                .optional("line1", nullable(string()))
                .optional("line2", nullable(string()))
                .optional("postal_code", nullable(string()))
                .optional("city", nullable(string()))
                .optional("state", nullable(string())
                        .description("Required for US and CA; `CA` or `US-CA` (any case) is stored as `US-CA`."))
                .required("country", string().description("ISO 3166-1 alpha-2 code, upper-cased; CU, IR, KP, SY and RU "
                        + "are not accepted."))
                .description("Strings are trimmed and blank ones become null."));
        ObjectBuilder fields = object("CheckoutBillingAddressFields");
        for (String field : new String[] {"country", "state", "line1", "line2", "city", "postal_code"}) {
            fields.required(field, ref("BillingAddressFieldMode"));
        }
        put(fields);
        ObjectBuilder deprecatedFields = object("CheckoutCustomerBillingAddressFields")
                .description("Deprecated: use billing_address_fields.");
        for (String field : new String[] {"country", "state", "line1", "line2", "city", "postal_code"}) {
            deprecatedFields.required(field, bool());
        }
        put(deprecatedFields);
        put(object("ListResource_Checkout_")
                .required("items", array(ref("Checkout")))
                .required("pagination", ref("Pagination")));

        put(checkoutCreateFields(object("CheckoutProductsCreate")
                .required("products", array(uuid()).minItems(1).uniqueItems(true)
                        .description("The products offered, without duplicates; the first one is selected."))
                .optional("currency", nullable(currency()))
                .optional("prices", Schemas.typed("null").description("Ad-hoc prices are not supported by Kassa yet: "
                        + "only null is accepted."))));
        put(checkoutCreateFields(object("CheckoutProductCreate")
                .required("product_id", uuid())
                .optional("currency", nullable(currency()))
                .description("Deprecated: use products.")));
        put(checkoutCreateFields(object("CheckoutPriceCreate")
                .required("product_price_id", uuid())
                .description("Deprecated: use products. The currency is the price's.")));
        put("CheckoutCreate", Schemas.anyOf(ref("CheckoutProductsCreate"), ref("CheckoutProductCreate"),
                ref("CheckoutPriceCreate"))
                .description("Read by the first key present: products, then product_id, then product_price_id."));
        put(checkoutUpdateFields(object("CheckoutUpdate"))
                .optional("metadata", nullable(metadataInput()).description("Replaces the whole map; null empties it."))
                .optional("trial_interval", nullable(ref("SubscriptionRecurringInterval")))
                .optional("trial_interval_count", nullable(integer(1, 1000L)))
                .optional("currency", nullable(currency()))
                .optional("discount_id", nullable(uuid()).description("null removes the discount."))
                .optional("allow_discount_codes", nullable(bool()))
                .optional("require_billing_address", nullable(bool()))
                .optional("allow_trial", nullable(bool()))
                .optional("customer_ip_address", nullable(string()))
                .optional("customer_metadata", nullable(metadataInput()).description("Replaces the whole map; null empties it."))
                .optional("success_url", nullable(url()))
                .optional("return_url", nullable(url()))
                .optional("embed_origin", nullable(Schemas.string(0, 1000)))
                .description("Only the keys sent are changed."));
        Schema<Object> noTrial = bool();
        noTrial._const(false);
        put(checkoutUpdateFields(object("CheckoutUpdatePublic"))
                .optional("payment_method_type", nullable(Schemas.string(0, 100)))
                .optional("discount_code", nullable(Schemas.string(0, 256))
                        .description("Case-insensitive; ignored unless allow_discount_codes; null removes the discount."))
                .optional("allow_trial", noTrial.description("Only false: the buyer may decline a trial."))
                .description("Only the keys sent are changed."));
    }


    /** {@code custom_field_data}: values by custom field slug; dates are ISO 8601 strings. */
    private static Schema<?> customFieldData() {
        return map(nullable(anyOf(string(), integer(), bool())));
    }





    private static Schema<?> url() {
        return Schemas.string(1, 10_000).format("uri").description("An http or https URL.");
    }

    private static Schema<?> seatField() {
        return nullable(integer(1, 10_000L)).description("Kassa has no seat- or unit-based prices: a value is rejected.");
    }

    /** The fields every create shape takes ({@code CheckoutCreateBase} in Polar). */
    private static ObjectBuilder checkoutCreateFields(ObjectBuilder builder) {
        builder.optional("discount_id", nullable(uuid()))
                .optional("allow_discount_codes", bool()._default(true))
                .optional("require_billing_address", bool()._default(false))
                .optional("amount", nullable(integer(0, 99_999_999_999L)).description("Only for pay-what-you-want prices."))
                .optional("allow_trial", bool()._default(true))
                .optional("trial_interval", nullable(ref("SubscriptionRecurringInterval")))
                .optional("trial_interval_count", nullable(integer(1, 1000L)))
                .optional("customer_id", nullable(uuid()))
                .optional("is_business_customer", bool()._default(false))
                .optional("external_customer_id", nullable(Schemas.string(0, 1000)))
                .optional("customer_external_id", nullable(Schemas.string(0, 1000))
                        .description("Deprecated alias of external_customer_id."))
                .optional("customer_name", nullable(Schemas.string(0, 256)))
                .optional("customer_email", nullable(Schemas.string(0, 320).format("email")))
                .optional("customer_ip_address", nullable(string()).description("An IPv4 or IPv6 address."))
                .optional("customer_billing_name", nullable(Schemas.string(0, 1000)))
                .optional("customer_billing_address", nullable(ref("AddressInput")))
                .optional("customer_tax_id", nullable(Schemas.string(0, 100)))
                .optional("customer_metadata", nullable(metadataInput()))
                .optional("metadata", nullable(metadataInput()))
                .optional("custom_field_data", nullable(customFieldData()))
                .optional("subscription_id", nullable(uuid()))
                .optional("success_url", nullable(url()).description("May contain `{CHECKOUT_ID}`."))
                .optional("return_url", nullable(url()))
                .optional("embed_origin", nullable(Schemas.string(0, 1000)))
                .optional("locale", nullable(Schemas.string(0, 35)).description("A BCP 47 language tag."))
                .optional("expires_at", nullable(dateTime()).description("Kassa only: when the session expires; "
                        + "defaults to 24 hours from now."));
        for (String seatField : new String[] {"seats", "min_seats", "max_seats", "units", "min_units", "max_units"}) {
            builder.optional(seatField, seatField());
        }
        return builder;
    }

    /** The fields both update bodies take ({@code CheckoutUpdateBase} in Polar). */
    private static ObjectBuilder checkoutUpdateFields(ObjectBuilder builder) {
        builder.optional("product_id", nullable(uuid()).description("One of the checkout's products."))
                .optional("product_price_id", nullable(uuid()).description("Deprecated: use product_id."))
                .optional("amount", nullable(integer(0, 99_999_999_999L)).description("Only for pay-what-you-want prices."))
                .optional("is_business_customer", bool().description("false also clears the tax id and billing name."))
                .optional("customer_name", nullable(Schemas.string(0, 256)))
                .optional("customer_email", nullable(Schemas.string(0, 320).format("email")))
                .optional("customer_billing_name", nullable(Schemas.string(0, 1000)))
                .optional("customer_billing_address", nullable(ref("AddressInput"))
                        .description("null is ignored: the address cannot be cleared, as in Polar."))
                .optional("customer_tax_id", nullable(Schemas.string(0, 100)))
                .optional("locale", nullable(Schemas.string(0, 35)))
                .optional("custom_field_data", nullable(customFieldData()).description("Merged into the stored data."));
        for (String seatField : new String[] {"seats", "min_seats", "max_seats", "units", "min_units", "max_units"}) {
            builder.optional(seatField, seatField());
        }
        return builder;
    }

    private void confirm() {
        Schema<Object> noTrial = bool();
        noTrial._const(false);
        put(checkoutUpdateFields(object("CheckoutConfirmStripe"))
                .optional("payment_method_type", nullable(Schemas.string(0, 100)))
                .optional("discount_code", nullable(Schemas.string(0, 256))
                        .description("Case-insensitive; ignored unless allow_discount_codes; null removes the discount."))
                .optional("allow_trial", noTrial.description("Only false: the buyer may decline a trial."))
                .optional("confirmation_token_id", nullable(Schemas.string(0, 500))
                        .description("The Stripe confirmation token of the payment method; required when "
                                + "is_payment_form_required."))
                .description("The fields of CheckoutUpdatePublic, applied before confirming, and the payment method."));
    }


    /** {@code tax_id} on input: a string, or a {@code [number, format]} pair whose number is taken. */
    private static Schema<?> taxIdInput() {
        return nullable(anyOf(string(), array(nullable(string())).minItems(1)))
                .description("The tax ID number; from a `[number, format]` pair the number is taken and the format is "
                        + "derived again from the billing country.");
    }


    private void customers() {
        put(list("Customer"));
        put(object("CustomerCreate")
                .optional("metadata", metadataInput())
                .optional("external_id", nullable(string()).description("Unique in the organization."))
                .required("email", string().format("email").description("Unique in the organization, ignoring case."))
                .optional("name", nullable(Schemas.string(0, 256)))
                .optional("billing_address", nullable(ref("AddressInput")))
                .optional("tax_id", taxIdInput())
                .optional("organization_id", nullable(uuid())));
        for (String name : java.util.List.of("OrderUpdate", "CustomerOrderUpdate")) {
            put(object(name)
                    .optional("billing_name", nullable(string())
                            .description("The name of the customer that should appear on the invoice. Can't be updated "
                                    + "after the invoice is generated."))
                    .optional("billing_address", nullable(ref("AddressInput"))
                            .description("The address of the customer that should appear on the invoice. Country and "
                                    + "state fields cannot be updated. Can't be updated after the invoice is generated."))
                    .description("Schema to update an order. Only the keys sent are changed."));
        }
        put(object("CustomerUpdate")
                .optional("metadata", metadataInput())
                .optional("external_id", nullable(string()).description("Can be set once: a set external ID cannot be "
                        + "changed."))
                .optional("email", nullable(string().format("email")).description("null is ignored; a new email is "
                        + "no longer verified."))
                .optional("name", nullable(Schemas.string(0, 256)))
                .optional("billing_address", nullable(ref("AddressInput"))
                        .description("null is rejected: the address cannot be cleared."))
                .optional("tax_id", taxIdInput())
                .description("Only the keys sent are changed."));
        put(object("CustomerUpdateExternalID")
                .optional("metadata", metadataInput())
                .optional("email", nullable(string().format("email")).description("null is ignored; a new email is "
                        + "no longer verified."))
                .optional("name", nullable(Schemas.string(0, 256)))
                .optional("billing_address", nullable(ref("AddressInput"))
                        .description("null is rejected: the address cannot be cleared."))
                .optional("tax_id", taxIdInput())
                .description("Only the keys sent are changed; the external ID identifies the customer and is not read "
                        + "from the body."));
        put(object("CustomerSessionCustomerIDCreate")
                .optional("return_url", nullable(string().format("uri")).description("Shown as a back link in the portal."))
                .required("customer_id", uuid()));
        put(object("CustomerSessionCustomerExternalIDCreate")
                .optional("return_url", nullable(string().format("uri")).description("Shown as a back link in the portal."))
                .required("external_customer_id", string().description("`customer_external_id` is accepted as an alias.")));
        put("CustomerSessionCreate", anyOf(ref("CustomerSessionCustomerIDCreate"),
                ref("CustomerSessionCustomerExternalIDCreate"))
                .description("The customer by ID or by external ID; customer_id is read first."));
    }






    private void orders() {
        put(list("Order"));
    }

    private void subscriptions() {
        put(list("Subscription"));
        put("CustomerCancellationReason", oneOfStrings("customer_service", "low_quality", "missing_features",
                "switched_service", "too_complex", "too_expensive", "unused", "other"));
        String unsupported = " Kassa answers 422: it does not make this change yet.";
        put(object("SubscriptionUpdateBase")
                .optional("metadata", metadataInput().description("Replaces the subscription's metadata."))
                .optional("product_id", nullable(uuid()).description("Update subscription to another product." + unsupported))
                .optional("proration_behavior", nullable(ref("SubscriptionProrationBehavior")))
                .optional("discount_id", nullable(uuid()).description("Apply or (null) remove a discount." + unsupported))
                .optional("trial_end", nullable(anyOf(Schemas.dateTime(), constant("now")))
                        .description("Set or end the trial." + unsupported)));
        put(object("SubscriptionUpdateSeats")
                .required("seats", integer(1, 2_147_483_647L))
                .optional("proration_behavior", nullable(ref("SubscriptionProrationBehavior")))
                .description("Kassa has no seat-based prices: answers 400 NotASeatBasedSubscription."));
        put(object("SubscriptionUpdateUnits")
                .required("units", integer(1, 2_147_483_647L))
                .optional("proration_behavior", nullable(ref("SubscriptionProrationBehavior")))
                .description("Kassa has no unit-based prices: answers 400 NotAUnitBasedSubscription."));
        put(object("SubscriptionUpdateBillingPeriod")
                .required("current_billing_period_end", Schemas.dateTime())
                .description("Move the current period's end." + unsupported));
        put(cancellation(object("SubscriptionCancel").required("cancel_at_period_end", bool()
                .description("Cancel at the end of the current period, or (false) uncancel."))));
        put(cancellation(object("SubscriptionRevoke").required("revoke", trueConstant()
                .description("Cancel and revoke the subscription immediately."))));
        put(object("SubscriptionPause")
                .required("pause_at_period_end", bool())
                .optional("resumes_at", nullable(Schemas.dateTime()))
                .description("Kassa has no pauses: true answers 422, false 409 NoScheduledPause."));
        put(object("SubscriptionResume")
                .required("resume", trueConstant())
                .description("Kassa has no pauses: answers 409 NotPausedSubscription."));
        put(object("SubscriptionUpdateClear")
                .required("pending_update", Schemas.typed("null"))
                .description("Kassa schedules no updates: answers 422, there is none to clear."));
        put("SubscriptionUpdate", anyOf(ref("SubscriptionUpdateBase"), ref("SubscriptionUpdateSeats"),
                ref("SubscriptionUpdateUnits"), ref("SubscriptionUpdateBillingPeriod"), ref("SubscriptionCancel"),
                ref("SubscriptionRevoke"), ref("SubscriptionPause"), ref("SubscriptionResume"),
                ref("SubscriptionUpdateClear"))
                .description("Read by the first key present: revoke, cancel_at_period_end, seats, units, "
                        + "current_billing_period_end, pause_at_period_end, resume, pending_update; otherwise "
                        + "SubscriptionUpdateBase. Keys of another shape are refused (extra_forbidden)."));
    }

    private static Schema<Object> trueConstant() {
        Schema<Object> schema = bool();
        schema._const(true);
        return schema;
    }

    private static ObjectBuilder cancellation(ObjectBuilder builder) {
        return builder.optional("customer_cancellation_reason", nullable(ref("CustomerCancellationReason")))
                .optional("customer_cancellation_comment", nullable(string()));
    }


    private void portal() {
        put(list("CustomerOrder"));
        put(list("CustomerSubscription"));
        put(object("CustomerSubscriptionUpdateProduct").required("product_id", uuid())
                .description("Kassa's portal settings do not allow plan changes: answers 403 UpdateSubscriptionPlanNotAllowed."));
        put(object("CustomerSubscriptionUpdateSeats").required("seats", integer(1, 2_147_483_647L))
                .description("Answers 403 UpdateSubscriptionSeatsNotAllowed."));
        put(object("CustomerSubscriptionUpdateUnits").required("units", integer(1, 2_147_483_647L))
                .description("Answers 403 UpdateSubscriptionUnitsNotAllowed."));
        put(object("CustomerSubscriptionCancel")
                .optional("cancel_at_period_end", nullable(bool())
                        .description("Cancel at the end of the current period, or (false) uncancel; null changes nothing."))
                .optional("cancellation_reason", nullable(ref("CustomerCancellationReason")))
                .optional("cancellation_comment", nullable(string())));
        put(object("CustomerSubscriptionPause").required("pause_at_period_end", bool())
                .optional("resumes_at", nullable(Schemas.dateTime()))
                .description("Answers 403 PauseResumeNotAllowed."));
        put(object("CustomerSubscriptionResume").required("resume", trueConstant())
                .description("Answers 403 PauseResumeNotAllowed."));
        put(object("CustomerSubscriptionUpdateClear").required("pending_update", Schemas.typed("null"))
                .description("Kassa schedules no updates: answers 422, there is none to clear."));
        put("CustomerSubscriptionUpdate", anyOf(ref("CustomerSubscriptionUpdateProduct"),
                ref("CustomerSubscriptionUpdateSeats"), ref("CustomerSubscriptionUpdateUnits"),
                ref("CustomerSubscriptionCancel"), ref("CustomerSubscriptionPause"), ref("CustomerSubscriptionResume"),
                ref("CustomerSubscriptionUpdateClear"))
                .description("Read by the first key present: product_id, seats, units, pause_at_period_end, resume, "
                        + "pending_update; otherwise CustomerSubscriptionCancel."));
    }

    private void checkoutLinks() {
        put("CheckoutLinkSortProperty", sortValues("created_at", "label", "success_url", "allow_discount_codes"));
        put(list("CheckoutLink"));
        put(checkoutLinkCreateFields(object("CheckoutLinkCreateProducts")
                .required("products", array(uuid()).minItems(1))
                .description("Schema to create a new checkout link.")));
        put(checkoutLinkCreateFields(object("CheckoutLinkCreateProduct")
                .required("product_id", uuid())
                .description("Deprecated: use CheckoutLinkCreateProducts.")));
        put(checkoutLinkCreateFields(object("CheckoutLinkCreateProductPrice")
                .required("product_price_id", uuid())
                .description("Deprecated: use CheckoutLinkCreateProducts.")));
        put("CheckoutLinkCreate", Schemas.anyOf(ref("CheckoutLinkCreateProductPrice"), ref("CheckoutLinkCreateProduct"),
                ref("CheckoutLinkCreateProducts"))
                .description("Read by the first key present: products, then product_id, then product_price_id."));
        put(object("CheckoutLinkUpdate")
                .optional("trial_interval", nullable(ref("SubscriptionRecurringInterval")))
                .optional("trial_interval_count", nullable(integer(1, 1000L)))
                .optional("metadata", nullable(metadataInput()).description("Replaces the whole map."))
                .optional("products", nullable(array(uuid()).minItems(1)))
                .optional("label", nullable(string()))
                .optional("allow_discount_codes", nullable(bool()))
                .optional("require_billing_address", nullable(bool()))
                .optional("discount_id", nullable(uuid()).description("null removes the discount."))
                .optional("seats", seatField())
                .optional("units", seatField())
                .optional("success_url", nullable(url()))
                .optional("return_url", nullable(url()))
                .description("Schema to update an existing checkout link."));
    }

    /** The fields every create shape takes ({@code CheckoutLinkCreateBase} in Polar). */
    private static ObjectBuilder checkoutLinkCreateFields(ObjectBuilder builder) {
        return builder.optional("trial_interval", nullable(ref("SubscriptionRecurringInterval")))
                .optional("trial_interval_count", nullable(integer(1, 1000L)))
                .optional("metadata", metadataInput())
                .required("payment_processor", constant("stripe").description("Payment processor to use. Currently only Stripe is supported."))
                .optional("label", nullable(string()))
                .optional("allow_discount_codes", bool()._default(true))
                .optional("require_billing_address", bool()._default(false))
                .optional("discount_id", nullable(uuid()))
                .optional("seats", seatField())
                .optional("units", seatField())
                .optional("success_url", nullable(url()))
                .optional("return_url", nullable(url()));
    }

    private void webhooks() {
        put("WebhookFormat", oneOfStrings("raw", "discord", "slack"));
        put("WebhookEventType", oneOfStrings(dev.kassa.webhook.WebhookEventType.WIRE_NAMES.toArray(String[]::new)));
        put("ApiVersion", oneOfStrings("2026-04", "2026-10"));
        String url = "An https URL; in test mode (no Stripe key) also http to a loopback address. Outside test mode "
                + "localhost and private addresses are refused.";
        put(object("WebhookEndpointCreate")
                .required("url", string().format("uri").maxLength(2083).description(url))
                .optional("name", nullable(string()))
                .optional("api_version", ref("ApiVersion"))
                .required("format", ref("WebhookFormat"))
                .required("events", array(ref("WebhookEventType")))
                .optional("organization_id", nullable(uuid())));
        put(object("WebhookEndpointUpdate")
                .optional("url", nullable(string().format("uri").maxLength(2083)).description(url))
                .optional("name", nullable(string()))
                .optional("api_version", nullable(ref("ApiVersion")))
                .optional("format", nullable(ref("WebhookFormat")))
                .optional("events", nullable(array(ref("WebhookEventType"))))
                .optional("enabled", nullable(bool()))
                .description("Only the keys sent with a non-null value are changed."));
        put(list("WebhookEndpoint"));
        put(list("WebhookDelivery"));
        put(object("CustomerPaymentMethodCreate")
                .required("confirmation_token_id", string().description("A Stripe ConfirmationToken (`ctoken_...`)."))
                .required("set_default", bool())
                .required("return_url", string().format("uri").maxLength(2083)));
        put(object("CustomerPaymentMethodConfirm")
                .required("setup_intent_id", string())
                .required("set_default", bool()));
        put(object("ListResource_CustomerPaymentMethod_")
                .required("items", array(anyOf(ref("PaymentMethodCard"), ref("PaymentMethodGeneric"))))
                .required("pagination", ref("Pagination")));
    }

    private static ObjectBuilder list(String item) {
        return object("ListResource_" + item + "_")
                .required("items", array(ref(item)))
                .required("pagination", ref("Pagination"));
    }

    private void refunds() {
        put("RefundStatus", oneOfStrings("pending", "succeeded", "failed", "canceled"));
        put("RefundReason", oneOfStrings("duplicate", "fraudulent", "customer_request", "service_disruption",
                "satisfaction_guarantee", "dispute_prevention", "other"));
        put("RefundSortProperty", sortValues("created_at", "amount"));
        put(list("Refund"));
        put(object("RefundCreate")
                .optional("metadata", metadataInput())
                .required("order_id", uuid())
                .required("reason", oneOfStrings("duplicate", "fraudulent", "customer_request", "service_disruption",
                        "satisfaction_guarantee", "other").description("Reason for the refund."))
                .required("amount", integer().description("Amount to refund in cents, before tax. Minimum is 1; at most the "
                        + "order's refundable amount less what its pending refunds hold. The tax refunded with it is the "
                        + "order's tax rate applied to it."))
                .optional("comment", nullable(string()).description("An internal comment about the refund."))
                .optional("revoke_benefits", bool()._default(false).description("Only allowed for a one-time purchase.")));
    }
}
