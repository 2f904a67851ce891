package dev.kassa.platform.web;

/** Polar's pagination block: the total number of rows and the last page number for the requested limit. */
public record Pagination(long totalCount, long maxPage) {

    public static Pagination of(long totalCount, PageRequest page) {
        return new Pagination(totalCount, (totalCount + page.limit() - 1) / page.limit());
    }
}
