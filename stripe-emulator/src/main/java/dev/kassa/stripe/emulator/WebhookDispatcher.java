package dev.kassa.stripe.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers events to webhook endpoints off the request thread: the first attempt after
 * {@link EmulatorSettings#webhookDelay()}, retried with doubling delays on a non-2xx answer or a connection
 * failure, up to {@link EmulatorSettings#webhookMaxAttempts()} attempts. Every attempt is signed anew, as Stripe
 * does: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed with the whole
 * whsec_… secret>}, which {@code com.stripe.net.Webhook.constructEvent(payload, header, secret)} verifies.
 *
 * <p>Delivery is at least once: a receiver that answers too slowly, or whose 2xx is lost, gets the event again.
 * Pending deliveries live in this process only and are dropped by {@link #close()}.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

    /** Where one event goes; {@code delivered} runs once when an attempt succeeds or the attempts run out. */
    record Delivery(String eventId, String payload, String url, String secret, Runnable done) {
    }

    private final EmulatorSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService senders;
    private final HttpClient http;
    private volatile boolean closed;

    WebhookDispatcher(EmulatorSettings settings) {
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("stripe-emulator-webhooks").factory());
        this.senders = Executors.newVirtualThreadPerTaskExecutor();
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).executor(senders)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    void deliver(Delivery delivery) {
        schedule(delivery, 1, settings.webhookDelay());
    }

    private void schedule(Delivery delivery, int attempt, Duration delay) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                try {
                    senders.execute(() -> attempt(delivery, attempt));
                } catch (RejectedExecutionException e) {
                    // closing
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        if (closed) {
            return;
        }
        String failure;
        try {
            long timestamp = System.currentTimeMillis() / 1000;
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(settings.webhookTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("Stripe-Signature", signatureHeader(delivery.payload(), delivery.secret(), timestamp))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivery.done().run();
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | IllegalArgumentException e) {
            failure = e.toString();
        }
        if (closed) {
            return;
        }
        if (attempt < settings.webhookMaxAttempts()) {
            Duration delay = settings.retryDelay(attempt + 1);
            LOG.log(System.Logger.Level.DEBUG, "Webhook {0} to {1} failed ({2}); attempt {3} in {4} ms",
                    delivery.eventId(), delivery.url(), failure, attempt + 1, delay.toMillis());
            schedule(delivery, attempt + 1, delay);
        } else {
            LOG.log(System.Logger.Level.WARNING, "Webhook {0} to {1} failed ({2}); giving up after {3} attempts",
                    delivery.eventId(), delivery.url(), failure, attempt);
            delivery.done().run();
        }
    }

    /** {@code t=<timestamp>,v1=<lower-case hex HMAC-SHA256("<timestamp>.<payload>") keyed with the secret>}. */
    static String signatureHeader(String payload, String secret, long timestamp) {
        return "t=" + timestamp + ",v1=" + hmacSha256Hex(secret, timestamp + "." + payload);
    }

    static String hmacSha256Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        senders.shutdownNow();
        http.shutdownNow();
    }
}
