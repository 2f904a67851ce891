package dev.kassa.renewal;

import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionBilling;
import dev.kassa.subscription.SubscriptionChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test mode's time travel for one subscription, after Stripe's test clocks, without touching any job's clock: the
 * subscription's whole timeline (period, trial, start, cancellation, past-due date, its renewals' periods and
 * dunning dates) moves into the past by the time left until its next due moment, so that moment is now, and what
 * is due then runs at once, in the same transaction that makes it due (no other node can take it first):
 * <ul>
 *   <li>active or trialing: the end of the period (or trial) and its renewal charge;</li>
 *   <li>past_due: the next dunning retry;</li>
 *   <li>set to cancel at the period end: the end of the period, where it ends instead of renewing;</li>
 *   <li>ended: nothing.</li>
 * </ul>
 * Refused (404) unless Kassa runs in Stripe test mode.
 */
@Service
class TestClock {

    private final KassaSettings settings;
    private final SubscriptionBilling billing;
    private final Renewals renewals;
    private final RenewalRepository repository;
    private final RenewalReconciliation reconciliation;
    private final TransactionTemplate transactions;
    private final SubscriptionChanges changes;
    private final Clock clock;

    TestClock(KassaSettings settings, SubscriptionBilling billing, Renewals renewals, RenewalRepository repository,
            RenewalReconciliation reconciliation, SubscriptionChanges changes, TransactionTemplate transactions, Clock clock) {
        this.changes = changes;
        this.settings = settings;
        this.billing = billing;
        this.renewals = renewals;
        this.repository = repository;
        this.reconciliation = reconciliation;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Advances the organization's subscription to its next due moment and runs what is due; answers it as it then is. */
    dev.kassa.subscription.schemas.Subscription advance(UUID organizationId, UUID subscriptionId) {
        if (!settings.stripeTestMode()) {
            throw new ResourceNotFound();
        }
        Subscription s = billing.find(subscriptionId).filter(found -> found.organizationId().equals(organizationId))
                .orElseThrow(ResourceNotFound::new);
        if (s.endedAt() == null) {
            if (s.status() == Subscription.Status.PAST_DUE) {
                Optional<Renewal> due = transactions.execute(status -> repository.latestOf(subscriptionId))
                        .filter(r -> r.status() == Renewal.Status.PAST_DUE && r.nextRetryAt() != null);
                due.ifPresent(r -> renewals.retry(r.id(), until(r.nextRetryAt())));
            } else if (s.status().active() && s.cancelAtPeriodEnd()) {
                Duration shift = until(s.currentPeriodEnd());
                transactions.executeWithoutResult(status -> renewals.shift(subscriptionId, shift));
                // Its period is over now: it ends instead of renewing (as the end job would at its next run).
                changes.endCanceledAtPeriodEnd(subscriptionId);
            } else if (s.status().active()) {
                renewals.renew(subscriptionId, until(s.currentPeriodEnd()));
            }
        }
        // A charge whose answer was lost is looked up now, so that the answer says what happened.
        transactions.execute(status -> repository.unresolvedOf(subscriptionId)).ifPresent(reconciliation::reconcile);
        return billing.view(organizationId, subscriptionId);
    }

    private Duration until(Instant moment) {
        Duration left = Duration.between(now(), moment);
        return left.isNegative() ? Duration.ZERO : left.truncatedTo(ChronoUnit.MICROS);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
