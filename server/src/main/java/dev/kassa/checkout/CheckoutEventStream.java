package dev.kassa.checkout;

import dev.kassa.platform.db.NotificationListener;
import dev.kassa.platform.web.ResourceNotFound;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The buyer's event streams held on this node (reference 1.9). Each stream is an asynchronous response, so it
 * holds no request thread and no database connection while it waits: one virtual thread per stream takes its
 * messages from a queue and writes them, in the order this node received them. Messages come from the node's one
 * {@link NotificationListener} connection, so a confirm handled by any node reaches streams held by every node.
 *
 * <p>A stream lives at most 10 minutes (Polar's {@code MAX_SSE_CONNECTION_LIFETIME}), then sends
 * {@code {"type": "reconnect"}} and ends; so does every stream when the node stops or its LISTEN connection was
 * lost (messages sent meanwhile are gone, so the page must reconnect and re-read the checkout). A comment line
 * every 15 seconds keeps proxies from closing an idle stream and finds clients that went away.
 */
@Component
class CheckoutEventStream implements SmartLifecycle, NotificationListener.Handler {

    static final String RECONNECT = "{\"type\": \"reconnect\"}";
    private static final Logger log = LoggerFactory.getLogger(CheckoutEventStream.class);
    private static final Duration PING = Duration.ofSeconds(15);
    /** Messages a stream may have waiting; a client that reads none of them is dropped rather than kept in memory. */
    private static final int QUEUE_CAPACITY = 256;

    private final CheckoutRepository checkouts;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<UUID, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean running;

    CheckoutEventStream(NotificationListener listener, CheckoutRepository checkouts, Clock clock,
            @Value("${kassa.checkout-stream-lifetime:PT10M}") Duration lifetime) {
        this.checkouts = checkouts;
        this.clock = clock;
        this.lifetime = lifetime;
        listener.listen(CheckoutEvents.CHANNEL, this);
    }

    /** Opens a stream for the buyer's checkout: 404 for an unknown secret, 410 for an expired checkout. */
    SseEmitter open(String clientSecret) {
        CheckoutRow row = checkouts.findByClientSecret(clientSecret).orElseThrow(ResourceNotFound::new);
        if (CheckoutService.isExpiredForBuyer(row, clock.instant())) {
            throw new ExpiredCheckoutError();
        }
        // The servlet's own timeout comes after ours, so the stream ends with Polar's reconnect message.
        SseEmitter emitter = new SseEmitter(lifetime.plusSeconds(30).toMillis());
        Subscriber subscriber = new Subscriber(row.id, emitter, clock.instant().plus(lifetime));
        emitter.onCompletion(subscriber::close);
        emitter.onTimeout(subscriber::close);
        emitter.onError(failure -> subscriber.close());
        subscribers.computeIfAbsent(row.id, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
        open.incrementAndGet();
        Thread.ofVirtual().name("checkout-stream-" + row.id).start(subscriber::run);
        return emitter;
    }

    /** How many streams this node holds (for tests and logs). */
    int openStreams() {
        return open.get();
    }

    @Override
    public void notification(String payload) {
        int space = payload.indexOf(' ');
        if (space != 36) {
            log.warn("Ignoring a malformed checkout event notification");
            return;
        }
        UUID checkoutId = UUID.fromString(payload.substring(0, space));
        Set<Subscriber> listening = subscribers.get(checkoutId);
        if (listening != null) {
            String message = payload.substring(space + 1);
            listening.forEach(subscriber -> subscriber.offer(message));
        }
    }

    @Override
    public void connectionLost() {
        subscribers.values().forEach(set -> set.forEach(Subscriber::reconnect));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream with a reconnect before the web server's graceful shutdown waits for open requests. */
    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(set -> set.forEach(Subscriber::reconnect));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class Subscriber {

        private static final String CLOSE = "\u0000close";
        private static final String RECONNECT_NOW = "\u0000reconnect";

        private final UUID checkoutId;
        private final SseEmitter emitter;
        private final Instant deadline;
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        private volatile boolean closed;

        Subscriber(UUID checkoutId, SseEmitter emitter, Instant deadline) {
            this.checkoutId = checkoutId;
            this.emitter = emitter;
            this.deadline = deadline;
        }

        void offer(String message) {
            if (!queue.offer(message)) {
                log.info("Checkout {}: a stream reads too slowly; closing it", checkoutId);
                close();
            }
        }

        void reconnect() {
            queue.clear();
            queue.offer(RECONNECT_NOW);
        }

        /** Ends the stream (the client went away, or it timed out): the stream's thread stops at once. */
        void close() {
            if (!closed) {
                closed = true;
                queue.clear();
                queue.offer(CLOSE);
            }
        }

        void run() {
            try {
                // At once, so that the client has the response headers, and knows it is subscribed, right away.
                emitter.send(SseEmitter.event().comment("ping - " + clock.instant()));
                while (!closed) {
                    Duration remaining = Duration.between(clock.instant(), deadline);
                    if (remaining.isNegative() || remaining.isZero()) {
                        send(RECONNECT);
                        emitter.complete();
                        return;
                    }
                    String message = queue.poll(Math.min(remaining.toMillis(), PING.toMillis()), TimeUnit.MILLISECONDS);
                    if (message == null) {
                        emitter.send(SseEmitter.event().comment("ping - " + clock.instant()));
                    } else if (message.equals(CLOSE)) {
                        return;
                    } else if (message.equals(RECONNECT_NOW)) {
                        send(RECONNECT);
                        emitter.complete();
                        return;
                    } else {
                        send(message);
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away (or the response was completed meanwhile).
                emitter.completeWithError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } finally {
                closed = true;
                Set<Subscriber> set = subscribers.get(checkoutId);
                if (set != null && set.remove(this)) {
                    open.decrementAndGet();
                    subscribers.computeIfPresent(checkoutId, (id, s) -> s.isEmpty() ? null : s);
                }
            }
        }

        private void send(String json) throws IOException {
            emitter.send(SseEmitter.event().data(json));
        }
    }
}
