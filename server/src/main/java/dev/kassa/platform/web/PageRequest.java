package dev.kassa.platform.web;

/** 1-based page and page size, as Polar's list endpoints take them. */
public record PageRequest(int page, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
