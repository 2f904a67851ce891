package dev.kassa.product;

import dev.kassa.money.Currencies;
import dev.kassa.money.CustomAmountRule;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Metadata;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.product.Product.RecurringInterval;
import dev.kassa.product.ProductCommands.AttachedFieldInput;
import dev.kassa.product.ProductCommands.ProductCreate;
import dev.kassa.product.ProductCommands.ProductUpdate;
import dev.kassa.product.ProductPrice.TaxBehavior;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Reads product bodies into commands with Polar's (pydantic's) validation errors; throws one 422 with all. */
final class ProductRequests {

    static final int NAME_MIN_LENGTH = 3;
    static final int NAME_MAX_LENGTH = 64;
    static final List<String> INTERVALS = List.of("day", "week", "month", "year");
    static final List<String> TAX_BEHAVIORS = List.of("location", "inclusive", "exclusive");
    static final List<String> AMOUNT_TYPES = List.of("fixed", "custom", "free", "seat_based", "metered_unit");

    private ProductRequests() {
    }

    static ProductCreate create(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        String name = name(fields, true);
        String description = description(fields);
        String interval = fields.enumValue("recurring_interval", false, true, INTERVALS);
        Integer intervalCount = null;
        if (interval != null) {
            Long count = fields.integer("recurring_interval_count", false, true, 1L, 999L);
            intervalCount = count == null ? 1 : count.intValue();
        } else if (fields.has("recurring_interval_count") && !fields.isNull("recurring_interval_count")) {
            fields.problem("recurring_interval_count", "none_required", "Input should be None");
        }
        List<PriceInput> prices = prices(fields, false);
        List<AttachedFieldInput> attached = attachedFields(fields);
        UUID organizationId = fields.uuid("organization_id", false, true);
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        errors.throwIfAny();
        return new ProductCreate(name, description, RecurringInterval.fromWireName(interval), intervalCount, prices,
                attached == null ? List.of() : attached, organizationId, metadata == null ? Map.of() : metadata);
    }

    static ProductUpdate update(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        String name = name(fields, false);
        boolean descriptionPresent = fields.has("description");
        String description = description(fields);
        String interval = fields.enumValue("recurring_interval", false, true, INTERVALS);
        Boolean archived = fields.bool("is_archived", false, true);
        List<PriceInput> prices = fields.has("prices") && !fields.isNull("prices") ? prices(fields, true) : null;
        List<AttachedFieldInput> attached = attachedFields(fields);
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        errors.throwIfAny();
        return new ProductUpdate(name, descriptionPresent, description, RecurringInterval.fromWireName(interval),
                archived, prices, attached, metadata);
    }

    /** Polar strips the name before checking its length. */
    private static String name(JsonFields fields, boolean required) {
        JsonNode raw = fields.raw("name");
        if (raw != null && raw.isString()) {
            String stripped = raw.stringValue().strip();
            return fields.checkString(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(stripped),
                    fields.loc("name"), NAME_MIN_LENGTH, NAME_MAX_LENGTH);
        }
        return fields.string("name", required, !required, NAME_MIN_LENGTH, NAME_MAX_LENGTH);
    }

    /** An empty description is stored as none, as Polar does. */
    private static String description(JsonFields fields) {
        String description = fields.string("description", false, true, 0, Integer.MAX_VALUE);
        return description == null || description.isBlank() ? null : description;
    }

    private static List<PriceInput> prices(JsonFields fields, boolean allowExisting) {
        List<JsonNode> items = fields.list("prices", !allowExisting, false, allowExisting ? 0 : 1, -1);
        if (items == null) {
            return null;
        }
        List<PriceInput> prices = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonFields price = fields.element("prices", i, items.get(i));
            if (!price.node().isObject()) {
                continue;
            }
            PriceInput input = price(price, i, allowExisting);
            if (input != null) {
                prices.add(input);
            }
        }
        return prices;
    }

    private static PriceInput price(JsonFields price, int index, boolean allowExisting) {
        ValidationErrors errors = price.errors();
        if (allowExisting && price.has("id") && !price.has("amount_type")) {
            UUID id = price.uuid("id", true, false);
            return id == null ? null : new PriceInput.Existing(index, id);
        }
        JsonNode tag = price.raw("amount_type");
        if (tag == null || tag.isNull()) {
            errors.add("union_tag_not_found", price.loc(),
                    "Unable to extract tag using discriminator 'amount_type'", price.node());
            return null;
        }
        if (!tag.isString() || !AMOUNT_TYPES.contains(tag.stringValue())) {
            errors.add("union_tag_invalid", price.loc(), "Input tag '" + (tag.isString() ? tag.stringValue() : tag.toString())
                    + "' found using 'amount_type' does not match any of the expected tags: "
                    + String.join(", ", AMOUNT_TYPES.stream().map(t -> "'" + t + "'").toList()), price.node());
            return null;
        }
        String amountType = tag.stringValue();
        if (amountType.equals("seat_based") || amountType.equals("metered_unit")) {
            errors.add("value_error", price.loc("amount_type"), (amountType.equals("seat_based") ? "Seat-based" : "Metered")
                    + " prices are not supported by Kassa yet.", tag);
            return null;
        }
        String currency = currency(price);
        TaxBehavior taxBehavior = TaxBehavior.fromWireName(price.enumValue("tax_behavior", false, true, TAX_BEHAVIORS));
        return switch (amountType) {
            case "free" -> currency == null ? null : new PriceInput.NewFixed(index, currency, 0, taxBehavior);
            case "fixed" -> {
                Long amount = price.integer("price_amount", true, false, null, null);
                if (amount == null || currency == null) {
                    yield null;
                }
                Optional<CustomAmountRule.Violation> violation = CustomAmountRule.validateFixedPrice(currency, amount);
                if (violation.isPresent()) {
                    report(price, violation.get());
                    yield null;
                }
                yield new PriceInput.NewFixed(index, currency, amount, taxBehavior);
            }
            default -> customPrice(price, index, currency, taxBehavior);
        };
    }

    private static PriceInput customPrice(JsonFields price, int index, String currency, TaxBehavior taxBehavior) {
        int before = price.errors().size();
        Long minimum = price.integer("minimum_amount", false, true, null, null);
        Long maximum = price.integer("maximum_amount", false, true, null, null);
        Long preset = price.integer("preset_amount", false, true, null, null);
        if (price.errors().size() != before || currency == null) {
            return null;
        }
        List<CustomAmountRule.Violation> violations = CustomAmountRule.validatePrice(currency, minimum, maximum, preset);
        violations.forEach(v -> report(price, v));
        if (!violations.isEmpty()) {
            return null;
        }
        return new PriceInput.NewCustom(index, currency, minimum == null ? CustomAmountRule.DEFAULT_MINIMUM_AMOUNT : minimum,
                maximum, preset, taxBehavior);
    }

    private static void report(JsonFields price, CustomAmountRule.Violation violation) {
        price.errors().add(violation.type(), price.loc(violation.field()), violation.message(), price.raw(violation.field()));
    }

    /** Presentment currency, lower-case ISO 4217, default usd; upper case is accepted and normalized. */
    private static String currency(JsonFields price) {
        JsonNode raw = price.raw("price_currency");
        if (raw == null) {
            return "usd";
        }
        if (raw.isString() && Currencies.isSupported(raw.stringValue().toLowerCase())) {
            return raw.stringValue().toLowerCase();
        }
        price.errors().add("enum", price.loc("price_currency"),
                "Input should be a supported presentment currency (lower-case ISO 4217 code such as 'usd' or 'eur')", raw);
        return null;
    }

    private static List<AttachedFieldInput> attachedFields(JsonFields fields) {
        List<JsonNode> items = fields.list("attached_custom_fields", false, true, 0, -1);
        if (items == null) {
            return null;
        }
        List<AttachedFieldInput> attached = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonFields item = fields.element("attached_custom_fields", i, items.get(i));
            UUID id = item.uuid("custom_field_id", true, false);
            Boolean required = item.bool("required", true, false);
            if (id != null && required != null) {
                attached.add(new AttachedFieldInput(id, required));
            }
        }
        return attached;
    }
}
