package dev.kassa.stripe.emulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kassa.stripe-emulator.*}: where the emulator is mounted in a Spring application, and where its webhooks go.
 *
 * @param basePath             the path prefix before {@code /v1} (default {@code /_stripe}); point stripe-java's
 *                             {@code apiBase} at {@code PUBLIC_BASE_URL + basePath}
 * @param webhookUrl           if set, every event is POSTed there, signed with {@code webhookSecret}
 * @param webhookSecret        the {@code whsec_…} signing secret; required with {@code webhookUrl}
 * @param apiVersion           {@code api_version} written on events (default: stripe-java 33.3.0's)
 * @param webhookDelay         delay before the first delivery attempt (default 100 ms)
 * @param webhookMaxAttempts   delivery attempts per event, the first included (default 8)
 * @param webhookRetryDelay    delay before the first retry, doubling after (default 500 ms)
 * @param webhookMaxRetryDelay cap on the delay between retries (default 30 s)
 * @param failAfterChargeHang  how long {@code metadata[emulator_fail_after_charge]=timeout} withholds the answer
 *                             (default 90 s)
 * @param idempotencyKeyTtl    how long an {@code Idempotency-Key} is remembered (default 24 h)
 * @param refundSettleDelay    when an asynchronous test refund changes status (default 5 s)
 */
@ConfigurationProperties("kassa.stripe-emulator")
public record StripeEmulatorProperties(String basePath, String webhookUrl, String webhookSecret, String apiVersion,
        Duration webhookDelay, Integer webhookMaxAttempts, Duration webhookRetryDelay, Duration webhookMaxRetryDelay,
        Duration failAfterChargeHang, Duration idempotencyKeyTtl, Duration refundSettleDelay) {

    public static final String DEFAULT_BASE_PATH = "/_stripe";

    public StripeEmulatorProperties {
        basePath = normalizeBasePath(basePath == null ? DEFAULT_BASE_PATH : basePath);
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
        webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret.trim();
        if (webhookUrl != null && webhookSecret == null) {
            throw new IllegalArgumentException("kassa.stripe-emulator.webhook-url needs "
                    + "kassa.stripe-emulator.webhook-secret (a whsec_... value)");
        }
        if (webhookSecret != null && !webhookSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("kassa.stripe-emulator.webhook-secret must start with whsec_");
        }
    }

    /** The emulator settings these properties describe. */
    public EmulatorSettings settings() {
        EmulatorSettings settings = new EmulatorSettings(apiVersion, null, webhookDelay,
                webhookMaxAttempts == null ? 0 : webhookMaxAttempts, webhookRetryDelay, webhookMaxRetryDelay, null,
                failAfterChargeHang, idempotencyKeyTtl, refundSettleDelay);
        return webhookUrl == null ? settings : settings.withWebhookEndpoint(webhookUrl, webhookSecret);
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
