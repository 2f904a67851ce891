package dev.kassa.platform.web;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one JSON object field by field, recording problems with pydantic's types, messages and locations
 * (so that clients of Polar's API see the errors they expect) and returning {@code null} where a value is
 * absent or invalid. Callers read every field, then call {@link ValidationErrors#throwIfAny()} once.
 */
public final class JsonFields {

    private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final JsonNode object;
    private final List<Object> loc;
    private final ValidationErrors errors;

    private JsonFields(JsonNode object, List<Object> loc, ValidationErrors errors) {
        this.object = object;
        this.loc = List.copyOf(loc);
        this.errors = errors;
    }

    /** The request body; a body that is not an object is rejected at once, as pydantic reports only that. */
    public static JsonFields body(JsonNode root, ValidationErrors errors) {
        if (root == null || !root.isObject()) {
            throw new RequestValidationError(RequestValidationError.SHAPE, List.of(new ValidationProblem(
                    "model_attributes_type", List.of("body"), "Input should be a valid dictionary or object to extract fields from", root)));
        }
        return of(root, List.of("body"), errors);
    }

    public static JsonFields of(JsonNode node, List<Object> loc, ValidationErrors errors) {
        if (node == null || !node.isObject()) {
            errors.add("model_attributes_type", loc, "Input should be a valid dictionary or object to extract fields from", node);
            return new JsonFields(EMPTY, loc, errors);
        }
        return new JsonFields(node, loc, errors);
    }

    public ValidationErrors errors() {
        return errors;
    }

    public JsonNode node() {
        return object;
    }

    public List<Object> loc() {
        return loc;
    }

    public List<Object> loc(Object... more) {
        List<Object> full = new ArrayList<>(loc);
        full.addAll(List.of(more));
        return full;
    }

    /** True when the key is present, even with a null value (PATCH semantics: absent means unchanged). */
    public boolean has(String name) {
        return object.has(name);
    }

    public boolean isNull(String name) {
        JsonNode value = object.get(name);
        return value != null && value.isNull();
    }

    public JsonNode raw(String name) {
        return object.get(name);
    }

    public void problem(String name, String type, String msg) {
        errors.add(type, loc(name), msg, object.get(name));
    }

    /** Reports a business-rule problem at this field as pydantic reports a model validator's ValueError. */
    public void valueError(String name, String message) {
        errors.add("value_error", loc(name), "Value error, " + message, object.get(name));
    }

    private JsonNode value(String name, boolean required) {
        JsonNode value = object.get(name);
        if (value == null) {
            if (required) {
                errors.add("missing", loc(name), "Field required", object);
            }
            return null;
        }
        return value;
    }

    /** A null JSON value where the field is not nullable is reported with {@code nonNullType}. */
    private JsonNode nonNull(String name, boolean required, boolean nullable, String type, String msg) {
        JsonNode value = value(name, required);
        if (value != null && value.isNull()) {
            if (!nullable) {
                errors.add(type, loc(name), msg, null);
            }
            return null;
        }
        return value;
    }

    public String string(String name, boolean required, boolean nullable, int minLength, int maxLength) {
        JsonNode value = nonNull(name, required, nullable, "string_type", "Input should be a valid string");
        if (value == null) {
            return null;
        }
        return checkString(value, loc(name), minLength, maxLength);
    }

    public String checkString(JsonNode value, List<Object> at, int minLength, int maxLength) {
        if (!value.isString()) {
            errors.add("string_type", at, "Input should be a valid string", value);
            return null;
        }
        String text = value.stringValue();
        int length = text.codePointCount(0, text.length());
        if (length < minLength) {
            errors.add("string_too_short", at, "String should have at least " + minLength + (minLength == 1 ? " character" : " characters"), value);
            return null;
        }
        if (length > maxLength) {
            errors.add("string_too_long", at, "String should have at most " + maxLength + (maxLength == 1 ? " character" : " characters"), value);
            return null;
        }
        return text;
    }

    public Long integer(String name, boolean required, boolean nullable, Long ge, Long le) {
        JsonNode value = nonNull(name, required, nullable, "int_type", "Input should be a valid integer");
        if (value == null) {
            return null;
        }
        return checkInteger(value, loc(name), ge, le);
    }

    public Long checkInteger(JsonNode value, List<Object> at, Long ge, Long le) {
        Long number = asLong(value, at);
        if (number == null) {
            return null;
        }
        if (ge != null && number < ge) {
            errors.add("greater_than_equal", at, "Input should be greater than or equal to " + ge, value);
            return null;
        }
        if (le != null && number > le) {
            errors.add("less_than_equal", at, "Input should be less than or equal to " + le, value);
            return null;
        }
        return number;
    }

    private Long asLong(JsonNode value, List<Object> at) {
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                errors.add("int_parsing_size", at, "Unable to parse input string as an integer, exceeded maximum size", value);
                return null;
            }
            return value.longValue();
        }
        if (value.isFloatingPointNumber()) {
            if (value.decimalValue().stripTrailingZeros().scale() > 0) {
                errors.add("int_from_float", at, "Input should be a valid integer, got a number with a fractional part", value);
                return null;
            }
            try {
                return value.decimalValue().longValueExact();
            } catch (ArithmeticException e) {
                errors.add("int_parsing_size", at, "Unable to parse input string as an integer, exceeded maximum size", value);
                return null;
            }
        }
        if (value.isString()) {
            try {
                BigInteger parsed = new BigInteger(value.stringValue().trim());
                return parsed.longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                errors.add("int_parsing", at, "Input should be a valid integer, unable to parse string as an integer", value);
                return null;
            }
        }
        errors.add("int_type", at, "Input should be a valid integer", value);
        return null;
    }

    public Boolean bool(String name, boolean required, boolean nullable) {
        JsonNode value = nonNull(name, required, nullable, "bool_type", "Input should be a valid boolean");
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.add("bool_type", loc(name), "Input should be a valid boolean", value);
            return null;
        }
        return value.booleanValue();
    }

    public UUID uuid(String name, boolean required, boolean nullable) {
        JsonNode value = nonNull(name, required, nullable, "uuid_type", "UUID input should be a string, bytes or UUID object");
        if (value == null) {
            return null;
        }
        return checkUuid(value, loc(name));
    }

    public UUID checkUuid(JsonNode value, List<Object> at) {
        if (!value.isString()) {
            errors.add("uuid_type", at, "UUID input should be a string, bytes or UUID object", value);
            return null;
        }
        UUID parsed = Uuids.parse(value.stringValue());
        if (parsed == null) {
            errors.add("uuid_parsing", at, "Input should be a valid UUID, " + Uuids.describeProblem(value.stringValue()), value);
        }
        return parsed;
    }

    public Instant datetime(String name, boolean required, boolean nullable) {
        JsonNode value = nonNull(name, required, nullable, "datetime_type", "Input should be a valid datetime");
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            errors.add("datetime_type", loc(name), "Input should be a valid datetime", value);
            return null;
        }
        Instant parsed = parseDateTime(value.stringValue());
        if (parsed == null) {
            errors.add("datetime_from_date_parsing", loc(name), "Input should be a valid datetime or date, invalid character in year", value);
        }
        return parsed;
    }

    /** ISO 8601 date-time; a value without an offset is taken as UTC; a bare date is midnight UTC. */
    public static Instant parseDateTime(String text) {
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the looser forms below
        }
        try {
            return java.time.LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try a bare date
        }
        try {
            return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A string that must be one of {@code allowed}; pydantic's enum error otherwise. */
    public String enumValue(String name, boolean required, boolean nullable, Collection<String> allowed) {
        JsonNode value = nonNull(name, required, nullable, "enum", expected("Input should be ", allowed));
        if (value == null) {
            return null;
        }
        return checkEnum(value, loc(name), allowed);
    }

    public String checkEnum(JsonNode value, List<Object> at, Collection<String> allowed) {
        if (!value.isString() || !allowed.contains(value.stringValue())) {
            errors.add("enum", at, expected("Input should be ", allowed), value);
            return null;
        }
        return value.stringValue();
    }

    public static String expected(String prefix, Collection<String> allowed) {
        List<String> quoted = allowed.stream().map(v -> "'" + v + "'").toList();
        if (quoted.size() == 1) {
            return prefix + quoted.getFirst();
        }
        return prefix + quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + quoted.getLast();
    }

    public JsonFields object(String name, boolean required, boolean nullable) {
        JsonNode value = nonNull(name, required, nullable, "model_type", "Input should be a valid dictionary or object to extract fields from");
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            errors.add("model_attributes_type", loc(name), "Input should be a valid dictionary or object to extract fields from", value);
            return null;
        }
        return new JsonFields(value, loc(name), errors);
    }

    /** The elements of a list field, or null; {@code maxItems} < 0 means unbounded. */
    public List<JsonNode> list(String name, boolean required, boolean nullable, int minItems, int maxItems) {
        JsonNode value = nonNull(name, required, nullable, "list_type", "Input should be a valid list");
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            errors.add("list_type", loc(name), "Input should be a valid list", value);
            return null;
        }
        int size = value.size();
        if (size < minItems) {
            errors.add("too_short", loc(name), "List should have at least " + minItems + (minItems == 1 ? " item" : " items")
                    + " after validation, not " + size, value);
            return null;
        }
        if (maxItems >= 0 && size > maxItems) {
            errors.add("too_long", loc(name), "List should have at most " + maxItems + (maxItems == 1 ? " item" : " items")
                    + " after validation, not " + size, value);
            return null;
        }
        List<JsonNode> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(value.get(i));
        }
        return items;
    }

    /** A list of UUIDs, each checked at {@code [..., name, index]}. */
    public List<UUID> uuidList(String name, boolean required, boolean nullable, int minItems, int maxItems) {
        List<JsonNode> items = list(name, required, nullable, minItems, maxItems);
        if (items == null) {
            return null;
        }
        List<UUID> ids = new ArrayList<>(items.size());
        int before = errors.size();
        for (int i = 0; i < items.size(); i++) {
            ids.add(checkUuid(items.get(i), loc(name, i)));
        }
        return errors.size() == before ? ids : null;
    }

    /** A nested object inside a list at {@code [..., name, index]}. */
    public JsonFields element(String name, int index, JsonNode node) {
        return of(node, loc(name, index), errors);
    }
}
