package dev.kassa.subscription;

import dev.kassa.customer.CustomerService;
import dev.kassa.customer.schemas.CustomerSchemas;
import dev.kassa.organization.OrganizationService;
import dev.kassa.organization.schemas.OrganizationCustomerPortalSettings;
import dev.kassa.organization.schemas.OrganizationSchemas;
import dev.kassa.platform.web.ApiError;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.subscription.SubscriptionChangeRequests.Change;
import dev.kassa.subscription.SubscriptionErrors.AlreadyCanceledSubscription;
import dev.kassa.subscription.SubscriptionErrors.NoScheduledPause;
import dev.kassa.subscription.SubscriptionErrors.NotASeatBasedSubscription;
import dev.kassa.subscription.SubscriptionErrors.NotAUnitBasedSubscription;
import dev.kassa.subscription.SubscriptionErrors.NotPausedSubscription;
import dev.kassa.subscription.SubscriptionErrors.PauseResumeNotAllowed;
import dev.kassa.subscription.SubscriptionErrors.ResourceUnavailable;
import dev.kassa.subscription.SubscriptionErrors.SubscriptionNotScheduledToCancel;
import dev.kassa.subscription.SubscriptionErrors.UpdateSubscriptionPlanNotAllowed;
import dev.kassa.subscription.SubscriptionErrors.UpdateSubscriptionSeatsNotAllowed;
import dev.kassa.subscription.SubscriptionErrors.UpdateSubscriptionUnitsNotAllowed;
import dev.kassa.subscription.schemas.CustomerSubscription;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What merchants and buyers change on a subscription after its checkout (cancel at period end, uncancel, revoke,
 * metadata), and the end of a subscription canceled at period end. Each use case is one transaction that locks the
 * subscription row ({@code FOR UPDATE}), so concurrent changes of one subscription apply one after the other, each
 * seeing the other's result; its webhook events ({@code subscription.updated} and, as Polar sends them,
 * {@code canceled}/{@code uncanceled}/{@code revoked}, then {@code customer.state_changed}) commit with it.
 */
@Service
public class SubscriptionChanges {

    private final SubscriptionChangesRepository repository;
    private final SubscriptionService subscriptions;
    private final CustomerService customers;
    private final OrganizationService organizations;
    private final WebhookEvents webhooks;
    private final Clock clock;

    SubscriptionChanges(SubscriptionChangesRepository repository, SubscriptionService subscriptions,
            CustomerService customers, OrganizationService organizations, WebhookEvents webhooks, Clock clock) {
        this.repository = repository;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.organizations = organizations;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * Ends a subscription canceled at period end whose end ({@code ends_at}, or {@code current_period_end} if that
     * came first) has passed: {@code canceled}, {@code ended_at} now, with Polar's events of that moment
     * ({@code subscription.updated}, {@code canceled}, {@code revoked}, {@code customer.state_changed}). Locks the row,
     * so it is safe to call concurrently and again: only the first call ends it.
     *
     * @return whether this call ended it (false: unknown, not canceled at period end, not due yet, or already ended)
     */
    @Transactional
    public boolean endCanceledAtPeriodEnd(UUID subscriptionId) {
        Subscription current = repository.lock(subscriptionId).orElse(null);
        Instant now = now();
        if (current == null || !current.cancelAtPeriodEnd() || current.endedAt() != null
                || !SubscriptionLifecycle.BILLABLE.contains(current.status()) || !due(current, now)) {
            return false;
        }
        apply(current, SubscriptionLifecycle.end(current, now));
        return true;
    }

    /**
     * Polar's {@code cancel_customer}, for a customer being deleted: revokes each of its {@code active},
     * {@code trialing} and {@code past_due} subscriptions now, with the events of a revoke, in the caller's
     * transaction (so a deleted customer is never charged again).
     *
     * @return how many it revoked
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeAllOfCustomer(UUID organizationId, UUID customerId) {
        List<Subscription> billable = repository.lockBillableOfCustomer(organizationId, customerId);
        Instant now = now();
        billable.forEach(s -> apply(s, SubscriptionLifecycle.revoke(s, now, null, null)));
        return billable.size();
    }

    /** {@code PATCH /v1/subscriptions/{id}}. */
    @Transactional
    dev.kassa.subscription.schemas.Subscription update(UUID organizationId, UUID id, Change change) {
        Subscription current = repository.lock(organizationId, id, null).orElseThrow(ResourceNotFound::new);
        change(current, change);
        return subscriptions.get(organizationId, id);
    }

    /** {@code DELETE /v1/subscriptions/{id}}: revoke now. */
    @Transactional
    dev.kassa.subscription.schemas.Subscription revoke(UUID organizationId, UUID id) {
        return update(organizationId, id, new Change.Revoke(null, null));
    }

    /** {@code PATCH /v1/customer-portal/subscriptions/{id}}. */
    @Transactional
    CustomerSubscription portalUpdate(UUID organizationId, UUID customerId, UUID id, Change change) {
        Subscription current = repository.lock(organizationId, id, customerId).orElseThrow(ResourceNotFound::new);
        OrganizationCustomerPortalSettings.Subscription settings = OrganizationSchemas.customerPortalSettings(
                organizations.get(organizationId)).subscription();
        Change allowed = switch (change) {
            case Change.PortalProduct p -> {
                if (!settings.updatePlan()) {
                    throw new UpdateSubscriptionPlanNotAllowed();
                }
                yield new Change.Unsupported("product_id", p.productId().toString(), SubscriptionChangeRequests.PRODUCT_CHANGE);
            }
            case Change.PortalSeats s -> {
                if (!settings.updateSeats()) {
                    throw new UpdateSubscriptionSeatsNotAllowed();
                }
                yield new Change.Seats();
            }
            // Kassa's portal settings have no update_units: unit changes are never allowed.
            case Change.PortalUnits u -> throw new UpdateSubscriptionUnitsNotAllowed();
            // Nor pause, which Polar's settings default to false.
            case Change.PortalPauseOrResume p -> throw new PauseResumeNotAllowed();
            default -> change;
        };
        change(current, allowed);
        return subscriptions.portalGet(organizationId, customerId, id);
    }

    /** {@code DELETE /v1/customer-portal/subscriptions/{id}}: cancel at period end. */
    @Transactional
    CustomerSubscription portalCancel(UUID organizationId, UUID customerId, UUID id) {
        return portalUpdate(organizationId, customerId, id, new Change.Cancel(null, null));
    }

    private void change(Subscription current, Change change) {
        Instant now = now();
        switch (change) {
            case Change.Cancel c -> {
                if (!SubscriptionLifecycle.canCancel(current, false)) {
                    throw new AlreadyCanceledSubscription();
                }
                apply(current, SubscriptionLifecycle.cancelAtPeriodEnd(current, now, c.reason(), c.comment()));
            }
            case Change.Revoke r -> {
                if (!SubscriptionLifecycle.canCancel(current, true)) {
                    throw new AlreadyCanceledSubscription();
                }
                apply(current, SubscriptionLifecycle.revoke(current, now, r.reason(), r.comment()));
            }
            case Change.Uncancel u -> {
                if (current.endedAt() != null) {
                    throw new ResourceUnavailable();
                }
                if (!SubscriptionLifecycle.canUncancel(current)) {
                    throw new SubscriptionNotScheduledToCancel();
                }
                apply(current, SubscriptionLifecycle.uncancel(current, now));
            }
            case Change.SetMetadata m -> {
                repository.saveMetadata(current.id(), m.metadata(), now);
                recordEvents(current, List.of(WebhookEventType.SUBSCRIPTION_UPDATED));
            }
            case Change.Seats s -> throw seatsOrUnits(current, new NotASeatBasedSubscription());
            case Change.Units u -> throw seatsOrUnits(current, new NotAUnitBasedSubscription());
            case Change.CancelScheduledPause p -> throw new NoScheduledPause();
            case Change.Resume r -> throw new NotPausedSubscription();
            case Change.ClearPendingUpdate c -> throw RequestValidationError.service("value_error",
                    List.of("body", "pending_update"), "This subscription has no pending update to clear.", null);
            case Change.Unsupported u -> throw RequestValidationError.service("value_error",
                    List.of("body", u.field()), u.message(), u.input());
            case Change.Nothing n -> {
            }
            case Change.PortalProduct p -> throw new IllegalArgumentException("portal change " + p);
            case Change.PortalSeats p -> throw new IllegalArgumentException("portal change " + p);
            case Change.PortalUnits p -> throw new IllegalArgumentException("portal change " + p);
            case Change.PortalPauseOrResume p -> throw new IllegalArgumentException("portal change " + p);
        }
    }

    /** Polar checks a seat or unit change against cancellation first, then against the prices. */
    private static ApiError seatsOrUnits(Subscription current, ApiError notBased) {
        if (SubscriptionLifecycle.REVOKED.contains(current.status()) || current.cancelAtPeriodEnd()) {
            return new AlreadyCanceledSubscription();
        }
        return notBased;
    }

    private void apply(Subscription before, Subscription after) {
        repository.saveCancellation(after);
        recordEvents(before, SubscriptionLifecycle.events(before, after));
    }

    /** The subscription's events, then the customer's state; every payload is rendered at commit. */
    private void recordEvents(Subscription s, List<WebhookEventType> events) {
        UUID organizationId = s.organizationId();
        UUID id = s.id();
        for (WebhookEventType type : events) {
            webhooks.record(organizationId, type, id, () -> subscriptions.get(organizationId, id));
        }
        UUID customerId = s.customerId();
        webhooks.record(organizationId, WebhookEventType.CUSTOMER_STATE_CHANGED, customerId, () -> CustomerSchemas.state(
                customers.findById(organizationId, customerId).orElseThrow(),
                subscriptions.findActiveByCustomer(organizationId, customerId)));
    }

    private static boolean due(Subscription s, Instant now) {
        Instant end = s.endsAt() == null ? s.currentPeriodEnd()
                : s.currentPeriodEnd() == null || s.endsAt().isBefore(s.currentPeriodEnd()) ? s.endsAt() : s.currentPeriodEnd();
        return end != null && !end.isAfter(now);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
