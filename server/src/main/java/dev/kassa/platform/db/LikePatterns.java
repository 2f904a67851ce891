package dev.kassa.platform.db;

/** SQL LIKE patterns from user text: {@code %}, {@code _} and the escape character match themselves. */
public final class LikePatterns {

    private LikePatterns() {
    }

    /** A pattern matching any text containing {@code text}, for {@code ILIKE :pattern ESCAPE '\'}. */
    public static String contains(String text) {
        return "%" + escape(text) + "%";
    }

    /** A pattern matching any text starting with {@code text}. */
    public static String startsWith(String text) {
        return escape(text) + "%";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
