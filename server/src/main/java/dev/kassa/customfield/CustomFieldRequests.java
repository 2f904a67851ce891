package dev.kassa.customfield;

import dev.kassa.customfield.CustomField.CheckboxProperties;
import dev.kassa.customfield.CustomField.DateProperties;
import dev.kassa.customfield.CustomField.NumberProperties;
import dev.kassa.customfield.CustomField.Option;
import dev.kassa.customfield.CustomField.Properties;
import dev.kassa.customfield.CustomField.SelectProperties;
import dev.kassa.customfield.CustomField.TextProperties;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Metadata;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.platform.web.ValidationErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads the custom field bodies and list filters with pydantic's error shapes. The bodies are Polar's
 * discriminated unions on {@code type}: a missing or unknown tag is reported at {@code ["body"]}, and the
 * errors inside a variant carry the tag in their location ({@code ["body", "text", "slug"]}), as pydantic does.
 */
final class CustomFieldRequests {

    static final long INT32_MIN = Integer.MIN_VALUE;
    static final long INT32_MAX = Integer.MAX_VALUE;
    static final String SLUG_PATTERN = "^[a-z0-9-_]+$";
    private static final Pattern SLUG = Pattern.compile(SLUG_PATTERN);
    private static final List<String> SORT_PROPERTIES = List.of("created_at", "slug", "name", "type");
    /** Polar's default: slug ascending. */
    static final List<QueryParams.Sort> DEFAULT_SORTING = List.of(new QueryParams.Sort("slug", false));

    private CustomFieldRequests() {
    }

    record Create(CustomFieldType type, String slug, String name, UUID organizationId, Properties properties,
            Map<String, Object> metadata) {
    }

    /** Null means "leave unchanged"; {@code type} is the discriminator and must match the stored type. */
    record Update(CustomFieldType type, String slug, String name, Properties properties, Map<String, Object> metadata) {
    }

    record ListQuery(List<UUID> organizationIds, String query, List<CustomFieldType> types, PageRequest page,
            List<QueryParams.Sort> sorting) {
    }

    static Create create(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        CustomFieldType type = discriminator(body, errors);
        JsonFields fields = JsonFields.of(body, List.of("body", type.wireName()), errors);
        String slug = slug(fields, true);
        String name = fields.string("name", true, false, 1, Integer.MAX_VALUE);
        UUID organizationId = fields.uuid("organization_id", false, true);
        Properties properties = properties(fields, type, true);
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        errors.throwIfAny();
        return new Create(type, slug, name, organizationId, properties, metadata == null ? Map.of() : metadata);
    }

    static Update update(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        CustomFieldType type = discriminator(body, errors);
        JsonFields fields = JsonFields.of(body, List.of("body", type.wireName()), errors);
        String name = fields.string("name", false, true, 1, Integer.MAX_VALUE);
        String slug = slug(fields, false);
        Properties properties = properties(fields, type, false);
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        errors.throwIfAny();
        return new Update(type, slug, name, properties, metadata);
    }

    static ListQuery list(MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        String text = query.string("query");
        List<CustomFieldType> types = query.enums("type", CustomFieldType.WIRE_NAMES).stream()
                .map(name -> CustomFieldType.fromWireName(name).orElseThrow())
                .toList();
        PageRequest page = query.page();
        List<QueryParams.Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        return new ListQuery(organizationIds, text, types, page, sorting);
    }

    /** The variant named by {@code type}; anything else ends the request with pydantic's tagged-union errors. */
    private static CustomFieldType discriminator(JsonNode body, ValidationErrors errors) {
        JsonFields root = JsonFields.body(body, errors);
        errors.throwIfAny();
        if (!root.has("type")) {
            errors.add("union_tag_not_found", List.of("body"), "Unable to extract tag using discriminator 'type'", body);
            errors.throwIfAny();
        }
        JsonNode tag = root.raw("type");
        CustomFieldType type = tag.isString() ? CustomFieldType.fromWireName(tag.stringValue()).orElse(null) : null;
        if (type == null) {
            String shown = tag.isString() ? tag.stringValue() : tag.isNull() ? "None" : tag.toString();
            String expected = CustomFieldType.WIRE_NAMES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
            errors.add("union_tag_invalid", List.of("body"), "Input tag '" + shown
                    + "' found using 'type' does not match any of the expected tags: " + expected, body);
            errors.throwIfAny();
        }
        return type;
    }

    /** Polar's Slug: lower-cased, at least one character, only a-z, 0-9, '-' and '_'. */
    private static String slug(JsonFields fields, boolean required) {
        JsonNode value = fields.raw("slug");
        if (value == null || value.isNull()) {
            // absent, or null where allowed (update): both leave the slug unchanged
            return required ? fields.string("slug", true, false, 1, Integer.MAX_VALUE) : null;
        }
        if (!value.isString()) {
            fields.problem("slug", "string_type", "Input should be a valid string");
            return null;
        }
        String slug = value.stringValue().toLowerCase(Locale.ROOT);
        if (slug.isEmpty()) {
            fields.problem("slug", "string_too_short", "String should have at least 1 character");
            return null;
        }
        if (!SLUG.matcher(slug).matches()) {
            fields.problem("slug", "string_pattern_mismatch", "String should match pattern '" + SLUG_PATTERN + "'");
            return null;
        }
        return slug;
    }

    private static Properties properties(JsonFields fields, CustomFieldType type, boolean required) {
        JsonNode node = fields.raw("properties");
        if (node == null || node.isNull()) {
            if (required) {
                // a null is a type error on create, "Field required" when the key is absent
                if (node == null) {
                    fields.errors().add("missing", fields.loc("properties"), "Field required", fields.node());
                } else {
                    fields.problem("properties", "dict_type", "Input should be a valid dictionary");
                }
            }
            return null;
        }
        JsonFields p = dict(fields.errors(), node, fields.loc("properties"));
        if (p == null) {
            return null;
        }
        int before = p.errors().size();
        String formLabel = nonEmpty(p, "form_label");
        String formHelpText = nonEmpty(p, "form_help_text");
        String formPlaceholder = nonEmpty(p, "form_placeholder");
        Properties properties = switch (type) {
            case TEXT -> {
                Boolean textarea = p.bool("textarea", false, false);
                Integer minLength = bounded(p, "min_length", 0L, INT32_MAX);
                Integer maxLength = bounded(p, "max_length", 0L, INT32_MAX);
                if (minLength != null && maxLength != null && minLength > maxLength) {
                    p.valueError("max_length", "Minimum length (min_length) must be less than or equal to Maximum length (max_length)");
                }
                yield new TextProperties(formLabel, formHelpText, formPlaceholder, textarea, minLength, maxLength);
            }
            case NUMBER -> {
                Integer[] bounds = geLe(p);
                yield new NumberProperties(formLabel, formHelpText, formPlaceholder, bounds[0], bounds[1]);
            }
            case DATE -> {
                Integer[] bounds = geLe(p);
                yield new DateProperties(formLabel, formHelpText, formPlaceholder, bounds[0], bounds[1]);
            }
            case CHECKBOX -> new CheckboxProperties(formLabel, formHelpText, formPlaceholder);
            case SELECT -> {
                List<Option> options = options(p);
                yield options == null ? null : new SelectProperties(formLabel, formHelpText, formPlaceholder, options);
            }
        };
        return p.errors().size() == before ? properties : null;
    }

    /** Polar's ComparableProperties: int32 bounds, and ge ≤ le when both are given (reported on le). */
    private static Integer[] geLe(JsonFields p) {
        Integer ge = bounded(p, "ge", INT32_MIN, INT32_MAX);
        Integer le = bounded(p, "le", INT32_MIN, INT32_MAX);
        if (ge != null && le != null && ge > le) {
            p.valueError("le", "Greater than or equal (ge) must be less than or equal to Less than or equal (le)");
        }
        return new Integer[] {ge, le};
    }

    private static List<Option> options(JsonFields p) {
        List<JsonNode> items = p.list("options", true, false, 1, -1);
        if (items == null) {
            return null;
        }
        int before = p.errors().size();
        List<Option> options = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonFields option = dict(p.errors(), items.get(i), p.loc("options", i));
            if (option == null) {
                continue;
            }
            String value = option.string("value", true, false, 1, Integer.MAX_VALUE);
            String label = option.string("label", true, false, 1, Integer.MAX_VALUE);
            options.add(new Option(value, label));
        }
        return p.errors().size() == before ? options : null;
    }

    /** A TypedDict: a JSON object, or pydantic's dict_type error. */
    private static JsonFields dict(ValidationErrors errors, JsonNode node, List<Object> loc) {
        if (!node.isObject()) {
            errors.add("dict_type", loc, "Input should be a valid dictionary", node);
            return null;
        }
        return JsonFields.of(node, loc, errors);
    }

    private static String nonEmpty(JsonFields p, String name) {
        return p.string(name, false, false, 1, Integer.MAX_VALUE);
    }

    private static Integer bounded(JsonFields p, String name, long ge, long le) {
        Long value = p.integer(name, false, false, ge, le);
        return value == null ? null : value.intValue();
    }
}
