package dev.kassa.subscription.schemas;

import dev.kassa.customer.schemas.CustomerSchemas;
import dev.kassa.customfield.CustomField;
import dev.kassa.discount.Discount;
import dev.kassa.discount.schemas.DiscountEmbeds;
import dev.kassa.organization.Organization;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.schemas.ProductSchemas;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the subscription's response records. */
public final class SubscriptionSchemas {

    private SubscriptionSchemas() {
    }

    /**
     * The merchant's {@code Subscription}. {@code price} is the subscription's price (it may be archived since).
     * The product is not deletable: this subscription refers to it.
     */
    public static Subscription merchant(dev.kassa.subscription.Subscription s, dev.kassa.customer.Customer customer,
            Product product, Map<UUID, CustomField> fields, Discount discount, ProductPrice price) {
        return new Subscription(base(s), s.metadata(), s.customFieldData(), CustomerSchemas.customer(customer),
                ProductSchemas.product(product, fields, false),
                discount == null ? null : DiscountEmbeds.base(discount), prices(price, product), List.of(), null);
    }

    /** The buyer's {@code CustomerSubscription}: no metadata, the product as the portal shows it. */
    public static CustomerSubscription portal(dev.kassa.subscription.Subscription s, Product product,
            Organization organization, ProductPrice price) {
        return new CustomerSubscription(base(s), ProductSchemas.customerPortal(product, organization),
                prices(price, product), List.of(), null);
    }

    public static OrderSubscription order(dev.kassa.subscription.Subscription s) {
        return new OrderSubscription(s.metadata(), base(s));
    }

    public static CustomerOrderSubscription customerOrder(dev.kassa.subscription.Subscription s) {
        return new CustomerOrderSubscription(base(s));
    }

    public static SubscriptionBase base(dev.kassa.subscription.Subscription s) {
        return new SubscriptionBase(s.createdAt(), s.modifiedAt(), s.id(), s.amount(), s.currency(),
                s.recurringInterval().wireName(), s.recurringIntervalCount(), s.status().wireName(),
                s.currentPeriodStart(), s.currentPeriodEnd(), s.currentPeriodStart(), s.currentPeriodEnd(),
                s.trialStart(), s.trialEnd(), s.cancelAtPeriodEnd(), s.canceledAt(), s.startedAt(), s.endsAt(),
                s.endedAt(), false, null, null, s.customerId(), s.productId(), s.discountId(), s.checkoutId(), null,
                null, s.customerCancellationReason(), s.customerCancellationComment());
    }

    private static List<dev.kassa.product.schemas.ProductPrice> prices(ProductPrice price, Product product) {
        return price == null ? List.of() : List.of(ProductSchemas.price(price, product));
    }
}
