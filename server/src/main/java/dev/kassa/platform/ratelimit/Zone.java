package dev.kassa.platform.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A rate limit zone: fixed windows, each allowing {@code limit} requests per identity, and an optional block: once a
 * window is exceeded, the identity is refused for {@code block} whatever the windows say (Polar's {@code block_time}).
 *
 * @param per how the identity reads in an answer ("per access token")
 */
record Zone(String name, String per, List<Window> windows, Duration block) {

    record Window(int limit, Duration length) {

        String describe() {
            return limit + (length.equals(Duration.ofMinutes(1)) ? " per minute" : length.equals(Duration.ofHours(1))
                    ? " per hour" : " per " + length.toSeconds() + " seconds");
        }
    }

    boolean blocks() {
        return block.isPositive();
    }

    /** "at most 6 per minute and 20 per hour per checkout session, then blocked for 30 minutes". */
    String describe() {
        String limits = windows.stream().map(Window::describe).collect(Collectors.joining(" and "));
        String then = blocks() ? ", then blocked for " + minutesOrSeconds(block) : "";
        return "at most " + limits + " " + per + then;
    }

    private static String minutesOrSeconds(Duration duration) {
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0 ? duration.toMinutes() + " minutes"
                : duration.toSeconds() + " seconds";
    }
}
