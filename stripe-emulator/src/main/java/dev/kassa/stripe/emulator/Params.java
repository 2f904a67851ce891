package dev.kassa.stripe.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from a decoded request, each naming the parameter in Stripe's bracket notation when it fails, so the
 * error's {@code param} is what the caller sent (e.g. {@code line_items[0][amount]}).
 */
final class Params {

    private final Map<String, Object> values;
    private final String prefix;

    Params(Map<String, Object> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    static Params root(Map<String, Object> values) {
        return new Params(values, null);
    }

    String name(String key) {
        return prefix == null ? key : prefix + "[" + key + "]";
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Map<String, Object> raw() {
        return values;
    }

    /** Rejects keys outside {@code known}, as Stripe does with "Received unknown parameter". */
    Params allowOnly(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw StripeApiException.unknownParam(name(key));
            }
        }
        return this;
    }

    /** The value as a string; {@code null} when absent. An empty string is returned as is (it means "unset"). */
    String string(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw StripeApiException.invalidRequest("Invalid string: " + describe(value), name(key));
    }

    /** The value as a string, with an empty string read as absent. */
    String text(String key) {
        String value = string(key);
        return value == null || value.isEmpty() ? null : value;
    }

    String required(String key) {
        String value = text(key);
        if (value == null) {
            throw StripeApiException.missingParam(name(key));
        }
        return value;
    }

    Long integer(String key) {
        String value = text(key);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw StripeApiException.invalidInteger(name(key), value);
        }
    }

    String oneOf(String key, Set<String> allowed) {
        String value = text(key);
        if (value != null && !allowed.contains(value)) {
            throw StripeApiException.invalidRequest("Invalid " + name(key) + ": must be one of "
                    + String.join(", ", allowed.stream().sorted().toList()), name(key));
        }
        return value;
    }

    /** A nested hash; {@code null} when absent or sent empty ({@code key=}). */
    @SuppressWarnings("unchecked")
    Params hash(String key) {
        Object value = values.get(key);
        if (value == null || "".equals(value)) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return new Params((Map<String, Object>) map, name(key));
        }
        throw StripeApiException.invalidRequest("Invalid object", name(key));
    }

    /** A list; {@code null} when absent. Each element is read through {@link #element}. */
    List<?> list(String key) {
        Object value = values.get(key);
        if (value == null || "".equals(value)) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw StripeApiException.invalidRequest("Invalid array", name(key));
    }

    @SuppressWarnings("unchecked")
    Params element(String key, List<?> list, int index) {
        Object value = list.get(index);
        String name = name(key) + "[" + index + "]";
        if (value instanceof Map<?, ?> map) {
            return new Params((Map<String, Object>) map, name);
        }
        throw StripeApiException.invalidRequest("Invalid object", name);
    }

    /** {@code expand[]} as a list of strings. */
    List<String> expand() {
        List<?> list = list("expand");
        if (list == null) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static String describe(Object value) {
        return value instanceof Map ? "a hash" : value instanceof List ? "an array" : String.valueOf(value);
    }
}
