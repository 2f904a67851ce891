package dev.kassa.platform.web;

import java.util.function.Consumer;

/**
 * A PATCH body field: absent (leave unchanged), or present with a value that may be null (set or clear).
 */
public record Patch<T>(boolean present, T value) {

    private static final Patch<?> ABSENT = new Patch<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    public static <T> Patch<T> of(T value) {
        return new Patch<>(true, value);
    }

    /** Present when the body has the key, even with null; {@code value} is what was read (null when invalid). */
    public static <T> Patch<T> read(JsonFields fields, String name, T value) {
        return fields.has(name) ? of(value) : absent();
    }

    public void ifPresent(Consumer<T> action) {
        if (present) {
            action.accept(value);
        }
    }
}
