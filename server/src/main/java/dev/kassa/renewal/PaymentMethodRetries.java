package dev.kassa.renewal;

import dev.kassa.subscription.SubscriptionBilling;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A buyer who sets a new default card for a past-due subscription is charged at once, not at the next job run: once
 * the change commits (which made the renewal due now, {@link RenewalSettlement}), its retry runs on a virtual thread,
 * so the portal's answer does not wait for Stripe. Should this node die first, the renewal job retries it: it is due.
 */
@Component
class PaymentMethodRetries {

    private static final Logger log = LoggerFactory.getLogger(PaymentMethodRetries.class);

    private final Renewals renewals;
    private final RenewalRepository repository;

    PaymentMethodRetries(Renewals renewals, RenewalRepository repository) {
        this.renewals = renewals;
        this.repository = repository;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void retryPastDue(SubscriptionBilling.PaymentMethodChanged change) {
        for (UUID subscriptionId : change.pastDueSubscriptionIds()) {
            Thread.ofVirtual().name("renewal-retry-" + subscriptionId).start(() -> {
                try {
                    repository.latestOf(subscriptionId).ifPresent(renewal -> renewals.retry(renewal.id()));
                } catch (RuntimeException e) {
                    log.warn("Subscription {}: retry with the new payment method left to the renewal job: {}", subscriptionId,
                            e.toString());
                }
            });
        }
    }
}
