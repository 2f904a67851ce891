package dev.kassa.platform.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.util.MultiValueMap;

/** Reads query parameters with the same error shapes as {@link JsonFields}, at {@code ["query", name]}. */
public final class QueryParams {

    private final MultiValueMap<String, String> params;
    private final ValidationErrors errors = new ValidationErrors();

    public QueryParams(MultiValueMap<String, String> params) {
        this.params = params;
    }

    public ValidationErrors errors() {
        return errors;
    }

    private String single(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getLast();
    }

    public PageRequest page() {
        Long page = integer("page", 1L, (long) PageRequest.MAX_PAGE, 1);
        Long limit = integer("limit", 1L, (long) PageRequest.MAX_LIMIT, PageRequest.DEFAULT_LIMIT);
        return new PageRequest(page == null ? 1 : page.intValue(), limit == null ? PageRequest.DEFAULT_LIMIT : limit.intValue());
    }

    public Long integer(String name, Long ge, Long le, long defaultValue) {
        String raw = single(name);
        if (raw == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            errors.add("int_parsing", List.of("query", name), "Input should be a valid integer, unable to parse string as an integer", raw);
            return null;
        }
        if (ge != null && value < ge) {
            errors.add("greater_than_equal", List.of("query", name), "Input should be greater than or equal to " + ge, raw);
            return null;
        }
        if (le != null && value > le) {
            errors.add("less_than_equal", List.of("query", name), "Input should be less than or equal to " + le, raw);
            return null;
        }
        return value;
    }

    public Boolean bool(String name) {
        String raw = single(name);
        if (raw == null) {
            return null;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> {
                errors.add("bool_parsing", List.of("query", name), "Input should be a valid boolean, unable to interpret input", raw);
                yield null;
            }
        };
    }

    public String string(String name) {
        String raw = single(name);
        return raw == null || raw.isEmpty() ? null : raw;
    }

    /** A filter that Polar accepts as one value or repeated. */
    public List<UUID> uuids(String name) {
        List<String> values = params.get(name);
        if (values == null) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            UUID id = Uuids.parse(values.get(i));
            if (id == null) {
                List<Object> loc = values.size() == 1 ? List.of("query", name) : List.of("query", name, i);
                errors.add("uuid_parsing", loc, "Input should be a valid UUID, " + Uuids.describeProblem(values.get(i)), values.get(i));
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Values of an enum filter, one or repeated. */
    public List<String> enums(String name, Collection<String> allowed) {
        List<String> values = params.get(name);
        if (values == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (allowed.contains(values.get(i))) {
                result.add(values.get(i));
            } else {
                List<Object> loc = values.size() == 1 ? List.of("query", name) : List.of("query", name, i);
                errors.add("enum", loc, JsonFields.expected("Input should be ", allowed), values.get(i));
            }
        }
        return result;
    }

    /** {@code sorting=-created_at&sorting=name}: each value a property, "-" for descending. */
    public List<Sort> sorting(Collection<String> properties, List<Sort> defaultSorting) {
        List<String> values = params.get("sorting");
        if (values == null || values.isEmpty()) {
            return defaultSorting;
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (String property : properties) {
            allowed.add(property);
            allowed.add("-" + property);
        }
        List<Sort> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (!allowed.contains(value)) {
                errors.add("enum", List.of("query", "sorting", i), JsonFields.expected("Input should be ", allowed), value);
                continue;
            }
            result.add(value.startsWith("-") ? new Sort(value.substring(1), true) : new Sort(value, false));
        }
        return result;
    }

    public record Sort(String property, boolean descending) {
        public String sql(String column) {
            return column + (descending ? " DESC" : " ASC");
        }
    }
}
