package dev.kassa.address;

import dev.kassa.platform.web.JsonFields;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads Polar's {@code AddressInput} from a request body with pydantic's errors: each string field at
 * {@code [..., name, field]}, the country as an enum of {@link Country#SUPPORTED_FOR_INPUT} (upper-cased before the
 * check), and the state rule as the model validator's {@code value_error} at {@code [..., name]}.
 */
public final class AddressInput {

    public static final String NUL_CHARACTER = "Input must not contain a NUL character (\\u0000).";

    private static final List<String> STRING_FIELDS = List.of("line1", "line2", "postal_code", "city", "state");

    private AddressInput() {
    }

    /**
     * The address in field {@code name} of {@code fields}, or null when the field is absent, null or invalid (its
     * problems are then recorded in {@code fields.errors()}).
     */
    public static Address read(JsonFields fields, String name) {
        JsonFields address = fields.object(name, false, true);
        if (address == null) {
            return null;
        }
        int before = address.errors().size();
        String[] values = new String[STRING_FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = readString(address, STRING_FIELDS.get(i));
        }
        String country = readCountry(address);
        if (address.errors().size() != before) {
            return null;
        }
        try {
            return new Address(values[0], values[1], values[2], values[3], values[4], country);
        } catch (IllegalArgumentException e) {
            address.errors().add("value_error", address.loc(), "Value error, " + e.getMessage(), address.node());
            return null;
        }
    }

    private static String readString(JsonFields address, String field) {
        String value = address.string(field, false, true, 0, Integer.MAX_VALUE);
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            return null;
        }
        if (stripped.indexOf('\u0000') >= 0) {
            address.valueError(field, NUL_CHARACTER);
            return null;
        }
        return stripped;
    }

    private static String readCountry(JsonFields address) {
        if (!address.has("country")) {
            address.errors().add("missing", address.loc("country"), "Field required", address.node());
            return null;
        }
        JsonNode raw = address.raw("country");
        Object input = raw;
        if (raw.isString()) {
            String upper = raw.stringValue().toUpperCase(Locale.ROOT);
            if (Country.isSupportedForInput(upper)) {
                return upper;
            }
            input = upper;
        } else if (raw.isNull()) {
            input = null;
        }
        address.errors().add("enum", address.loc("country"),
                JsonFields.expected("Input should be ", Country.SUPPORTED_FOR_INPUT), input);
        return null;
    }
}
