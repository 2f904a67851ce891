package dev.kassa.stripe.emulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kassa.stripe-emulator.*}: where the emulator is mounted in a Spring application.
 *
 * @param basePath the path prefix before {@code /v1} (default {@code /_stripe}); point stripe-java's
 *                 {@code apiBase} at {@code PUBLIC_BASE_URL + basePath}
 */
@ConfigurationProperties("kassa.stripe-emulator")
public record StripeEmulatorProperties(String basePath) {

    public static final String DEFAULT_BASE_PATH = "/_stripe";

    public StripeEmulatorProperties {
        basePath = normalizeBasePath(basePath == null ? DEFAULT_BASE_PATH : basePath);
    }

    /** {@code ""} or {@code "/"} → {@code ""}; otherwise a leading slash and no trailing slash. */
    public static String normalizeBasePath(String basePath) {
        String path = basePath == null ? "" : basePath.trim();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.isEmpty() && !path.startsWith("/")) {
            path = "/" + path;
        }
        return path;
    }
}
