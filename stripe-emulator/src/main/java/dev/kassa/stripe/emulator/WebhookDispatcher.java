package dev.kassa.stripe.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers events to webhook endpoints off the request thread. Deliveries are kept in the {@link EmulatorStore}
 * until made ({@link EmulatorStore.PendingDelivery}), so with a {@link JdbcEmulatorStore} they survive a crash and
 * another process sharing the database sends them: each attempt claims its delivery with a lease (the JDBC store
 * uses {@code FOR UPDATE SKIP LOCKED}), so two processes do not send the same attempt. The first attempt is due
 * {@link EmulatorSettings#webhookDelay()} after the event; a non-2xx answer or a connection failure is retried with
 * doubling delays, up to {@link EmulatorSettings#webhookMaxAttempts()} attempts. Every attempt is signed anew, as
 * Stripe does: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed with the whole
 * whsec_… secret>}, which {@code com.stripe.net.Webhook.constructEvent(payload, header, secret)} verifies.
 *
 * <p>Besides waking up when a delivery of its own is due, the dispatcher looks for due deliveries every
 * {@link #POLL_INTERVAL}, which picks up those left by a process that stopped. Delivery is at least once: a receiver
 * that answers too slowly, or whose 2xx is lost, gets the event again.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

    /** How often due deliveries are looked for besides the dispatcher's own wake-ups. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final int BATCH = 50;
    /** How often, at most, the queue tables are vacuumed while deliveries are made. */
    static final Duration TIDY_INTERVAL = Duration.ofSeconds(5);

    private final EmulatorSettings settings;
    private final EmulatorStore store;
    /** Runs with the event id when a counted delivery ends (delivered or given up). */
    private final Consumer<String> countedDone;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService senders;
    private final HttpClient http;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong deliveriesSinceTidy = new java.util.concurrent.atomic.AtomicLong();
    /** Only the scheduler's thread reads and writes it. */
    private Instant nextTidy = Instant.EPOCH;
    /** Endpoints answered in this process (see {@link StripeEmulator#receiveInProcess}), by URL. */
    private final java.util.Map<String, StripeEmulator.WebhookReceiver> inProcess = new java.util.concurrent.ConcurrentHashMap<>();

    WebhookDispatcher(EmulatorSettings settings, EmulatorStore store, Consumer<String> countedDone) {
        this.settings = settings;
        this.store = store;
        this.countedDone = countedDone;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("stripe-emulator-webhooks").factory());
        this.senders = Executors.newVirtualThreadPerTaskExecutor();
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).executor(senders)
                .version(HttpClient.Version.HTTP_1_1).build();
        scheduler.scheduleWithFixedDelay(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void receiveInProcess(String url, StripeEmulator.WebhookReceiver receiver) {
        inProcess.put(url, receiver);
    }

    /** Stores the deliveries of one event, the first attempt due after the webhook delay. */
    void deliver(String eventId, String payload, List<EmulatorSettings.WebhookTarget> targets, boolean counted) {
        if (targets.isEmpty()) {
            return;
        }
        Instant due = Instant.now().plus(settings.webhookDelay());
        List<EmulatorStore.PendingDelivery> deliveries = new ArrayList<>();
        for (EmulatorSettings.WebhookTarget target : targets) {
            deliveries.add(new EmulatorStore.PendingDelivery(Ids.next("whd_"), eventId, target.url(),
                    target.secret(), payload, counted, 1, due));
        }
        store.addDeliveries(deliveries);
        wakeIn(settings.webhookDelay());
    }

    private void wakeIn(Duration delay) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(this::poll, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Claims the due deliveries and sends each on a virtual thread. */
    private void poll() {
        if (closed) {
            return;
        }
        try {
            Instant now = Instant.now();
            tidyIfDue(now);
            Instant lease = now.plus(settings.webhookTimeout().multipliedBy(2)).plusSeconds(1);
            List<EmulatorStore.PendingDelivery> due = store.claimDueDeliveries(now, lease, BATCH);
            for (EmulatorStore.PendingDelivery delivery : due) {
                senders.execute(() -> attempt(delivery));
            }
            if (due.size() == BATCH) {
                wakeIn(Duration.ZERO);
            }
        } catch (RejectedExecutionException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Looking for due webhook deliveries failed", e);
        }
    }

    /** After deliveries were made, at most every {@link #TIDY_INTERVAL}: see {@link EmulatorStore#tidyQueues}. */
    private void tidyIfDue(Instant now) {
        if (deliveriesSinceTidy.get() == 0 || now.isBefore(nextTidy)) {
            return;
        }
        nextTidy = now.plus(TIDY_INTERVAL);
        deliveriesSinceTidy.set(0);
        try {
            store.tidyQueues();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Vacuuming the webhook queue failed", e);
        }
    }

    private void attempt(EmulatorStore.PendingDelivery delivery) {
        if (closed) {
            return;
        }
        String failure;
        try {
            long timestamp = System.currentTimeMillis() / 1000;
            StripeEmulator.WebhookReceiver receiver = inProcess.get(delivery.url());
            if (receiver != null) {
                int status = receiver.receive(delivery.payload(),
                        signatureHeader(delivery.payload(), delivery.secret(), timestamp));
                if (status / 100 == 2) {
                    finish(delivery);
                    return;
                }
                throw new IOException("HTTP " + status + " (in process)");
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(settings.webhookTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("Stripe-Signature", signatureHeader(delivery.payload(), delivery.secret(), timestamp))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                finish(delivery);
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
        if (closed) {
            return;
        }
        int attempt = delivery.attempt();
        if (attempt < settings.webhookMaxAttempts()) {
            Duration delay = settings.retryDelay(attempt + 1);
            LOG.log(System.Logger.Level.DEBUG, "Webhook {0} to {1} failed ({2}); attempt {3} in {4} ms",
                    delivery.eventId(), delivery.url(), failure, attempt + 1, delay.toMillis());
            store.retryDelivery(delivery.id(), attempt + 1, Instant.now().plus(delay));
            wakeIn(delay);
        } else {
            LOG.log(System.Logger.Level.WARNING, "Webhook {0} to {1} failed ({2}); giving up after {3} attempts",
                    delivery.eventId(), delivery.url(), failure, attempt);
            finish(delivery);
        }
    }

    /** Forgets the delivery and counts it off its event's {@code pending_webhooks}, in one transaction. */
    private void finish(EmulatorStore.PendingDelivery delivery) {
        deliveriesSinceTidy.incrementAndGet();
        store.atomically(() -> {
            store.removeDelivery(delivery.id());
            if (delivery.counted()) {
                countedDone.accept(delivery.eventId());
            }
            return null;
        });
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

    /** Stops sending; deliveries not yet made stay in the store, for whoever uses it next. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        senders.shutdownNow();
        http.shutdownNow();
    }
}
