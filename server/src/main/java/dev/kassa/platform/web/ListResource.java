package dev.kassa.platform.web;

import java.util.List;

/** Polar's list envelope: {@code {"items": [...], "pagination": {"total_count": N, "max_page": M}}}. */
public record ListResource<T>(List<T> items, Pagination pagination) {

    public static <T> ListResource<T> of(List<T> items, long totalCount, PageRequest page) {
        return new ListResource<>(items, Pagination.of(totalCount, page));
    }
}
