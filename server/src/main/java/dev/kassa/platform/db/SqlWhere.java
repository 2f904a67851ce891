package dev.kassa.platform.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A list query's WHERE clause and its named parameters, built together so that a condition can never lose its
 * parameter (or the reverse). Optional filters are skipped when empty.
 */
public final class SqlWhere {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    private SqlWhere() {
    }

    /** Starts with a condition that always applies, such as the organization. */
    public static SqlWhere of(String clause, String name, Object value) {
        return new SqlWhere().and(clause, name, value);
    }

    public SqlWhere and(String clause, String name, Object value) {
        clauses.add(clause);
        params.put(name, value);
        return this;
    }

    /** A condition without a parameter, when {@code condition} holds. */
    public SqlWhere andIf(boolean condition, String clause) {
        if (condition) {
            clauses.add(clause);
        }
        return this;
    }

    /** {@code column = ANY(:name)} when {@code values} is not empty (UUIDs or strings). */
    public SqlWhere andAny(String column, String name, Collection<?> values) {
        if (values == null || values.isEmpty()) {
            return this;
        }
        Object array = values.iterator().next() instanceof UUID
                ? values.stream().map(UUID.class::cast).toArray(UUID[]::new)
                : values.stream().map(String::valueOf).toArray(String[]::new);
        return and(column + " = ANY(:" + name + ")", name, array);
    }

    /** A case-insensitive substring match (the clause uses {@code :name} with {@code ESCAPE '\'}), when text is given. */
    public SqlWhere andContains(String clause, String name, String text) {
        return text == null ? this : and(clause, name, LikePatterns.contains(text));
    }

    public String sql() {
        return String.join(" AND ", clauses);
    }

    public Map<String, Object> params() {
        return params;
    }
}
