package dev.kassa.platform.ratelimit;

import dev.kassa.platform.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rate limits, from environment variables (README "Rate limits"). Parsing is strict, as for the other settings: a
 * malformed value stops startup with a message naming it.
 */
record RateLimitSettings(boolean enabled, Zone token, Zone clientSecret, Zone confirm, Zone ip,
        List<AddressRange> trustedProxies) {

    static final List<String> VARIABLES = List.of("RATE_LIMIT_ENABLED", "RATE_LIMIT_TOKEN_PER_MINUTE",
            "RATE_LIMIT_CLIENT_SECRET_PER_MINUTE", "RATE_LIMIT_CONFIRM_PER_MINUTE", "RATE_LIMIT_CONFIRM_PER_HOUR",
            "RATE_LIMIT_CONFIRM_BLOCK", "RATE_LIMIT_IP_PER_MINUTE", "RATE_LIMIT_TRUSTED_PROXIES");

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_LIMIT = 1_000_000_000;

    static RateLimitSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        boolean enabled = parseBoolean(env, "RATE_LIMIT_ENABLED", problems);
        Zone token = new Zone("token", "per access token",
                List.of(new Zone.Window(limit(env, "RATE_LIMIT_TOKEN_PER_MINUTE", 500, problems), MINUTE)), Duration.ZERO);
        Zone clientSecret = new Zone("client-secret", "per checkout session",
                List.of(new Zone.Window(limit(env, "RATE_LIMIT_CLIENT_SECRET_PER_MINUTE", 500, problems), MINUTE)), Duration.ZERO);
        Duration block = Duration.ofMinutes(30);
        String rawBlock = blankToNull(env.get("RATE_LIMIT_CONFIRM_BLOCK"));
        if (rawBlock != null) {
            try {
                block = rawBlock.trim().equals("0") ? Duration.ZERO : Durations.parse(rawBlock);
                if (block.isPositive() && block.compareTo(Duration.ofSeconds(1)) < 0 || block.compareTo(Duration.ofDays(1)) > 0) {
                    problems.add("RATE_LIMIT_CONFIRM_BLOCK: must be 0 or between 1s and 1d, got '" + rawBlock + "'");
                    block = Duration.ofMinutes(30);
                }
            } catch (IllegalArgumentException e) {
                problems.add("RATE_LIMIT_CONFIRM_BLOCK: not a duration such as 30m, 1h or 0: '" + rawBlock + "'");
            }
        }
        Zone confirm = new Zone("checkout-confirm", "per checkout session",
                List.of(new Zone.Window(limit(env, "RATE_LIMIT_CONFIRM_PER_MINUTE", 6, problems), MINUTE),
                        new Zone.Window(limit(env, "RATE_LIMIT_CONFIRM_PER_HOUR", 20, problems), HOUR)), block);
        Zone ip = new Zone("ip", "per client address",
                List.of(new Zone.Window(limit(env, "RATE_LIMIT_IP_PER_MINUTE", 500, problems), MINUTE)), Duration.ZERO);
        List<AddressRange> trusted = new ArrayList<>();
        String rawProxies = blankToNull(env.get("RATE_LIMIT_TRUSTED_PROXIES"));
        if (rawProxies != null) {
            for (String part : rawProxies.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    trusted.add(AddressRange.parse(part.trim()));
                } catch (IllegalArgumentException e) {
                    problems.add("RATE_LIMIT_TRUSTED_PROXIES: not an IP address or CIDR range: '" + part.trim() + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new RateLimitSettings(enabled, token, clientSecret, confirm, ip, List.copyOf(trusted));
    }

    List<Zone> zones() {
        return List.of(token, clientSecret, confirm, ip);
    }

    private static boolean parseBoolean(Map<String, String> env, String name, List<String> problems) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return true;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(name + ": must be true or false, got '" + raw + "'");
                yield true;
            }
        };
    }

    private static int limit(Map<String, String> env, String name, int defaultValue, List<String> problems) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 1 || value > MAX_LIMIT) {
                problems.add(name + ": must be between 1 and " + MAX_LIMIT + ", got '" + raw + "'");
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + ": not a whole number: '" + raw + "'");
            return defaultValue;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
