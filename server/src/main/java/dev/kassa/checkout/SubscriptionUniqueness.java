package dev.kassa.checkout;

import dev.kassa.product.Product;
import dev.kassa.product.ProductService;
import dev.kassa.subscription.SubscriptionService;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One subscription per buyer and organization (reference 7.4, step 15): a checkout for a recurring product answers
 * 403 {@link AlreadyActiveSubscriptionError} when its customer, or with no customer yet a live customer with its
 * email (case-insensitive), already has an active, trialing or past-due subscription with the organization. Kassa's
 * organizations never allow several (they answer {@code allow_multiple_subscriptions: false}); an upgrade checkout
 * (one with a {@code subscription_id}) is exempt.
 *
 * <p>Polar checks this on every update, confirm included, but a subscription only exists once a payment has
 * succeeded, so two checkouts paid at once would both pass. Kassa's confirm also checks, under the customer's row
 * lock, that no other checkout of the customer for a recurring product is paying ({@code confirmed}) right now: of
 * two tabs paying at once, exactly one makes a subscription, and the other can pay later if the first fails.
 */
@Component
class SubscriptionUniqueness {

    private final SubscriptionService subscriptions;
    private final CheckoutRepository checkouts;
    private final ProductService products;

    SubscriptionUniqueness(SubscriptionService subscriptions, CheckoutRepository checkouts, ProductService products) {
        this.subscriptions = subscriptions;
        this.checkouts = checkouts;
        this.products = products;
    }

    /** The update's check, by the checkout's customer or its email. */
    void requireNoneActive(CheckoutRow row, Product product) {
        if (applies(row, product) && subscriptions.hasBillableSubscription(row.organizationId, row.customerId,
                row.customerId == null ? row.customerEmail : null)) {
            throw new AlreadyActiveSubscriptionError();
        }
    }

    /**
     * The confirm's check, once its customer is known and its row locked ({@code FOR UPDATE}, which serializes one
     * buyer's confirms): no billable subscription, and no other recurring purchase of the customer being paid.
     */
    void requireNoneActiveOrPaying(CheckoutRow row, Product product, UUID lockedCustomerId) {
        if (!applies(row, product)) {
            return;
        }
        if (subscriptions.hasBillableSubscription(row.organizationId, lockedCustomerId, null)) {
            throw new AlreadyActiveSubscriptionError();
        }
        List<UUID> paying = checkouts.productsPayingFor(lockedCustomerId, row.id);
        if (!paying.isEmpty() && products.findProducts(row.organizationId, paying).values().stream().anyMatch(Product::recurring)) {
            throw new AlreadyActiveSubscriptionError();
        }
    }

    private static boolean applies(CheckoutRow row, Product product) {
        return product.recurring() && row.subscriptionId == null && (row.customerId != null || row.customerEmail != null);
    }
}
