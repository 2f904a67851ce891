package dev.kassa.renewal;

import dev.kassa.order.OrderDraft;
import dev.kassa.subscription.Subscription;
import java.time.Instant;
import java.util.UUID;

/**
 * What the next period of a subscription costs, priced outside any transaction (tax is a network call) for the
 * subscription as observed ({@code observed}); the renewal only goes ahead while the subscription is unchanged in
 * what the price depends on. {@code discountId} is the discount still applied (null once its duration is over:
 * {@code dropDiscount} then removes it from the subscription). {@code order} is the cycle's order, {@code total}
 * what is charged, {@code description}/{@code statementDescriptorSuffix} what the buyer's statement shows.
 */
record RenewalQuote(Subscription observed, Instant periodStart, Instant periodEnd, UUID discountId, boolean dropDiscount,
        long total, OrderDraft order, String description, String statementDescriptorSuffix) {

    /** Whether {@code current} (its timeline moved {@code shift} into the past) is still what this quote priced. */
    boolean stillPrices(Subscription current, java.time.Duration shift) {
        return current.id().equals(observed.id()) && current.currentPeriodEnd().equals(observed.currentPeriodEnd().minus(shift))
                && current.amount() == observed.amount() && current.currency().equals(observed.currency())
                && current.priceId().equals(observed.priceId()) && java.util.Objects.equals(current.discountId(), observed.discountId());
    }

    /** The same quote for the subscription's timeline moved {@code by} into the past (the test clock). */
    RenewalQuote shiftedBack(java.time.Duration by) {
        if (by.isZero()) {
            return this;
        }
        OrderDraft o = order;
        OrderDraft shifted = new OrderDraft(o.organizationId(), o.customerId(), o.productId(), o.productPriceId(), o.discountId(),
                o.checkoutId(), o.subscriptionId(), o.billingReason(), o.subtotalAmount(), o.discountAmount(), o.taxAmount(),
                o.currency(), o.billingName(), o.billingAddress(), o.taxId(), o.customFieldData(), o.metadata(),
                o.stripePaymentIntentId(), o.stripeChargeId(), o.items().stream().map(i -> new OrderDraft.ItemDraft(i.label(),
                        i.amount(), i.taxAmount(), i.proration(), i.productPriceId(), i.periodStart().minus(by),
                        i.periodEnd().minus(by))).toList());
        return new RenewalQuote(observed, periodStart.minus(by), periodEnd.minus(by), discountId, dropDiscount, total, shifted,
                description, statementDescriptorSuffix);
    }
}
