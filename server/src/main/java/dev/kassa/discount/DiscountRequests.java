package dev.kassa.discount;

import dev.kassa.discount.Discount.Duration;
import dev.kassa.discount.Discount.Type;
import dev.kassa.discount.DiscountCommands.DiscountCreate;
import dev.kassa.discount.DiscountCommands.DiscountUpdate;
import dev.kassa.money.Currencies;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Metadata;
import dev.kassa.platform.web.ValidationErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads discount bodies with Polar's (pydantic's) errors. The create body is Polar's {@code DiscountCreate}, a
 * union discriminated by type and duration: once the variant is known, its errors carry the variant's tag in
 * {@code loc}, e.g. {@code ["body", "percentage.once_forever", "basis_points"]}.
 */
final class DiscountRequests {

    static final long MAX_AMOUNT = 999_999_999_999L;
    static final List<String> TYPES = List.of("fixed", "percentage");
    static final List<String> DURATIONS = List.of("once", "forever", "repeating");
    static final List<String> TAGS = List.of("fixed.once_forever", "fixed.repeat", "percentage.once_forever", "percentage.repeat");
    static final String DISCRIMINATOR = "get_discriminator_value()";
    static final String STARTS_BEFORE_ENDS = "starts_at must be before ends_at";

    private DiscountRequests() {
    }

    static DiscountCreate create(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields root = JsonFields.body(body, errors);
        errors.throwIfAny();
        String tag = tag(root);
        JsonFields fields = JsonFields.of(body, List.of("body", tag), errors);
        boolean repeat = tag.endsWith(".repeat");
        Type type = Type.fromWireName(tag.substring(0, tag.indexOf('.')));

        // Pydantic's field order for the variant: duration (+ months), type-specific fields, then the common ones.
        Duration duration;
        Integer durationInMonths = null;
        if (repeat) {
            JsonNode raw = fields.raw("duration");
            duration = Duration.REPEATING;
            if (!raw.isString() || !raw.stringValue().equals("repeating")) {
                errors.add("literal_error", fields.loc("duration"), "Input should be 'repeating'", raw);
            }
            durationInMonths = integer(fields, "duration_in_months", true, false, 1L, 999L);
        } else {
            duration = Duration.fromWireName(fields.raw("duration").stringValue());
        }
        Map<String, Long> amounts = null;
        String currency = null;
        Integer basisPoints = null;
        if (type == Type.FIXED) {
            boolean legacy = fields.has("amount") || !fields.has("amounts");
            if (legacy) {
                Long amount = fields.integer("amount", true, false, 0L, MAX_AMOUNT);
                currency = fields.has("currency") ? currency(fields, "currency", false) : "usd";
                if (amount != null && currency != null) {
                    amounts = new LinkedHashMap<>(Map.of(currency, amount));
                }
            } else {
                amounts = amounts(fields, false);
            }
        } else {
            basisPoints = integer(fields, "basis_points", true, false, 1L, 10_000L);
        }
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        String name = fields.string("name", true, false, 1, Integer.MAX_VALUE);
        String code = code(fields);
        Instant startsAt = fields.datetime("starts_at", false, true);
        Instant endsAt = fields.datetime("ends_at", false, true);
        Integer maxRedemptions = integer(fields, "max_redemptions", false, true, 1L, (long) Integer.MAX_VALUE);
        Integer maxPerCustomer = integer(fields, "max_redemptions_per_customer", false, true, 1L, (long) Integer.MAX_VALUE);
        List<UUID> products = products(fields);
        UUID organizationId = fields.uuid("organization_id", false, true);
        if (errors.isEmpty() && startsAt != null && endsAt != null && !startsAt.isBefore(endsAt)) {
            // A model validator: pydantic runs it only when every field is valid, and reports it on the model.
            errors.add("value_error", fields.loc(), "Value error, " + STARTS_BEFORE_ENDS, body);
        }
        errors.throwIfAny();
        return new DiscountCreate(name, type, duration, durationInMonths, amounts, currency, basisPoints, code, startsAt,
                endsAt, maxRedemptions, maxPerCustomer, products == null ? List.of() : products, organizationId,
                metadata == null ? Map.of() : metadata);
    }

    static DiscountUpdate update(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        errors.throwIfAny();
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        String name = fields.string("name", false, true, 1, Integer.MAX_VALUE);
        String code = code(fields);
        Instant startsAt = fields.datetime("starts_at", false, true);
        Instant endsAt = fields.datetime("ends_at", false, true);
        Integer maxRedemptions = integer(fields, "max_redemptions", false, true, 1L, (long) Integer.MAX_VALUE);
        Integer maxPerCustomer = integer(fields, "max_redemptions_per_customer", false, true, 1L, (long) Integer.MAX_VALUE);
        String duration = fields.enumValue("duration", false, true, DURATIONS);
        Integer durationInMonths = integer(fields, "duration_in_months", false, true, 1L, 999L);
        String type = fields.enumValue("type", false, true, TYPES);
        Long amount = fields.integer("amount", false, true, 0L, MAX_AMOUNT);
        String currency = fields.has("currency") && !fields.isNull("currency") ? currency(fields, "currency", true) : null;
        Map<String, Long> amounts = fields.has("amounts") && !fields.isNull("amounts") ? amounts(fields, true) : null;
        Integer basisPoints = integer(fields, "basis_points", false, true, 1L, 10_000L);
        List<UUID> products = products(fields);
        if (errors.isEmpty() && startsAt != null && endsAt != null && !startsAt.isBefore(endsAt)) {
            errors.add("value_error", fields.loc(), "Value error, " + STARTS_BEFORE_ENDS, body);
        }
        errors.throwIfAny();
        return new DiscountUpdate(name, fields.has("code"), code, fields.has("starts_at"), startsAt, fields.has("ends_at"),
                endsAt, fields.has("max_redemptions"), maxRedemptions, fields.has("max_redemptions_per_customer"),
                maxPerCustomer, duration == null ? null : Duration.fromWireName(duration), durationInMonths,
                type == null ? null : Type.fromWireName(type), amount, currency, amounts, basisPoints, products, metadata);
    }

    /**
     * Polar's discriminator: {@code "<type>.once_forever"} for once/forever, {@code "<type>.repeat"} for any other
     * duration; no tag when either key is missing or null.
     */
    private static String tag(JsonFields root) {
        JsonNode type = root.raw("type");
        JsonNode duration = root.raw("duration");
        ValidationErrors errors = root.errors();
        if (type == null || type.isNull() || duration == null || duration.isNull()) {
            errors.add("union_tag_not_found", root.loc(), "Unable to extract tag using discriminator " + DISCRIMINATOR,
                    root.node());
            errors.throwIfAny();
        }
        boolean onceForever = duration.isString()
                && (duration.stringValue().equals("once") || duration.stringValue().equals("forever"));
        String tag = (type.isString() ? type.stringValue() : pythonText(type)) + (onceForever ? ".once_forever" : ".repeat");
        if (!TAGS.contains(tag)) {
            errors.add("union_tag_invalid", root.loc(), "Input tag '" + tag + "' found using " + DISCRIMINATOR
                    + " does not match any of the expected tags: " + String.join(", ", TAGS.stream().map(t -> "'" + t + "'").toList()),
                    root.node());
            errors.throwIfAny();
        }
        return tag;
    }

    private static String pythonText(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        return value.toString();
    }

    private static Integer integer(JsonFields fields, String name, boolean required, boolean nullable, Long ge, Long le) {
        Long value = fields.integer(name, required, nullable, ge, le);
        return value == null ? null : value.intValue();
    }

    /**
     * Polar's code rules: an empty string means none; otherwise alphanumeric only, then 3 to 256 characters. Both
     * are a validator's {@code ValueError}.
     */
    private static String code(JsonFields fields) {
        String code = fields.string("code", false, true, 0, Integer.MAX_VALUE);
        if (code == null || code.isEmpty()) {
            return null;
        }
        if (!code.codePoints().allMatch(Character::isLetterOrDigit)) {
            fields.valueError("code", "Code must contain only alphanumeric characters.");
            return null;
        }
        int length = code.codePointCount(0, code.length());
        if (length < 3 || length > 256) {
            fields.valueError("code", "Code must be between 3 and 256 characters long.");
            return null;
        }
        return code;
    }

    /** A supported presentment currency, lower-case; upper case is accepted and normalized. */
    private static String currency(JsonFields fields, String name, boolean nullable) {
        JsonNode raw = fields.raw(name);
        if (raw.isNull() && nullable) {
            return null;
        }
        if (raw.isString() && Currencies.isSupported(raw.stringValue().toLowerCase())) {
            return raw.stringValue().toLowerCase();
        }
        fields.errors().add("enum", fields.loc(name),
                "Input should be a supported presentment currency (lower-case ISO 4217 code such as 'usd' or 'eur')", raw);
        return null;
    }

    /** The newer {@code amounts} map: currency to amount, at least one entry, each 0..999999999999. */
    private static Map<String, Long> amounts(JsonFields fields, boolean nullable) {
        JsonNode raw = fields.raw("amounts");
        ValidationErrors errors = fields.errors();
        if (raw == null) {
            errors.add("missing", fields.loc("amounts"), "Field required", fields.node());
            return null;
        }
        if (raw.isNull() && nullable) {
            return null;
        }
        if (!raw.isObject()) {
            errors.add("dict_type", fields.loc("amounts"), "Input should be a valid dictionary", raw);
            return null;
        }
        if (raw.isEmpty()) {
            errors.add("too_short", fields.loc("amounts"), "Dictionary should have at least 1 item after validation, not 0", raw);
            return null;
        }
        int before = errors.size();
        Map<String, Long> amounts = new LinkedHashMap<>();
        for (String key : raw.propertyNames()) {
            String currency = key.toLowerCase();
            if (!Currencies.isSupported(currency)) {
                errors.add("enum", fields.loc("amounts", key, "[key]"),
                        "Input should be a supported presentment currency (lower-case ISO 4217 code such as 'usd' or 'eur')", key);
                continue;
            }
            if (amounts.containsKey(currency)) {
                errors.add("value_error", fields.loc("amounts", key, "[key]"), "Value error, Currency is listed twice.", key);
                continue;
            }
            Long amount = fields.checkInteger(raw.get(key), fields.loc("amounts", key), 0L, MAX_AMOUNT);
            if (amount != null) {
                amounts.put(currency, amount);
            }
        }
        return errors.size() == before ? amounts : null;
    }

    /** Product ids in the client's order, a repeated id kept once. */
    private static List<UUID> products(JsonFields fields) {
        List<UUID> ids = fields.uuidList("products", false, true, 0, -1);
        return ids == null ? null : new ArrayList<>(new LinkedHashSet<>(ids));
    }
}
