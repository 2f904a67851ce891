package dev.kassa.customfield;

import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.ValidationErrors;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Validates {@code custom_field_data} against the custom fields attached to a product (reference section 5):
 * unknown keys are dropped, only provided keys are returned, and each problem is reported at
 * {@code [...prefix, slug]} with pydantic's types and messages.
 */
public final class CustomFieldData {

    private static final long INT32_MIN = Integer.MIN_VALUE;
    private static final long INT32_MAX = Integer.MAX_VALUE;

    private CustomFieldData() {
    }

    /** A field attached to the selected product, and whether the merchant made it required. */
    public record AttachedField(CustomField field, boolean required) {
    }

    /**
     * @param requiredChecks whether required fields must be present (on at confirm, off at create and update)
     * @return the valid values by slug: strings, longs, booleans, ISO-8601 date-times, or nulls
     */
    public static Map<String, Object> validate(JsonNode input, List<AttachedField> fields, boolean requiredChecks,
            List<Object> prefix, ValidationErrors errors) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (input != null && !input.isNull() && !input.isObject()) {
            errors.add("dict_type", prefix, "Input should be a valid dictionary", input);
            return values;
        }
        for (AttachedField attached : fields) {
            CustomField field = attached.field();
            List<Object> loc = new ArrayList<>(prefix);
            loc.add(field.slug());
            JsonNode value = input == null || input.isNull() ? null : input.get(field.slug());
            boolean mustBePresent = requiredChecks && attached.required();
            if (value == null || value.isNull()) {
                if (mustBePresent) {
                    errors.add("missing", loc, "Field required", value);
                } else if (value != null) {
                    values.put(field.slug(), null);
                }
                continue;
            }
            Object parsed = parse(field, mustBePresent, value, loc, errors);
            if (parsed != null) {
                values.put(field.slug(), parsed);
            }
        }
        return values;
    }

    private static Object parse(CustomField field, boolean required, JsonNode value, List<Object> loc, ValidationErrors errors) {
        ValidationReader reader = new ValidationReader(errors);
        return switch (field) {
            case CustomField.Text text -> {
                CustomField.TextProperties p = (CustomField.TextProperties) text.properties();
                int min = p.minLength() == null ? (required ? 1 : 0) : p.minLength();
                int max = p.maxLength() == null ? Integer.MAX_VALUE : p.maxLength();
                yield reader.fields.checkString(value, loc, min, max);
            }
            case CustomField.Number number -> {
                CustomField.NumberProperties p = (CustomField.NumberProperties) number.properties();
                yield reader.fields.checkInteger(value, loc, p.ge() == null ? INT32_MIN : p.ge(), p.le() == null ? INT32_MAX : p.le());
            }
            case CustomField.Date date -> parseDate((CustomField.DateProperties) date.properties(), value, loc, errors);
            case CustomField.Checkbox checkbox -> {
                if (!value.isBoolean()) {
                    errors.add("bool_type", loc, "Input should be a valid boolean", value);
                    yield null;
                }
                if (required && !value.booleanValue()) {
                    errors.add("literal_error", loc, "Input should be True", value);
                    yield null;
                }
                yield value.booleanValue();
            }
            case CustomField.Select select -> {
                List<String> options = ((CustomField.SelectProperties) select.properties()).options().stream()
                        .map(CustomField.Option::value).toList();
                if (!value.isString() || !options.contains(value.stringValue())) {
                    errors.add("literal_error", loc, JsonFields.expected("Input should be ", options), value);
                    yield null;
                }
                yield value.stringValue();
            }
        };
    }

    /** A date-time; the field's ge/le are unix timestamps compared as UTC dates, as Polar does. */
    private static Object parseDate(CustomField.DateProperties properties, JsonNode value, List<Object> loc, ValidationErrors errors) {
        Instant instant = value.isString() ? JsonFields.parseDateTime(value.stringValue()) : null;
        if (instant == null) {
            errors.add("datetime_parsing", loc, "Input should be a valid datetime", value);
            return null;
        }
        LocalDate date = instant.atZone(ZoneOffset.UTC).toLocalDate();
        if (properties.ge() != null) {
            LocalDate ge = Instant.ofEpochSecond(properties.ge()).atZone(ZoneOffset.UTC).toLocalDate();
            if (date.isBefore(ge)) {
                errors.add("greater_than_equal", loc, "Input should be greater than or equal to " + ge, value);
                return null;
            }
        }
        if (properties.le() != null) {
            LocalDate le = Instant.ofEpochSecond(properties.le()).atZone(ZoneOffset.UTC).toLocalDate();
            if (date.isAfter(le)) {
                errors.add("less_than_equal", loc, "Input should be less than or equal to " + le, value);
                return null;
            }
        }
        return instant.toString();
    }

    /** Reuses {@link JsonFields}' scalar checks, which report at any location. */
    private static final class ValidationReader {
        final JsonFields fields;

        ValidationReader(ValidationErrors errors) {
            this.fields = JsonFields.of(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), List.of(), errors);
        }
    }
}
