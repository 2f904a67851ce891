package dev.kassa.webhook;

import dev.kassa.platform.json.Json;
import dev.kassa.platform.metrics.Metrics;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.kassa.webhook.WebhookRepository.Attempt;
import dev.kassa.webhook.WebhookRepository.Claim;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends webhook events, on every node. One loop per node claims due events in a short transaction
 * ({@link WebhookRepository#claimDue}: {@code FOR UPDATE SKIP LOCKED} and a lease), posts them with no transaction
 * open and no pooled connection held, then records each attempt in another short transaction. A node killed
 * mid-delivery loses nothing: its lease ({@code kassa.webhooks.lease}, 60 s) lapses and any node sends the event
 * again, under the same {@code webhook-id} (so at least once; a receiver dedupes by that id). The attempt whose
 * outcome was never recorded is recorded then, by the node that takes the event over, as not delivered with no
 * HTTP code: the receiver may or may not have had it, and Kassa cannot know which.
 *
 * <p>Each POST has a 10 s budget (connect, answer and the first 2 KiB of the body), follows no redirect, and counts
 * as delivered on a 2xx only. A failure is tried again on {@link RetrySchedule}'s schedule, except a 410 Gone,
 * which ends the event at once. An endpoint whose last {@link #DISABLE_AFTER} finished events all failed is
 * disabled, the reason kept, and its pending events skipped.
 *
 * <p>A successful delivery of a raw event is told to every {@link WebhookDeliveredHandler}, in the transaction that
 * records it (the checkout stream's {@code checkout.webhook_event_delivered}).
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class WebhookDeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryWorker.class);

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** An event waits for older pending events of its endpoint created less than this long ago. */
    static final Duration ORDER_WINDOW = Duration.ofMinutes(10);
    static final int DISABLE_AFTER = 10;
    static final int RESPONSE_LIMIT = 2048;
    static final int BATCH = 32;
    /**
     * Counter {@code kassa_webhook_deliveries_total{outcome}}: delivered, failed (retried later), abandoned (no retry
     * left, or 410), lapsed (a claim whose worker recorded no outcome, found by the worker taking the event over).
     */
    static final String DELIVERIES = "kassa.webhook.deliveries";
    static final String QUEUE_DEPTH = "kassa.webhook.queue.depth";
    static final String QUEUE_AGE = "kassa.webhook.queue.oldest.age.seconds";

    private final WebhookRepository repository;
    private final WebhookTargets targets;
    private final WebhookWakeups wakeups;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final ObjectProvider<WebhookDeliveredHandler> handlers;
    private final HttpClient http;
    private final Metrics metrics;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread loop;

    WebhookDeliveryWorker(WebhookRepository repository, WebhookTargets targets, WebhookWakeups wakeups,
            TransactionTemplate transactions, Clock clock,
            @Value("${kassa.webhooks.poll-interval:PT1S}") Duration pollInterval,
            // Longer than a POST can take, so that a live worker's claim does not lapse.
            @Value("${kassa.webhooks.lease:PT60S}") Duration lease, Metrics metrics, JdbcClient jdbc,
            ObjectProvider<WebhookDeliveredHandler> handlers) {
        if (lease.compareTo(TIMEOUT.plusSeconds(2)) < 0) {
            throw new IllegalArgumentException("kassa.webhooks.lease must be at least " + TIMEOUT.plusSeconds(2).toSeconds()
                    + " s (a POST may take " + TIMEOUT.toSeconds() + " s), got " + lease);
        }
        this.repository = repository;
        this.lease = lease;
        this.handlers = handlers;
        this.metrics = metrics;
        metrics.cachedGauge(QUEUE_DEPTH, "Webhook events waiting to be delivered (the outbox)",
                () -> jdbc.sql("SELECT count(*) FROM webhook_events WHERE state = 'pending'").query(Long.class).single());
        metrics.cachedGauge(QUEUE_AGE, "Age of the oldest webhook event waiting to be delivered, 0 when none",
                () -> jdbc.sql("SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM webhook_events WHERE state = 'pending'")
                        .query(Double.class).single());
        this.targets = targets;
        this.wakeups = wakeups;
        this.transactions = transactions;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .executor(senders)
                .build();
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofVirtual().name("webhook-delivery").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wakeups.wake();
        if (loop != null) {
            try {
                loop.join(TIMEOUT.plusSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (deliverDue() == 0) {
                    wakeups.await(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Webhook delivery run failed; retrying at the next poll", e);
                try {
                    wakeups.await(pollInterval);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims what is due and sends it, in parallel; returns how many events were claimed. */
    int deliverDue() throws InterruptedException {
        Instant now = now();
        List<Claim> claims = transactions.execute(status -> {
            List<Claim> due = repository.claimDue(now, lease, now.minus(ORDER_WINDOW), BATCH);
            due.stream().filter(claim -> claim.lapsedLeaseUntil() != null).forEach(claim -> recordLapsed(claim, now));
            return due;
        });
        if (claims == null || claims.isEmpty()) {
            return 0;
        }
        List<Future<?>> sent = new ArrayList<>();
        for (Claim claim : claims) {
            sent.add(senders.submit(() -> deliver(claim)));
        }
        for (Future<?> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                log.warn("Webhook delivery failed unexpectedly", e.getCause());
            }
        }
        return claims.size();
    }

    /**
     * The attempt of a claim that lapsed with no outcome: a failure with no HTTP code, since nobody knows whether the
     * receiver had it. It does not count against the retry schedule, which counts attempts with a known outcome.
     */
    private void recordLapsed(Claim claim, Instant now) {
        String error = "No outcome recorded: the node sending this attempt stopped (or stalled) before its lease ended at "
                + claim.lapsedLeaseUntil() + "; sent again under the same webhook-id";
        repository.insertDelivery(claim, new Attempt(false, null, error, error, 0, now));
        metrics.count(DELIVERIES, "outcome", "lapsed");
        log.warn("Webhook event {}: a claim lapsed with no outcome recorded (its node stopped or stalled); sending it again", claim.eventId());
    }

    private void deliver(Claim claim) {
        Attempt attempt = post(claim);
        Instant next = null;
        boolean gone = attempt.httpCode() != null && attempt.httpCode() == 410;
        if (!attempt.succeeded() && !gone && claim.attempts() + 1 < RetrySchedule.MAX_ATTEMPTS) {
            next = attempt.at().plus(RetrySchedule.delay(claim.attempts() + 1, ThreadLocalRandom.current()));
        }
        Instant nextAttempt = next;
        transactions.executeWithoutResult(status -> {
            repository.insertDelivery(claim, attempt);
            metrics.count(DELIVERIES, "outcome", attempt.succeeded() ? "delivered" : nextAttempt == null ? "abandoned" : "failed");
            boolean current = repository.finishAttempt(claim, attempt, nextAttempt);
            if (attempt.succeeded()) {
                delivered(claim);
            }
            if (current && !attempt.succeeded() && nextAttempt == null
                    && repository.lastEventsAllFailed(claim.endpointId(), DISABLE_AFTER)) {
                String reason = "Disabled by Kassa at " + attempt.at() + ": the last " + DISABLE_AFTER
                        + " events all failed to be delivered";
                repository.disableEndpoint(claim.endpointId(), reason, attempt.at());
                log.warn("Webhook endpoint {} disabled: {}", claim.endpointId(), reason);
            }
        });
    }

    /** A raw event the receiver accepted, told to the handlers (even when a newer claim took the event meanwhile). */
    private void delivered(Claim claim) {
        if (!WebhookFormat.RAW.wireName().equals(claim.format())) {
            return;
        }
        Optional<WebhookEventType> type = WebhookEventType.fromWireName(claim.type());
        if (type.isEmpty()) {
            return;
        }
        Object data = Json.readMap(claim.payload()).get("data");
        if (!(data instanceof Map<?, ?> map)) {
            return;
        }
        @SuppressWarnings("unchecked")
        WebhookDeliveredHandler.Delivered delivered = new WebhookDeliveredHandler.Delivered(claim.organizationId(),
                claim.eventId(), type.get(), (Map<String, Object>) map);
        handlers.orderedStream().forEach(handler -> handler.delivered(delivered));
    }

    /** One POST of the event, never inside a transaction. */
    private Attempt post(Claim claim) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(claim.url());
        } catch (IllegalArgumentException e) {
            return failure(started, t0, "invalid URL: " + e.getMessage());
        }
        Optional<String> refusal = targets.refusal(uri);
        if (refusal.isPresent()) {
            return failure(started, t0, refusal.get());
        }
        long timestamp = started.getEpochSecond();
        String id = claim.eventId().toString();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("user-agent", "polar.sh webhooks (Kassa)")
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(claim.secret(), id, timestamp, claim.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(claim.payload(), StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info -> new FirstBytes(RESPONSE_LIMIT));
        try {
            HttpResponse<byte[]> response = call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int code = response.statusCode();
            return new Attempt(code >= 200 && code < 300, code, text(response.body()), null, millisSince(t0), started);
        } catch (TimeoutException e) {
            call.cancel(true);
            return failure(started, t0, "timed out after " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failure(started, t0, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return failure(started, t0, "interrupted (the node is stopping)");
        }
    }

    private static Attempt failure(Instant started, long t0, String error) {
        return new Attempt(false, null, error, error, millisSince(t0), started);
    }

    private static int millisSince(long t0) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The body as text, without NULs (PostgreSQL text refuses them); a cut UTF-8 sequence becomes U+FFFD. */
    private static String text(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(body)).toString().replace("\0", "");
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Keeps the first {@code limit} bytes of a body and stops reading there. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                item.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.complete(bytes.toByteArray());
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
