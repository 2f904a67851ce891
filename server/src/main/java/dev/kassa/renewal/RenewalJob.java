package dev.kassa.renewal;

import dev.kassa.subscription.SubscriptionBilling;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs on every node ({@code kassa.renewals.interval}, 30 s): renews the subscriptions whose period is over, makes
 * the dunning tries that are due, and looks up renewal charges whose outcome is unknown. Nodes share the work
 * through the database: a subscription or renewal another node holds is skipped ({@code SKIP LOCKED}), and one
 * renewed meanwhile is no longer due.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class RenewalJob {

    private static final Logger log = LoggerFactory.getLogger(RenewalJob.class);
    private static final int BATCH = 50;

    private final SubscriptionBilling billing;
    private final Renewals renewals;
    private final RenewalRepository repository;
    private final RenewalReconciliation reconciliation;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RenewalJob(SubscriptionBilling billing, Renewals renewals, RenewalRepository repository, RenewalReconciliation reconciliation,
            TransactionTemplate transactions, Clock clock) {
        this.billing = billing;
        this.renewals = renewals;
        this.repository = repository;
        this.reconciliation = reconciliation;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kassa.renewals.interval:PT30S}", initialDelayString = "${kassa.renewals.initial-delay:PT15S}")
    void run() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Renewal job failed; retried at the next run", e);
        }
    }

    /** @return how many renewals and retries it started */
    int runOnce() {
        int started = 0;
        for (UUID id : billing.findDue(BATCH)) {
            try {
                started += renewals.renew(id) ? 1 : 0;
            } catch (RuntimeException e) {
                // One subscription that cannot be renewed now (Stripe Tax down) must not block the others.
                log.warn("Subscription {} could not be renewed now; tried again at the next run", id, e);
            }
        }
        List<UUID> retries = transactions.execute(status -> repository.findDueRetries(clock.instant(), BATCH));
        for (UUID id : retries == null ? List.<UUID>of() : retries) {
            try {
                started += renewals.retry(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Renewal {} could not be retried now; tried again at the next run", id, e);
            }
        }
        reconciliation.reconcile();
        return started;
    }
}
