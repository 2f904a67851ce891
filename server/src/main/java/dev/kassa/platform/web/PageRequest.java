package dev.kassa.platform.web;

/** 1-based page and page size, as Polar's list endpoints take them. */
public record PageRequest(int page, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    /**
     * The highest page Kassa serves (Polar has none): {@code (page - 1) * limit} stays below 10^8 rows, far from
     * overflowing, and a larger page is a 422 rather than a query PostgreSQL refuses.
     */
    public static final int MAX_PAGE = 1_000_000;

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
