package dev.kassa.stripe.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the emulator behaves beyond the API itself: the API version written on events, the webhook endpoints that
 * are configured rather than created through {@code POST /v1/webhook_endpoints}, webhook timing and retries, and
 * how long the {@code emulator_fail_after_charge=timeout} test trigger withholds its answer.
 *
 * @param apiVersion           {@code api_version} of events; defaults to the version stripe-java 33.3.0 pins, so
 *                             {@code event.getDataObjectDeserializer().getObject()} works
 * @param webhookEndpoints     endpoints that receive every event
 * @param webhookDelay         delay before the first delivery attempt (Stripe delivers asynchronously, too)
 * @param webhookMaxAttempts   attempts per event and endpoint, the first included
 * @param webhookRetryDelay    delay before the second attempt; it doubles for each further one
 * @param webhookMaxRetryDelay cap on the delay between attempts
 * @param webhookTimeout       how long one delivery attempt may take (connect and response)
 * @param failAfterChargeHang  how long a request with {@code metadata[emulator_fail_after_charge]=timeout} goes
 *                             unanswered before the connection is dropped
 * @param idempotencyKeyTtl    how long an {@code Idempotency-Key} is remembered (Stripe: at least 24 hours); after
 *                             that the same key runs the request anew
 * @param refundSettleDelay    how long after its creation a refund of an asynchronous-refund test card changes status
 *                             ({@code pm_card_pendingRefund}: pending → succeeded; {@code pm_card_refundFail}:
 *                             succeeded → failed)
 */
public record EmulatorSettings(String apiVersion, List<WebhookTarget> webhookEndpoints, Duration webhookDelay,
        int webhookMaxAttempts, Duration webhookRetryDelay, Duration webhookMaxRetryDelay, Duration webhookTimeout,
        Duration failAfterChargeHang, Duration idempotencyKeyTtl, Duration refundSettleDelay) {

    /** The API version of stripe-java 33.3.0 ({@code com.stripe.ApiVersion.CURRENT}). */
    public static final String DEFAULT_API_VERSION = "2026-07-29.dahlia";

    /** A configured webhook endpoint: where to POST events and the {@code whsec_…} secret to sign them with. */
    public record WebhookTarget(String url, String secret) {

        public WebhookTarget {
            Objects.requireNonNull(url, "url");
            if (secret == null || !secret.startsWith("whsec_") || secret.length() <= "whsec_".length()) {
                throw new IllegalArgumentException("a webhook secret must start with whsec_ (webhook url " + url + ")");
            }
        }
    }

    public EmulatorSettings {
        apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion;
        webhookEndpoints = List.copyOf(webhookEndpoints == null ? List.of() : webhookEndpoints);
        webhookDelay = Objects.requireNonNullElse(webhookDelay, Duration.ofMillis(100));
        webhookMaxAttempts = webhookMaxAttempts <= 0 ? 8 : webhookMaxAttempts;
        webhookRetryDelay = Objects.requireNonNullElse(webhookRetryDelay, Duration.ofMillis(500));
        webhookMaxRetryDelay = Objects.requireNonNullElse(webhookMaxRetryDelay, Duration.ofSeconds(30));
        webhookTimeout = Objects.requireNonNullElse(webhookTimeout, Duration.ofSeconds(10));
        failAfterChargeHang = Objects.requireNonNullElse(failAfterChargeHang, Duration.ofSeconds(90));
        idempotencyKeyTtl = Objects.requireNonNullElse(idempotencyKeyTtl, Duration.ofHours(24));
        refundSettleDelay = Objects.requireNonNullElse(refundSettleDelay, Duration.ofSeconds(5));
    }

    /**
     * The defaults: no configured endpoint; first attempt after 100 ms; 8 attempts, retried after 0.5, 1, 2, 4, 8,
     * 16 and 30 s (about a minute in all); 10 s per attempt; a withheld answer hangs 90 s (longer than stripe-java's
     * default 80 s read timeout); asynchronous test refunds change status after 5 s.
     */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(null, null, null, 0, null, null, null, null, null, null);
    }

    public EmulatorSettings withWebhookEndpoint(String url, String secret) {
        List<WebhookTarget> endpoints = new ArrayList<>(webhookEndpoints);
        endpoints.add(new WebhookTarget(url, secret));
        return new EmulatorSettings(apiVersion, endpoints, webhookDelay, webhookMaxAttempts, webhookRetryDelay,
                webhookMaxRetryDelay, webhookTimeout, failAfterChargeHang, idempotencyKeyTtl, refundSettleDelay);
    }

    public EmulatorSettings withWebhookTiming(Duration delay, int maxAttempts, Duration retryDelay,
            Duration maxRetryDelay) {
        return new EmulatorSettings(apiVersion, webhookEndpoints, delay, maxAttempts, retryDelay, maxRetryDelay,
                webhookTimeout, failAfterChargeHang, idempotencyKeyTtl, refundSettleDelay);
    }

    public EmulatorSettings withFailAfterChargeHang(Duration hang) {
        return new EmulatorSettings(apiVersion, webhookEndpoints, webhookDelay, webhookMaxAttempts,
                webhookRetryDelay, webhookMaxRetryDelay, webhookTimeout, hang, idempotencyKeyTtl, refundSettleDelay);
    }

    public EmulatorSettings withApiVersion(String version) {
        return new EmulatorSettings(version, webhookEndpoints, webhookDelay, webhookMaxAttempts, webhookRetryDelay,
                webhookMaxRetryDelay, webhookTimeout, failAfterChargeHang, idempotencyKeyTtl, refundSettleDelay);
    }

    public EmulatorSettings withIdempotencyKeyTtl(Duration ttl) {
        return new EmulatorSettings(apiVersion, webhookEndpoints, webhookDelay, webhookMaxAttempts, webhookRetryDelay,
                webhookMaxRetryDelay, webhookTimeout, failAfterChargeHang, ttl, refundSettleDelay);
    }

    public EmulatorSettings withRefundSettleDelay(Duration delay) {
        return new EmulatorSettings(apiVersion, webhookEndpoints, webhookDelay, webhookMaxAttempts, webhookRetryDelay,
                webhookMaxRetryDelay, webhookTimeout, failAfterChargeHang, idempotencyKeyTtl, delay);
    }

    /** The delay before attempt {@code attempt} (2 for the first retry): doubling from the retry delay, capped. */
    Duration retryDelay(int attempt) {
        Duration delay = webhookRetryDelay;
        for (int i = 2; i < attempt && delay.compareTo(webhookMaxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(webhookMaxRetryDelay) > 0 ? webhookMaxRetryDelay : delay;
    }
}
