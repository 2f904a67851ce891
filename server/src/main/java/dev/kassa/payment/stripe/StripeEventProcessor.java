package dev.kassa.payment.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes stored Stripe events on any node. Each event is claimed with {@code FOR UPDATE SKIP LOCKED} and handled
 * in the same transaction that marks it processed. A handler that cannot act yet, or fails, gets the event again
 * after a backoff (1 s doubling to 5 min): events are never dropped.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
public class StripeEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(StripeEventProcessor.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final StripeEventRepository events;
    private final ObjectProvider<StripeEventHandler> handlers;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    StripeEventProcessor(StripeEventRepository events, ObjectProvider<StripeEventHandler> handlers, TransactionTemplate transactions,
            Clock clock) {
        this.events = events;
        this.handlers = handlers;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Wakes the processor now (after a webhook was stored) instead of at the next poll. */
    public void processSoon() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            Thread.ofVirtual().name("stripe-events").start(() -> {
                try {
                    while (requested.getAndSet(false)) {
                        processDue();
                    }
                } finally {
                    running.set(false);
                }
            });
        }
    }

    @Scheduled(fixedDelayString = "${kassa.stripe-events-poll-interval:PT2S}", initialDelayString = "PT3S")
    void poll() {
        processSoon();
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
                    Optional<StripeEvent> next = events.claimNextDue(clock.instant());
                    if (next.isEmpty()) {
                        return null;
                    }
                    StripeEvent event = next.get();
                    claimed[0] = event.id();
                    attempts[0] = event.attempts();
                    if (dispatch(event) == StripeEventHandler.Outcome.DONE) {
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

    private StripeEventHandler.Outcome dispatch(StripeEvent event) {
        StripeEventHandler.Outcome outcome = StripeEventHandler.Outcome.DONE;
        for (StripeEventHandler handler : handlers.orderedStream().toList()) {
            if (handler.handle(event) == StripeEventHandler.Outcome.RETRY) {
                outcome = StripeEventHandler.Outcome.RETRY;
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
