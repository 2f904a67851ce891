package dev.kassa.payment.stripe;

import dev.kassa.payment.PaymentEvent;
import dev.kassa.payment.PaymentEventHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes stored Stripe events on any node, with up to {@value #WORKERS} workers per node. Each event is claimed
 * with {@code FOR UPDATE SKIP LOCKED} and handled in the same transaction that marks it processed, so workers on
 * every node take different events and one slow event never delays the others. A handler that cannot act yet, or
 * fails, gets the event again after a backoff (1 s doubling to 5 min): events are never dropped.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
public class StripeEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(StripeEventProcessor.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final int WORKERS = 4;

    private final StripeEventRepository events;
    private final ObjectProvider<PaymentEventHandler> handlers;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger wakeups = new AtomicInteger();
    /** Webhooks handled on arrival at once on this node (see {@link #receive}), besides the workers. */
    private final java.util.concurrent.Semaphore inline = new java.util.concurrent.Semaphore(WORKERS);

    StripeEventProcessor(StripeEventRepository events, ObjectProvider<PaymentEventHandler> handlers, TransactionTemplate transactions,
            Clock clock) {
        this.events = events;
        this.handlers = handlers;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Wakes a worker now (after a webhook was stored) instead of at the next poll: a new one while fewer than
     * {@value #WORKERS} run, else the running ones look again before they stop.
     */
    public void processSoon() {
        wakeups.incrementAndGet();
        int current = running.get();
        while (current < WORKERS) {
            if (running.compareAndSet(current, current + 1)) {
                Thread.ofVirtual().name("stripe-events").start(this::work);
                return;
            }
            current = running.get();
        }
    }

    private void work() {
        int seen;
        try {
            do {
                seen = wakeups.get();
                processDue();
            } while (wakeups.get() != seen);
        } finally {
            running.decrementAndGet();
        }
        // A wake-up between the last look and the decrement found every worker busy: it is not lost.
        if (wakeups.get() != seen) {
            processSoon();
        }
    }

    @Scheduled(fixedDelayString = "${kassa.stripe-events-poll-interval:PT2S}", initialDelayString = "PT3S")
    void poll() {
        processSoon();
    }

    /**
     * A webhook just received and verified: stores it and handles it in one transaction, so the usual event (whose
     * attempt the confirm already settled) costs one commit and no worker. When handling fails, that transaction
     * rolls back and the event is stored on its own for the workers, which retry it with backoff. Returns false
     * when the event was stored before (a redelivery).
     */
    public boolean receive(String id, String type, String objectId, String payload, Map<String, Object> object) {
        if (!inline.tryAcquire()) {
            // As many webhooks are being handled on arrival as there are workers: this one waits for a worker, so
            // that a burst of them (each may wait for its checkout's row lock) cannot hold the pool's connections.
            boolean stored = Boolean.TRUE.equals(transactions.execute(status ->
                    events.insertIfNew(id, type, objectId, payload, clock.instant())));
            if (stored) {
                processSoon();
            }
            return stored;
        }
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                // Stored as processed: visible only at the commit, which comes after the handler is done.
                if (!events.insertProcessedIfNew(id, type, objectId, payload, clock.instant())) {
                    return false;
                }
                PaymentEvent event = new PaymentEvent(id, type, object, 0);
                if (dispatch(event) == PaymentEventHandler.Outcome.DONE) {
                    events.countProcessed();
                } else {
                    events.reopenForRetry(id, retryAt(0), "not ready yet");
                }
                return true;
            }));
        } catch (RuntimeException e) {
            log.warn("Stripe event {} failed on receipt; stored for a retry", id, e);
            boolean stored = Boolean.TRUE.equals(transactions.execute(status ->
                    events.insertIfNew(id, type, objectId, payload, clock.instant())));
            if (stored) {
                processSoon();
            }
            return stored;
        } finally {
            inline.release();
        }
    }

    /** Handles every due event; returns how many it took (handled or rescheduled). */
    public int processDue() {
        int count = 0;
        while (true) {
            String[] claimed = new String[1];
            int[] attempts = new int[1];
            Optional<Boolean> handled;
            try {
                handled = Optional.ofNullable(transactions.execute(status -> {
                    Optional<PaymentEvent> next = events.claimNextDue(clock.instant());
                    if (next.isEmpty()) {
                        return null;
                    }
                    PaymentEvent event = next.get();
                    claimed[0] = event.id();
                    attempts[0] = event.attempts();
                    if (dispatch(event) == PaymentEventHandler.Outcome.DONE) {
                        events.markProcessed(event.id(), clock.instant());
                        return true;
                    }
                    events.scheduleRetry(event.id(), retryAt(event.attempts()), "not ready yet");
                    return false;
                }));
            } catch (RuntimeException e) {
                if (claimed[0] == null) {
                    log.warn("Stripe event processing failed before claiming an event", e);
                    return count;
                }
                log.warn("Stripe event {} failed (attempt {}); retrying later", claimed[0], attempts[0] + 1, e);
                String id = claimed[0];
                transactions.executeWithoutResult(status -> events.scheduleRetry(id, retryAt(attempts[0]), String.valueOf(e.getMessage())));
                count++;
                continue;
            }
            if (handled.isEmpty()) {
                return count;
            }
            count++;
        }
    }

    private PaymentEventHandler.Outcome dispatch(PaymentEvent event) {
        PaymentEventHandler.Outcome outcome = PaymentEventHandler.Outcome.DONE;
        for (PaymentEventHandler handler : handlers.orderedStream().toList()) {
            if (handler.handle(event) == PaymentEventHandler.Outcome.RETRY) {
                outcome = PaymentEventHandler.Outcome.RETRY;
            }
        }
        return outcome;
    }

    private Instant retryAt(int attempts) {
        long seconds = 1L << Math.min(attempts, 9);
        Duration backoff = Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofSeconds(seconds);
        return clock.instant().plus(backoff);
    }
}
