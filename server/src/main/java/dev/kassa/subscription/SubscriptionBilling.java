package dev.kassa.subscription;

import dev.kassa.customer.CustomerService;
import dev.kassa.customer.schemas.CustomerSchemas;
import dev.kassa.subscription.Subscription.Status;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What billing does to a subscription: renewals advance its period, a declined renewal makes it {@code past_due},
 * a paid one makes it {@code active} again, failed dunning ends it, and a new card is used from then on. Every
 * method runs in the caller's transaction and records the webhook events of its change (Polar's
 * {@code subscription.cycled}, {@code .updated}, {@code .active}, {@code .past_due}, {@code .canceled},
 * {@code .revoked}, and, as Polar after every subscription change the customer state shows, {@code customer.state_changed}).
 */
@Service
public class SubscriptionBilling {

    private final SubscriptionBillingRepository repository;
    private final SubscriptionService subscriptions;
    private final CustomerService customers;
    private final WebhookEvents webhooks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubscriptionBilling(SubscriptionBillingRepository repository, SubscriptionService subscriptions, CustomerService customers,
            WebhookEvents webhooks, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.webhooks = webhooks;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A customer's new saved PaymentMethod was set on these subscriptions; those {@code past_due} are to be retried
     * now. Published inside the transaction of the change (the renewal domain listens).
     */
    public record PaymentMethodChanged(UUID organizationId, UUID customerId, String stripePaymentMethodId,
            List<UUID> subscriptionIds, List<UUID> pastDueSubscriptionIds) {
    }

    /** Ids of subscriptions whose period is over and that renew (active or trialing, not ending), oldest due first. */
    @Transactional(readOnly = true)
    public List<UUID> findDue(int limit) {
        return repository.findDue(now(), limit);
    }

    @Transactional(readOnly = true)
    public Optional<Subscription> find(UUID id) {
        return repository.find(id);
    }

    /** The subscription, row-locked for the rest of the transaction. */
    @Transactional
    public Optional<Subscription> lock(UUID id) {
        return repository.lock(id);
    }

    /**
     * The subscription row-locked if it is still due for the period ending at {@code periodEnd}; empty when it is
     * not (renewed meanwhile, canceled) or another node holds it ({@code SKIP LOCKED}).
     */
    @Transactional
    public Optional<Subscription> lockDue(UUID id, Instant periodEnd) {
        return repository.lockDue(id, periodEnd, now());
    }

    /**
     * Polar's cycle: the next period starts where the current one ended; {@code dropDiscount} when the discount's
     * duration is over (the subscription then shows none). Events {@code subscription.cycled} and
     * {@code subscription.updated}. The status is left to the charge's outcome. Returns the subscription as it now is.
     */
    @Transactional
    public Subscription advancePeriod(Subscription locked, Instant newPeriodEnd, boolean dropDiscount) {
        repository.advancePeriod(locked.id(), locked.currentPeriodEnd(), newPeriodEnd, dropDiscount, now());
        record(locked, WebhookEventType.SUBSCRIPTION_CYCLED);
        record(locked, WebhookEventType.SUBSCRIPTION_UPDATED);
        stateChanged(locked);
        return repository.find(locked.id()).orElseThrow();
    }

    /**
     * A renewal was paid: a {@code trialing} or {@code past_due} subscription is {@code active} (events
     * {@code subscription.active}, {@code subscription.updated}); an active one or one that ended meanwhile is left
     * as it is.
     */
    @Transactional
    public Subscription renewalPaid(UUID id) {
        Subscription s = repository.lock(id).orElseThrow();
        if (s.endedAt() == null && (s.status() == Status.TRIALING || s.status() == Status.PAST_DUE)) {
            repository.setStatus(id, Status.ACTIVE, null, now());
            record(s, WebhookEventType.SUBSCRIPTION_ACTIVE);
            record(s, WebhookEventType.SUBSCRIPTION_UPDATED);
            stateChanged(s);
        }
        return repository.find(id).orElseThrow();
    }

    /**
     * A renewal charge was declined: an active or trialing subscription becomes {@code past_due} from now (events
     * {@code subscription.past_due}, {@code subscription.updated}, {@code customer.state_changed}); one already past
     * due keeps its {@code past_due_at}.
     */
    @Transactional
    public Subscription renewalDeclined(UUID id) {
        Subscription s = repository.lock(id).orElseThrow();
        if (s.endedAt() == null && s.status().active()) {
            repository.setStatus(id, Status.PAST_DUE, now(), now());
            record(s, WebhookEventType.SUBSCRIPTION_PAST_DUE);
            record(s, WebhookEventType.SUBSCRIPTION_UPDATED);
            stateChanged(s);
        }
        return repository.find(id).orElseThrow();
    }

    /**
     * Dunning gave up (Polar's rule after the last retry: revoke): the subscription is {@code canceled} and ended now
     * ({@code canceled_at}, {@code ends_at}, {@code ended_at}); events {@code subscription.updated},
     * {@code subscription.canceled}, {@code subscription.revoked}, {@code customer.state_changed}. Nothing for one
     * that ended already.
     */
    @Transactional
    public Subscription endAfterFailedDunning(UUID id) {
        Subscription s = repository.lock(id).orElseThrow();
        if (s.endedAt() == null && s.status() != Status.CANCELED) {
            repository.end(id, now());
            record(s, WebhookEventType.SUBSCRIPTION_UPDATED);
            record(s, WebhookEventType.SUBSCRIPTION_CANCELED);
            record(s, WebhookEventType.SUBSCRIPTION_REVOKED);
            stateChanged(s);
        }
        return repository.find(id).orElseThrow();
    }

    /**
     * The customer saved a new payment method (the portal): renewals of its live subscriptions (active, trialing,
     * past_due) charge it from now on, and a {@code past_due} one is retried now instead of at its next dunning
     * date (Polar's {@code schedule_retry_for_past_due_orders}). Events {@code subscription.updated} for each.
     */
    @Transactional
    public List<Subscription> usePaymentMethod(UUID organizationId, UUID customerId, String stripePaymentMethodId) {
        List<Subscription> live = repository.lockLiveOfCustomer(organizationId, customerId);
        for (Subscription s : live) {
            if (!stripePaymentMethodId.equals(s.stripePaymentMethodId())) {
                repository.setPaymentMethod(s.id(), stripePaymentMethodId, now());
                record(s, WebhookEventType.SUBSCRIPTION_UPDATED);
            }
        }
        events.publishEvent(new PaymentMethodChanged(organizationId, customerId, stripePaymentMethodId,
                live.stream().map(Subscription::id).toList(),
                live.stream().filter(s -> s.status() == Status.PAST_DUE).map(Subscription::id).toList()));
        return live.stream().map(s -> repository.find(s.id()).orElseThrow()).toList();
    }

    /** Whether a live subscription of the customer (active, trialing or past_due) is billed with the payment method. */
    @Transactional(readOnly = true)
    public boolean billsWith(UUID organizationId, UUID customerId, String stripePaymentMethodId) {
        return repository.billsWith(organizationId, customerId, stripePaymentMethodId);
    }

    /**
     * The payment method a subscription's checkout saved, found later (a subscription made before Kassa recorded it):
     * set only if the subscription has none. Not a change the merchant made, so no event.
     */
    @Transactional
    public boolean adoptPaymentMethod(UUID id, String stripePaymentMethodId) {
        return repository.adoptPaymentMethod(id, stripePaymentMethodId);
    }

    /**
     * The test clock: every moment of the subscription's timeline (period, trial, start, end, cancellation,
     * past-due) moves {@code by} into the past, so that what was due later is due now.
     */
    @Transactional
    public void shiftTimeline(UUID id, Duration by) {
        repository.shift(id, by);
    }

    /** The merchant's {@code Subscription} schema, as a webhook or an answer carries it. */
    @Transactional(readOnly = true)
    public dev.kassa.subscription.schemas.Subscription view(UUID organizationId, UUID id) {
        return subscriptions.get(organizationId, id);
    }

    private void record(Subscription s, WebhookEventType type) {
        UUID organizationId = s.organizationId();
        UUID id = s.id();
        webhooks.record(organizationId, type, id, () -> subscriptions.get(organizationId, id));
    }

    private void stateChanged(Subscription s) {
        UUID organizationId = s.organizationId();
        UUID customerId = s.customerId();
        webhooks.record(organizationId, WebhookEventType.CUSTOMER_STATE_CHANGED, customerId, () -> CustomerSchemas.state(
                customers.findById(organizationId, customerId).orElseThrow(),
                subscriptions.findActiveByCustomer(organizationId, customerId)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
