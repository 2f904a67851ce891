package dev.kassa.subscription;

import dev.kassa.subscription.Subscription.Status;
import dev.kassa.webhook.WebhookEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Polar's cancellation rules ({@code Subscription.can_cancel}, {@code can_uncancel}, {@code _perform_cancellation},
 * {@code uncancel}, the revoke branch of {@code cycle}) and the events its {@code _after_subscription_updated} sends
 * for a change, as pure functions of the row.
 */
final class SubscriptionLifecycle {

    /** Polar's {@code billable_statuses}: what can still be canceled or revoked. */
    static final Set<Status> BILLABLE = Set.of(Status.ACTIVE, Status.TRIALING, Status.PAST_DUE);
    /** Polar's {@code revoked_statuses}. */
    static final Set<Status> REVOKED = Set.of(Status.CANCELED, Status.UNPAID);

    private SubscriptionLifecycle() {
    }

    /** Immediately (revoke): billable and not ended. At period end: also not already scheduled to end. */
    static boolean canCancel(Subscription s, boolean immediately) {
        if (!BILLABLE.contains(s.status()) || s.endedAt() != null) {
            return false;
        }
        return immediately || !(s.cancelAtPeriodEnd() || s.endsAt() != null);
    }

    static boolean canUncancel(Subscription s) {
        return s.cancelAtPeriodEnd() && BILLABLE.contains(s.status());
    }

    /**
     * Cancel at period end: {@code canceled_at} now, {@code ends_at} the period's end. A reason or comment replaces
     * the stored one only when given (Polar keeps the previous one otherwise).
     */
    static Subscription cancelAtPeriodEnd(Subscription s, Instant now, String reason, String comment) {
        return with(s, s.status(), true, now, s.currentPeriodEnd(), s.endedAt(), reasonOr(reason, s), commentOr(comment, s), now);
    }

    /** Revoke: canceled and ended now. {@code cancel_at_period_end} is left as it was, as Polar leaves it. */
    static Subscription revoke(Subscription s, Instant now, String reason, String comment) {
        return with(s, Status.CANCELED, s.cancelAtPeriodEnd(), now, now, now, reasonOr(reason, s), commentOr(comment, s), now);
    }

    /** Uncancel: no longer scheduled to end; the buyer's reason and comment are cleared. */
    static Subscription uncancel(Subscription s, Instant now) {
        return with(s, s.status(), false, null, null, null, null, null, now);
    }

    /** The end of a subscription canceled at period end (Polar's {@code cycle} with {@code cancel_at_period_end}). */
    static Subscription end(Subscription s, Instant now) {
        return with(s, Status.CANCELED, s.cancelAtPeriodEnd(), s.canceledAt(), s.endsAt(), now,
                s.customerCancellationReason(), s.customerCancellationComment(), now);
    }

    /**
     * The subscription events of a change, in Polar's order: {@code subscription.updated} always, then
     * {@code uncanceled} when {@code canceled_at} was cleared, {@code canceled} when it was set (or when an already
     * canceled subscription is revoked), {@code revoked} when the status became a revoked one.
     */
    static List<WebhookEventType> events(Subscription before, Subscription after) {
        boolean wasCanceled = before.canceledAt() != null;
        boolean isCanceled = after.canceledAt() != null;
        boolean becameRevoked = REVOKED.contains(after.status()) && !REVOKED.contains(before.status());
        List<WebhookEventType> events = new ArrayList<>(List.of(WebhookEventType.SUBSCRIPTION_UPDATED));
        if (!isCanceled && wasCanceled) {
            events.add(WebhookEventType.SUBSCRIPTION_UNCANCELED);
        }
        if ((isCanceled && !wasCanceled) || (becameRevoked && wasCanceled)) {
            events.add(WebhookEventType.SUBSCRIPTION_CANCELED);
        }
        if (becameRevoked) {
            events.add(WebhookEventType.SUBSCRIPTION_REVOKED);
        }
        return events;
    }

    private static String reasonOr(String reason, Subscription s) {
        return reason != null ? reason : s.customerCancellationReason();
    }

    private static String commentOr(String comment, Subscription s) {
        return comment != null && !comment.isEmpty() ? comment : s.customerCancellationComment();
    }

    private static Subscription with(Subscription s, Status status, boolean cancelAtPeriodEnd, Instant canceledAt,
            Instant endsAt, Instant endedAt, String reason, String comment, Instant modifiedAt) {
        return new Subscription(s.id(), s.organizationId(), s.customerId(), s.productId(), s.priceId(), status, s.amount(),
                s.currency(), s.recurringInterval(), s.recurringIntervalCount(), s.currentPeriodStart(),
                s.currentPeriodEnd(), s.trialStart(), s.trialEnd(), cancelAtPeriodEnd, s.startedAt(), endsAt, endedAt,
                canceledAt, s.discountId(), s.checkoutId(), s.customFieldData(), s.metadata(), s.createdAt(), modifiedAt,
                reason, comment, s.pastDueAt(), s.stripePaymentMethodId());
    }
}
