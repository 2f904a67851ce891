package dev.kassa.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kassa's configuration, read from environment variables. Parsing is strict: a malformed value, or a
 * {@code KASSA_*} variable Kassa does not know (usually a typo), stops startup with a message naming it.
 */
public record KassaSettings(int port, URI publicBaseUrl, Optional<DatabaseUrl> databaseUrl, Path dataDir,
        Optional<String> stripeSecretKey, Optional<String> stripePublishableKey, Optional<String> stripeWebhookSecret,
        Duration checkoutTtl, DatabaseTimeouts databaseTimeouts, Optional<URI> stripeApiBase) {

    public static final List<String> VARIABLES = List.of("PORT", "PUBLIC_BASE_URL", "DATABASE_URL", "KASSA_DATA_DIR",
            "STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "CHECKOUT_TTL",
            "DATABASE_STATEMENT_TIMEOUT", "DATABASE_LOCK_TIMEOUT", "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "STRIPE_API_BASE");

    /**
     * Bounds on how long one database session waits, set on every pooled connection: a statement
     * ({@code statement_timeout}), a lock ({@code lock_timeout}), an open transaction doing nothing
     * ({@code idle_in_transaction_session_timeout}).
     */
    public record DatabaseTimeouts(Duration statement, Duration lock, Duration idleInTransaction) {
        public static final DatabaseTimeouts DEFAULTS = new DatabaseTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    public static final Set<String> KNOWN_KASSA_VARIABLES = Set.of("KASSA_DATA_DIR", "KASSA_JAVA_OPTS");

    public static KassaSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        int port = parsePort(env.get("PORT"), problems);
        URI publicBaseUrl = parsePublicBaseUrl(env.get("PUBLIC_BASE_URL"), port, problems);
        Optional<DatabaseUrl> databaseUrl = Optional.empty();
        String rawDatabaseUrl = blankToNull(env.get("DATABASE_URL"));
        if (rawDatabaseUrl != null) {
            try {
                databaseUrl = Optional.of(DatabaseUrl.parse(rawDatabaseUrl));
            } catch (IllegalArgumentException e) {
                problems.add("DATABASE_URL: " + e.getMessage());
            }
        }
        Path dataDir = Path.of("data");
        String rawDataDir = blankToNull(env.get("KASSA_DATA_DIR"));
        if (rawDataDir != null) {
            try {
                dataDir = Path.of(rawDataDir);
            } catch (RuntimeException e) {
                problems.add("KASSA_DATA_DIR: not a valid path: " + rawDataDir);
            }
        }
        Optional<String> stripeSecretKey = Optional.ofNullable(blankToNull(env.get("STRIPE_SECRET_KEY"))).map(String::trim);
        stripeSecretKey.ifPresent(key -> {
            if (!key.startsWith("sk_") && !key.startsWith("rk_")) {
                problems.add("STRIPE_SECRET_KEY: must be a Stripe secret or restricted key (sk_... or rk_...)");
            }
        });
        Optional<String> stripePublishableKey = Optional.ofNullable(blankToNull(env.get("STRIPE_PUBLISHABLE_KEY"))).map(String::trim);
        stripePublishableKey.ifPresent(key -> {
            if (!key.startsWith("pk_")) {
                problems.add("STRIPE_PUBLISHABLE_KEY: must be a Stripe publishable key (pk_...)");
            }
        });
        Optional<String> stripeWebhookSecret = Optional.ofNullable(blankToNull(env.get("STRIPE_WEBHOOK_SECRET"))).map(String::trim);
        stripeWebhookSecret.ifPresent(secret -> {
            if (!secret.startsWith("whsec_")) {
                problems.add("STRIPE_WEBHOOK_SECRET: must be a Stripe webhook signing secret (whsec_...)");
            }
        });
        if (stripeSecretKey.isPresent() && stripeWebhookSecret.isEmpty()) {
            problems.add("STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set (payment results arrive by webhook)");
        }
        if (stripeSecretKey.isPresent() && stripePublishableKey.isEmpty()) {
            problems.add("STRIPE_PUBLISHABLE_KEY: required when STRIPE_SECRET_KEY is set (browsers need it for Stripe.js)");
        }
        Optional<URI> stripeApiBase = Optional.empty();
        String rawApiBase = blankToNull(env.get("STRIPE_API_BASE"));
        if (rawApiBase != null) {
            String base = rawApiBase.trim().replaceAll("/+$", "");
            URI uri = null;
            try {
                uri = new URI(base);
            } catch (URISyntaxException e) {
                // reported below
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null) {
                problems.add("STRIPE_API_BASE: must be an http(s) URL such as http://127.0.0.1:12111, got '" + rawApiBase + "'");
            } else {
                stripeApiBase = Optional.of(uri);
            }
            if (stripeSecretKey.isEmpty() && stripeWebhookSecret.isEmpty()) {
                problems.add("STRIPE_WEBHOOK_SECRET: required with STRIPE_API_BASE (the emulator's or Stripe's whsec_... signing secret)");
            }
        }
        Duration checkoutTtl = parseDuration(env, "CHECKOUT_TTL", Duration.ofHours(24), Duration.ofMinutes(1), "1m",
                Duration.ofDays(7), "7d", problems);
        DatabaseTimeouts defaults = DatabaseTimeouts.DEFAULTS;
        Duration statementTimeout = parseDuration(env, "DATABASE_STATEMENT_TIMEOUT", defaults.statement(), Duration.ofSeconds(1), "1s",
                Duration.ofMinutes(10), "10m", problems);
        Duration lockTimeout = parseDuration(env, "DATABASE_LOCK_TIMEOUT", defaults.lock(), Duration.ofMillis(100), "100ms",
                Duration.ofMinutes(10), "10m", problems);
        Duration idleInTransactionTimeout = parseDuration(env, "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", defaults.idleInTransaction(),
                Duration.ofSeconds(1), "1s", Duration.ofHours(1), "1h", problems);
        if (lockTimeout.compareTo(statementTimeout) > 0) {
            problems.add("DATABASE_LOCK_TIMEOUT: must not exceed DATABASE_STATEMENT_TIMEOUT (" + statementTimeout.toMillis()
                    + " ms), got " + lockTimeout.toMillis() + " ms");
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : env.keySet()) {
            if (name.startsWith("KASSA_") && !KNOWN_KASSA_VARIABLES.contains(name)) {
                unknown.add(name);
            }
        }
        for (String name : unknown) {
            problems.add(name + ": unknown variable (known: " + String.join(", ", new TreeSet<>(KNOWN_KASSA_VARIABLES)) + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new KassaSettings(port, publicBaseUrl, databaseUrl, dataDir.toAbsolutePath().normalize(), stripeSecretKey,
                stripePublishableKey, stripeWebhookSecret, checkoutTtl,
                new DatabaseTimeouts(statementTimeout, lockTimeout, idleInTransactionTimeout), stripeApiBase);
    }

    /** Test mode: no Stripe key, so Kassa uses a Stripe emulator (its own, or the one at {@code STRIPE_API_BASE}). */
    public boolean stripeTestMode() {
        return stripeSecretKey.isEmpty();
    }

    /** Test mode with Kassa's own emulator, served under {@code /_stripe}: no key and no {@code STRIPE_API_BASE}. */
    public boolean servesStripeEmulator() {
        return stripeTestMode() && stripeApiBase.isEmpty();
    }

    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    public String publicBaseUrlWithoutTrailingSlash() {
        String url = publicBaseUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static int parsePort(String raw, List<String> problems) {
        raw = blankToNull(raw);
        if (raw == null) {
            return 8000;
        }
        try {
            int port = Integer.parseInt(raw.trim());
            if (port < 0 || port > 65535) {
                problems.add("PORT: must be between 0 and 65535, got '" + raw + "'");
            }
            return port;
        } catch (NumberFormatException e) {
            problems.add("PORT: not a number: '" + raw + "'");
            return 8000;
        }
    }

    /** Unset: {@code http://localhost:PORT}, the port Kassa listens on (see {@code KassaApplication} for {@code PORT=0}). */
    private static URI parsePublicBaseUrl(String raw, int port, List<String> problems) {
        raw = blankToNull(raw);
        if (raw == null) {
            return URI.create("http://localhost:" + port);
        }
        try {
            URI uri = new URI(raw.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add("PUBLIC_BASE_URL: must be an absolute http(s) URL, got '" + raw + "'");
            } else if (uri.getQuery() != null || uri.getFragment() != null) {
                problems.add("PUBLIC_BASE_URL: must not have a query or fragment, got '" + raw + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add("PUBLIC_BASE_URL: not a URL: '" + raw + "'");
            return URI.create("http://localhost:" + port);
        }
    }

    /** An operator duration ({@code 500ms}, {@code 30s}, {@code 24h}, {@code P2D}) between {@code min} and {@code max}. */
    private static Duration parseDuration(Map<String, String> env, String name, Duration defaultValue, Duration min, String minText,
            Duration max, String maxText, List<String> problems) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return defaultValue;
        }
        try {
            Duration value = Durations.parse(raw);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problems.add(name + ": must be between " + minText + " and " + maxText + ", got '" + raw + "'");
                return defaultValue;
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(name + ": not a duration such as 500ms, 30s, 24h or P1D: '" + raw + "'");
            return defaultValue;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Thrown when the environment holds malformed or unknown settings; its message lists every problem. */
    public static final class InvalidSettingsException extends RuntimeException {
        private final List<String> problems;

        InvalidSettingsException(List<String> problems) {
            super("Invalid configuration:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
