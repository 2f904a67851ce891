package dev.kassa.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** Strict UUID parsing: {@link UUID#fromString} accepts malformed input such as "1-1-1-1-1". */
public final class Uuids {

    private static final Pattern HYPHENATED = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern SIMPLE = Pattern.compile("^[0-9a-fA-F]{32}$");

    private Uuids() {
    }

    public static UUID parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        if (value.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            value = value.substring(9);
        }
        if (SIMPLE.matcher(value).matches()) {
            value = value.substring(0, 8) + "-" + value.substring(8, 12) + "-" + value.substring(12, 16) + "-"
                    + value.substring(16, 20) + "-" + value.substring(20);
        }
        if (!HYPHENATED.matcher(value).matches()) {
            return null;
        }
        return UUID.fromString(value);
    }

    static String describeProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '-')) {
                return "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `"
                        + c + "` at " + (i + 1);
            }
        }
        return "invalid length: expected length 32 for simple format, found " + text.replace("-", "").length();
    }
}
