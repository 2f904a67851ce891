package dev.kassa.platform.web;

/**
 * Text PostgreSQL cannot store as sent: a NUL character (no {@code text} or {@code jsonb} value may hold one) or a lone
 * UTF-16 surrogate (not a Unicode character; the driver would store it as {@code ?}). Kassa refuses such input with a
 * 422 rather than altering it or failing at the database.
 */
public final class StorableText {

    public static final String TYPE = "string_unicode";

    private StorableText() {
    }

    /** Why {@code text} cannot be stored, or null when it can. */
    public static String problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "Input should be a valid string, NUL characters are not allowed";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "Input should be a valid string, unable to parse raw data as a unicode string (lone surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "Input should be a valid string, unable to parse raw data as a unicode string (lone surrogate)";
            }
        }
        return null;
    }

    /** {@code text} with what cannot be stored (nor written as valid UTF-8) replaced by U+FFFD, to echo it safely. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\0' || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
