package dev.kassa.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Polar's metadata rules ({@code kit/metadata.py}): at most 50 keys, keys of 1-40 characters, values that are
 * a string of 1-500 characters, an integer, a number or a boolean.
 */
public final class Metadata {

    public static final int MAX_KEYS = 50;
    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_VALUE_LENGTH = 500;

    private Metadata() {
    }

    /** The metadata field of a body, or null when absent; null JSON is read as empty. */
    public static Map<String, Object> read(JsonFields fields, String name) {
        if (!fields.has(name)) {
            return null;
        }
        JsonNode node = fields.raw(name);
        if (node.isNull()) {
            return new LinkedHashMap<>();
        }
        ValidationErrors errors = fields.errors();
        if (!node.isObject()) {
            errors.add("dict_type", fields.loc(name), "Input should be a valid dictionary", node);
            return null;
        }
        if (node.size() > MAX_KEYS) {
            errors.add("too_long", fields.loc(name), "Dictionary should have at most " + MAX_KEYS
                    + " items after validation, not " + node.size(), node);
            return null;
        }
        int before = errors.size();
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String key : node.propertyNames()) {
            JsonNode value = node.get(key);
            int keyLength = key.codePointCount(0, key.length());
            if (keyLength < 1) {
                errors.add("string_too_short", fields.loc(name, key, "[key]"), "String should have at least 1 character", key);
                continue;
            }
            if (keyLength > MAX_KEY_LENGTH) {
                errors.add("string_too_long", fields.loc(name, key, "[key]"), "String should have at most " + MAX_KEY_LENGTH + " characters", key);
                continue;
            }
            Object parsed = value(value);
            if (parsed == null) {
                if (value.isString()) {
                    int length = value.stringValue().codePointCount(0, value.stringValue().length());
                    errors.add(length < 1 ? "string_too_short" : "string_too_long", fields.loc(name, key),
                            length < 1 ? "String should have at least 1 character"
                                    : "String should have at most " + MAX_VALUE_LENGTH + " characters", value);
                } else {
                    errors.add("union_type", fields.loc(name, key),
                            "Input should be a valid string, integer, number or boolean", value);
                }
                continue;
            }
            metadata.put(key, parsed);
        }
        return errors.size() == before ? metadata : null;
    }

    private static Object value(JsonNode value) {
        if (value.isString()) {
            int length = value.stringValue().codePointCount(0, value.stringValue().length());
            return length >= 1 && length <= MAX_VALUE_LENGTH ? value.stringValue() : null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.longValue() : null;
        }
        if (value.isFloatingPointNumber()) {
            return value.decimalValue();
        }
        return null;
    }
}
