package dev.kassa.checkout;

import dev.kassa.platform.metrics.Metrics;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves open checkouts past {@code expires_at} to {@code expired}, in batches. Safe on any number of nodes: each
 * batch claims its rows with {@code FOR UPDATE SKIP LOCKED}, so nodes never block each other or expire a
 * checkout that a buyer is confirming at that moment.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class CheckoutExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(CheckoutExpiryJob.class);
    static final int BATCH_SIZE = 500;

    private final CheckoutRepository checkouts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CheckoutEvents events;
    private final CheckoutWebhooks webhooks;
    private final Metrics metrics;

    CheckoutExpiryJob(CheckoutRepository checkouts, TransactionTemplate transactions, Clock clock, CheckoutEvents events,
            CheckoutWebhooks webhooks, Metrics metrics) {
        this.metrics = metrics;
        this.events = events;
        this.webhooks = webhooks;
        this.checkouts = checkouts;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kassa.checkout-expiry-interval:PT30S}", initialDelayString = "PT5S")
    void run() {
        try {
            expireDue();
        } catch (RuntimeException e) {
            log.warn("Checkout expiry run failed; it is retried at the next run", e);
        }
    }

    /** @return how many checkouts this call expired */
    int expireDue() {
        int total = 0;
        while (true) {
            List<UUID> expired = transactions.execute(status -> {
                List<UUID> ids = checkouts.expireDue(clock.instant().truncatedTo(ChronoUnit.MICROS), BATCH_SIZE);
                ids.forEach(events::expired);
                webhooks.expired(ids);
                ids.forEach(id -> metrics.count(CheckoutMetrics.CHECKOUTS, "event", "expired"));
                return ids;
            });
            total += expired.size();
            if (expired.size() < BATCH_SIZE) {
                return total;
            }
        }
    }
}
