package dev.kassa.subscription;

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
 * Ends the subscriptions canceled at period end whose period is over ({@link SubscriptionChanges#endCanceledAtPeriodEnd}),
 * on every node. Each batch is one transaction that claims its rows with {@code FOR UPDATE SKIP LOCKED}, so nodes
 * share the work without waiting on each other, and a buyer's concurrent uncancel either happens first (the
 * subscription then renews) or waits for the end (and gets {@code 410}). A batch that fails is retried row by row,
 * each in its own transaction, so one bad row does not hold back the others.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class SubscriptionEndJob {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEndJob.class);
    static final int BATCH_SIZE = 100;

    private final SubscriptionChangesRepository repository;
    private final SubscriptionChanges changes;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SubscriptionEndJob(SubscriptionChangesRepository repository, SubscriptionChanges changes,
            TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kassa.subscription-end-interval:PT30S}",
            initialDelayString = "${kassa.subscription-end-initial-delay:PT7S}")
    void run() {
        try {
            endDue();
        } catch (RuntimeException e) {
            log.warn("Ending subscriptions canceled at period end failed; retried at the next run", e);
        }
    }

    /** @return how many subscriptions this call ended */
    int endDue() {
        int total = 0;
        while (true) {
            List<UUID> claimed;
            int ended;
            try {
                int[] count = new int[1];
                claimed = transactions.execute(status -> {
                    List<UUID> ids = repository.claimDueEnds(clock.instant().truncatedTo(ChronoUnit.MICROS), BATCH_SIZE);
                    ids.forEach(id -> count[0] += changes.endCanceledAtPeriodEnd(id) ? 1 : 0);
                    return ids;
                });
                ended = count[0];
            } catch (RuntimeException e) {
                log.warn("A batch of subscription ends failed; ending them one by one", e);
                return total + oneByOne();
            }
            total += ended;
            if (claimed.size() < BATCH_SIZE) {
                return total;
            }
        }
    }

    private int oneByOne() {
        List<UUID> due = transactions.execute(status ->
                repository.claimDueEnds(clock.instant().truncatedTo(ChronoUnit.MICROS), BATCH_SIZE));
        int ended = 0;
        for (UUID id : due) {
            try {
                ended += changes.endCanceledAtPeriodEnd(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("Subscription {} could not be ended; retried at the next run", id, e);
            }
        }
        return ended;
    }
}
