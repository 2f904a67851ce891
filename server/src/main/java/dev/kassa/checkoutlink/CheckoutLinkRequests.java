package dev.kassa.checkoutlink;

import dev.kassa.checkoutlink.CheckoutLinkCommands.CheckoutLinkCreate;
import dev.kassa.checkoutlink.CheckoutLinkCommands.CheckoutLinkUpdate;
import dev.kassa.checkoutlink.CheckoutLinkCommands.CreateShape;
import dev.kassa.platform.web.InputFormats;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Metadata;
import dev.kassa.platform.web.Patch;
import dev.kassa.platform.web.ValidationErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Reads checkout link bodies with pydantic's error shapes; each method throws one 422 listing every problem. */
final class CheckoutLinkRequests {

    static final List<String> INTERVALS = List.of("day", "week", "month", "year");
    static final long MAX_INT32 = 2_147_483_647L;

    private CheckoutLinkRequests() {
    }

    static CheckoutLinkCreate create(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        CreateShape shape;
        List<UUID> productIds = List.of();
        UUID priceId = null;
        if (fields.has("products") || !(fields.has("product_id") || fields.has("product_price_id"))) {
            shape = CreateShape.PRODUCTS;
            productIds = unique(fields.uuidList("products", true, false, 1, -1));
        } else if (fields.has("product_id")) {
            shape = CreateShape.PRODUCT;
            UUID id = fields.uuid("product_id", true, false);
            productIds = id == null ? List.of() : List.of(id);
        } else {
            shape = CreateShape.PRICE;
            priceId = fields.uuid("product_price_id", true, false);
        }
        paymentProcessor(fields);
        String label = fields.string("label", false, true, 0, Integer.MAX_VALUE);
        Boolean allowDiscountCodes = fields.bool("allow_discount_codes", false, false);
        Boolean requireBillingAddress = fields.bool("require_billing_address", false, false);
        UUID discountId = fields.uuid("discount_id", false, true);
        Long seats = fields.integer("seats", false, true, 1L, 10_000L);
        Long units = fields.integer("units", false, true, 1L, MAX_INT32);
        String successUrl = url(fields, "success_url");
        String returnUrl = url(fields, "return_url");
        String trialInterval = fields.enumValue("trial_interval", false, true, INTERVALS);
        Long trialCount = fields.integer("trial_interval_count", false, true, 1L, 1000L);
        checkTrialPair(fields);
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        errors.throwIfAny();
        return new CheckoutLinkCreate(shape, productIds, priceId, label, allowDiscountCodes == null || allowDiscountCodes,
                requireBillingAddress != null && requireBillingAddress, discountId, toInt(seats), toInt(units), successUrl,
                returnUrl, trialInterval, toInt(trialCount), metadata == null ? Map.of() : metadata);
    }

    static CheckoutLinkUpdate update(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields f = JsonFields.body(body, errors);
        List<UUID> products = unique(f.uuidList("products", false, true, 1, -1));
        Patch<String> label = Patch.read(f, "label", f.string("label", false, true, 0, Integer.MAX_VALUE));
        Boolean allowDiscountCodes = f.bool("allow_discount_codes", false, true);
        Boolean requireBillingAddress = f.bool("require_billing_address", false, true);
        Patch<UUID> discountId = Patch.read(f, "discount_id", f.uuid("discount_id", false, true));
        Patch<Integer> seats = Patch.read(f, "seats", toInt(f.integer("seats", false, true, 1L, 10_000L)));
        Patch<Integer> units = Patch.read(f, "units", toInt(f.integer("units", false, true, 1L, MAX_INT32)));
        Patch<String> successUrl = Patch.read(f, "success_url", url(f, "success_url"));
        Patch<String> returnUrl = Patch.read(f, "return_url", url(f, "return_url"));
        Patch<String> trialInterval = Patch.read(f, "trial_interval", f.enumValue("trial_interval", false, true, INTERVALS));
        Patch<Integer> trialCount = Patch.read(f, "trial_interval_count",
                toInt(f.integer("trial_interval_count", false, true, 1L, 1000L)));
        checkTrialPair(f);
        Map<String, Object> metadata = Metadata.read(f, "metadata");
        errors.throwIfAny();
        return new CheckoutLinkUpdate(products, label, allowDiscountCodes, requireBillingAddress, discountId, seats, units,
                successUrl, returnUrl, trialInterval, trialCount, metadata);
    }

    /** {@code payment_processor} is required and must be {@code "stripe"} (Polar's {@code Literal[PaymentProcessor.stripe]}). */
    private static void paymentProcessor(JsonFields fields) {
        JsonNode raw = fields.raw("payment_processor");
        if (raw == null) {
            fields.errors().add("missing", fields.loc("payment_processor"), "Field required", fields.node());
        } else if (!raw.isString() || !raw.stringValue().equals("stripe")) {
            fields.problem("payment_processor", "literal_error", "Input should be 'stripe'");
        }
    }

    private static String url(JsonFields fields, String name) {
        return InputFormats.httpUrl(fields.string(name, false, true, 1, 2083), fields.loc(name), fields.errors());
    }

    /** Polar's trial validator: both or neither, reported on the model. */
    private static void checkTrialPair(JsonFields fields) {
        boolean intervalSet = fields.has("trial_interval") && !fields.isNull("trial_interval");
        boolean countSet = fields.has("trial_interval_count") && !fields.isNull("trial_interval_count");
        if (intervalSet != countSet) {
            fields.errors().add("missing", fields.loc(), "Both trial_interval and trial_interval_count must be set together.",
                    fields.node());
        }
    }

    private static List<UUID> unique(List<UUID> ids) {
        return ids == null ? null : new ArrayList<>(new LinkedHashSet<>(ids));
    }

    private static Integer toInt(Long value) {
        return value == null ? null : value.intValue();
    }
}
