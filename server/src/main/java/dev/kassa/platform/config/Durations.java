package dev.kassa.platform.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations as operators write them: {@code 500ms}, {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}, or ISO-8601. */
public final class Durations {

    private Durations() {
    }

    /** @throws IllegalArgumentException when the text is not a positive duration */
    public static Duration parse(String raw) {
        String value = raw.trim();
        try {
            Duration duration;
            if (value.startsWith("P") || value.startsWith("p")) {
                duration = Duration.parse(value.toUpperCase());
            } else {
                if (value.length() < 2) {
                    throw new IllegalArgumentException("not a duration: " + raw);
                }
                long amount = Long.parseLong(value.substring(0, value.length() - (value.endsWith("ms") ? 2 : 1)));
                duration = value.endsWith("ms") ? Duration.ofMillis(amount) : switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    case 'w' -> Duration.ofDays(Math.multiplyExact(amount, 7));
                    default -> throw new IllegalArgumentException("not a duration: " + raw);
                };
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("not a positive duration: " + raw);
            }
            return duration;
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration: " + raw, e);
        }
    }
}
